"""The one check that every piece of text a request carries can be stored: query parameters,
the headers Parley reads and every string (and key) of a JSON body.

PostgreSQL `text` cannot hold U+0000, and a database in UTF-8 cannot hold a lone surrogate
(`\\ud800` is valid JSON, but no character). Left to the routes, such input reached the
database and came back as a 500, or was silently dropped by one filter and not another, so it
is refused here, before routing, with a 422 naming each place it was found.
"""

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from service.core.asgi_buffering import replaying
from service.core.errors import FieldError, Unprocessable
from service.core.problem_render import problem_response

# NUL and lone surrogates: the characters PostgreSQL text cannot store
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
# header values are bytes; none of the headers Parley reads has a use for a control byte
_BAD_HEADER_BYTE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
# a cheap first look at a raw JSON body: only an escape can put NUL or a surrogate in its
# strings (raw ones are invalid JSON or invalid UTF-8), so most bodies are never parsed here
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
# the request headers some part of Parley reads (X-Request-ID is replaced when malformed)
CHECKED_HEADERS = (b"authorization", b"idempotency-key", b"if-none-match", b"content-type")
_MAX_REPORTED = 20
_BODYLESS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


def unstorable(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None when it can."""
    bad = _UNSTORABLE.search(value)
    if bad is None:
        return None
    code = ord(bad.group())
    if code == 0:
        return "contains U+0000 (NUL), which cannot be stored as text"
    return f"contains a lone surrogate (U+{code:04X}), which is not a character"


def query_errors(query_string: bytes) -> list[FieldError]:
    """Every query parameter whose name or value is not storable text (or not UTF-8)."""
    errors = []
    # latin-1 keeps every percent-decoded byte as one character, to be decoded strictly below
    for raw_name, raw_value in parse_qsl(
        query_string.decode("latin-1"), keep_blank_values=True, encoding="latin-1"
    ):
        try:
            name = raw_name.encode("latin-1").decode("utf-8")
            value = raw_value.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            errors.append(FieldError(loc=["query", _printable(raw_name)], msg="invalid UTF-8"))
            continue
        reason = unstorable(name) or unstorable(value)
        if reason is not None:
            errors.append(FieldError(loc=["query", _printable(name)], msg=reason))
    return errors


def header_errors(headers: list[tuple[bytes, bytes]]) -> list[FieldError]:
    return [
        FieldError(loc=["header", name.decode("latin-1")], msg="contains a control character")
        for name, value in headers
        if name in CHECKED_HEADERS and _BAD_HEADER_BYTE.search(value)
    ]


def json_body_errors(body: bytes) -> list[FieldError]:
    """Every string or key of a JSON body that is not storable text. A body that is not JSON
    is left to the route, which answers it as malformed."""
    if _SUSPECT_ESCAPE.search(body) is None:
        return []
    try:
        document = json.loads(body)
    except ValueError:
        return []
    errors = []
    for loc, reason in _walk(document, ["body"]):
        errors.append(FieldError(loc=loc, msg=reason))
        if len(errors) == _MAX_REPORTED:
            break
    return errors


def _walk(value: Any, loc: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(value, str):
        if (reason := unstorable(value)) is not None:
            yield loc, reason
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, [*loc, index])
    elif isinstance(value, dict):
        for key, item in value.items():
            if (reason := unstorable(key)) is not None:
                yield [*loc, _printable(key)], f"a key that {reason}"
            yield from _walk(item, [*loc, _printable(key)])


def _printable(name: str) -> str:
    # the location goes back in a JSON problem: it must itself be storable, printable text
    return _UNSTORABLE.sub("\N{REPLACEMENT CHARACTER}", name)


class StorableTextMiddleware:
    """Refuses, with one 422 problem, a request whose query, checked headers or JSON body
    holds text that cannot be stored."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        errors = query_errors(scope.get("query_string", b"")) + header_errors(scope["headers"])
        if scope["method"] in _BODYLESS or not _is_json(scope):
            await self._answer(errors, scope, receive, send)
            return
        body, disconnected = await _read_body(receive)
        if disconnected:
            return
        errors += json_body_errors(body)
        await self._answer(errors, scope, replaying(body, receive), send)

    async def _answer(
        self, errors: list[FieldError], scope: Scope, receive: Receive, send: Send
    ) -> None:
        if not errors:
            await self.app(scope, receive, send)
            return
        detail = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in errors[:5])
        await problem_response(Unprocessable(detail, errors=errors), scope)(scope, receive, send)


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return b"json" in value.lower()
    return True  # FastAPI reads a body without a content type as JSON


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole body (its size is bounded by the body limit outside) and whether the client
    went away first."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", True
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False
