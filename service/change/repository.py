"""SQL for the change log."""

import uuid
from typing import Any

from sqlalchemy import insert, select, text, tuple_
from sqlalchemy.orm import Session

from service.models import Change


def insert_change(session: Session, entity_type: str, entity_id: uuid.UUID, op: str) -> None:
    session.execute(insert(Change).values(entity_type=entity_type, entity_id=entity_id, op=op))


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
