"""`Idempotency-Key` on a batch: the first complete answer is replayed, the key with another
request is a 409, a retry while the first runs is a 409, and a batch cut short is taken over."""

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from service.article import repository
from service.article import service as articles
from service.idempotency import service as idempotency
from service.models import ApiKey, Article
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]


def _count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Article)).scalar_one()


def _batch(client: TestClient, items: list[dict[str, Any]], headers: dict[str, str]) -> Any:
    return client.post("/v1/articles/batch", json={"articles": items}, headers=headers)


def test_a_retried_batch_replays_its_first_answer(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = {**auth(), "Idempotency-Key": "batch-1"}
    items = [article_payload(), article_payload(published_at="yesterday"), article_payload()]

    first = _batch(client, items, headers)
    second = _batch(client, items, headers)

    assert first.status_code == second.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == [201, 422, 201]
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert second.headers["connection"] == "close"
    assert _count(session) == 2


def test_the_key_with_another_batch_is_409(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = {**auth(), "Idempotency-Key": "batch-2"}
    _batch(client, [article_payload()], headers)

    response = _batch(client, [article_payload()], headers)

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:parley:problem:idempotency-key-reused"
    assert _count(session) == 1


def test_a_key_of_the_single_route_is_another_request_on_the_batch_route(
    client: TestClient, auth: Auth
) -> None:
    headers = {**auth(), "Idempotency-Key": "shared"}
    payload = article_payload()
    client.post("/v1/articles", json=payload, headers=headers)

    response = _batch(client, [payload], headers)

    assert response.status_code == 409


def test_an_answer_with_a_passing_item_failure_is_not_replayed(
    client: TestClient, auth: Auth, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert = repository.insert_article
    failures = iter([True])

    def fail_once(session: Session, values: dict[str, Any]) -> Any:
        if values["external_id"] == "flaky" and next(failures, False):
            raise OperationalError("INSERT", {}, psycopg.errors.QueryCanceled("timeout"))
        return insert(session, values)

    monkeypatch.setattr(repository, "insert_article", fail_once)
    headers = {**auth(), "Idempotency-Key": "batch-3"}
    items = [article_payload(external_id="steady"), article_payload(external_id="flaky")]

    first = _batch(client, items, headers)
    retry = _batch(client, items, headers)

    assert [r["status"] for r in first.json()["results"]] == [201, 503]
    assert "idempotent-replayed" not in retry.headers
    assert [r["status"] for r in retry.json()["results"]] == [200, 201]
    assert _batch(client, items, headers).json() == retry.json()
    assert _count(session) == 2


@pytest.fixture
def key_id(committing_engine: Engine) -> Callable[[], uuid.UUID]:
    def newest() -> uuid.UUID:
        with Session(committing_engine) as session:
            found: uuid.UUID = session.execute(
                select(ApiKey.id).order_by(ApiKey.created_at.desc()).limit(1)
            ).scalar_one()
        return found

    return newest


@pytest.fixture
def holder(committing_engine: Engine) -> Iterator[Session]:
    """Another connection, standing in for a worker running a batch under a key."""
    # a connection of its own: a session on the engine would hand it back to the pool at
    # each commit, still holding the lock, for the next request to pick up
    with committing_engine.connect() as connection, Session(bind=connection) as session:
        yield session
        # never hand a pooled connection back holding a session lock
        connection.invalidate()


def test_a_batch_cut_short_is_taken_over_by_its_retry(
    committed_client: TestClient,
    committed_auth: Auth,
    key_id: Callable[[], uuid.UUID],
    holder: Session,
    committing_engine: Engine,
) -> None:
    headers = {**committed_auth(), "Idempotency-Key": "cut-short"}
    items = [article_payload(external_id=f"cut-{n}") for n in range(3)]
    # what a worker killed after its first item leaves: that item stored, the key claimed
    # without an answer, and the worker's connection (so its hold on the key) gone
    committed_client.post("/v1/articles", json=items[0], headers=headers | {"Idempotency-Key": "x"})
    fingerprint = articles.batch_fingerprint(items)
    assert idempotency.begin_held(holder, key_id(), "cut-short", fingerprint) is None
    # the worker's connection gone, and its hold with it; released outright rather than by
    # closing the connection, whose server process lets go of its locks only as it exits
    idempotency.release(holder, key_id(), "cut-short")
    holder.commit()

    retry = _batch(committed_client, items, headers)

    assert retry.status_code == 200
    results = retry.json()["results"]
    assert [r["status"] for r in results] == [200, 201, 201]
    assert results[0]["result"]["reason"] == "external_id"
    with Session(committing_engine) as session:
        assert _count(session) == 3
    assert _batch(committed_client, items, headers).headers["idempotent-replayed"] == "true"


def test_a_retry_while_the_batch_still_runs_is_409_with_retry_after(
    committed_client: TestClient,
    committed_auth: Auth,
    key_id: Callable[[], uuid.UUID],
    holder: Session,
) -> None:
    headers = {**committed_auth(), "Idempotency-Key": "running"}
    items = [article_payload()]
    assert (
        idempotency.begin_held(holder, key_id(), "running", articles.batch_fingerprint(items))
        is None
    )
    holder.commit()

    while_running = _batch(committed_client, items, headers)
    idempotency.release(holder, key_id(), "running")
    holder.commit()
    after = _batch(committed_client, items, headers)

    assert while_running.status_code == 409
    assert while_running.json()["type"] == "urn:parley:problem:idempotency-key-in-progress"
    assert while_running.headers["retry-after"] == "1"
    assert after.status_code == 200
    assert after.json()["results"][0]["status"] == 201
