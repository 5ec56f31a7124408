"""Typed factories for test data."""

import json
import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from service.apikey import service as apikeys
from service.article import service as articles
from service.article.schemas import ArticleCreate
from service.core.auth import Scope
from service.extraction.records import (
    MeetingMention,
    Mention,
    ParticipationMention,
    Span,
    StatementMention,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"

_counter = 0


def make_key(session: Session, scopes: tuple[Scope, ...]) -> str:
    global _counter
    _counter += 1
    return apikeys.create(session, f"test-{_counter}", list(scopes)).token


_WORDS = (
    "markets currency harvest rainfall railway bridge museum festival orchestra library "
    "vaccine hospital tunnel airport ferry glacier vineyard textile copper lithium satellite "
    "telescope archive census budget tariff pension housing rental wages inflation exports "
    "imports dairy wheat coffee cocoa timber shipping harbour canal reservoir drought storm "
    "coastline election turnout survey stadium marathon league referee tournament laboratory"
).split()


def article_payload(**overrides: Any) -> dict[str, Any]:
    """A valid ingest body whose text is its own (no near-duplicate of another call's) and
    reports no meeting, unless `body` is overridden."""
    global _counter
    _counter += 1
    rng = random.Random(_counter)
    words = " ".join(rng.choice(_WORDS) for _ in range(60))
    payload: dict[str, Any] = {
        "source": {"name": "Wire Service", "domain": "wire.example"},
        "title": f"Regional bulletin {_counter}",
        "published_at": "2026-03-04T10:00:00Z",
        "body": f"Bulletin {_counter}. Figures published today covered {words}.",
        "language": "en",
        "authors": ["A. Reporter"],
    }
    payload.update(overrides)
    return payload


def seed_payloads() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.json"))]


# --------------------------------------------------- extraction records for merge tests

EVIDENCE = Span(0, 5)
MEETING_DAY = date(2026, 1, 3)


def make_article(session: Session) -> uuid.UUID:
    """A stored article whose own text yields nothing, to hang hand-made extractions on."""
    reply = articles.ingest(
        session, ArticleCreate.model_validate(article_payload()), api_key_id=None
    )
    return uuid.UUID(str(reply.body["article"]["id"]))


def country(code: str, name: str, alias: str | None = None) -> Mention:
    return Mention(
        key=f"country:{code}",
        type="country",
        name=name,
        aliases=[alias] if alias else [],
        identifiers={"iso3166_alpha2": code},
        spans=[EVIDENCE],
    )


def person(name: str) -> Mention:
    return Mention(key=f"person:{name.lower()}", type="person", name=name, spans=[EVIDENCE])


def advisers_meeting(*keys: str, host: str | None = None) -> MeetingMention:
    parties = [
        ParticipationMention(participant_key=k, mode="in_person", spans=[EVIDENCE]) for k in keys
    ]
    if host:
        parties.append(ParticipationMention(participant_key=host, role="host", spans=[EVIDENCE]))
    return MeetingMention(
        key="m0",
        title="Coalition of the Willing advisers meeting",
        kind="advisers",
        status="held",
        series="coalition-of-the-willing",
        start_date=MEETING_DAY,
        date_precision="day",
        city="Kyiv",
        country="UA",
        participants=parties,
        spans=[EVIDENCE],
    )


def quote(text: str, speaker_key: str) -> StatementMention:
    return StatementMention(text=text, span=Span(10, 10 + len(text)), speaker_key=speaker_key)
