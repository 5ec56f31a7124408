"""SQL for idempotency records."""

import uuid
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from service.core.locks import lock_key
from service.models import IdempotencyRecord

# Claims a key: inserts it, or takes over a record older than the replay window. Returns the
# row only when this transaction now owns the key; a concurrent claimant waits on the unique
# index until the first one commits, then finds the committed record instead.
_CLAIM = text(
    """
    INSERT INTO idempotency_records (api_key_id, key, request_hash)
    VALUES (:api_key_id, :key, :request_hash)
    ON CONFLICT (api_key_id, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash,
            response_status = NULL,
            response_body = NULL,
            created_at = now()
        WHERE idempotency_records.created_at < now() - make_interval(hours => :ttl_hours)
    RETURNING key
    """
)


def claim(
    session: Session, api_key_id: uuid.UUID, key: str, request_hash: bytes, ttl_hours: int
) -> bool:
    row = session.execute(
        _CLAIM,
        {
            "api_key_id": api_key_id,
            "key": key,
            "request_hash": request_hash,
            "ttl_hours": ttl_hours,
        },
    ).first()
    return row is not None


def find(session: Session, api_key_id: uuid.UUID, key: str) -> Any:
    return session.execute(
        select(
            IdempotencyRecord.request_hash,
            IdempotencyRecord.response_status,
            IdempotencyRecord.response_body,
        ).where(IdempotencyRecord.api_key_id == api_key_id, IdempotencyRecord.key == key)
    ).first()


def store_response(
    session: Session, api_key_id: uuid.UUID, key: str, status: int, body: dict[str, Any]
) -> None:
    session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.api_key_id == api_key_id, IdempotencyRecord.key == key)
        .values(response_status=status, response_body=body)
    )


# Session-level, not transaction-level: a batch commits each article alone, and the key must
# stay held across those commits. The lock dies with its connection, so a request killed midway
# leaves its key free to be taken over.
_HOLD = text("SELECT pg_try_advisory_lock(:lock)")
_RELEASE = text("SELECT pg_advisory_unlock(:lock)")


def _lock(api_key_id: uuid.UUID, key: str) -> int:
    return lock_key(f"idempotency:{api_key_id}:{key}")


def hold(session: Session, api_key_id: uuid.UUID, key: str) -> bool:
    """Hold the key on this session's connection, unless another connection holds it."""
    return bool(session.execute(_HOLD, {"lock": _lock(api_key_id, key)}).scalar_one())


def release(session: Session, api_key_id: uuid.UUID, key: str) -> None:
    session.execute(_RELEASE, {"lock": _lock(api_key_id, key)})
