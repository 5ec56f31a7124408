"""Transaction-scoped advisory locks, for merges that no unique key can express.

Writers take every lock they will need in one ordered call before they write anything
(`advisory_xact_locks`): two ingests wanting overlapping sets then wait for each other instead
of deadlocking. Named locks (`lock_key`) and numeric ones (MinHash band hashes) share one key
space, so re-taking a named lock later in the same transaction is a no-op.
"""

import hashlib

from sqlalchemy import event, text
from sqlalchemy.orm import Session, SessionTransaction


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (the same in every process)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


def advisory_xact_lock(session: Session, name: str) -> None:
    """Serialise writers of `name` until this transaction ends.

    Used where "is there already one?" needs fuzzy matching (a meeting on a date, a person by a
    transliterated name): concurrent merges of the same thing wait here, then see each other's
    committed rows, so no twins are created.
    """
    advisory_xact_locks(session, [lock_key(name)])


def advisory_xact_locks(session: Session, keys: list[int]) -> None:
    """Take many transaction-scoped locks in one round trip, in ascending order; locks this
    transaction already holds cost nothing."""
    held: set[int] = session.info.setdefault(_HELD, set())
    wanted = sorted(set(keys) - held)
    if not wanted:
        return
    session.execute(
        text(
            "SELECT count(pg_advisory_xact_lock(k)) "
            "FROM (SELECT k FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered"
        ),
        {"keys": wanted},
    )
    held.update(wanted)


_HELD = "parley.advisory_locks"


@event.listens_for(Session, "after_transaction_end")
def _forget_held_locks(session: Session, _transaction: SessionTransaction) -> None:
    # conservative: after any (sub)transaction ends the set is dropped; a lock still held is
    # merely taken again (a no-op in PostgreSQL), a released one is never assumed held
    session.info.pop(_HELD, None)
