"""Near-duplicates: reprints and paraphrased copies link to their original and only add sources;
other outlets' own reports of the same event stay separate articles; concurrency never gives two
originals."""

import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from service.article import service
from service.article.schemas import ArticleCreate
from service.core.db import create_session_factory, transaction
from service.dedup import ALIGNMENT_THRESHOLD, BAND_OFFSET, BANDS, SKELETON_BANDS, WORD_FLOOR
from service.models import Article, ArticleBand, Meeting, Statement
from tests.dedup.paraphrase_texts import INDEPENDENT, ORIGINAL, PARAPHRASE
from tests.factories import seed_payloads

Auth = Callable[..., dict[str, str]]
SEEDS = seed_payloads()


def reprints(original: dict[str, Any]) -> list[dict[str, Any]]:
    """Three reprints the way aggregators make them: new headline and byline, chrome added,
    re-wrapped whitespace, a few words edited."""
    body = original["body"]
    edited = re.sub(r"\bthe\b", "this", body, count=3)
    return [
        {
            **original,
            "source": {"name": "Aggregator One"},
            "title": "BREAKING: " + (original.get("title") or "news"),
            "body": "By Staff Writer\n\n" + body + "\n\nRead more:\nMarkets rally as talks go on",
        },
        {
            **original,
            "source": {"name": "Aggregator Two"},
            "body": "Updated 14:05\n\n"
            + re.sub(r"\n+", "\n\n", body).replace(". ", ".  ")
            + "\n\nShare this article",
        },
        {**original, "source": {"name": "Aggregator Three"}, "body": edited + "\nNews Feed"},
    ]


