"""Reading meetings: detail with embedded participants and sources, and keyset lists."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from service.core.errors import NotFound
from service.core.pagination import Page, decode_keyset, keyset_page
from service.meeting import repository
from service.meeting.schemas import (
    ArticleRef,
    MeetingRead,
    MeetingSummary,
    ParticipationRead,
)
from service.participant.schemas import ParticipantRef


class MeetingNotFound(NotFound):
    slug = "meeting-not-found"
    title = "Meeting not found"


def get(session: Session, meeting_id: uuid.UUID) -> MeetingRead:
    meeting = repository.get_meeting(session, meeting_id)
    if meeting is None:
        raise MeetingNotFound(f"no meeting with id {meeting_id}")
    participations = [
        ParticipationRead(
            participant=ParticipantRef(id=row.id, name=row.name, type=row.type),
            role=row.role,
            mode=row.mode,
            source_count=len(row.sources or []),
            sources=list(row.sources or []),
        )
        for row in repository.participations_of(session, meeting_id)
    ]
    sources = [
        ArticleRef(
            id=row.id, title=row.title, source_name=row.source_name, published_at=row.published_at
        )
        for row in repository.sources_of(session, meeting_id)
    ]
    return MeetingRead(
        **_summary_fields(meeting, len(participations)),
        participants=participations,
        sources=sources,
        statement_count=meeting.statement_count,
    )


def ensure_exists(session: Session, meeting_id: uuid.UUID) -> None:
    if repository.get_meeting(session, meeting_id) is None:
        raise MeetingNotFound(f"no meeting with id {meeting_id}")


def list_page(
    session: Session, *, limit: int, cursor: str | None, filters: dict[str, Any]
) -> Page[MeetingSummary]:
    after = decode_keyset(cursor, _optional_date, uuid.UUID)
    rows = repository.list_meetings(session, limit=limit + 1, after=after, filters=filters)
    items = [MeetingSummary(**_summary_fields(row, row.participant_count)) for row in rows]
    return keyset_page(
        items, limit, lambda m: (m.start_date.isoformat() if m.start_date else None, str(m.id))
    )


def _optional_date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a date")
    return date.fromisoformat(value)


def _summary_fields(meeting: Any, participant_count: int) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "kind": meeting.kind,
        "series": meeting.series,
        "status": meeting.status,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "date_precision": meeting.date_precision,
        "city": meeting.city,
        "country": meeting.country,
        "participant_count": participant_count,
    }
