"""One convention on every route: cursors, unknown parameters, HEAD, body errors, error codes,
and the filters people type (`city=kyiv`, `q=UK`)."""

import json
import uuid
from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.core.pagination import encode_cursor
from service.extraction.records import Extraction
from tests.factories import advisers_meeting, article_payload, country, make_article

Auth = Callable[..., dict[str, str]]

LISTS = [
    "/v1/articles",
    "/v1/meetings",
    "/v1/participants",
    "/v1/statements",
    "/v1/changes",
]


@pytest.mark.parametrize("path", [*LISTS, "/healthz"])
def test_an_unknown_query_parameter_is_a_422_naming_it(
    client: TestClient, auth: Auth, path: str
) -> None:
    answer = client.get(path, params={"participnt": "x", "sort": "y"}, headers=auth())

    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    errors = answer.json()["errors"]
    assert [(e["loc"], e["code"]) for e in errors] == [
        (["query", "participnt"], "unknown_parameter"),
        (["query", "sort"], "unknown_parameter"),
    ]
    assert "participnt" in answer.json()["detail"]


def test_an_unknown_parameter_on_a_detail_route_is_a_422(client: TestClient, auth: Auth) -> None:
    answer = client.get(f"/v1/meetings/{uuid.uuid4()}", params={"expand": "all"}, headers=auth())

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["query", "expand"]


def test_known_parameters_alone_pass(client: TestClient, auth: Auth) -> None:
    answer = client.get("/v1/meetings", params={"from": "2026-01-01", "limit": 5}, headers=auth())

    assert answer.status_code == 200


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        (
            "/v1/participants",
            encode_cursor("meetings", "2026-01-03", "00000000-0000-4000-8000-000000000001"),
        ),
        (
            "/v1/statements",
            encode_cursor(
                "articles", "2026-01-03T00:00:00", "00000000-0000-4000-8000-000000000001"
            ),
        ),
        (
            "/v1/meetings",
            encode_cursor("participants", "Kyiv", "00000000-0000-4000-8000-000000000001"),
        ),
        (
            "/v1/articles",
            encode_cursor("statements", "2026-01-03", "00000000-0000-4000-8000-000000000001"),
        ),
    ],
)
def test_a_cursor_of_another_list_is_a_422(
    client: TestClient, auth: Auth, path: str, cursor: str
) -> None:
    answer = client.get(path, params={"cursor": cursor}, headers=auth())

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["code"] == "foreign_cursor"


def test_a_name_cursor_is_refused_by_a_search(client: TestClient, auth: Auth) -> None:
    cursor = encode_cursor("participants", "Kyiv", str(uuid.uuid4()))

    answer = client.get("/v1/participants", params={"q": "kyiv", "cursor": cursor}, headers=auth())

    assert answer.status_code == 422


def test_the_feed_pages_with_cursor(client: TestClient, auth: Auth) -> None:
    headers = auth()
    for _ in range(2):
        client.post("/v1/articles", json=article_payload(), headers=headers)

    # a feed position past everything: `cursor` must be read, not ignored
    end = "99999999999-0"
    by_cursor = client.get("/v1/changes", params={"cursor": end}, headers=headers).json()
    by_after = client.get("/v1/changes", params={"after": end}, headers=headers).json()

    assert by_cursor == by_after == {"data": [], "next_cursor": end}


def test_the_feed_refuses_two_different_positions(client: TestClient, auth: Auth) -> None:
    answer = client.get("/v1/changes", params={"cursor": "1-1", "after": "2-2"}, headers=auth())

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["query", "after"]


def test_a_malformed_feed_cursor_is_a_422_naming_cursor(client: TestClient, auth: Auth) -> None:
    cursor = encode_cursor("meetings", "2026-01-03", str(uuid.uuid4()))

    answer = client.get("/v1/changes", params={"cursor": cursor}, headers=auth())

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["query", "cursor"]


@pytest.mark.parametrize("path", [*LISTS, "/healthz", "/openapi.json"])
def test_head_answers_as_get_without_a_body(client: TestClient, auth: Auth, path: str) -> None:
    headers = auth()

    get = client.get(path, headers=headers)
    head = client.head(path, headers=headers)

    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers.get("etag") == get.headers.get("etag")


