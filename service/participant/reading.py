"""Reading participants: detail with aliases, identifiers and roles; lists and fuzzy search."""

import uuid
from typing import Any

from psycopg import sql
from sqlalchemy.orm import Session

from service.core.errors import NotFound, Unprocessable
from service.core.pagination import Page, decode_keyset, encode_cursor, keyset_page
from service.core.sql_reads import SqlReads
from service.participant import abbreviations, repository
from service.participant.naming import normalize_name
from service.participant.schemas import (
    ParticipantRead,
    ParticipantRef,
    ParticipantSummary,
    RoleRead,
)


class ParticipantNotFound(NotFound):
    slug = "participant-not-found"
    title = "Participant not found"


def get(session: Session, participant_id: uuid.UUID) -> ParticipantRead:
    row = repository.get_participant(session, participant_id)
    if row is None:
        raise ParticipantNotFound(f"no participant with id {participant_id}")
    roles = [
        RoleRead(
            title=r.title,
            affiliation=(
                ParticipantRef(
                    id=r.affiliation_id, name=r.affiliation_name, type=r.affiliation_type
                )
                if r.affiliation_id is not None
                else None
            ),
            first_seen=r.first_seen,
            last_seen=r.last_seen,
            sources=sorted(r.sources or []),
        )
        for r in repository.roles_of(session, participant_id)
    ]
    meeting_count, statement_count = repository.counts_of(session, participant_id)
    return ParticipantRead(
        id=row.id,
        name=row.name,
        type=row.type,
        merged_into=row.merged_into,
        aliases=repository.aliases_of(session, participant_id),
        identifiers=repository.identifiers_of(session, participant_id),
        roles=roles,
        meeting_count=meeting_count,
        statement_count=statement_count,
    )


def ensure_exists(session: Session, participant_id: uuid.UUID) -> None:
    if repository.get_participant(session, participant_id) is None:
        raise ParticipantNotFound(f"no participant with id {participant_id}")


_EXISTS = sql.SQL("SELECT 1 FROM participants WHERE id = %(participant_id)s")


async def ensure_listed(reads: SqlReads, participant_id: uuid.UUID) -> None:
    """`ensure_exists` for the async read paths."""
    if await reads.value(_EXISTS, {"participant_id": participant_id}) is None:
        raise ParticipantNotFound(f"no participant with id {participant_id}")


def list_page(
    session: Session, *, limit: int, cursor: str | None, type_: str | None, q: str | None
) -> Page[ParticipantSummary]:
    if q is not None:
        return _search_page(session, limit=limit, cursor=cursor, type_=type_, q=q)
    after = decode_keyset(cursor, "participants", str, uuid.UUID)
    rows = repository.list_participants(session, limit=limit + 1, after=after, type_=type_)
    return keyset_page(
        [_summary(row) for row in rows], limit, "participants", lambda p: (p.name, str(p.id))
    )


def _search_page(
    session: Session, *, limit: int, cursor: str | None, type_: str | None, q: str
) -> Page[ParticipantSummary]:
    # relevance order has no stable key to seek on, so search pages by position
    (offset,) = decode_keyset(cursor, "participants-search", _offset) or (0,)
    normalized = normalize_name(abbreviations.expand(q) or q)
    if not normalized:
        raise Unprocessable.field(["query", "q"], "search for at least one letter or digit")
    rows = repository.search_participants(
        session, normalized=normalized, limit=limit + 1, offset=offset, type_=type_
    )
    items = [_summary(row) for row in rows[:limit]]
    next_cursor = (
        encode_cursor("participants-search", offset + limit) if len(rows) > limit else None
    )
    return Page[ParticipantSummary](data=items, next_cursor=next_cursor)


def _offset(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("not an offset")
    return value


def _summary(row: Any) -> ParticipantSummary:
    return ParticipantSummary(id=row.id, name=row.name, type=row.type)
