"""The database going away under a running app: both pools answer 503 at once, dead pooled
connections are replaced, and the app recovers as soon as the database is back."""

import asyncio
import time
from collections.abc import Callable, Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from service.core.config import Settings
from service.core.connect_gate import ConnectGate
from service.core.db import create_db_engine, libpq_url
from service.core.sql_reads import PooledSqlReads, create_read_pool
from service.main import create_app
from tests.db_proxy import DatabaseProxy
from tests.factories import article_payload

Request = Callable[[TestClient, dict[str, str]], Response]

ROUTES: dict[str, Request] = {
    "GET /v1/meetings": lambda c, h: c.get("/v1/meetings", headers=h),
    "GET /v1/articles": lambda c, h: c.get("/v1/articles", headers=h),
    "GET /v1/participants": lambda c, h: c.get("/v1/participants", headers=h),
    "GET /v1/statements": lambda c, h: c.get("/v1/statements", headers=h),
    "GET /v1/changes": lambda c, h: c.get("/v1/changes", headers=h),
    "POST /v1/articles": lambda c, h: c.post("/v1/articles", headers=h, json=article_payload()),
    "POST /v1/articles/batch": lambda c, h: c.post(
        "/v1/articles/batch", headers=h, json={"articles": [article_payload()]}
    ),
    "GET /readyz": lambda c, _: c.get("/readyz"),
}


@pytest.fixture
def proxied_client(
    proxy: DatabaseProxy, committing_engine: Engine, settings: Settings
) -> Iterator[TestClient]:
    """An app with pools of its own, reaching the test database through the proxy."""
    own = settings.model_copy(update={"database_url": proxy.url()})
    with TestClient(create_app(own), raise_server_exceptions=False) as client:
        yield client


def _timed(request: Request, client: TestClient, headers: dict[str, str]) -> tuple[Response, float]:
    started = time.monotonic()
    response = request(client, headers)
    return response, time.monotonic() - started


def test_every_route_is_503_within_a_second_while_the_database_is_down(
    proxy: DatabaseProxy,
    proxied_client: TestClient,
    committed_auth: Callable[..., dict[str, str]],
) -> None:
    headers = committed_auth()
    for request in ROUTES.values():  # every pool holds connections now
        assert request(proxied_client, headers).status_code < 300
    proxy.cut()

    for route, request in ROUTES.items():
        response, seconds = _timed(request, proxied_client, headers)
        assert response.status_code == 503, (route, response.text)
        assert response.headers["content-type"] == "application/problem+json", route
        assert response.headers["retry-after"], route
        assert seconds < 1.0, (route, seconds)


def test_every_route_recovers_within_two_seconds_of_the_database(
    proxy: DatabaseProxy,
    proxied_client: TestClient,
    committed_auth: Callable[..., dict[str, str]],
) -> None:
    headers = committed_auth()
    for request in ROUTES.values():
        request(proxied_client, headers)
    proxy.cut()
    for request in ROUTES.values():
        assert request(proxied_client, headers).status_code == 503
    time.sleep(1.0)  # long enough for a backoff to grow
    proxy.restore()
    back = time.monotonic()

    for route, request in ROUTES.items():
        while (status := request(proxied_client, headers).status_code) >= 500:
            assert time.monotonic() - back < 2.0, (route, status)
            time.sleep(0.05)
    assert time.monotonic() - back < 2.0


def test_an_unresponsive_database_is_503_within_the_connect_timeout(
    proxy: DatabaseProxy,
    proxied_client: TestClient,
    committed_auth: Callable[..., dict[str, str]],
) -> None:
    headers = committed_auth()
    proxied_client.get("/v1/articles", headers=headers)  # caches the key
    proxy.blackhole()

    for route in ("GET /v1/meetings", "GET /v1/articles", "POST /v1/articles", "GET /readyz"):
        response, seconds = _timed(ROUTES[route], proxied_client, headers)
        assert response.status_code == 503, (route, response.text)
        assert seconds < 1.5, (route, seconds)


def test_a_new_key_is_503_not_401_while_the_database_is_down(
    proxy: DatabaseProxy,
    proxied_client: TestClient,
    committed_auth: Callable[..., dict[str, str]],
) -> None:
    headers = committed_auth()
    proxy.cut()

    response = proxied_client.get("/v1/meetings", headers=headers)

    assert response.status_code == 503


def _terminate(database_url: str, application: str) -> int:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            (application,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_dead_connections_of_the_hot_reads_pool_are_replaced(
    database_url: str, settings: Settings
) -> None:
    async def scenario() -> None:
        pool = create_read_pool(database_url, settings, ConnectGate(1.0))
        reads = PooledSqlReads(pool)
        # three connections open at once, then idle in the pool
        await asyncio.gather(*(reads.value(_sleep(0.2), {}) for _ in range(3)))
        assert await asyncio.to_thread(_terminate, database_url, "parley-reads") == 3
        await asyncio.sleep(0.2)  # the terminations reach the sockets

        answers = await asyncio.gather(*(reads.value(_select(1), {}) for _ in range(3)))

        assert answers == [1, 1, 1]
        await pool.close()

    asyncio.run(scenario())


def test_dead_connections_of_the_sqlalchemy_pool_are_replaced(
    database_url: str, settings: Settings
) -> None:
    engine = create_db_engine(database_url, settings)
    held = [engine.connect() for _ in range(3)]
    for connection in held:
        connection.execute(text("SELECT 1"))
        connection.close()
    assert _terminate(database_url, "parley") >= 3

    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_a_connection_attempt_gives_up_after_the_connect_timeout(
    proxy: DatabaseProxy, settings: Settings
) -> None:
    proxy.blackhole()
    quick = settings.model_copy(update={"db_connect_timeout_s": 0.5})
    engine = create_db_engine(proxy.url(), quick)
    started = time.monotonic()

    with pytest.raises(OperationalError, match=r"within 0\.5 s"):
        engine.connect()

    assert time.monotonic() - started < 0.9
    engine.dispose()


def test_while_the_database_is_down_only_one_attempt_waits() -> None:
    gate = ConnectGate(0.3)

    def hang() -> object:
        time.sleep(5)
        return object()

    with pytest.raises(psycopg.OperationalError):
        gate.connect(hang, lambda _: None)
    assert gate.failing

    async def attempts() -> list[float]:
        async def one() -> float:
            started = time.monotonic()
            with pytest.raises(psycopg.OperationalError):
                await gate.aconnect(lambda: asyncio.sleep(5))
            return time.monotonic() - started

        return await asyncio.gather(*(one() for _ in range(5)))

    waits = sorted(asyncio.run(attempts()))

    assert waits[-1] == pytest.approx(0.3, abs=0.15)  # the probe
    assert all(wait < 0.05 for wait in waits[:-1])  # refused at once


def _sleep(seconds: float) -> psycopg.sql.Composed:
    return psycopg.sql.SQL("SELECT 1 FROM pg_sleep({})").format(seconds)


def _select(value: int) -> psycopg.sql.Composed:
    return psycopg.sql.SQL("SELECT {}").format(value)
