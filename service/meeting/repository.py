"""SQL for meetings, participations and their evidence."""

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.extraction.records import MeetingMention
from service.models import (
    EvidenceSpan,
    Meeting,
    MeetingParticipation,
)


def candidates(session: Session, mention: MeetingMention, around: date, days: int) -> list[Any]:
    """Meetings that could be the one `mention` reports: compatible country, the same kind or
    series (or, for a dated report, the same day), and a date that fits. The final decision is
    the service's; this only keeps the candidate set small however many meetings are stored."""
    day = mention.start_date if mention.date_precision == "day" else None
    if day is not None:
        first = day.replace(day=1)
        last = date.fromordinal(
            (first.replace(day=28) + timedelta(days=4)).replace(day=1).toordinal() - 1
        )
        when = or_(
            Meeting.start_date == day,
            and_(Meeting.date_precision != "day", Meeting.start_date.between(first, last)),
            Meeting.start_date.is_(None),
        )
    else:
        low, high = around - timedelta(days=days), around + timedelta(days=days)
        when = or_(Meeting.start_date.between(low, high), Meeting.start_date.is_(None))
    alike = or_(Meeting.kind == mention.kind, Meeting.series == mention.series)
    if day is not None:
        alike = or_(alike, Meeting.start_date == day)
    query = select(
        Meeting.id,
        Meeting.kind,
        Meeting.series,
        Meeting.status,
        Meeting.start_date,
        Meeting.date_precision,
        Meeting.city,
        Meeting.country,
    ).where(when, alike)
    if mention.country is not None:
        query = query.where(or_(Meeting.country.is_(None), Meeting.country == mention.country))
    return list(session.execute(query.order_by(Meeting.created_at, Meeting.id)).all())


def insert_meeting(session: Session, values: dict[str, Any]) -> uuid.UUID:
    return session.execute(insert(Meeting).values(**values).returning(Meeting.id)).scalar_one()


def update_meeting(session: Session, meeting_id: uuid.UUID, values: dict[str, Any]) -> None:
    session.execute(update(Meeting).where(Meeting.id == meeting_id).values(**values))


def upsert_participations(
    session: Session, meeting_id: uuid.UUID, rows: list[tuple[uuid.UUID, str, str, Any]]
) -> dict[uuid.UUID, int]:
    """One statement for a meeting's participants: a host stays host, a known mode beats
    `unknown`. Returns participant id → participation id."""
    if not rows:
        return {}
    statement = insert(MeetingParticipation).values(
        [
            {"meeting_id": meeting_id, "participant_id": p, "role": role, "mode": mode}
            for p, role, mode, _ in rows
        ]
    )
    existing = MeetingParticipation.__table__.c
    result = session.execute(
        statement.on_conflict_do_update(
            index_elements=["meeting_id", "participant_id"],
            set_={
                "role": case((statement.excluded.role == "host", "host"), else_=existing.role),
                "mode": case(
                    (existing.mode == "unknown", statement.excluded.mode), else_=existing.mode
                ),
            },
        ).returning(MeetingParticipation.participant_id, MeetingParticipation.id)
    ).all()
    return {r.participant_id: r.id for r in result}


def find_participations(
    session: Session, meeting_id: uuid.UUID, participant_ids: set[uuid.UUID]
) -> dict[uuid.UUID, int]:
    if not participant_ids:
        return {}
    rows = session.execute(
        select(MeetingParticipation.participant_id, MeetingParticipation.id).where(
            MeetingParticipation.meeting_id == meeting_id,
            MeetingParticipation.participant_id.in_(participant_ids),
        )
    ).all()
    return {r.participant_id: r.id for r in rows}


def add_evidence(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        # a multi-row VALUES needs the same columns in every row
        targets = {"meeting_id": None, "participation_id": None, "role_id": None}
        rows = [targets | row for row in rows]
        session.execute(insert(EvidenceSpan).values(rows).on_conflict_do_nothing())


def source_count(session: Session, meeting_id: uuid.UUID) -> int:
    return session.execute(
        select(func.count(func.distinct(EvidenceSpan.article_id))).where(
            EvidenceSpan.meeting_id == meeting_id
        )
    ).scalar_one()


def participant_ids(session: Session, meeting_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        session.execute(
            select(MeetingParticipation.participant_id).where(
                MeetingParticipation.meeting_id == meeting_id
            )
        ).scalars()
    )


# ------------------------------------------------------------------------ reading


def meeting_exists(session: Session, meeting_id: uuid.UUID) -> bool:
    found = session.execute(select(Meeting.id).where(Meeting.id == meeting_id)).first()
    return found is not None


def delete_unsupported(
    session: Session, meeting_ids: set[uuid.UUID], participation_ids: set[int]
) -> list[uuid.UUID]:
    """Delete participations and meetings that no evidence supports any more."""
    if participation_ids:
        session.execute(
            delete(MeetingParticipation).where(
                MeetingParticipation.id.in_(participation_ids),
                ~select(EvidenceSpan.id)
                .where(EvidenceSpan.participation_id == MeetingParticipation.id)
                .exists(),
            )
        )
    if not meeting_ids:
        return []
    return list(
        session.execute(
            delete(Meeting)
            .where(
                Meeting.id.in_(meeting_ids),
                ~select(EvidenceSpan.id).where(EvidenceSpan.meeting_id == Meeting.id).exists(),
            )
            .returning(Meeting.id)
        ).scalars()
    )
