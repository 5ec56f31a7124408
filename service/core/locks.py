"""Transaction-scoped advisory locks, for merges that no unique key can express.

Writers take every lock they will need in one ordered call before they write anything
(`advisory_xact_locks`): two ingests wanting overlapping sets then wait for each other instead
of deadlocking. Named locks (`lock_key`) and numeric ones (MinHash band hashes) share one key
space, so re-taking a named lock later in the same transaction is a no-op.

A lock may be taken shared: a quote attributed to one speaker holds the months it reaches
shared (it can only match that speaker's statements or unattributed ones, under its speaker's
exclusive lock), an unattributed quote, which can match anyone's, holds them exclusively.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import event, text
from sqlalchemy.orm import Session, SessionTransaction

from service.core.driver_sql import DriverSql


@lru_cache(maxsize=1 << 14)
def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (the same in every process)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


@dataclass(slots=True)
class LockSet:
    """Lock names a writer needs, exclusive or shared; a name wanted both ways is exclusive."""

    exclusive: set[str] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)

    def __ior__(self, other: "LockSet") -> "LockSet":
        self.exclusive |= other.exclusive
        self.shared |= other.shared
        return self

    def take(self, session: Session, *, extra_keys: Iterable[int] = ()) -> None:
        """Take every lock of the set (and `extra_keys`, exclusive) in one ordered call."""
        advisory_xact_locks(
            session,
            [*extra_keys, *(lock_key(n) for n in self.exclusive)],
            shared=[lock_key(n) for n in self.shared - self.exclusive],
        )


def month_locks(prefix: str, first: date, last: date) -> set[str]:
    """Lock names `prefix:YYYY-MM` of every month from `first`'s to `last`'s, both included."""
    # by month, not day: the ranges of one month's reports share their months' names
    return set(
        _month_locks(prefix, date(first.year, first.month, 1), date(last.year, last.month, 1))
    )


@lru_cache(maxsize=1 << 12)
def _month_locks(prefix: str, first: date, last: date) -> frozenset[str]:
    names, month = set(), first
    while month <= last:
        names.add(f"{prefix}:{month:%Y-%m}")
        month = (month + timedelta(days=32)).replace(day=1)  # the 1st of the next month
    return frozenset(names)


def advisory_xact_lock(session: Session, name: str) -> None:
    """Serialise writers of `name` until this transaction ends.

    Used where "is there already one?" needs fuzzy matching (a meeting on a date, a person by a
    transliterated name): concurrent merges of the same thing wait here, then see each other's
    committed rows, so no twins are created.
    """
    advisory_xact_locks(session, [lock_key(name)])


def advisory_xact_locks(session: Session, keys: list[int], *, shared: Iterable[int] = ()) -> None:
    """Take many transaction-scoped locks in one round trip, in ascending key order: `keys`
    exclusively, `shared` shared (a key in both is exclusive). Locks this transaction already
    holds in a mode at least as strong cost nothing."""
    held: dict[int, bool] = session.info.setdefault(_HELD, {})  # key → held exclusively
    exclusive = {k for k in keys if not held.get(k, False)}
    wanted_shared = {k for k in shared if k not in held} - exclusive
    if not exclusive and not wanted_shared:
        return
    wanted = sorted([(k, False) for k in exclusive] + [(k, True) for k in wanted_shared])
    _TAKE_LOCKS.run(session, {"keys": [k for k, _ in wanted], "shared": [s for _, s in wanted]})
    held.update((k, not s) for k, s in wanted)


_HELD = "parley.advisory_locks"
_TAKE_LOCKS = DriverSql(
    text(
        "SELECT count(CASE WHEN s THEN pg_advisory_xact_lock_shared(k) "
        "ELSE pg_advisory_xact_lock(k) END) "
        "FROM (SELECT k, s FROM unnest(CAST(:keys AS bigint[]), CAST(:shared AS boolean[])) "
        "AS t(k, s) ORDER BY k) AS ordered"
    )
)


@event.listens_for(Session, "after_transaction_end")
def _forget_held_locks(session: Session, _transaction: SessionTransaction) -> None:
    # conservative: after any (sub)transaction ends the set is dropped; a lock still held is
    # merely taken again (a no-op in PostgreSQL), a released one is never assumed held
    session.info.pop(_HELD, None)
