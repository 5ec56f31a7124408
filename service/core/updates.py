"""Updates that apply only while the row still holds what the writer read (an optimistic check
for decisions made from a read that other writers may since have changed)."""

import uuid
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.orm import Session


def update_if_unchanged(
    session: Session, table: Table, row_id: uuid.UUID, values: dict[str, Any], read: dict[str, Any]
) -> bool:
    """Set `values` on the row `row_id` unless a column in `read` no longer holds the value read;
    whether it was applied. A concurrent writer's uncommitted change makes this wait for it."""
    unchanged = [table.c[name].is_not_distinct_from(value) for name, value in read.items()]
    applied = session.execute(
        update(table).where(table.c.id == row_id, *unchanged).values(**values).returning(table.c.id)
    ).first()
    return applied is not None
