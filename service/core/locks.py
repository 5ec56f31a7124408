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
