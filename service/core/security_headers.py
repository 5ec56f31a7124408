"""Security headers on every response, and the Content-Security-Policy of the docs pages."""

import base64
import hashlib
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.asgi_buffering import buffered

# what every answer carries: no MIME sniffing, no referrer leaked onwards, never framed
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)
# JSON answers load nothing at all
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
_NAMES = frozenset({name.lower().encode() for name, _ in SECURITY_HEADERS}) | {
    b"content-security-policy"
}
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
_SCRIPT_ORIGIN = re.compile(rb'<script[^>]*\ssrc="(https://[^/"]+)/')
_LINK_ORIGIN = re.compile(rb'<link[^>]*\shref="(https://[^/"]+)/')


def docs_policy(page: bytes) -> str:
    """A policy for one of FastAPI's docs pages that lets exactly that page work: its own
    inline scripts (by hash, so no other inline script runs), the scripts, styles and icons it
    names by origin, the OpenAPI document from this origin, and ReDoc's styles and workers.

    Read off the page rather than written here: the pages and the origins they load from belong
    to FastAPI's release, and a policy listing them by hand would break the docs on an upgrade.
    """
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    ]
    scripts = _origins(_SCRIPT_ORIGIN.findall(page))
    links = _origins(_LINK_ORIGIN.findall(page))
    directives = {
        "default-src": ["'none'"],
        "script-src": [*scripts, *hashes],
        # ReDoc and Swagger UI set styles inline as they render
        "style-src": ["'self'", "'unsafe-inline'", *links],
        "img-src": ["'self'", "data:", *links],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["blob:"],  # ReDoc searches in a worker
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items() if values)


def _origins(found: Iterable[bytes]) -> list[str]:
    return sorted({origin.decode("ascii") for origin in found})


def with_security_headers(
    headers: Iterable[tuple[bytes, bytes]], policy: str
) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() not in _NAMES]
    kept += [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS]
    kept.append((b"content-security-policy", policy.encode()))
    return kept


class SecurityHeadersMiddleware:
    """Adds the security headers to every response; the docs pages get a policy of their own."""

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str | None]) -> None:
        self.app = app
        self.docs_paths = frozenset(path for path in docs_paths if path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.docs_paths:
            await self._docs(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(message.get("headers", []), API_POLICY)
            await send(message)

        await self.app(scope, receive, send_secured)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The page is buffered (a few kB) to derive its policy from it."""

        async def complete(start: Message, page: bytes) -> None:
            headers = with_security_headers(start.get("headers", []), docs_policy(page))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, buffered(send, complete))
