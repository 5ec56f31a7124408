"""Security headers on every response, and the Content-Security-Policy of the docs pages."""

import base64
import hashlib
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
_POLICY = b"content-security-policy"


def docs_policy(page: bytes) -> str:
    """A policy for a docs page that lets exactly that page work: its own inline scripts (by
    hash, so no other inline script runs), scripts, styles and icons from this origin only (the
    docs serve their assets themselves), the OpenAPI document from this origin, and ReDoc's
    styles and workers. Nothing from another origin may load, so the page works offline and
    leaks nothing.
    """
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    ]
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", *hashes],
        # ReDoc and Swagger UI set styles inline as they render
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["blob:"],  # ReDoc searches in a worker
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_security_headers(
    headers: Iterable[tuple[bytes, bytes]], policy: str
) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() not in _NAMES]
    kept += [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS]
    kept.append((b"content-security-policy", policy.encode()))
    return kept


class SecurityHeadersMiddleware:
    """Adds the security headers to every response. Only the docs pages may set a policy of
    their own (`docs_policy`, derived from the page); every other answer loads nothing."""

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str | None]) -> None:
        self.app = app
        self.docs_paths = frozenset(path for path in docs_paths if path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        own_policy_allowed = scope["path"] in self.docs_paths

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                policy = API_POLICY
                if own_policy_allowed:
                    own = [value for name, value in headers if name.lower() == _POLICY]
                    policy = own[0].decode("latin-1") if own else API_POLICY
                message["headers"] = with_security_headers(headers, policy)
            await send(message)

        await self.app(scope, receive, send_secured)
