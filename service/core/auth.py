"""API keys: token generation and hashing, and the scope-checking request dependency.

Keys are random 32-byte tokens; only their SHA-256 is stored. A fast hash suffices because the
tokens carry 256 bits of entropy: there is nothing to brute-force, unlike passwords.
"""

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Protocol
from uuid import UUID

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.core.db import transaction
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


KEY_CACHE_SECONDS = 10.0


class KeyCache:
    """Recently verified keys, so most requests authenticate without a query or a thread hop.

    Only keys found valid are kept, for `KEY_CACHE_SECONDS`: a revoked key stops working within
    that time on every replica. Unknown keys are never cached, so junk tokens cannot grow it.
    """

    def __init__(self, seconds: float = KEY_CACHE_SECONDS, size: int = 10_000) -> None:
        self.seconds = seconds
        self.size = size
        self._entries: dict[bytes, tuple[float, StoredKey]] = {}

    def get(self, digest: bytes) -> StoredKey | None:
        entry = self._entries.get(digest)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, digest: bytes, key: StoredKey) -> None:
        if len(self._entries) >= self.size:
            self._entries.clear()
        self._entries[digest] = (time.monotonic() + self.seconds, key)


def lookup_in_own_session(request: Request) -> Callable[[bytes], StoredKey | None]:
    """The default key lookup: a short transaction of its own, so authentication never holds a
    pooled connection while the request waits for anything else."""

    def lookup(digest: bytes) -> StoredKey | None:
        find: KeyLookup = request.app.state.key_lookup
        with transaction(request.app.state.session_factory) as session:
            return find(session, digest)

    return lookup


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send an API key as `Authorization: Bearer <key>`")
    token = credentials.credentials
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise Unauthorized("the API key is not valid")
    digest = hash_token(token)
    cache: KeyCache = request.app.state.key_cache
    stored = cache.get(digest)
    if stored is None:
        lookup = getattr(request.app.state, "key_lookup_override", None) or lookup_in_own_session(
            request
        )
        stored = await run_in_threadpool(lookup, digest)
    # the lookup is by hash; the constant-time compare keeps a timing oracle off the table
    if stored is None or not hmac.compare_digest(stored.key_hash, digest):
        raise Unauthorized("the API key is not valid")
    cache.put(digest, stored)
    return Principal(key_id=stored.id, name=stored.name, scopes=frozenset(stored.scopes))


def require(scope: Scope) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits only keys holding `scope` (`admin` holds every scope)."""

    async def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if scope not in principal.scopes and Scope.ADMIN not in principal.scopes:
            raise Forbidden(f"this API key lacks the `{scope}` scope")
        return principal

    check.__name__ = f"require_{scope.replace(':', '_')}"
    return check