def test_head_revalidates_with_if_none_match(client: TestClient, auth: Auth) -> None:
    headers = auth()
    etag = client.get("/v1/meetings", headers=headers).headers["etag"]

    head = client.head("/v1/meetings", headers=headers | {"If-None-Match": etag})

    assert head.status_code == 304


def test_head_of_a_missing_record_is_404(client: TestClient, auth: Auth) -> None:
    head = client.head(f"/v1/meetings/{uuid.uuid4()}", headers=auth())

    assert head.status_code == 404
    assert head.content == b""


def test_allow_lists_head_beside_get(client: TestClient, auth: Auth) -> None:
    answer = client.delete("/v1/meetings", headers=auth())

    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD"


def test_malformed_json_is_a_400(client: TestClient, auth: Auth) -> None:
    answer = client.post(
        "/v1/articles",
        content=b'{"source": {"name": "X"}, "body": ',
        headers=auth() | {"Content-Type": "application/json"},
    )

    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["code"] == "invalid_json"


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
)
def test_a_body_that_is_not_json_is_a_415(
    client: TestClient, auth: Auth, content_type: str
) -> None:
    answer = client.post(
        "/v1/articles/batch", content=b"articles=1", headers=auth() | {"Content-Type": content_type}
    )

    assert answer.status_code == 415
    assert answer.headers["content-type"] == "application/problem+json"
    assert "application/json" in answer.json()["detail"]


def test_json_with_a_charset_is_json(client: TestClient, auth: Auth) -> None:
    answer = client.post(
        "/v1/articles",
        content=json.dumps(article_payload()).encode(),
        headers=auth() | {"Content-Type": "application/json; charset=utf-8"},
    )

    assert answer.status_code == 201


def test_field_errors_carry_a_code_and_a_pointer(client: TestClient, auth: Auth) -> None:
    payload = article_payload() | {"url": "ftp://example.com/x", "title": "t" * 1001}
    del payload["published_at"]

    answer = client.post("/v1/articles", json=payload, headers=auth())

    errors = {e["pointer"]: e["code"] for e in answer.json()["errors"]}
    assert errors == {"/published_at": "missing", "/url": "invalid_url", "/title": "too_long"}


def test_query_errors_carry_a_code_and_no_pointer(client: TestClient, auth: Auth) -> None:
    answer = client.get("/v1/meetings", params={"limit": 0, "kind": "party"}, headers=auth())

    errors = answer.json()["errors"]
    assert [(e["loc"][-1], e["code"]) for e in errors] == [
        ("limit", "too_small"),
        ("kind", "not_in_enum"),
    ]
    assert all("pointer" not in e for e in errors)


def test_batch_item_errors_carry_codes(client: TestClient, auth: Auth) -> None:
    answer = client.post("/v1/articles/batch", json={"articles": [{}]}, headers=auth())

    (item,) = answer.json()["results"]
    assert {e["code"] for e in item["problem"]["errors"]} == {"missing"}
    assert {e["pointer"] for e in item["problem"]["errors"]} >= {"/articles/0/body"}


def test_city_ignores_case_and_accents(session: Session, client: TestClient, auth: Auth) -> None:
    fold(
        session, make_article(session), date(2026, 1, 3), Extraction(meetings=[advisers_meeting()])
    )
    session.commit()
    headers = auth()

    found = [
        len(client.get("/v1/meetings", params={"city": city}, headers=headers).json()["data"])
        for city in ("Kyiv", "kyiv", "KYIV", "Kyïv", "Lviv")
    ]

    assert found == [1, 1, 1, 1, 0]


@pytest.mark.parametrize(
    ("q", "name"),
    [
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("uk", "United Kingdom"),
        ("USA", "United States"),
        ("U.S.", "United States"),
        ("UAE", "United Arab Emirates"),
    ],
)
def test_an_abbreviation_finds_what_it_stands_for(
    session: Session, client: TestClient, auth: Auth, q: str, name: str
) -> None:
    countries = [
        country("GB", "United Kingdom"),
        country("US", "United States"),
        country("AE", "United Arab Emirates"),
        country("UA", "Ukraine"),
    ]
    # participants are stored as parties to something: a meeting here
    meeting = advisers_meeting(*(c.key for c in countries))
    extraction = Extraction(participants=countries, meetings=[meeting])
    fold(session, make_article(session), date(2026, 1, 3), extraction)
    session.commit()

    found = client.get("/v1/participants", params={"q": q}, headers=auth()).json()["data"]

    assert [p["name"] for p in found][:1] == [name]
