"""Reading meetings: detail with embedded participants and sources, and keyset lists, as JSON
that PostgreSQL renders (see `read_sql`)."""

import uuid
from datetime import date
from typing import Any

import orjson
from sqlalchemy.orm import Session

from service.core.errors import NotFound
from service.core.pagination import decode_keyset, encode_cursor
from service.core.sql_reads import SqlReads
from service.meeting import read_sql, repository


class MeetingNotFound(NotFound):
    slug = "meeting-not-found"
    title = "Meeting not found"


async def get(reads: SqlReads, meeting_id: uuid.UUID) -> bytes:
    """One meeting as `MeetingRead` JSON."""
    found = await reads.value(read_sql.MEETING_DETAIL, {"meeting_id": meeting_id})
    if found is None:
        raise MeetingNotFound(f"no meeting with id {meeting_id}")
    return str(found).encode()


def ensure_exists(session: Session, meeting_id: uuid.UUID) -> None:
    if not repository.meeting_exists(session, meeting_id):
        raise MeetingNotFound(f"no meeting with id {meeting_id}")


async def list_page(
    reads: SqlReads, *, limit: int, cursor: str | None, filters: dict[str, Any]
) -> bytes:
    """A page of `MeetingSummary` JSON, newest first, undated last."""
    after = decode_keyset(cursor, "meetings", _optional_date, uuid.UUID)
    params = {name: v for name, v in filters.items() if v is not None}
    query = read_sql.meeting_list(
        [name for name in params if name != "participant"],
        participant="participant" in params,
        after=after is not None,
    )
    params["limit"] = limit + 1
    if after is not None:
        params["after_date"], params["after_id"] = after
    rows = await reads.rows(query, params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last_date, last_id = rows[-1][1], rows[-1][2]
        next_cursor = encode_cursor(
            "meetings", last_date.isoformat() if last_date else None, str(last_id)
        )
    items = ",".join(row[0] for row in rows)
    return f'{{"data":[{items}],"next_cursor":{orjson.dumps(next_cursor).decode()}}}'.encode()


def _optional_date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a date")
    return date.fromisoformat(value)
