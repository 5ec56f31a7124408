"""API keys: token generation and hashing, and the scope-checking request dependency.

Keys are random 32-byte tokens; only their SHA-256 is stored. A fast hash suffices because the
tokens carry 256 bits of entropy: there is nothing to brute-force, unlike passwords.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Protocol
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.core.db import SessionDep
from service.core.errors import Forbidden, Unauthorized

TOKEN_PREFIX = "pk_"  # noqa: S105 - a public marker, not a secret


class Scope(StrEnum):
    READ = "read"
    ARTICLES_WRITE = "articles:write"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class StoredKey:
    id: UUID
    name: str
    key_hash: bytes
    scopes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the API key and what it may do."""

    key_id: UUID
    name: str
    scopes: frozenset[str]


class KeyLookup(Protocol):
    def __call__(self, session: Session, key_hash: bytes) -> StoredKey | None: ...


def generate_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer pk_…`")


def authenticate(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send an API key as `Authorization: Bearer <key>`")
    token = credentials.credentials
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise Unauthorized("the API key is not valid")
    digest = hash_token(token)
    lookup: KeyLookup = request.app.state.key_lookup
    stored = lookup(session, digest)
    # the lookup is by hash; the constant-time compare keeps a timing oracle off the table
    if stored is None or not hmac.compare_digest(stored.key_hash, digest):
        raise Unauthorized("the API key is not valid")
    return Principal(key_id=stored.id, name=stored.name, scopes=frozenset(stored.scopes))


def require(scope: Scope) -> Callable[[Principal], Principal]:
    """A dependency that admits only keys holding `scope` (`admin` holds every scope)."""

    def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if scope not in principal.scopes and Scope.ADMIN not in principal.scopes:
            raise Forbidden(f"this API key lacks the `{scope}` scope")
        return principal

    check.__name__ = f"require_{scope.replace(':', '_')}"
    return check
