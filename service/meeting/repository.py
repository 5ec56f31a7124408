"""SQL for meetings, participations and their evidence."""

import functools
import uuid
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Date,
    Table,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from service.core.combined_writes import Insert, InsertPart
from service.core.driver_sql import DriverSql
from service.core.updates import update_if_unchanged
from service.extraction.records import MeetingMention
from service.models import (
    EvidenceSpan,
    Meeting,
    MeetingParticipation,
)


def candidates(
    session: Session,
    mention: MeetingMention,
    around: date,
    days: int,
    reported: tuple[date, date],
) -> list[Any]:
    """Meetings that could be the one `mention` reports: compatible country, the same kind or
    series (or, for a dated report, the same day), and a date that fits: a start date on the
    report's day or in its month, or within `days` of `around` for an undated report; for an
    undated meeting, a first report within `reported` (first, last day). The final decision is
    the service's; this only keeps the candidate set small however many meetings are stored."""
    day = mention.start_date if mention.date_precision == "day" else None
    params: dict[str, Any] = {
        "kind": mention.kind,
        "reported_low": reported[0],
        "reported_high": reported[1],
    }
    if day is not None:
        first, last = month_bounds(day)
        params |= {"day": day, "first": first, "last": last}
    elif mention.start_date is not None:
        # a month-precision report can only be a meeting of that month (`_same_meeting`)
        params |= dict(zip(("low", "high"), month_bounds(mention.start_date), strict=True))
    else:
        params |= {"low": around - timedelta(days=days), "high": around + timedelta(days=days)}
    if mention.series is not None:
        params["series"] = mention.series
    if mention.country is not None:
        params["country"] = mention.country
    query = _candidates_query(
        dated=day is not None,
        with_series=mention.series is not None,
        with_country=mention.country is not None,
    )
    return query.rows(session, params)


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of `day`'s month."""
    first = day.replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, date.fromordinal(following.toordinal() - 1)


@functools.cache
def _candidates_query(*, dated: bool, with_series: bool, with_country: bool) -> DriverSql:
    # built once per shape: every meeting mention of every article asks
    undated = and_(
        Meeting.start_date.is_(None),
        Meeting.reported_on.between(bindparam("reported_low"), bindparam("reported_high")),
    )
    if dated:
        day = bindparam("day", type_=Date)
        when = or_(
            Meeting.start_date == day,
            and_(
                Meeting.date_precision != "day",
                Meeting.start_date.between(bindparam("first"), bindparam("last")),
            ),
            undated,
        )
    else:
        when = or_(Meeting.start_date.between(bindparam("low"), bindparam("high")), undated)
    # `== None` is `IS NULL`: a report without a series matches meetings without one
    series: BindParameter[Any] | None = bindparam("series") if with_series else None
    alike = or_(Meeting.kind == bindparam("kind"), Meeting.series == series)
    if dated:
        alike = or_(alike, Meeting.start_date == day)
    query = select(
        Meeting.id,
        Meeting.title,
        Meeting.created_at,
        Meeting.kind,
        Meeting.series,
        Meeting.status,
        Meeting.start_date,
        Meeting.end_date,
        Meeting.date_precision,
        Meeting.city,
        Meeting.country,
        Meeting.reported_on,
    ).where(when, alike)
    if with_country:
        query = query.where(or_(Meeting.country.is_(None), Meeting.country == bindparam("country")))
    return DriverSql(query.order_by(Meeting.created_at, Meeting.id))


_INSERT_MEETING = DriverSql(
    text(
        """
        INSERT INTO meetings (
            title, kind, series, status, start_date, end_date, date_precision, city, country,
            reported_on
        ) VALUES (
            :title, :kind, :series, :status, :start_date, :end_date, :date_precision, :city,
            :country, :reported_on
        )
        RETURNING id
        """
    )
)


def insert_meeting(session: Session, values: dict[str, Any]) -> uuid.UUID:
    """A new meeting from `values`, which hold every column of the statement; its id."""
    meeting_id: uuid.UUID = _INSERT_MEETING.one(session, values).id
    return meeting_id


