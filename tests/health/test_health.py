"""Liveness and readiness."""

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, pool

from service.core.config import Settings
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