def _push(client: TestClient, headers: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/articles", json=payload, headers=headers)
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_reprints_of_a_seed_are_near_duplicates_of_it(
    client: TestClient, auth: Auth, seed: int
) -> None:
    headers = auth()
    original = _push(client, headers, SEEDS[seed])

    verdicts = [_push(client, headers, variant) for variant in reprints(SEEDS[seed])]

    assert original["outcome"] == "created"
    for verdict in verdicts:
        assert verdict["outcome"] == "near_duplicate"
        assert verdict["duplicate_of"] == original["article"]["id"]
        assert ALIGNMENT_THRESHOLD <= verdict["similarity"] <= 1.0
        assert verdict["article"]["duplicate_of"] == original["article"]["id"]


def _story(outlet: str, body: str) -> dict[str, Any]:
    return {
        "source": {"name": outlet},
        "published_at": "2026-03-10T12:00:00Z",
        "language": "en",
        "body": body,
    }


def test_a_paraphrased_copy_is_a_near_duplicate_of_its_original(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()
    original = _push(client, headers, _story("Wire One", ORIGINAL))

    copy = _push(client, headers, _story("Rewrite Daily", PARAPHRASE))

    assert original["outcome"] == "created"
    assert copy["outcome"] == "near_duplicate"
    assert copy["duplicate_of"] == original["article"]["id"]
    assert WORD_FLOOR <= copy["similarity"] < ALIGNMENT_THRESHOLD


def test_another_outlets_report_naming_the_same_people_is_created(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()
    _push(client, headers, _story("Wire One", ORIGINAL))

    other = _push(client, headers, _story("Pacific Herald", INDEPENDENT))

    assert other["outcome"] == "created"


def test_an_original_is_indexed_under_both_paths_bands(
    client: TestClient, auth: Auth, session: Session
) -> None:
    original = _push(client, auth(), _story("Wire One", ORIGINAL))

    bands = session.execute(
        select(ArticleBand.band).where(ArticleBand.article_id == original["article"]["id"])
    ).scalars()

    expected = [*range(BANDS), *range(BAND_OFFSET, BAND_OFFSET + SKELETON_BANDS)]
    assert sorted(bands) == expected


def test_reprocess_gives_an_older_original_its_skeleton_bands(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = auth()
    original = _push(client, headers, _story("Wire One", ORIGINAL))
    article_id = original["article"]["id"]
    # as stored before the paraphrase path: word bands only
    session.execute(delete(ArticleBand).where(ArticleBand.band >= BAND_OFFSET))

    service.reprocess(session, article_id)
    copy = _push(client, headers, _story("Rewrite Daily", PARAPHRASE))

    count = session.execute(
        select(func.count()).select_from(ArticleBand).where(ArticleBand.article_id == article_id)
    ).scalar_one()
    assert count == BANDS + SKELETON_BANDS
    assert copy["duplicate_of"] == article_id


def test_three_outlets_reporting_one_meeting_are_all_created(
    client: TestClient, auth: Auth
) -> None:
    headers = auth()

    outcomes = [_push(client, headers, SEEDS[i])["outcome"] for i in (0, 1, 3)]

    assert outcomes == ["created", "created", "created"]


def test_reprints_add_sources_but_never_records(
    client: TestClient, auth: Auth, session: Session
) -> None:
    headers = auth()
    _push(client, headers, SEEDS[1])
    counts = _record_counts(session)
    meeting = client.get("/v1/meetings", headers=headers).json()["data"][0]
    sources_before = len(
        client.get(f"/v1/meetings/{meeting['id']}", headers=headers).json()["sources"]
    )

    for variant in reprints(SEEDS[1]):
        _push(client, headers, variant)

    assert _record_counts(session) == counts
    detail = client.get(f"/v1/meetings/{meeting['id']}", headers=headers).json()
    assert len(detail["sources"]) == sources_before + 3
    statement = client.get("/v1/statements", headers=headers).json()["data"][0]
    assert statement["variant_count"] >= 4


def test_only_originals_are_indexed(client: TestClient, auth: Auth, session: Session) -> None:
    headers = auth()
    original = _push(client, headers, SEEDS[2])
    for variant in reprints(SEEDS[2]):
        _push(client, headers, variant)

    indexed = session.execute(select(ArticleBand.article_id).distinct()).scalars().all()

    assert [str(a) for a in indexed] == [original["article"]["id"]]


def _record_counts(session: Session) -> tuple[int, int]:
    return (
        session.execute(select(func.count()).select_from(Meeting)).scalar_one(),
        session.execute(select(func.count()).select_from(Statement)).scalar_one(),
    )


def test_concurrent_near_identical_pushes_never_give_two_originals(
    committing_engine: Engine,
) -> None:
    factory = create_session_factory(committing_engine)
    payloads = [ArticleCreate.model_validate(v) for v in reprints(SEEDS[4])[:2]]
    start = threading.Barrier(len(payloads))
    outcomes: list[str] = []

    def push(payload: ArticleCreate) -> None:
        start.wait()
        with transaction(factory) as session:
            outcomes.append(str(service.ingest(session, payload, api_key_id=None).body["outcome"]))

    threads = [threading.Thread(target=push, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(outcomes) == {"created": 1, "near_duplicate": 1}
    with factory() as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 2


def test_batch_gives_one_result_per_item_in_order(
    client: TestClient, auth: Auth, session: Session
) -> None:
    original = SEEDS[0]
    items = [
        original,
        {"source": {}, "body": "", "published_at": "nope"},
        original,
        reprints(original)[0],
        SEEDS[1],
        {
            "source": {"name": "x"},
            "body": "<script>x()</script>",
            "content_type": "text/html",
            "published_at": "2026-01-01T00:00:00Z",
        },
    ]

    response = client.post("/v1/articles/batch", json={"articles": items}, headers=auth())

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert [r["status"] for r in results] == [201, 422, 200, 201, 201, 422]
    assert results[0]["result"]["outcome"] == "created"
    assert results[1]["problem"]["errors"][0]["loc"][:3] == ["body", "articles", 1]
    assert results[2]["result"]["reason"] == "content"
    assert results[3]["result"]["outcome"] == "near_duplicate"
    assert results[3]["result"]["duplicate_of"] == results[0]["result"]["article"]["id"]
    assert results[4]["result"]["outcome"] == "created"
    assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 3


def test_batch_limits(client: TestClient, auth: Auth) -> None:
    headers = auth()

    empty = client.post("/v1/articles/batch", json={"articles": []}, headers=headers)
    too_many = client.post("/v1/articles/batch", json={"articles": [{}] * 101}, headers=headers)

    assert empty.status_code == too_many.status_code == 422


def test_deleting_an_original_takes_its_bands_along(
    client: TestClient, auth: Auth, session: Session
) -> None:
    original = _push(client, auth(), SEEDS[3])
    article_id = original["article"]["id"]
    assert session.execute(select(func.count()).select_from(ArticleBand)).scalar_one() > 0

    session.execute(delete(Article).where(Article.id == article_id))

    assert session.execute(select(func.count()).select_from(ArticleBand)).scalar_one() == 0
