"""Admission control: no more requests in flight than the database pool can serve."""

import asyncio

from starlette.types import Message, Receive, Scope, Send

from service.core.middleware import ConcurrencyLimitMiddleware


def test_requests_beyond_the_limit_wait_instead_of_running() -> None:
    in_flight = 0
    peak = 0

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = ConcurrencyLimitMiddleware(slow_app, limit=3)
    statuses: list[int] = []

    async def one() -> None:
        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app({"type": "http", "method": "GET", "path": "/"}, receive, send)

    async def many() -> None:
        await asyncio.gather(*(one() for _ in range(20)))

    asyncio.run(many())

    assert peak == 3
    assert statuses == [200] * 20
