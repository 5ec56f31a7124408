"""ETags, conditional GETs and Cache-Control."""

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]


def test_unchanged_resource_answers_304(client: TestClient, auth: Auth) -> None:
    headers = auth()
    article_id = client.post("/v1/articles", json=article_payload(), headers=headers).json()[
        "article"
    ]["id"]
    first = client.get(f"/v1/articles/{article_id}", headers=headers)

    again = client.get(
        f"/v1/articles/{article_id}", headers={**headers, "If-None-Match": first.headers["etag"]}
    )

    assert first.status_code == 200
    assert first.headers["etag"].startswith('"')
    assert first.headers["cache-control"] == "private, max-age=60"
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_list_etag_changes_when_the_list_changes(client: TestClient, auth: Auth) -> None:
    headers = auth()
    client.post("/v1/articles", json=article_payload(), headers=headers)
    before = client.get("/v1/articles", headers=headers)

    client.post("/v1/articles", json=article_payload(), headers=headers)
    after = client.get("/v1/articles", headers={**headers, "If-None-Match": before.headers["etag"]})

    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["cache-control"] == "private, no-cache"


def test_weak_and_listed_tags_match(client: TestClient, auth: Auth) -> None:
    headers = auth()
    etag = client.get("/v1/articles", headers=headers).headers["etag"]

    response = client.get(
        "/v1/articles", headers={**headers, "If-None-Match": f'"other", W/{etag}'}
    )

    assert response.status_code == 304


def test_errors_carry_no_etag(client: TestClient) -> None:
    assert "etag" not in client.get("/v1/articles").headers


def test_a_malformed_if_none_match_is_a_400_problem(client: TestClient, auth: Auth) -> None:
    headers = auth()

    for malformed in ("abc", '"a" "b"', 'W/abc, "x"', '"unterminated', ""):
        response = client.get("/v1/articles", headers={**headers, "If-None-Match": malformed})

        assert response.status_code == 400, malformed
        assert response.headers["content-type"] == "application/problem+json"
        assert "If-None-Match" in response.json()["detail"]


def test_a_tag_holding_a_comma_and_empty_list_elements_still_match(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()
    etag = client.get("/v1/articles", headers=headers).headers["etag"]

    listed = client.get(
        "/v1/articles", headers={**headers, "If-None-Match": f' , "a,b", ,{etag} ,'}
    )
    star = client.get("/v1/articles", headers={**headers, "If-None-Match": "*"})

    assert listed.status_code == star.status_code == 304


def test_every_operation_declares_the_400_of_a_malformed_header() -> None:
    from service.main import create_app

    for operations in create_app().openapi()["paths"].values():
        for operation in operations.values():
            if operation["operationId"] == "healthz":
                continue
            assert "application/problem+json" in operation["responses"]["400"]["content"]
