"""HEAD wherever GET is: the GET is run and its body dropped, so the status and headers
(`ETag`, `Content-Length`, `Cache-Control`) are exactly the GET's."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        # a copy: the server still knows the request as a HEAD and sends no body
        inner = dict(scope, method="GET")

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        try:
            await self.app(inner, receive, send_headers_only)
        finally:
            # the matched route, for the metrics and logs of the middleware outside
            if "route" in inner:
                scope["route"] = inner["route"]
