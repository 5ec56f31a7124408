"""Batch ingest: an item whose transaction fails in the database gets a problem of its own and
the other items are stored; the batch runs on one connection, whose loss costs one item."""

import json
import socket
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from service.article import repository
from service.core.auth import TOKEN_PREFIX
from service.core.db import HeldUnits, create_session_factory
from service.models import Article
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]
FAILING = "batch-failing"


def _fail_insert_of(
    monkeypatch: pytest.MonkeyPatch, error: Callable[[Session], BaseException]
) -> None:
    """Make the article insert of the item with external id FAILING raise `error(session)`."""
    insert = repository.insert_article

    def failing(session: Session, values: dict[str, Any]) -> Any:
        if values["external_id"] == FAILING:
            raise error(session)
        return insert(session, values)

    monkeypatch.setattr(repository, "insert_article", failing)


def _items() -> list[dict[str, Any]]:
    return [
        article_payload(external_id="batch-0"),
        article_payload(external_id=FAILING),
        article_payload(external_id="batch-2"),
    ]


def _stored(session: Session) -> list[str | None]:
    return list(
        session.execute(select(Article.external_id).order_by(Article.external_id)).scalars()
    )


@pytest.mark.parametrize(
    ("error", "status", "title"),
    [
        (
            lambda _: IntegrityError(
                "INSERT", {}, psycopg.errors.UniqueViolation("duplicate key value")
            ),
            409,
            "Concurrent ingest",
        ),
        (
            lambda _: OperationalError(
                "INSERT", {}, psycopg.errors.QueryCanceled("canceling statement due to timeout")
            ),
            503,
            "Service unavailable",
        ),
        (
            lambda _: OperationalError(
                "INSERT", {}, psycopg.errors.DeadlockDetected("deadlock detected")
            ),
            503,
            "Service unavailable",
        ),
        (lambda _: RuntimeError("a bug"), 500, "Article not stored"),
    ],
    ids=["integrity", "operational", "conflict-after-retries", "unexpected"],
)
def test_a_failing_item_gets_a_problem_and_the_others_are_stored(
    client: TestClient,
    auth: Auth,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    error: Callable[[Session], BaseException],
    status: int,
    title: str,
) -> None:
    _fail_insert_of(monkeypatch, error)

    response = client.post("/v1/articles/batch", json={"articles": _items()}, headers=auth())

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, status, 201]
    problem = results[1]["problem"]
    assert (problem["status"], problem["title"]) == (status, title)
    assert "not stored" in problem["detail"] or "retry" in problem["detail"]
    assert results[1]["result"] is None
    assert _stored(session) == ["batch-0", "batch-2"]


def test_a_real_constraint_violation_fails_only_its_item(
    client: TestClient, auth: Auth, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def violate(session: Session) -> BaseException:
        # the database itself refuses: a second source with a key already taken
        try:
            session.execute(text("INSERT INTO sources (key, name) SELECT key, name FROM sources"))
        except IntegrityError as exc:
            return exc
        raise AssertionError("the insert should have been refused")

    _fail_insert_of(monkeypatch, violate)

    response = client.post("/v1/articles/batch", json={"articles": _items()}, headers=auth())

    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, 409, 201]
    assert results[1]["problem"]["type"] == "urn:parley:problem:concurrent-ingest"
    assert _stored(session) == ["batch-0", "batch-2"]


def test_a_refused_row_that_is_no_conflict_is_an_item_error(
    client: TestClient, auth: Auth, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def violate(session: Session) -> BaseException:
        try:
            session.execute(text("INSERT INTO sources (key) VALUES ('nameless')"))
        except IntegrityError as exc:  # the check: a source needs a name or a domain
            return exc
        raise AssertionError("the insert should have been refused")

    _fail_insert_of(monkeypatch, violate)

    response = client.post("/v1/articles/batch", json={"articles": _items()}, headers=auth())

    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, 500, 201]
    assert results[1]["problem"]["title"] == "Article not stored"
    assert _stored(session) == ["batch-0", "batch-2"]


@pytest.fixture
def checkouts(committing_engine: Engine) -> Iterator[list[object]]:
    """Every connection checked out of the pool while the test runs."""
    seen: list[object] = []

    def checkout(dbapi_connection: object, *_: object) -> None:
        seen.append(dbapi_connection)

    event.listen(committing_engine.pool, "checkout", checkout)
    yield seen
    event.remove(committing_engine.pool, "checkout", checkout)


def test_a_batch_checks_out_one_connection_for_all_its_items(
    committed_client: TestClient,
    committed_auth: Auth,
    checkouts: list[object],
    committing_engine: Engine,
) -> None:
    headers = committed_auth()
    committed_client.post(  # authenticates (and caches the key)
        "/v1/articles/batch", json={"articles": [article_payload()]}, headers=headers
    )
    checkouts.clear()

    response = committed_client.post(
        "/v1/articles/batch",
        json={"articles": [article_payload() for _ in range(5)]},
        headers=headers,
    )

    assert [r["status"] for r in response.json()["results"]] == [201] * 5
    assert len(checkouts) == 1
    with committing_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar_one() == 6


