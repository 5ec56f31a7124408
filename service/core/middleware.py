"""Pure ASGI middleware: request ids, access logs and metrics, the request body limit,
admission control."""

import asyncio
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core import metrics
from service.core.asgi_buffering import replaying
from service.core.errors import FieldError, PayloadTooLarge, Unprocessable
from service.core.logging import request_id_var
from service.core.problem_render import problem_response

logger = logging.getLogger("service.access")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestIdMiddleware:
    """Tags every request with an id (the caller's if well-formed), logs its outcome and
    records it in the metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", []) if h[0] != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        metrics.IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            metrics.IN_FLIGHT.dec()
            seconds = time.perf_counter() - started
            # routing leaves the matched route in the scope
            route = getattr(scope.get("route"), "path_format", None)
            metrics.observe_request(scope["method"], route, status, seconds)
            logger.info(
                "http.request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )


class BodyLimitMiddleware:
    """Buffers request bodies up to `max_bytes`: larger ones get 413, non-UTF-8 JSON gets 422.

    Buffering whole bodies is deliberate: they are small (a few MB at most) and a complete body
    lets the limit be enforced before any handler runs, with or without Content-Length.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if b"json" in headers.get(b"content-type", b"").lower():
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:
                error = Unprocessable(
                    f"the request body is not valid UTF-8 (byte {exc.start})",
                    errors=[FieldError(loc=["body"], msg="invalid UTF-8")],
                )
                await problem_response(error, scope).__call__(scope, receive, send)
                return
        await self.app(scope, replaying(body, receive), send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        error = PayloadTooLarge(f"the request body exceeds {self.max_bytes} bytes")

        async def nothing() -> Message:
            return {"type": "http.disconnect"}

        await problem_response(error, scope)(scope, nothing, send)


class ConcurrencyLimitMiddleware:
    """Admits at most `limit` requests at a time; the rest wait their turn in the event loop.

    Sync handlers hop between threadpool threads (dependencies, the endpoint, the session's
    commit) while holding a pooled database connection. Unbounded, enough concurrent requests
    fill every thread with requests waiting for a connection while the requests holding the
    connections wait for a thread: a deadlock until the pool times out. With no more requests in
    flight than the pool has connections, a request never waits for a connection at all.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.limit)
        async with self._semaphore:
            await self.app(scope, receive, send)
