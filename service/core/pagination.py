"""Opaque keyset cursors, the list envelope and query-parameter types shared by list endpoints."""

import base64
import binascii
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, BeforeValidator, Field

from service.core.errors import Unprocessable

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of results; pass `next_cursor` back as `cursor` to get the next one."""

    data: list[T] = Field(description="The items of this page, in the list's order.")
    next_cursor: str | None = Field(
        description="Pass it as `cursor` for the next page; null on the last page."
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many items per page, 1 to 200.")]
Cursor = Annotated[
    str | None,
    Query(
        max_length=512,
        description="The `next_cursor` of the previous page of this same list; omit for the "
        "first page. A cursor is bound to the list and order it came from: another list's is "
        "refused with a 422.",
    ),
]


def encode_cursor(kind: str, *values: Any) -> str:
    """An opaque cursor for the list (and order) `kind`, holding the last item's key."""
    raw = json.dumps([kind, *values], separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, arity: int) -> list[Any]:
    """The key values inside `cursor`, or a 422 naming the cursor when it is not one of ours
    or belongs to another list or order than `kind`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        values = None
    if not isinstance(values, list) or not values:
        raise Unprocessable.field(["query", "cursor"], "malformed cursor", "invalid_cursor")
    if values[0] != kind:
        raise Unprocessable.field(
            ["query", "cursor"],
            "this cursor belongs to another list; pass the `next_cursor` of this list",
            "foreign_cursor",
        )
    if len(values) != arity + 1:
        raise Unprocessable.field(["query", "cursor"], "malformed cursor", "invalid_cursor")
    return values[1:]


def _iso_date(value: object) -> object:
    # query strings like "1700000000" or "-5e-170" would otherwise pass as unix timestamps
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DateParam = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar date in a query string: exactly YYYY-MM-DD."""


def decode_keyset(
    cursor: str | None, kind: str, *parsers: Callable[[Any], Any]
) -> tuple[Any, ...] | None:
    """The typed key inside `cursor` (one parser per key part), None without a cursor, or a
    422 naming the cursor when it is not one of the list `kind`'s."""
    if cursor is None:
        return None
    values = decode_cursor(cursor, kind, len(parsers))
    try:
        return tuple(parse(value) for parse, value in zip(parsers, values, strict=True))
    except (TypeError, ValueError):
        raise Unprocessable.field(
            ["query", "cursor"], "malformed cursor", "invalid_cursor"
        ) from None


def keyset_page(
    items: list[T], limit: int, kind: str, key: Callable[[T], tuple[Any, ...]]
) -> Page[T]:
    """A page from `limit + 1` fetched items: the extra one only says there is more."""
    if len(items) <= limit:
        return Page[T](data=items, next_cursor=None)
    kept = items[:limit]
    return Page[T](data=kept, next_cursor=encode_cursor(kind, *key(kept[-1])))
