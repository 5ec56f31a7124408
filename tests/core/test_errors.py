"""Errors of every origin are problem documents with a request id and no internals."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.core.config import Settings


def test_unknown_route_is_404_problem(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["request_id"] == response.headers["x-request-id"]


def test_wrong_method_is_405_problem(client: TestClient) -> None:
    response = client.delete("/v1/articles")

    assert response.status_code == 405
    assert response.json()["type"] == "urn:parley:problem:method-not-allowed"
    assert "allow" in response.headers


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    assert client.get("/healthz").headers["x-request-id"]


def test_a_well_formed_caller_request_id_is_kept(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})

    assert response.headers["x-request-id"] == "abc-123"


def test_a_malformed_caller_request_id_is_replaced(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "<script>" * 40})

    assert response.headers["x-request-id"] != "<script>" * 40


@pytest.fixture
def failing_client(app: FastAPI) -> Iterator[TestClient]:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_unexpected_error_is_500_problem_without_internals(failing_client: TestClient) -> None:
    response = failing_client.get("/boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"]
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert response.json()["request_id"] == response.headers["x-request-id"]


def test_settings_reject_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("PARLEY_PORT", "70000")

    with pytest.raises(ValidationError):
        Settings()


@pytest.fixture
def conflicting_client(app: FastAPI) -> Iterator[TestClient]:
    from sqlalchemy.exc import OperationalError

    class Deadlock(Exception):
        sqlstate = "40P01"

    @app.get("/conflict")
    def conflict() -> None:
        raise OperationalError("UPDATE …", {}, Deadlock("deadlock detected"))

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_a_lost_write_conflict_is_503_with_retry_after(conflicting_client: TestClient) -> None:
    response = conflicting_client.get("/conflict")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
