"""Ingest outcomes: created, exact duplicates by each reason, idempotent replay, reading back."""

import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.core import metrics
from service.core.auth import Scope
from service.models import Article, Change
from tests.factories import article_payload, seed_payloads

Auth = Callable[..., dict[str, str]]


def _count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Article)).scalar_one()


def test_new_article_is_created_and_readable(client: TestClient, auth: Auth) -> None:
    headers = auth()
    payload = article_payload(url="https://wire.example/story/1", external_id="w-1")

    response = client.post("/v1/articles", json=payload, headers=headers)

    assert response.status_code == 201
    result = response.json()
    assert result["outcome"] == "created"
    assert result["duplicate_of"] is None
    article = result["article"]
    assert response.headers["location"] == f"/v1/articles/{article['id']}"
    fetched = client.get(f"/v1/articles/{article['id']}", headers=headers).json()
    assert fetched == article
    assert fetched["text"] == payload["body"]
    assert fetched["source"] == {"name": "Wire Service", "domain": "wire.example"}
    assert fetched["canonical_url"] == "https://wire.example/story/1"
    assert fetched["external_id"] == "w-1"
    assert fetched["meeting_ids"] == []


def test_creation_is_recorded_in_the_change_log(
    client: TestClient, auth: Auth, session: Session
) -> None:
    article_id = client.post("/v1/articles", json=article_payload(), headers=auth()).json()[
        "article"
    ]["id"]

    changes = session.execute(select(Change.entity_type, Change.entity_id, Change.op)).all()

    assert [(t, str(i), op) for t, i, op in changes] == [("article", article_id, "created")]


