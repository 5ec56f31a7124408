"""Transaction-scoped advisory locks, for merges that no unique key can express."""

from sqlalchemy import text
from sqlalchemy.orm import Session


def advisory_xact_lock(session: Session, key: str) -> None:
    """Serialise writers of `key` until this transaction ends.

    Used where "is there already one?" needs fuzzy matching (a meeting on a date, a person by a
    transliterated name): concurrent merges of the same thing wait here, then see each other's
    committed rows, so no twins are created.
    """
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


def advisory_xact_locks(session: Session, keys: list[int]) -> None:
    """Take many transaction-scoped locks in one round trip, in ascending order, so two
    transactions wanting overlapping sets wait for each other instead of deadlocking."""
    if not keys:
        return
    session.execute(
        text(
            "SELECT count(pg_advisory_xact_lock(k)) "
            "FROM (SELECT k FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered"
        ),
        {"keys": sorted(set(keys))},
    )
