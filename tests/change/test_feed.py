"""The change feed: ordered, resumable, and never skipping a transaction that commits late."""

import time
import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.change import service as changes
from service.change.repository import insert_changes
from service.core.db import create_session_factory, transaction
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]


def _read_all(engine: Engine, after: str | None) -> tuple[list[uuid.UUID], str]:
    with Session(engine) as session:
        page = changes.read(session, after, 200)
    return [c.entity_id for c in page.data], page.next_cursor


def _read_until(engine: Engine, after: str | None, count: int) -> list[uuid.UUID]:
    """The watermark is cluster-wide: other tests' open transactions (other databases, same
    server) hold it back for a moment. The feed may lag; it must not skip."""
    seen: list[uuid.UUID] = []
    deadline = time.monotonic() + 30
    while len(seen) < count and time.monotonic() < deadline:
        batch, after = _read_all(engine, after)
        seen += batch
        if len(seen) < count:
            time.sleep(0.1)
    return seen


def test_a_late_commit_with_a_lower_seq_is_not_skipped(committing_engine: Engine) -> None:
    factory = create_session_factory(committing_engine)
    early, late = uuid.uuid4(), uuid.uuid4()
    slow = factory()
    slow.begin()
    # takes the lower seq now and commits last (what a slow writer does between its insert
    # and its commit)
    insert_changes(slow, [("meeting", early, "created")])
    with transaction(factory) as fast:
        changes.record(fast, "meeting", late, "created")

    seen_before, cursor = _read_all(committing_engine, None)
    slow.commit()
    slow.close()
    seen_after = _read_until(committing_engine, cursor, 2 - len(seen_before))

    assert late not in seen_before  # held back while an older transaction was running
    assert seen_before + seen_after == [early, late]


def test_feed_lists_changes_in_order_and_resumes(
    committed_client: TestClient, committed_auth: Auth, committing_engine: Engine
) -> None:
    client, headers = committed_client, committed_auth()
    ids = [
        client.post("/v1/articles", json=article_payload(), headers=headers).json()["article"]["id"]
        for _ in range(3)
    ]

    assert len(_read_until(committing_engine, None, 3)) == 3

    first = client.get("/v1/changes", params={"limit": 2}, headers=headers).json()
    rest = client.get("/v1/changes", params={"after": first["next_cursor"]}, headers=headers).json()
    idle = client.get("/v1/changes", params={"after": rest["next_cursor"]}, headers=headers).json()

    assert [c["entity_id"] for c in first["data"] + rest["data"]] == ids
    assert {c["op"] for c in first["data"]} == {"created"}
    assert idle == {"data": [], "next_cursor": rest["next_cursor"]}


def test_malformed_position_is_422(client: TestClient, auth: Auth) -> None:
    response = client.get("/v1/changes", params={"after": "yesterday"}, headers=auth())

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "after"]
