"""Strong ETags on successful JSON GETs, `304 Not Modified` on a matching `If-None-Match`,
and each resource's `Cache-Control`.

The tag is a hash of the exact bytes sent, so it changes exactly when the representation does;
computing it costs one SHA-256 over a response that is already in memory.
"""

import base64
import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# longest matching prefix wins
CACHE_CONTROL: tuple[tuple[str, str], ...] = (
    ("/v1/changes", "private, no-cache"),
    ("/v1/articles/", "private, max-age=60"),
    ("/v1/", "private, no-cache"),
    ("/healthz", "no-store"),
    ("/readyz", "no-store"),
    ("/metrics", "no-store"),
)


def cache_control_for(path: str) -> str | None:
    for prefix, value in CACHE_CONTROL:
        if path.startswith(prefix):
            return value
    return None


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    # weak comparison, as RFC 9110 prescribes for If-None-Match
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope["headers"])
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(scope, start, b"".join(chunks), request_headers, send)

        await self.app(scope, receive, buffer)

    async def _finish(
        self,
        scope: Scope,
        start: Message,
        body: bytes,
        request_headers: dict[bytes, bytes],
        send: Send,
    ) -> None:
        headers = list(start.get("headers", []))
        status = start["status"]
        cache_control = cache_control_for(scope["path"])
        if cache_control is not None:
            headers.append((b"cache-control", cache_control.encode()))
        if status == 200:
            digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()[:18]).decode()
            etag = f'"{digest}"'
            headers.append((b"etag", etag.encode()))
            if_none_match = request_headers.get(b"if-none-match", b"").decode("latin-1")
            if if_none_match and _matches(if_none_match, etag):
                kept = [
                    (k, v)
                    for k, v in headers
                    if k.lower() not in (b"content-length", b"content-type")
                ]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
