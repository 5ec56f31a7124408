"""The same articles in the same order give the same records in two empty databases, ids aside."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.article import service as articles
from service.article.schemas import ArticleCreate
from service.models import Meeting, MeetingParticipation, Participant, Statement
from service.statement.service import _best_match, _Candidate
from tests.factories import seed_payloads

# reports of our own, in international-news style, beside the seeds: lists, titles, labels
_OWN = [
    (
        "NAIROBI, Kenya – Envoys of Kenya and Ethiopia met in Nairobi on Thursday for talks on "
        "the border dispute.\n\nThe Kenyan delegation included Foreign Minister Musalia "
        "Mudavadi, Defence Minister Soipan Tuya and intelligence chief Noordin Haji.\n\n"
        '"We agreed to keep talking until the border is calm," Mudavadi told reporters.'
    ),
    (
        "Chilean Foreign Minister Alberto van Klaveren, second left, meets with Argentine "
        "Foreign Minister Gerardo Werthein and Bolivian envoy Ramiro Tapia in Brasília, Brazil, "
        "on Tuesday.\n\nCHILEAN FOREIGN MINISTER ALBERTO VAN KLAVEREN:\n\n"
        '"Our region needs one voice on trade and on the climate, and today we found it."'
    ),
]


def _payloads() -> list[dict[str, Any]]:
    own = [
        {
            "source": {"name": f"Own Wire {i}"},
            "published_at": datetime(2025, 11, 21, 12, tzinfo=UTC).isoformat(),
            "body": body,
        }
        for i, body in enumerate(_OWN)
    ]
    return seed_payloads() + own


def _snapshot(session: Session) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    names = {row.id: row.name for row in session.execute(select(Participant.id, Participant.name))}
    meetings = []
    for m in session.scalars(select(Meeting)):
        parties = sorted(
            (names[p.participant_id], p.role, p.mode)
            for p in session.scalars(
                select(MeetingParticipation).where(MeetingParticipation.meeting_id == m.id)
            )
        )
        meetings.append(
            (m.title, m.kind, m.status, m.start_date, m.end_date, m.city, m.country, tuple(parties))
        )
    statements = [
        (s.text, names.get(s.speaker_id) if s.speaker_id else None, s.channel, s.said_on)
        for s in session.scalars(select(Statement))
    ]
    return sorted(meetings, key=repr), sorted(statements, key=repr)


def _ingest_all(session: Session) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    savepoint = session.begin_nested()
    try:
        for payload in _payloads():
            articles.ingest(session, ArticleCreate.model_validate(payload), api_key_id=None)
        session.flush()
        return _snapshot(session)
    finally:
        savepoint.rollback()


def test_same_articles_same_order_same_records(session: Session) -> None:
    first = _ingest_all(session)
    second = _ingest_all(session)
    assert first[0], "the corpus gives meetings"
    assert first == second


def test_one_quote_said_in_two_stories_goes_to_the_nearer_whatever_the_row_order() -> None:
    # the candidates' row order follows the order concurrent writers inserted in
    words = "Our partners understand that port access is not a favour"
    march = _Candidate(UUID(int=2), None, date(2026, 3, 2), None, date(2026, 3, 2), words)
    june = _Candidate(UUID(int=1), None, date(2026, 6, 1), None, date(2026, 6, 1), words)

    for rows in ([march, june], [june, march]):
        assert _best_match(rows, words, date(2026, 5, 30)) is june
        assert _best_match(rows, words, date(2026, 3, 1)) is march
