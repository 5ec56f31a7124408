"""SQL for meetings, participations and their evidence."""

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.orm import Session

from service.extraction.records import MeetingMention
from service.models import (
    Article,
    EvidenceSpan,
    Meeting,
    MeetingParticipation,
    Participant,
    Source,
    Statement,
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


# plain columns, not ORM objects: read paths skip identity-map and instance bookkeeping
_COLUMNS = (
    Meeting.id,
    Meeting.title,
    Meeting.kind,
    Meeting.series,
    Meeting.status,
    Meeting.start_date,
    Meeting.end_date,
    Meeting.date_precision,
    Meeting.city,
    Meeting.country,
)


# The detail's statements are built once: constructing a select costs more CPU than running it.
_MEETING_ID = bindparam("meeting_id", type_=PG_UUID(as_uuid=True))
_GET_MEETING = select(
    *_COLUMNS,
    select(func.count())
    .select_from(Statement)
    .where(Statement.meeting_id == Meeting.id)
    .scalar_subquery()
    .label("statement_count"),
).where(Meeting.id == _MEETING_ID)
_PARTICIPATIONS = (
    select(
        Participant.id,
        Participant.name,
        Participant.type,
        MeetingParticipation.role,
        MeetingParticipation.mode,
        select(
            func.array_agg(
                aggregate_order_by(EvidenceSpan.article_id.distinct(), EvidenceSpan.article_id)
            )
        )
        .where(EvidenceSpan.participation_id == MeetingParticipation.id)
        .scalar_subquery()
        .label("sources"),
    )
    .join(Participant, Participant.id == MeetingParticipation.participant_id)
    .where(MeetingParticipation.meeting_id == _MEETING_ID)
    .order_by(MeetingParticipation.role.desc(), Participant.name)
)
_SOURCES = (
    select(Article.id, Article.title, Article.published_at, Source.name.label("source_name"))
    .join(Source, Source.id == Article.source_id)
    .where(
        Article.id.in_(
            select(EvidenceSpan.article_id).where(EvidenceSpan.meeting_id == _MEETING_ID)
        )
    )
    .order_by(Article.published_at, Article.id)
)


def get_meeting(session: Session, meeting_id: uuid.UUID) -> Any:
    """The meeting's columns and its statement count, or None."""
    return session.execute(_GET_MEETING, {"meeting_id": meeting_id}).first()


def participations_of(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """Each participant with role, mode and the articles that name it, hosts first."""
    return list(session.execute(_PARTICIPATIONS, {"meeting_id": meeting_id}).all())


def sources_of(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    return list(session.execute(_SOURCES, {"meeting_id": meeting_id}).all())


def list_meetings(
    session: Session,
    *,
    limit: int,
    after: tuple[date | None, uuid.UUID] | None,
    filters: dict[str, Any],
) -> list[Any]:
    participant_count = (
        select(func.count()).where(MeetingParticipation.meeting_id == Meeting.id).scalar_subquery()
    )
    query = select(*_COLUMNS, participant_count.label("participant_count"))
    if filters.get("from") is not None:
        query = query.where(Meeting.start_date >= filters["from"])
    if filters.get("to") is not None:
        query = query.where(Meeting.start_date <= filters["to"])
    for column in ("country", "city", "kind", "series", "status"):
        if filters.get(column) is not None:
            query = query.where(getattr(Meeting, column) == filters[column])
    if filters.get("participant") is not None:
        query = query.where(
            Meeting.id.in_(
                select(MeetingParticipation.meeting_id).where(
                    MeetingParticipation.participant_id == filters["participant"]
                )
            )
        )
    if filters.get("q") is not None:
        query = query.where(
            Meeting.search_vector.op("@@")(func.websearch_to_tsquery("english", filters["q"]))
        )
    # newest first, undated last: the order of ix_meetings_start_date_id
    if after is not None:
        after_date, after_id = after
        if after_date is None:
            query = query.where(Meeting.start_date.is_(None), Meeting.id < after_id)
        else:
            query = query.where(
                or_(
                    tuple_(Meeting.start_date, Meeting.id) < tuple_(after_date, after_id),
                    Meeting.start_date.is_(None),
                )
            )
    query = query.order_by(Meeting.start_date.desc().nulls_last(), Meeting.id.desc()).limit(limit)
    return list(session.execute(query).all())


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
