"""API keys: token generation and hashing, and the scope-checking request dependency.

Keys are random 32-byte tokens; only their SHA-256 is stored. A fast hash suffices because the
tokens carry 256 bits of entropy: there is nothing to brute-force, unlike passwords.
"""

import hashlib
import hmac
import math
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
from service.core.errors import Forbidden, TooManyRequests, Unauthorized

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
    """Recently verified keys, so most requests authenticate without a query or a thread hop,
    and recently unknown ones, so a client repeating a wrong key costs no query either.

    Keys found valid are kept for `KEY_CACHE_SECONDS`: a revoked key stops working within that
    time on every replica. Unknown hashes are kept for `unknown_seconds` (a key is 256 random
    bits: none is tried before it exists). Each map is bounded by `size`, so junk tokens
    cannot grow it.
    """

    def __init__(
        self, seconds: float = KEY_CACHE_SECONDS, size: int = 10_000, unknown_seconds: float = 0
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.unknown_seconds = unknown_seconds
        self._entries: dict[bytes, tuple[float, StoredKey]] = {}
        self._unknown: dict[bytes, float] = {}

    def get(self, digest: bytes) -> StoredKey | None:
        entry = self._entries.get(digest)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, digest: bytes, key: StoredKey) -> None:
        if len(self._entries) >= self.size:
            self._entries.clear()
        self._entries[digest] = (time.monotonic() + self.seconds, key)

    def is_unknown(self, digest: bytes) -> bool:
        until = self._unknown.get(digest)
        return until is not None and until >= time.monotonic()

    def put_unknown(self, digest: bytes) -> None:
        if self.unknown_seconds <= 0:
            return
        if len(self._unknown) >= self.size:
            self._unknown.clear()
        self._unknown[digest] = time.monotonic() + self.unknown_seconds


class KeyBudget:
    """A token bucket per key, in this process: `rate` requests a second on average, `burst`
    at once. A request over budget is a 429 whose `Retry-After` says when one token is back.
    `rate` 0 means no limit."""

    def __init__(self, rate: float, burst: int, size: int = 10_000) -> None:
        self.rate = rate
        self.burst = max(burst, 1)
        self.size = size
        self._buckets: dict[UUID, tuple[float, float]] = {}  # tokens, when last filled

    def take(self, key_id: UUID) -> None:
        if self.rate <= 0:
            return
        now = time.monotonic()
        tokens, filled = self._buckets.get(key_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - filled) * self.rate)
        if tokens < 1:
            self._buckets[key_id] = (tokens, now)
            wait = math.ceil((1 - tokens) / self.rate)
            raise TooManyRequests(
                f"this API key is over its budget of {self.rate:g} requests a second "
                f"(bursts of {self.burst}) on this server process; retry after {wait} s",
                headers={"Retry-After": str(wait)},
            )
        if len(self._buckets) >= self.size and key_id not in self._buckets:
            self._buckets.clear()
        self._buckets[key_id] = (tokens - 1, now)


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
    if cache.is_unknown(digest):
        raise Unauthorized("the API key is not valid")
    stored = cache.get(digest)
    if stored is None:
        lookup = getattr(request.app.state, "key_lookup_override", None) or lookup_in_own_session(
            request
        )
        stored = await run_in_threadpool(lookup, digest)
    # the lookup is by hash; the constant-time compare keeps a timing oracle off the table
    if stored is None or not hmac.compare_digest(stored.key_hash, digest):
        cache.put_unknown(digest)
        raise Unauthorized("the API key is not valid")
    cache.put(digest, stored)
    budget: KeyBudget = request.app.state.key_budget
    budget.take(stored.id)
    return Principal(key_id=stored.id, name=stored.name, scopes=frozenset(stored.scopes))


def require(scope: Scope) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits only keys holding `scope` (`admin` holds every scope)."""

    async def check(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if scope not in principal.scopes and Scope.ADMIN not in principal.scopes:
            raise Forbidden(f"this API key lacks the `{scope}` scope")
        return principal

    check.__name__ = f"require_{scope.replace(':', '_')}"
    return check
