"""Unknown keys are remembered for a while, and each key has a request budget (429)."""

import time
import uuid
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.apikey.service import find_active_key
from service.core.auth import KeyBudget, KeyCache, StoredKey, generate_token
from service.core.config import Settings


def _count_lookups(app: FastAPI, session: Session) -> list[bytes]:
    seen: list[bytes] = []

    def lookup(digest: bytes) -> StoredKey | None:
        seen.append(digest)
        return find_active_key(session, digest)

    app.state.key_lookup_override = lookup
    return seen


def test_an_unknown_key_is_looked_up_once_while_remembered(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    app.state.key_cache = KeyCache(unknown_seconds=60)
    seen = _count_lookups(app, session)
    headers = {"Authorization": f"Bearer {generate_token()}"}

    statuses = [client.get("/v1/meetings", headers=headers).status_code for _ in range(5)]

    assert statuses == [401] * 5
    assert len(seen) == 1


def test_unknown_keys_are_not_remembered_with_the_setting_at_zero(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    app.state.key_cache = KeyCache(unknown_seconds=0)
    seen = _count_lookups(app, session)
    headers = {"Authorization": f"Bearer {generate_token()}"}

    for _ in range(3):
        client.get("/v1/meetings", headers=headers)

    assert len(seen) == 3


def test_the_default_settings_remember_unknown_keys_and_budget_generously() -> None:
    settings = Settings()

    assert 0 < settings.unknown_key_cache_s <= 60
    assert settings.key_rate_per_s >= 100
    assert settings.key_burst >= settings.key_rate_per_s


def test_a_key_over_its_budget_is_429_with_retry_after(
    app: FastAPI, client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    app.state.key_budget = KeyBudget(rate=0.5, burst=3)
    headers = auth()

    statuses = [client.get("/v1/meetings", headers=headers).status_code for _ in range(3)]
    refused = client.get("/v1/meetings", headers=headers)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == "2"
    assert refused.json()["type"] == "urn:parley:problem:too-many-requests"


def test_the_budget_is_per_key(
    app: FastAPI, client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    app.state.key_budget = KeyBudget(rate=0.5, burst=1)
    first, second = auth(), auth()

    assert client.get("/v1/meetings", headers=first).status_code == 200
    assert client.get("/v1/meetings", headers=first).status_code == 429
    assert client.get("/v1/meetings", headers=second).status_code == 200


def test_the_budget_refills_over_time() -> None:
    budget = KeyBudget(rate=1000, burst=1)
    key = uuid.uuid4()
    budget.take(key)
    time.sleep(0.01)

    budget.take(key)  # a token came back: no 429


def test_a_rate_of_zero_is_no_limit() -> None:
    budget = KeyBudget(rate=0, burst=1)
    key = uuid.uuid4()

    for _ in range(100):
        budget.take(key)
