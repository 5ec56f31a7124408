"""Strong ETags on successful GETs, `304 Not Modified` on a matching `If-None-Match` (a
malformed one is a 400), and each resource's `Cache-Control`.

The tag is a hash of the exact bytes sent, so it changes exactly when the representation does;
computing it costs one SHA-256 over a response that is already in memory. It sits outside the
gzip middleware, so a gzipped answer and a plain one are two representations with two tags.
"""

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.asgi_buffering import buffered
from service.core.errors import BadRequest
from service.core.problem_render import problem_response

# longest matching prefix wins
CACHE_CONTROL: tuple[tuple[str, str], ...] = (
    ("/v1/changes", "private, no-cache"),
    ("/v1/articles/", "private, max-age=60"),
    ("/v1/", "private, no-cache"),
    ("/healthz", "no-store"),
    ("/readyz", "no-store"),
    ("/metrics", "no-store"),
    # the docs' scripts change only with a release; an hour old is harmless, revalidated cheap
    ("/docs/assets/", "public, max-age=3600"),
)


def cache_control_for(path: str) -> str | None:
    for prefix, value in CACHE_CONTROL:
        if path.startswith(prefix):
            return value
    return None


# RFC 9110 section 8.8.3: an entity tag is an optionally weak quoted string of visible
# characters other than the quote (a comma is one of them: a list is not split on commas); a
# list may hold empty elements
_TAG = r'(?:W/)?("[\x21\x23-\x7e\x80-\xff]*")'
_TAG_LIST = re.compile(rf"(?:[ \t]*,)*[ \t]*{_TAG}(?:[ \t]*,(?:[ \t]*{_TAG})?)*[ \t]*")
_TAGS = re.compile(_TAG)


def parse_if_none_match(value: str) -> list[str] | None:
    """The entity tags of an `If-None-Match` value, weakness dropped (`["*"]` for any), or None
    when it is malformed."""
    if value.strip(" \t") == "*":
        return ["*"]
    if _TAG_LIST.fullmatch(value) is None:
        return None
    return _TAGS.findall(value)


_BODY_HEADERS = (b"content-length", b"content-type", b"content-encoding")


def _matches(tags: list[str], etag: str) -> bool:
    # weak comparison, as RFC 9110 prescribes for If-None-Match
    return tags == ["*"] or etag in tags


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope["headers"])
        tags = None
        if b"if-none-match" in request_headers:
            tags = parse_if_none_match(request_headers[b"if-none-match"].decode("latin-1"))
            if tags is None:
                # ignoring it would quietly turn every revalidation into a full download
                error = BadRequest(
                    'If-None-Match must be "*" or a comma-separated list of quoted entity tags, '
                    'such as "abc", W/"def"'
                )
                await problem_response(error, scope)(scope, receive, send)
                return

        async def complete(start: Message, body: bytes) -> None:
            await self._finish(scope, start, body, tags, send)

        await self.app(scope, receive, buffered(send, complete))

    async def _finish(
        self,
        scope: Scope,
        start: Message,
        body: bytes,
        tags: list[str] | None,
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
            if tags is not None and _matches(tags, etag):
                # a 304 has no body to describe; Vary and the tag stay, as RFC 9110 asks
                kept = [(k, v) for k, v in headers if k.lower() not in _BODY_HEADERS]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
