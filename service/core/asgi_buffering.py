"""ASGI plumbing the middlewares share: a response held until its body is complete, and a
request body read once and handed on again."""

from collections.abc import Awaitable, Callable

from starlette.types import Message, Receive, Send

Complete = Callable[[Message, bytes], Awaitable[None]]


def buffered(send: Send, complete: Complete) -> Send:
    """A `send` that holds the response start and body, then calls `complete(start, body)`;
    messages before a start, or of other types, pass straight through."""
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
        await complete(start, b"".join(chunks))

    return buffer


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands `body` on once, then defers to the real one (disconnects)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
