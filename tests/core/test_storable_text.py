"""Text PostgreSQL cannot store (NUL, lone surrogates) is a 422 wherever a request carries it:
query parameters, the headers Parley reads, every string and key of a JSON body."""

import json
import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.core.storable import header_errors, json_body_errors, query_errors
from service.main import create_app
from service.models import Article
from tests.factories import article_payload

QUERIES = [
    "/v1/meetings?q=a%00",
    "/v1/meetings?city=a%00",
    "/v1/meetings?series=a%00",
    "/v1/statements?q=a%00",
    "/v1/participants?q=a%00",
    "/v1/articles?cursor=a%00",
    "/v1/changes?cursor=a%00",
    "/v1/meetings?q=caf%E9",  # not UTF-8
]


@pytest.mark.parametrize("url", QUERIES)
def test_unstorable_query_text_is_422_naming_the_parameter(
    client: TestClient, auth: Callable[..., dict[str, str]], url: str
) -> None:
    response = client.get(url, headers=auth())

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    name = url.split("?")[1].split("=")[0]
    assert response.json()["errors"][0]["loc"] == ["query", name]


def test_a_nul_in_a_query_is_refused_before_authentication(client: TestClient) -> None:
    # nothing downstream sees the request, not even the key lookup
    response = client.get("/v1/meetings?q=a%00")

    assert response.status_code == 422


def test_ordinary_unicode_in_a_query_passes(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    response = client.get("/v1/participants?q=Zelens%CA%B9kyj%20%F0%9F%98%80", headers=auth())

    assert response.status_code == 200


def test_a_control_byte_in_a_read_header_is_422(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    response = client.post(
        "/v1/articles",
        json=article_payload(),
        headers={**auth(), "Idempotency-Key": "a\x01b"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["header", "idempotency-key"]


def test_header_check_reads_only_the_headers_parley_uses() -> None:
    assert header_errors([(b"user-agent", b"odd\x01agent")]) == []
    assert header_errors([(b"authorization", b"Bearer a\x00b")])[0].loc == [
        "header",
        "authorization",
    ]


def _post_raw(client: TestClient, url: str, body: str, headers: dict[str, str]) -> int:
    response = client.post(
        url, content=body.encode(), headers={**headers, "content-type": "application/json"}
    )
    return response.status_code


def test_a_lone_surrogate_in_an_alias_is_422_not_a_database_error(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    from service.core.auth import Scope

    response = client.post(
        f"/v1/participants/{uuid.uuid4()}/aliases",
        content=json.dumps({"alias": "Kyiv \ud800"}).encode(),
        headers={**auth(Scope.ADMIN), "content-type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "alias"]


def test_a_nul_in_one_batch_item_refuses_the_batch_and_names_the_item(
    client: TestClient, auth: Callable[..., dict[str, str]], session: Session
) -> None:
    items = [article_payload(), article_payload(title="bad\x00title")]

    response = client.post(
        "/v1/articles/batch",
        content=json.dumps({"articles": items}).encode(),
        headers={**auth(), "content-type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "articles", 1, "title"]
    assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 0


def test_a_nul_in_a_json_key_is_422(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    body = json.dumps({**article_payload(), "x\x00": 1})

    assert _post_raw(client, "/v1/articles", body, auth()) == 422


def test_surrogate_pairs_and_escaped_backslashes_are_text(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    # json.dumps writes the emoji as the pair \\ud83d\\ude00 and the backslash as \\\\
    payload = article_payload(title="Leaders \U0001f600 met", authors=["C:\\u0000 literal"])

    assert _post_raw(client, "/v1/articles", json.dumps(payload), auth()) == 201


def test_json_check_parses_only_bodies_with_suspect_escapes() -> None:
    assert json_body_errors(b'{"a": "plain"}') == []
    assert json_body_errors(b'{"a": "\\\\u0000"}') == []  # an escaped backslash, then text
    assert json_body_errors(b'{"a": "\\u0000"') == []  # not JSON: the route answers 400
    assert json_body_errors(b'{"a": ["x", "\\udc00"]}')[0].loc == ["body", "a", 1]


def test_query_check_decodes_strictly() -> None:
    assert query_errors(b"q=caf%C3%A9&limit=5") == []
    assert query_errors(b"q=a%00")[0].loc == ["query", "q"]
    assert query_errors(b"a%00=1")[0].loc == ["query", "a\N{REPLACEMENT CHARACTER}"]


@pytest.fixture
def data_error_client(app: FastAPI) -> Iterator[TestClient]:
    @app.get("/v1/data-error")
    async def data_error() -> None:
        raise psycopg.DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_an_unexpected_database_error_is_a_500_problem_with_the_request_id(
    data_error_client: TestClient,
) -> None:
    response = data_error_client.get("/v1/data-error")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["request_id"] == response.headers["x-request-id"]
    assert "NUL" not in response.text


def test_every_operation_declares_its_500() -> None:
    paths = create_app().openapi()["paths"]

    for path, operations in paths.items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            content = operation["responses"]["500"]["content"]
            assert "application/problem+json" in content, (method, path)
