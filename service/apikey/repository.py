"""SQL for API keys."""

import contextlib
import uuid
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.models import ApiKey


def insert_key(
    session: Session, name: str, prefix: str, key_hash: bytes, scopes: list[str]
) -> uuid.UUID | None:
    """The new key's id, or None when an active key already has this name."""
    inserted: uuid.UUID | None = session.execute(
        insert(ApiKey)
        .values(name=name, prefix=prefix, key_hash=key_hash, scopes=scopes)
        .on_conflict_do_nothing(
            index_elements=[ApiKey.name], index_where=ApiKey.revoked_at.is_(None)
        )
        .returning(ApiKey.id)
    ).scalar()
    return inserted


def find_active_by_hash(session: Session, key_hash: bytes) -> Any:
    return session.execute(
        select(ApiKey.id, ApiKey.name, ApiKey.key_hash, ApiKey.scopes).where(
            ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None)
        )
    ).first()


def lock_active_matching(session: Session, ident: str) -> list[uuid.UUID]:
    """The active keys whose id, name or displayed prefix is `ident`, locked until the
    transaction ends, so the one found is the one revoked."""
    conditions = [ApiKey.name == ident, ApiKey.prefix == ident]
    with contextlib.suppress(ValueError):
        conditions.append(ApiKey.id == uuid.UUID(ident))
    rows = session.execute(
        select(ApiKey.id)
        .where(or_(*conditions), ApiKey.revoked_at.is_(None))
        .order_by(ApiKey.created_at)
        .with_for_update()
    ).scalars()
    return list(rows)


def revoke_by_id(session: Session, key_id: uuid.UUID) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(revoked_at=func.now()))


def list_keys(session: Session) -> list[Any]:
    return list(
        session.execute(
            select(
                ApiKey.id,
                ApiKey.name,
                ApiKey.prefix,
                ApiKey.scopes,
                ApiKey.created_at,
                ApiKey.revoked_at,
            ).order_by(ApiKey.created_at)
        ).all()
    )
