"""Liveness and readiness."""

import logging
import os
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, pool, text

from service.core.auth import StoredKey
from service.core.config import Settings
from service.core.migrations import upgrade
from service.main import create_app
from tests.conftest import create_database, drop_database


def test_healthz_answers(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_is_ok_at_head(client: TestClient) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.fixture
def unmigrated_engine(admin_url: str, worker_id: str) -> Iterator[Engine]:
    name = f"parley_unmigrated_{worker_id}_{os.getpid()}"
    engine = create_engine(create_database(admin_url, name), poolclass=pool.NullPool)
    yield engine
    engine.dispose()
    drop_database(admin_url, name)


def test_readyz_is_503_when_schema_is_behind(unmigrated_engine: Engine, settings: Settings) -> None:
    with TestClient(create_app(settings, engine=unmigrated_engine)) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "schema" in response.json()["detail"]


def test_readyz_is_503_when_database_is_unreachable(settings: Settings) -> None:
    engine = create_engine(
        "postgresql+psycopg://postgres@127.0.0.1:1/none",
        poolclass=pool.NullPool,
        connect_args={"connect_timeout": 2},
    )
    with TestClient(create_app(settings, engine=engine)) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["detail"] == "the database is unreachable"


def test_reads_are_503_when_database_is_unreachable(settings: Settings) -> None:
    engine = create_engine(
        "postgresql+psycopg://postgres@127.0.0.1:1/none",
        poolclass=pool.NullPool,
        connect_args={"connect_timeout": 2},
    )
    quick = settings.model_copy(update={"pool_timeout_s": 0.5})
    app = create_app(quick, engine=engine)
    with TestClient(app) as client:
        # the key lookup needs the database first (SQLAlchemy engine)
        looked_up = client.get("/v1/meetings", headers={"Authorization": "Bearer pk_x"})
        # past authentication, the hot reads wait for the async pool
        app.state.key_lookup_override = lambda digest: StoredKey(
            id=uuid.uuid4(), name="k", key_hash=digest, scopes=("read",)
        )
        listed = client.get("/v1/meetings", headers={"Authorization": "Bearer pk_x"})

    for response in (looked_up, listed):
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "2"


def test_readyz_stays_ok_when_a_newer_release_migrated_first(
    unmigrated_engine: Engine, settings: Settings
) -> None:
    with unmigrated_engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        )
        connection.execute(text("INSERT INTO alembic_version VALUES ('f00dfeedbeef')"))
    with TestClient(create_app(settings, engine=unmigrated_engine)) as client:
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["schema_revision"] == "f00dfeedbeef"


def test_readyz_is_503_at_an_older_known_revision(
    unmigrated_engine: Engine, settings: Settings
) -> None:
    upgrade(unmigrated_engine, "5bfe68ecda60")  # the first revision
    with TestClient(create_app(settings, engine=unmigrated_engine)) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert "5bfe68ecda60" in response.json()["detail"]


def test_readyz_logs_nothing_but_its_access_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = client.get("/readyz")

    assert response.status_code == 200
    # the test client logs its own requests; that is the caller's log, not the server's
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert [(r.name, r.getMessage()) for r in server] == [("service.access", "http.request")]


def test_migrating_still_logs_what_alembic_does(
    unmigrated_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="alembic"):
        upgrade(unmigrated_engine)

    assert any(
        r.name.startswith("alembic") and "Running upgrade" in r.getMessage() for r in caplog.records
    )
