"""Opaque keyset cursors, the list envelope and query-parameter types shared by list endpoints."""

import base64
import binascii
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, Field

from service.core.errors import Unprocessable

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of results; pass `next_cursor` back as `cursor` to get the next one."""

    data: list[T]
    next_cursor: str | None = Field(description="Null on the last page.")


def encode_cursor(*values: Any) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """The key values inside `cursor`, or a 422 naming the cursor when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        values = None
    if not isinstance(values, list) or len(values) != arity:
        raise Unprocessable.field(["query", "cursor"], "malformed cursor")
    return values


def _iso_date(value: object) -> object:
    # query strings like "1700000000" or "-5e-170" would otherwise pass as unix timestamps
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DateParam = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar date in a query string: exactly YYYY-MM-DD."""


def decode_keyset(cursor: str | None, *parsers: Callable[[Any], Any]) -> tuple[Any, ...] | None:
    """The typed key inside `cursor` (one parser per key part), None without a cursor, or a
    422 naming the cursor when it is not one of ours."""
    if cursor is None:
        return None
    values = decode_cursor(cursor, len(parsers))
    try:
        return tuple(parse(value) for parse, value in zip(parsers, values, strict=True))
    except (TypeError, ValueError):
        raise Unprocessable.field(["query", "cursor"], "malformed cursor") from None


def keyset_page(items: list[T], limit: int, key: Callable[[T], tuple[Any, ...]]) -> Page[T]:
    """A page from `limit + 1` fetched items: the extra one only says there is more."""
    if len(items) <= limit:
        return Page[T](data=items, next_cursor=None)
    kept = items[:limit]
    return Page[T](data=kept, next_cursor=encode_cursor(*key(kept[-1])))
