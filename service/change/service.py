"""Recording changes (every write path that creates, updates or merges a record calls `record`)
and reading the feed."""

import re
import uuid
from typing import Literal

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from service.change import repository
from service.change.schemas import ChangePage, ChangeRead
from service.core import combined_writes
from service.core.combined_writes import Insert
from service.core.errors import Unprocessable

EntityType = Literal["meeting", "participant", "statement", "article"]
Op = Literal["created", "updated", "merged", "deleted"]


def record(session: Session, entity_type: EntityType, entity_id: uuid.UUID, op: Op) -> None:
    """Note a change; the transaction writes its notes in one statement just before it commits."""
    session.info.setdefault(_PENDING, []).append((entity_type, entity_id, op))


_PENDING = "parley.pending_changes"


def pending_insert(session: Session) -> Insert | None:
    """The notes recorded so far, taken off the session as a part of a combined write: for a
    writer that ends its transaction with one (the notes recorded after it are still written
    before commit)."""
    pending = session.info.pop(_PENDING, None)
    return repository.changes_insert(_without_repeats(pending)) if pending else None


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    combined_writes.write(session, [pending_insert(session)])


def _without_repeats(
    pending: list[tuple[EntityType, uuid.UUID, Op]],
) -> list[tuple[EntityType, uuid.UUID, Op]]:
    """The notes in order, less any `updated` of an entity this transaction already noted as
    created or updated since its last other change: a consumer refetches it once anyway."""
    kept: list[tuple[EntityType, uuid.UUID, Op]] = []
    fresh: set[tuple[EntityType, uuid.UUID]] = set()
    for entity_type, entity_id, op in pending:
        entity = (entity_type, entity_id)
        if op == "updated" and entity in fresh:
            continue
        if op in ("created", "updated"):
            fresh.add(entity)
        else:
            fresh.discard(entity)
        kept.append((entity_type, entity_id, op))
    return kept


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, _previous: SessionTransaction) -> None:
    session.info.pop(_PENDING, None)


START = "0-0"
_POSITION = re.compile(r"^(\d{1,20})-(\d{1,20})$")


def read(session: Session, after: str | None, limit: int, *, name: str = "cursor") -> ChangePage:
    """The changes after position `after` (from the start when omitted); `name` is the query
    parameter it came in, for the problem when it is no position."""
    match = _POSITION.match(after or START)
    if match is None:
        raise Unprocessable.field(
            ["query", name], "not a position of the change feed", "invalid_cursor"
        )
    txid, seq = int(match.group(1)), int(match.group(2))
    rows = repository.read_after(session, (txid, seq), limit)
    data = [
        ChangeRead(
            position=f"{row.txid}-{row.seq}",
            seq=row.seq,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            op=row.op,
            changed_at=row.changed_at,
        )
        for row in rows
    ]
    return ChangePage(data=data, next_cursor=data[-1].position if data else f"{txid}-{seq}")
