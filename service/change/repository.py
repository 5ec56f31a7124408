"""SQL for the change log."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text, tuple_
from sqlalchemy.orm import Session

from service.core import combined_writes
from service.core.combined_writes import Insert, InsertPart
from service.models import Change

# one statement text for any number of changes, so PostgreSQL keeps it prepared
_CHANGES = InsertPart(
    "changes",
    "changes",
    """
    INSERT INTO changes (entity_type, entity_id, op)
    SELECT * FROM unnest(CAST(:types AS text[]), CAST(:ids AS uuid[]), CAST(:ops AS text[]))
    """,
)


def changes_insert(changes: Sequence[tuple[str, uuid.UUID, str]]) -> Insert | None:
    """The changes as a part of a combined write, in the order given, so `seq` follows the
    order the writer recorded them (None when there are none)."""
    if not changes:
        return None
    return Insert(
        _CHANGES,
        {
            "types": [t for t, _, _ in changes],
            "ids": [i for _, i, _ in changes],
            "ops": [o for _, _, o in changes],
        },
    )


def insert_changes(session: Session, changes: Sequence[tuple[str, uuid.UUID, str]]) -> None:
    """Write the changes now, in the order given."""
    combined_writes.write(session, [changes_insert(changes)])


def read_after(session: Session, after: tuple[int, int], limit: int) -> list[Any]:
    """Changes after `after` in (txid, seq) order, from transactions older than any running one."""
    watermark = text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
    return list(
        session.execute(
            select(
                Change.seq,
                Change.txid,
                Change.entity_type,
                Change.entity_id,
                Change.op,
                Change.changed_at,
            )
            .where(tuple_(Change.txid, Change.seq) > tuple_(*after), Change.txid < watermark)
            .order_by(Change.txid, Change.seq)
            .limit(limit)
        ).all()
    )