def test_same_external_id_from_same_source_is_a_duplicate(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = auth()
    first = client.post("/v1/articles", json=article_payload(external_id="x-9"), headers=headers)

    again = client.post("/v1/articles", json=article_payload(external_id="x-9"), headers=headers)

    assert again.status_code == 200
    assert again.json() == {
        "outcome": "duplicate",
        "article": None,
        "duplicate_of": first.json()["article"]["id"],
        "reason": "external_id",
        "similarity": None,
    }
    assert _count(session) == 1


def test_same_external_id_from_another_source_is_not_a_duplicate(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()
    client.post("/v1/articles", json=article_payload(external_id="x-9"), headers=headers)

    other = article_payload(external_id="x-9", source={"name": "Other Outlet"})
    response = client.post("/v1/articles", json=other, headers=headers)

    assert response.json()["outcome"] == "created"


def test_same_canonical_url_is_a_duplicate(client: TestClient, auth: Auth) -> None:
    headers = auth()
    client.post(
        "/v1/articles", json=article_payload(url="https://news.example/a/b"), headers=headers
    )

    variant = "HTTPS://News.Example:443/a/b/?utm_source=feed&utm_medium=rss#top"
    response = client.post("/v1/articles", json=article_payload(url=variant), headers=headers)

    assert response.status_code == 200
    assert response.json()["reason"] == "url"


def test_same_text_modulo_case_and_whitespace_is_a_duplicate(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()
    body = "Leaders met in Geneva on Monday.\nThey agreed to meet again."
    client.post("/v1/articles", json=article_payload(body=body), headers=headers)

    reworded = "  LEADERS met in Geneva   on Monday.\r\n\r\nThey agreed to meet again.  "
    response = client.post(
        "/v1/articles",
        json=article_payload(body=reworded, source={"name": "Elsewhere"}),
        headers=headers,
    )

    assert response.status_code == 200
    assert response.json()["reason"] == "content"


def test_reasons_are_checked_in_documented_order(client: TestClient, auth: Auth) -> None:
    headers = auth()
    first = article_payload(external_id="e-1", url="https://a.example/1")
    client.post("/v1/articles", json=first, headers=headers)

    same_everything = client.post("/v1/articles", json=first, headers=headers)
    same_url_and_text = client.post(
        "/v1/articles", json={**first, "external_id": "e-2"}, headers=headers
    )

    assert same_everything.json()["reason"] == "external_id"
    assert same_url_and_text.json()["reason"] == "url"


def test_html_is_reduced_to_article_text(client: TestClient, auth: Auth) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the ministers discussed sanctions, energy and reconstruction.</p>"
        for i in range(8)
    )
    html = (
        "<html><head><title>T</title><script>track()</script><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Ministers meet</h1>{paragraphs}</article>"
        "<footer>Copyright Example Media</footer></body></html>"
    )

    response = client.post(
        "/v1/articles", json=article_payload(body=html, content_type="text/html"), headers=auth()
    )

    text = response.json()["article"]["text"]
    assert "Paragraph 7: the ministers discussed sanctions" in text
    assert "track()" not in text
    assert "<p>" not in text
    assert "Copyright Example Media" not in text


def test_idempotency_key_replays_the_first_response(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = {**auth(), "Idempotency-Key": "retry-1"}
    payload = article_payload()

    first = client.post("/v1/articles", json=payload, headers=headers)
    second = client.post("/v1/articles", json=payload, headers=headers)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert _count(session) == 1


def test_idempotency_key_with_another_body_is_409(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = {**auth(), "Idempotency-Key": "retry-2"}
    client.post("/v1/articles", json=article_payload(), headers=headers)

    response = client.post("/v1/articles", json=article_payload(), headers=headers)

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:parley:problem:idempotency-key-reused"
    assert _count(session) == 1


def test_idempotency_keys_are_per_api_key(client: TestClient, auth: Auth) -> None:
    first = client.post(
        "/v1/articles", json=article_payload(), headers={**auth(), "Idempotency-Key": "k"}
    )
    second = client.post(
        "/v1/articles", json=article_payload(), headers={**auth(), "Idempotency-Key": "k"}
    )

    assert first.status_code == second.status_code == 201
    assert first.json()["article"]["id"] != second.json()["article"]["id"]


def test_failed_request_does_not_burn_its_idempotency_key(client: TestClient, auth: Auth) -> None:
    headers = {**auth(), "Idempotency-Key": "k-3"}
    bad = client.post(
        "/v1/articles",
        json=article_payload(body="<script>x</script>", content_type="text/html"),
        headers=headers,
    )

    good = client.post("/v1/articles", json=article_payload(), headers=headers)

    assert bad.status_code == 422
    assert good.status_code == 201


def test_unknown_article_is_404_problem(client: TestClient, auth: Auth) -> None:
    response = client.get("/v1/articles/00000000-0000-0000-0000-000000000000", headers=auth())

    assert response.status_code == 404
    assert response.json()["type"] == "urn:parley:problem:article-not-found"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/articles/not-a-uuid",
        "/v1/meetings/not-a-uuid",
        "/v1/meetings/not-a-uuid/statements",
        "/v1/participants/not-a-uuid",
        "/v1/participants/not-a-uuid/meetings",
        "/v1/participants/not-a-uuid/statements",
        "/v1/statements/not-a-uuid",
    ],
)
def test_a_malformed_id_is_404_on_every_route(client: TestClient, auth: Auth, path: str) -> None:
    answer = client.get(path, headers=auth())

    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_malformed_id_is_404_on_curation_routes_too(client: TestClient, auth: Auth) -> None:
    headers = auth(Scope.ADMIN)

    merge = client.post(
        "/v1/participants/x/merge", json={"into": str(uuid.uuid4())}, headers=headers
    )
    alias = client.post("/v1/participants/x/aliases", json={"alias": "X"}, headers=headers)

    assert (merge.status_code, alias.status_code) == (404, 404)


def test_list_pages_through_every_article_once(client: TestClient, auth: Auth) -> None:
    headers = auth()
    created = {
        client.post("/v1/articles", json=article_payload(), headers=headers).json()["article"]["id"]
        for _ in range(7)
    }

    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/articles", params=params, headers=headers).json()
        seen += [item["id"] for item in page["data"]]
        assert len(page["data"]) <= 3
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == created
    assert "text" not in page["data"][0]


def test_list_rejects_malformed_cursor_and_limit(client: TestClient, auth: Auth) -> None:
    headers = auth()

    bad_cursor = client.get("/v1/articles", params={"cursor": "!!nope"}, headers=headers)
    forged = client.get("/v1/articles", params={"cursor": "WyJ4IiwieSJd"}, headers=headers)
    bad_limit = client.get("/v1/articles", params={"limit": 0}, headers=headers)
    big_limit = client.get("/v1/articles", params={"limit": 201}, headers=headers)

    assert bad_cursor.status_code == forged.status_code == 422
    assert bad_cursor.json()["errors"][0]["loc"] == ["query", "cursor"]
    assert bad_limit.status_code == big_limit.status_code == 422


def test_an_extractor_crash_still_stores_the_article(
    client: TestClient,
    auth: Auth,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr("service.article.derivation.extract", broken)
    before = metrics.EXTRACTION_FAILURES._value.get()

    with caplog.at_level("ERROR", logger="service.article.derivation"):
        response = client.post("/v1/articles", json=article_payload(), headers=auth())

    assert response.status_code == 201
    assert _count(session) == 1
    assert metrics.EXTRACTION_FAILURES._value.get() == before + 1
    assert [r.getMessage() for r in caplog.records] == ["extraction.failed"]
    assert b"parley_extraction_failures_total" in metrics.render()[0]


def test_ingest_answers_what_reading_the_article_back_gives(client: TestClient, auth: Auth) -> None:
    # the answer is built from what the ingest wrote, not read back: it must still be the same
    headers = auth()
    response = client.post(
        "/v1/articles/batch", json={"articles": seed_payloads()}, headers=headers
    )

    stored = [
        item["result"]["article"]
        for item in response.json()["results"]
        if item["result"] and item["result"]["article"]
    ]
    assert any(a["meeting_ids"] and a["statement_ids"] and a["participant_ids"] for a in stored)
    for article in stored:
        assert client.get(f"/v1/articles/{article['id']}", headers=headers).json() == article