def update_meeting(
    session: Session, meeting_id: uuid.UUID, values: dict[str, Any], *, read: dict[str, Any]
) -> bool:
    """Apply `values` unless a column in `read` no longer holds the value read (another writer
    changed it since, and the decision to update may not stand); whether it was applied."""
    return update_if_unchanged(session, cast(Table, Meeting.__table__), meeting_id, values, read)


_UPSERT_PARTICIPATIONS = DriverSql(
    text(
        """
    INSERT INTO meeting_participations AS mp (meeting_id, participant_id, role, mode)
    SELECT CAST(:meeting_id AS uuid), k.participant_id, k.role, k.mode
    FROM unnest(CAST(:participant_ids AS uuid[]), CAST(:roles AS text[]), CAST(:modes AS text[]))
        AS k(participant_id, role, mode)
    ON CONFLICT (meeting_id, participant_id) DO UPDATE SET
        role = CASE WHEN excluded.role = 'host' THEN 'host' ELSE mp.role END,
        mode = CASE WHEN mp.mode = 'unknown' THEN excluded.mode ELSE mp.mode END
    RETURNING mp.participant_id, mp.id
    """
    )
)


def upsert_participations(
    session: Session, meeting_id: uuid.UUID, rows: list[tuple[uuid.UUID, str, str, Any]]
) -> dict[uuid.UUID, int]:
    """One statement for a meeting's (distinct) participants: a host stays host, a known mode
    beats `unknown`. Returns participant id → participation id."""
    if not rows:
        return {}
    # one order in every writer: the upsert keeps existing rows locked until commit
    rows = sorted(rows, key=lambda row: str(row[0]))
    result = _UPSERT_PARTICIPATIONS.rows(
        session,
        {
            "meeting_id": meeting_id,
            "participant_ids": [p for p, _, _, _ in rows],
            "roles": [role for _, role, _, _ in rows],
            "modes": [mode for _, _, mode, _ in rows],
        },
    )
    return {r.participant_id: r.id for r in result}


_FIND_PARTICIPATIONS = DriverSql(
    text(
        """
        SELECT participant_id, id FROM meeting_participations
        WHERE meeting_id = :meeting_id AND participant_id = ANY(CAST(:participant_ids AS uuid[]))
        """
    )
)


def find_participations(
    session: Session, meeting_id: uuid.UUID, participant_ids: set[uuid.UUID]
) -> dict[uuid.UUID, int]:
    if not participant_ids:
        return {}
    rows = _FIND_PARTICIPATIONS.rows(
        session, {"meeting_id": meeting_id, "participant_ids": sorted(participant_ids)}
    )
    return {r.participant_id: r.id for r in rows}


# One statement text whatever the row count (so PostgreSQL keeps it prepared); rows go in
# the order given, which is the order their ids are drawn in.
_EVIDENCE = InsertPart(
    "evidence",
    "evidence_spans",
    """
    INSERT INTO evidence_spans
        (article_id, meeting_id, participation_id, role_id, span_start, span_end)
    SELECT * FROM unnest(
        CAST(:article_ids AS uuid[]), CAST(:meeting_ids AS uuid[]),
        CAST(:participation_ids AS bigint[]), CAST(:role_ids AS bigint[]),
        CAST(:starts AS integer[]), CAST(:ends AS integer[])
    )
    ON CONFLICT DO NOTHING
    """,
)


def evidence_insert(rows: list[dict[str, Any]]) -> Insert | None:
    """Evidence rows of `article_id, span_start, span_end` and one of `meeting_id`,
    `participation_id`, `role_id`, as a part of a combined write (None when there are none);
    a row already stored is skipped."""
    if not rows:
        return None
    return Insert(
        _EVIDENCE,
        {
            "article_ids": [r["article_id"] for r in rows],
            "meeting_ids": [r.get("meeting_id") for r in rows],
            "participation_ids": [r.get("participation_id") for r in rows],
            "role_ids": [r.get("role_id") for r in rows],
            "starts": [r["span_start"] for r in rows],
            "ends": [r["span_end"] for r in rows],
        },
    )


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
