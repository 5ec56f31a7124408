"""Security headers on every answer, problems and the catch-all 500 included, and docs pages
whose Content-Security-Policy allows exactly what they load."""

import base64
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.core.security_headers import docs_policy
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]
EXPECTED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def _secured(headers: Mapping[str, str]) -> bool:
    return all(headers.get(name) == value for name, value in EXPECTED.items())


@pytest.fixture
def crashing_client(app: FastAPI) -> Iterator[TestClient]:
    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_every_kind_of_answer_carries_the_security_headers(
    crashing_client: TestClient, auth: Auth
) -> None:
    client = crashing_client
    answers = {
        "ok": client.get("/healthz"),
        "list": client.get("/v1/articles", headers=auth()),
        "unauthorized": client.get("/v1/articles"),
        "not found": client.get("/nowhere"),
        "invalid": client.get("/v1/meetings?q=a%00"),
        "too large": client.post(
            "/v1/articles", json=article_payload(body="x " * 200_000), headers=auth()
        ),
        "crash": client.get("/crash"),
        "document": client.get("/openapi.json"),
    }

    for case, response in answers.items():
        assert _secured(response.headers), case
        assert response.headers["content-security-policy"].startswith("default-src 'none'"), case
        # each header once, whoever set it first
        assert response.headers.get_list("x-frame-options") == ["DENY"], case
    assert answers["crash"].status_code == 500


def test_a_not_modified_answer_keeps_the_security_headers(client: TestClient, auth: Auth) -> None:
    headers = auth()
    etag = client.get("/v1/articles", headers=headers).headers["etag"]

    response = client.get("/v1/articles", headers={**headers, "If-None-Match": etag})

    assert response.status_code == 304
    assert _secured(response.headers)


def _directive(policy: str, name: str) -> list[str]:
    for directive in policy.split(";"):
        parts = directive.split()
        if parts and parts[0] == name:
            return parts[1:]
    return []


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_may_load_from_this_origin_only(client: TestClient, path: str) -> None:
    response = client.get(path)
    page = response.content
    policy = response.headers["content-security-policy"]

    assert response.status_code == 200
    assert _secured(response.headers)
    assert "http" not in policy  # no other origin, whatever the page names
    scripts = _directive(policy, "script-src")
    assert "'unsafe-inline'" not in scripts
    assert "'self'" in scripts
    for src in re.findall(rb'<script[^>]*\ssrc="([^"]+)"', page):
        assert src.startswith(b"/"), src
    for inline in re.findall(rb"<script>(.*?)</script>", page, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(inline).digest()).decode()
        assert f"'sha256-{digest}'" in scripts
    assert _directive(policy, "style-src")[0] == "'self'"
    assert _directive(policy, "connect-src") == ["'self'"]
    assert _directive(policy, "frame-ancestors") == ["'none'"]


def test_only_the_docs_pages_keep_a_policy_of_their_own(client: TestClient) -> None:
    asset = client.get("/docs/assets/swagger-ui-bundle.js")

    assert asset.status_code == 200
    assert asset.headers["content-security-policy"].startswith("default-src 'none'")


def test_a_docs_policy_allows_no_inline_script_it_did_not_see() -> None:
    page = b'<script src="https://assets.example/ui.js"></script><script>start()</script>'
    other = b"<script>steal()</script>"

    policy = docs_policy(page)

    assert docs_policy(other) != policy
    assert "https://assets.example" not in policy
    assert len([s for s in _directive(policy, "script-src") if s.startswith("'sha256-")]) == 1
