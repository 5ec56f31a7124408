"""Every malformed article gets a 422 (or 413) problem naming the field, and nothing is stored."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.models import Article, Source
from tests.factories import article_payload


def _without(field: str) -> dict[str, Any]:
    payload = article_payload()
    del payload[field]
    return payload


INVALID: list[tuple[str, dict[str, Any], list[str | int]]] = [
    ("missing body", _without("body"), ["body", "body"]),
    ("empty body", article_payload(body=""), ["body", "body"]),
    ("whitespace body", article_payload(body="  \n\t "), ["body", "body"]),
    ("NUL in body", article_payload(body="Leaders met\x00 today"), ["body", "body"]),
    ("control char in body", article_payload(body="Leaders met\x07 today"), ["body", "body"]),
    ("lone surrogate in body", article_payload(body="Leaders met \ud800"), ["body", "body"]),
    ("body not a string", article_payload(body=42), ["body", "body"]),
    ("missing published_at", _without("published_at"), ["body", "published_at"]),
    (
        "unparseable published_at",
        article_payload(published_at="yesterday"),
        ["body", "published_at"],
    ),
    (
        "far-future published_at",
        article_payload(published_at="2999-01-01T00:00:00Z"),
        ["body", "published_at"],
    ),
    (
        "ancient published_at",
        article_payload(published_at="1066-10-14T00:00:00Z"),
        ["body", "published_at"],
    ),
    ("ftp url", article_payload(url="ftp://example.com/a"), ["body", "url"]),
    ("javascript url", article_payload(url="javascript:alert(1)"), ["body", "url"]),
    ("url without host", article_payload(url="https:///path"), ["body", "url"]),
    ("url with bad port", article_payload(url="https://example.com:99999/"), ["body", "url"]),
    ("url with space", article_payload(url="https://exa mple.com/"), ["body", "url"]),
    (
        "unknown content_type",
        article_payload(content_type="application/pdf"),
        ["body", "content_type"],
    ),
    ("empty source", article_payload(source={}), ["body", "source"]),
    ("blank source name", article_payload(source={"name": "  "}), ["body", "source", "name"]),
    (
        "bad source domain",
        article_payload(source={"domain": "not a domain"}),
        ["body", "source", "domain"],
    ),
    ("missing source", _without("source"), ["body", "source"]),
    ("newline in title", article_payload(title="A\nB"), ["body", "title"]),
    ("oversize title", article_payload(title="x" * 1001), ["body", "title"]),
    ("oversize external_id", article_payload(external_id="x" * 201), ["body", "external_id"]),
    ("too many authors", article_payload(authors=["A"] * 51), ["body", "authors"]),
    ("NUL in author", article_payload(authors=["A\x00"]), ["body", "authors", 0]),
    ("bad language", article_payload(language="english!"), ["body", "language"]),
    ("unknown field", article_payload(colour="red"), ["body", "colour"]),
]


def _stored(session: Session) -> tuple[int, int]:
    return (
        session.execute(select(func.count()).select_from(Article)).scalar_one(),
        session.execute(select(func.count()).select_from(Source)).scalar_one(),
    )


@pytest.mark.parametrize(("case", "payload", "loc"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_article_is_422_naming_the_field(
    client: TestClient,
    auth: Callable[..., dict[str, str]],
    session: Session,
    case: str,
    payload: dict[str, Any],
    loc: list[str | int],
) -> None:
    # json.dumps escapes lone surrogates (\\ud800), as a partner's JSON encoder would
    response = client.post(
        "/v1/articles",
        content=json.dumps(payload),
        headers={**auth(), "content-type": "application/json"},
    )

    assert response.status_code == 422, case
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["type"] == "urn:parley:problem:validation-error"
    assert any(error["loc"][: len(loc)] == loc for error in problem["errors"]), problem
    assert _stored(session) == (0, 0)


def test_body_over_the_limit_is_413(
    client: TestClient, auth: Callable[..., dict[str, str]], session: Session
) -> None:
    response = client.post(
        "/v1/articles", json=article_payload(body="word " * 50_000), headers=auth()
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 413
    assert _stored(session) == (0, 0)


def test_chunked_body_over_the_limit_is_413(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    def chunks() -> Any:
        yield b'{"body": "'
        for _ in range(300):
            yield b"x" * 1000
        yield b'"}'

    response = client.post(
        "/v1/articles",
        content=chunks(),
        headers={**auth(), "content-type": "application/json"},
    )

    assert response.status_code == 413


def test_invalid_utf8_is_422(client: TestClient, auth: Callable[..., dict[str, str]]) -> None:
    response = client.post(
        "/v1/articles",
        content=b'{"body": "caf\xe9", "source": {"name": "x"}}',
        headers={**auth(), "content-type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body"]


def test_malformed_json_is_400(client: TestClient, auth: Callable[..., dict[str, str]]) -> None:
    response = client.post(
        "/v1/articles",
        content=b'{"body": ',
        headers={**auth(), "content-type": "application/json"},
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_json_array_is_422(client: TestClient, auth: Callable[..., dict[str, str]]) -> None:
    response = client.post("/v1/articles", json=[1, 2], headers=auth())

    assert response.status_code == 422


def test_html_with_no_text_is_422(
    client: TestClient, auth: Callable[..., dict[str, str]], session: Session
) -> None:
    payload = article_payload(body="<html><script>x()</script></html>", content_type="text/html")

    response = client.post("/v1/articles", json=payload, headers=auth())

    assert response.status_code == 422
    assert _stored(session) == (0, 0)


def test_bad_idempotency_key_header_is_422(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    response = client.post(
        "/v1/articles",
        json=article_payload(),
        headers={**auth(), "Idempotency-Key": "x" * 300},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["header", "idempotency-key"]
