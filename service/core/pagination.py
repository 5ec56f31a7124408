"""Opaque keyset cursors and the list envelope shared by every list endpoint."""

import base64
import binascii
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

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
