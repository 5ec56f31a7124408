"""uvicorn's httptools protocol with a deadline for request heads and problem+json rejections.

uvicorn has a keep-alive timeout between requests, but none for a request's head: a client
that opens a connection and never finishes its headers holds it as long as it likes. Here a
head must be complete within `header_timeout_s` of its first byte (or of the connection);
past that the connection is answered 408 (when a request had begun) and closed. And what
uvicorn's parser refuses itself (a malformed request line, a control byte such as 0x7F in a
header, a head too large for the parser) is answered with Parley's 400 problem document
instead of uvicorn's `text/plain`.
"""

import asyncio
import json
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from service.core.config import get_settings
from service.core.errors import PROBLEM_MEDIA_TYPE, BadRequest, ServiceError
from service.core.security_headers import API_POLICY, SECURITY_HEADERS


class _RequestTimeout(ServiceError):
    status = 408
    slug = "request-timeout"
    title = "Request timeout"


class ParleyHttpProtocol(HttpToolsProtocol):
    """The head deadline is `PARLEY_HEADER_TIMEOUT_S` unless a subclass sets its own."""

    header_timeout_s: ClassVar[float | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = type(self).header_timeout_s
        self.head_deadline_s = get_settings().header_timeout_s if own is None else own
        self._head_timer: asyncio.TimerHandle | None = None
        self._in_head = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        if self._head_timer is None:
            self._arm()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._disarm()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        self._disarm()
        detail = "the request is not valid HTTP/1.1 (a malformed request line or header, a "
        detail += "control character in a header, or a request head too large)"
        self._reject(BadRequest(detail))

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_deadline_s, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete and not self._in_head:
            return  # a request in progress: its head was complete
        if self._in_head:
            seconds = f"{self.head_deadline_s:g}"
            self._reject(_RequestTimeout(f"the request head did not arrive within {seconds} s"))
        else:
            self.transport.close()

    def _reject(self, error: ServiceError) -> None:
        body = json.dumps(
            error.problem(instance=None, request_id=None).model_dump(exclude_none=True)
        ).encode()
        headers = [
            *self.server_state.default_headers,
            *((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS),
            (b"content-security-policy", API_POLICY.encode()),
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        status = f"HTTP/1.1 {error.status} {error.title}\r\n".encode()
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(status + head + b"\r\n" + body)
        self.transport.close()
