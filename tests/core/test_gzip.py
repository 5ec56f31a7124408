"""gzip above a size threshold, and ETags that tell a gzipped answer from a plain one."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from service.main import GZIP_MINIMUM_BYTES
from tests.factories import article_payload

Auth = Callable[..., dict[str, str]]
GZIP = {"Accept-Encoding": "gzip"}
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def article_url(client: TestClient, auth: Auth) -> tuple[str, dict[str, str]]:
    headers = auth()
    payload = article_payload()
    payload["body"] = " ".join([payload["body"]] * 3)  # well past the threshold
    created = client.post("/v1/articles", json=payload, headers=headers)
    return f"/v1/articles/{created.json()['article']['id']}", headers


def test_a_large_answer_is_gzipped_for_a_client_that_asks(
    client: TestClient, article_url: tuple[str, dict[str, str]]
) -> None:
    url, headers = article_url

    zipped = client.get(url, headers={**headers, **GZIP})
    plain = client.get(url, headers={**headers, **PLAIN})

    assert len(plain.content) >= GZIP_MINIMUM_BYTES
    assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert zipped.content == plain.content  # the client decoded it
    for response in (zipped, plain):
        assert "accept-encoding" in response.headers["vary"].lower()


def test_a_small_answer_is_sent_as_it_is(client: TestClient) -> None:
    response = client.get("/healthz", headers=GZIP)

    assert "content-encoding" not in response.headers


def test_gzipped_and_plain_answers_have_tags_of_their_own(
    client: TestClient, article_url: tuple[str, dict[str, str]]
) -> None:
    url, headers = article_url

    zipped = [client.get(url, headers={**headers, **GZIP}).headers["etag"] for _ in range(2)]
    plain = client.get(url, headers={**headers, **PLAIN}).headers["etag"]

    assert zipped[0] == zipped[1]  # gzip's output is stable, so its tag is
    assert zipped[0] != plain
    assert not zipped[0].startswith("W/")


def test_each_encoding_revalidates_with_its_own_tag(
    client: TestClient, article_url: tuple[str, dict[str, str]]
) -> None:
    url, headers = article_url
    zipped_tag = client.get(url, headers={**headers, **GZIP}).headers["etag"]
    plain_tag = client.get(url, headers={**headers, **PLAIN}).headers["etag"]

    zipped = client.get(url, headers={**headers, **GZIP, "If-None-Match": zipped_tag})
    plain = client.get(url, headers={**headers, **PLAIN, "If-None-Match": plain_tag})

    for response, tag in ((zipped, zipped_tag), (plain, plain_tag)):
        assert response.status_code == 304
        assert response.headers["etag"] == tag
        assert "content-encoding" not in response.headers  # no body to decode
        assert "accept-encoding" in response.headers["vary"].lower()


def test_a_tag_of_the_other_encoding_gets_the_full_answer(
    client: TestClient, article_url: tuple[str, dict[str, str]]
) -> None:
    url, headers = article_url
    zipped_tag = client.get(url, headers={**headers, **GZIP}).headers["etag"]
    plain_tag = client.get(url, headers={**headers, **PLAIN}).headers["etag"]

    # the client cached one encoding; the answer it would get now is the other
    zipped = client.get(url, headers={**headers, **GZIP, "If-None-Match": plain_tag})
    plain = client.get(url, headers={**headers, **PLAIN, "If-None-Match": zipped_tag})

    assert zipped.status_code == 200
    assert zipped.headers["etag"] == zipped_tag
    assert zipped.headers["content-encoding"] == "gzip"
    assert plain.status_code == 200
    assert plain.headers["etag"] == plain_tag


def test_a_head_describes_the_gzipped_get(
    client: TestClient, article_url: tuple[str, dict[str, str]]
) -> None:
    url, headers = article_url

    head = client.head(url, headers={**headers, **GZIP})
    get = client.get(url, headers={**headers, **GZIP})

    assert head.headers["content-encoding"] == "gzip"
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]
    assert int(get.headers["content-length"]) < len(get.content)  # the gzipped length
