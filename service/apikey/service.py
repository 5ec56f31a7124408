"""Issuing and revoking API keys; the key lookup that request authentication uses."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from service.apikey import repository
from service.core.auth import Scope, StoredKey, generate_token, hash_token
from service.core.errors import Conflict, NotFound

PREFIX_LENGTH = 10


class KeyNameTaken(Conflict):
    slug = "key-name-taken"
    title = "Key name taken"


class KeyNotFound(NotFound):
    slug = "key-not-found"
    title = "Key not found"


class AmbiguousKey(Conflict):
    slug = "ambiguous-key"
    title = "Ambiguous key"


@dataclass(frozen=True, slots=True)
class IssuedKey:
    id: uuid.UUID
    token: str
    prefix: str


@dataclass(frozen=True, slots=True)
class KeyInfo:
    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


def create(session: Session, name: str, scopes: list[Scope]) -> IssuedKey:
    if not name.strip():
        raise ValueError("a key needs a name")
    if not scopes:
        raise ValueError("a key needs at least one scope")
    token = generate_token()
    prefix = token[:PREFIX_LENGTH]
    name = name.strip()
    key_id = repository.insert_key(
        session, name, prefix, hash_token(token), sorted({s.value for s in scopes})
    )
    if key_id is None:
        raise KeyNameTaken(f"an active key is already named {name!r}; choose another name")
    return IssuedKey(id=key_id, token=token, prefix=prefix)


def revoke(session: Session, ident: str) -> uuid.UUID:
    """Revoke the one active key whose id, name or displayed prefix is `ident`."""
    found = repository.lock_active_matching(session, ident)
    if not found:
        raise KeyNotFound(f"no active key has the id, name or prefix {ident!r}")
    if len(found) > 1:
        # an id or a prefix can equal another key's name: revoking all would be a surprise
        ids = ", ".join(str(key_id) for key_id in found)
        raise AmbiguousKey(f"{ident!r} matches {len(found)} active keys ({ids}); revoke by id")
    repository.revoke_by_id(session, found[0])
    return found[0]


def list_all(session: Session) -> list[KeyInfo]:
    return [
        KeyInfo(
            id=row.id,
            name=row.name,
            prefix=row.prefix,
            scopes=list(row.scopes),
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )
        for row in repository.list_keys(session)
    ]


def find_active_key(session: Session, key_hash: bytes) -> StoredKey | None:
    row = repository.find_active_by_hash(session, key_hash)
    if row is None:
        return None
    return StoredKey(id=row.id, name=row.name, key_hash=row.key_hash, scopes=tuple(row.scopes))
