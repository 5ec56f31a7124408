"""Every /v1 route demands a valid key (401) holding the route's scope (403)."""

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.apikey import service as apikeys
from service.core.auth import Scope
from service.main import create_app

Auth = Callable[..., dict[str, str]]
ANY_ID = "00000000-0000-0000-0000-000000000000"


def _v1_routes() -> list[tuple[str, str]]:
    """Every /v1 operation the app documents, with any id parameter filled in."""
    paths = create_app().openapi()["paths"]
    return sorted(
        (method.upper(), re.sub(r"\{[^}]+\}", ANY_ID, path))
        for path, operations in paths.items()
        if path.startswith("/v1/")
        for method in operations
    )


V1_ROUTES = _v1_routes()
# scope needed per method; admin may do everything
NEEDS = {"GET": Scope.READ, "POST": Scope.ARTICLES_WRITE}


def test_there_are_v1_routes_to_check() -> None:
    assert ("POST", "/v1/articles") in V1_ROUTES
    assert ("GET", "/v1/articles") in V1_ROUTES


@pytest.mark.parametrize(("method", "path"), V1_ROUTES)
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer pk_unknown", "Basic dXNlcjpwYXNz", "Bearer ", "pk_without_scheme"],
)
def test_missing_or_unknown_key_is_401(
    client: TestClient, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}

    response = client.request(method, path, headers=headers, json={})

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), V1_ROUTES)
def test_key_without_the_scope_is_403(
    client: TestClient, auth: Auth, method: str, path: str
) -> None:
    other = Scope.ARTICLES_WRITE if NEEDS[method] is Scope.READ else Scope.READ

    response = client.request(method, path, headers=auth(other), json={})

    assert response.status_code == 403
    assert response.json()["type"] == "urn:parley:problem:forbidden"


@pytest.mark.parametrize(("method", "path"), V1_ROUTES)
def test_admin_key_passes_auth(client: TestClient, auth: Auth, method: str, path: str) -> None:
    response = client.request(method, path, headers=auth(Scope.ADMIN), json={})

    assert response.status_code not in (401, 403)


def test_revoked_key_is_401(client: TestClient, session: Session) -> None:
    issued = apikeys.create(session, "short-lived", [Scope.READ])
    apikeys.revoke(session, str(issued.id))
    session.commit()

    response = client.get("/v1/articles", headers={"Authorization": f"Bearer {issued.token}"})

    assert response.status_code == 401


def test_keys_are_stored_hashed(session: Session) -> None:
    issued = apikeys.create(session, "hashed", [Scope.READ])

    stored = [key for key in apikeys.list_all(session) if key.id == issued.id]

    assert stored[0].prefix == issued.token[:10]
    assert issued.token not in repr(stored)