def test_a_batch_is_authenticated_before_it_takes_its_connection(
    committed_client: TestClient, checkouts: list[object]
) -> None:
    response = committed_client.post(
        "/v1/articles/batch",
        json={"articles": [article_payload()]},
        headers={"Authorization": f"Bearer {TOKEN_PREFIX}unknown"},
    )

    assert response.status_code == 401
    assert len(checkouts) == 1  # the key lookup's; none was held for the batch meanwhile


def test_a_connection_lost_mid_batch_fails_one_item_and_the_next_reconnect(
    committed_client: TestClient,
    committed_auth: Auth,
    committing_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def drop_connection(session: Session) -> BaseException:
        try:
            session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        except OperationalError as exc:
            return exc
        raise AssertionError("the connection should have been lost")

    _fail_insert_of(monkeypatch, drop_connection)

    response = committed_client.post(
        "/v1/articles/batch", json={"articles": _items()}, headers=committed_auth()
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, 503, 201]
    assert results[1]["problem"]["title"] == "Service unavailable"
    with Session(committing_engine) as session:
        assert _stored(session) == ["batch-0", "batch-2"]


def test_a_database_down_for_the_whole_batch_answers_503(
    committed_client: TestClient, committed_auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = committed_auth()

    def unreachable(self: HeldUnits) -> None:
        raise OperationalError("connect", {}, psycopg.OperationalError("connection refused"))

    monkeypatch.setattr(HeldUnits, "open", unreachable)
    response = committed_client.post(
        "/v1/articles/batch", json={"articles": [article_payload()]}, headers=headers
    )

    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.json()["title"] == "Service unavailable"


def test_held_units_run_on_one_connection_and_commit_each_unit(committing_engine: Engine) -> None:
    with HeldUnits(create_session_factory(committing_engine), committing_engine) as units:
        # a temporary table lives as long as its connection: every unit sees the same one
        units.run(_execute("CREATE TEMP TABLE held (v int)"))
        units.run(_execute("INSERT INTO held VALUES (1)"))
        with pytest.raises(RuntimeError):
            units.run(_execute("INSERT INTO held VALUES (2)", then_fail=True))
        values = units.run(lambda s: s.execute(text("SELECT v FROM held")).scalars().all())
        units.run(_execute("DROP TABLE held"))

    assert values == [1]


def _execute(statement: str, *, then_fail: bool = False) -> Callable[[Session], None]:
    def work(session: Session) -> None:
        session.execute(text(statement))
        if then_fail:
            raise RuntimeError("stop")

    return work


def test_a_single_ingest_losing_a_unique_race_answers_409_like_its_batch_item(
    client: TestClient, auth: Auth, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_insert_of(
        monkeypatch,
        lambda _: IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("duplicate key")),
    )

    response = client.post(
        "/v1/articles", json=article_payload(external_id=FAILING), headers=auth()
    )

    assert response.status_code == 409
    assert response.json()["status"] == 409
    assert _stored(session) == []


def test_a_single_ingest_losing_a_deadlock_once_is_retried_and_stored(
    committed_client: TestClient,
    committed_auth: Callable[..., dict[str, str]],
    committing_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a real unit of work (committed), as the service runs it: the first attempt loses a
    # deadlock, the retry in a fresh transaction stores the article
    insert = repository.insert_article
    attempts: list[str] = []

    def deadlock_once(session: Session, values: dict[str, Any]) -> Any:
        attempts.append(values["external_id"])
        if len(attempts) == 1:
            raise OperationalError("INSERT", {}, psycopg.errors.DeadlockDetected("deadlock"))
        return insert(session, values)

    monkeypatch.setattr(repository, "insert_article", deadlock_once)

    response = committed_client.post(
        "/v1/articles", json=article_payload(external_id=FAILING), headers=committed_auth()
    )

    assert response.status_code == 201
    assert attempts == [FAILING, FAILING]
    with Session(committing_engine) as session:
        assert _stored(session) == [FAILING]


def test_a_batch_answer_over_http_closes_its_connection(
    live_server: str, committed_auth: Auth
) -> None:
    # the next batch is then accepted afresh, by whichever server worker takes it first
    host, port = live_server.removeprefix("http://").split(":")
    body = json.dumps(
        {"articles": [article_payload(external_id=f"batch-close-{uuid.uuid4()}")]}
    ).encode()
    token = committed_auth()["Authorization"]
    request = (
        f"POST /v1/articles/batch HTTP/1.1\r\nHost: {host}\r\nAuthorization: {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        # recv returns b"" once the server has closed; a kept-alive connection would time out
        while chunk := sock.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 200")
    assert b"\r\nconnection: close" in head
