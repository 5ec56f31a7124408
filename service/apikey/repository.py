"""SQL for API keys."""

import contextlib
import uuid
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from service.models import ApiKey


def insert_key(
    session: Session, name: str, prefix: str, key_hash: bytes, scopes: list[str]
) -> uuid.UUID:
    key = ApiKey(name=name, prefix=prefix, key_hash=key_hash, scopes=scopes)
    session.add(key)
    session.flush()
    return key.id


def find_active_by_hash(session: Session, key_hash: bytes) -> Any:
    return session.execute(
        select(ApiKey.id, ApiKey.name, ApiKey.key_hash, ApiKey.scopes).where(
            ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None)
        )
    ).first()


def revoke_matching(session: Session, ident: str) -> list[uuid.UUID]:
    """Revoke active keys whose id, name or displayed prefix is `ident`."""
    conditions = [ApiKey.name == ident, ApiKey.prefix == ident]
    with contextlib.suppress(ValueError):
        conditions.append(ApiKey.id == uuid.UUID(ident))
    rows = session.execute(
        update(ApiKey)
        .where(or_(*conditions), ApiKey.revoked_at.is_(None))
        .values(revoked_at=func.now())
        .returning(ApiKey.id)
    ).scalars()
    return list(rows)


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
