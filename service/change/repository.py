"""SQL for the change log."""

import uuid
from typing import Any

from sqlalchemy import insert, select, text, tuple_
from sqlalchemy.orm import Session

from service.models import Change


def insert_changes(session: Session, changes: list[tuple[str, uuid.UUID, str]]) -> None:
    """In the order given, so `seq` follows the order the writer recorded them."""
    session.execute(
        insert(Change).values([{"entity_type": t, "entity_id": i, "op": o} for t, i, o in changes])
    )


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
