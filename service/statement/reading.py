"""Reading statements: detail with variants, and keyset lists."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from service.core.errors import NotFound
from service.core.pagination import Page, decode_keyset, keyset_page
from service.meeting.schemas import MeetingRef
from service.participant.schemas import ParticipantRef
from service.statement import repository
from service.statement.schemas import StatementRead, StatementSummary, VariantRead


class StatementNotFound(NotFound):
    slug = "statement-not-found"
    title = "Statement not found"


def get(session: Session, statement_id: uuid.UUID) -> StatementRead:
    row = repository.get_statement(session, statement_id)
    if row is None:
        raise StatementNotFound(f"no statement with id {statement_id}")
    variants = [
        VariantRead(text=v.text, article_id=v.article_id, span=(v.span_start, v.span_end))
        for v in repository.variants_of(session, statement_id)
    ]
    return StatementRead(**_summary_fields(row), variants=variants)


def list_page(
    session: Session, *, limit: int, cursor: str | None, filters: dict[str, Any]
) -> Page[StatementSummary]:
    after = decode_keyset(cursor, "statements", date.fromisoformat, uuid.UUID)
    rows = repository.list_statements(session, limit=limit + 1, after=after, filters=filters)
    items = [StatementSummary(**_summary_fields(row)) for row in rows]
    return keyset_page(
        items, limit, "statements", lambda s: ((s.said_on or date.min).isoformat(), str(s.id))
    )


def _summary_fields(row: Any) -> dict[str, Any]:
    statement = row
    speaker = (
        ParticipantRef(id=statement.speaker_id, name=row.speaker_name, type=row.speaker_type)
        if statement.speaker_id is not None
        else None
    )
    meeting = (
        MeetingRef(
            id=statement.meeting_id, title=row.meeting_title, start_date=row.meeting_start_date
        )
        if statement.meeting_id is not None
        else None
    )
    return {
        "id": statement.id,
        "text": statement.text,
        "speaker": speaker,
        "said_on": statement.said_on,
        "channel": statement.channel,
        "meeting": meeting,
        "variant_count": row.variant_count,
    }
