"""Claiming an `Idempotency-Key`, replaying its stored response, refusing its reuse."""

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from service.core.errors import Conflict
from service.idempotency import repository

REPLAY_HOURS = 24
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(Conflict):
    slug = "idempotency-key-reused"
    title = "Idempotency key reused"


class IdempotencyKeyInProgress(Conflict):
    slug = "idempotency-key-in-progress"
    title = "Idempotency key in progress"


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: dict[str, Any]


def request_fingerprint(canonical_json: str) -> bytes:
    return hashlib.sha256(canonical_json.encode("utf-8")).digest()


def begin(
    session: Session, api_key_id: uuid.UUID, key: str, fingerprint: bytes
) -> StoredResponse | None:
    """Own `key` for this request (None), or return the response stored for it earlier.

    Raises `IdempotencyKeyReused` when the key was used with a different request.
    """
    if repository.claim(session, api_key_id, key, fingerprint, REPLAY_HOURS):
        return None
    row = repository.find(session, api_key_id, key)
    if row is None or row.request_hash != fingerprint:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was already used with a different request body"
        )
    if row.response_status is None:
        # only possible if a claimant committed without storing a response
        raise IdempotencyKeyReused("the first request with this Idempotency-Key did not finish")
    return StoredResponse(status=row.response_status, body=row.response_body)


def finish(
    session: Session, api_key_id: uuid.UUID, key: str, status: int, body: dict[str, Any]
) -> None:
    repository.store_response(session, api_key_id, key, status, body)


def begin_held(
    session: Session, api_key_id: uuid.UUID, key: str, fingerprint: bytes
) -> StoredResponse | None:
    """`begin` for a request that commits in several transactions on one connection (a batch):
    the key is held on the connection until `release`, and a claim whose request died before
    storing its response is taken over (that request's connection, and so its hold, is gone).

    Raises `IdempotencyKeyReused` for another request under the key, and
    `IdempotencyKeyInProgress` while a request with it still runs.
    """
    if not repository.claim(session, api_key_id, key, fingerprint, REPLAY_HOURS):
        row = repository.find(session, api_key_id, key)
        if row is None or row.request_hash != fingerprint:
            raise IdempotencyKeyReused(
                "this Idempotency-Key was already used with a different request body"
            )
        if row.response_status is not None:
            return StoredResponse(status=row.response_status, body=row.response_body)
    # the last statement of the unit: nothing after it can roll back and leave it held
    if not repository.hold(session, api_key_id, key):
        raise IdempotencyKeyInProgress(
            "a request with this Idempotency-Key is still running; retry once it has answered",
            headers={"Retry-After": "1"},
        )
    return None


def release(session: Session, api_key_id: uuid.UUID, key: str) -> None:
    """Let go of a key held by `begin_held`; without a stored response a retry runs afresh."""
    repository.release(session, api_key_id, key)
