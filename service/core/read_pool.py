"""The hot reads' pool of async psycopg connections, which fails at once when the database does.

psycopg_pool opens connections in a background task that retries with a growing backoff while
requests wait for the pool's whole timeout: during an outage a read waited 10 s for its 503,
and after the database returned, reads kept failing for another 14 s until the backoff ran
out. Here the request that needs a connection opens it itself, through the process's
`ConnectGate` (a deadline of about a second, and a single probe while the database is down),
so a failure reaches it at once and the first request after the outage reconnects.

An idle connection is checked before it is lent without a round trip: an idle connection in
autocommit receives nothing unless the server is closing it (a terminated backend, a server
shutdown send their notice and close the socket), so a readable socket means a dead
connection, which is closed and replaced. A connection that comes back broken, or not idle
(a request cancelled mid-query), is closed rather than kept.
"""

import asyncio
import select
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg_pool import PoolTimeout

from service.core.connect_gate import DRIVER_CONNECT_TIMEOUT_S, ConnectGate

Connection = psycopg.AsyncConnection[tuple[Any, ...]]


class ReadPool:
    """At most `max_size` connections, opened on demand and kept while idle."""

    def __init__(
        self,
        conninfo: str,
        *,
        max_size: int,
        wait_s: float,
        gate: ConnectGate,
        kwargs: dict[str, Any],
    ) -> None:
        self.conninfo = conninfo
        self.max_size = max_size
        self.wait_s = wait_s
        self.gate = gate
        self.kwargs = kwargs | {"connect_timeout": DRIVER_CONNECT_TIMEOUT_S}
        self._idle: deque[Connection] = deque()
        self._slots = asyncio.Semaphore(max_size)
        self._closed = False

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        """A live connection, given back when the block ends; `PoolTimeout` when none is free
        within `wait_s` (every one of them busy), `psycopg.OperationalError` when the database
        cannot be reached."""
        if self._closed:
            raise PoolTimeout("the pool is closed")
        try:
            async with asyncio.timeout(self.wait_s):
                await self._slots.acquire()
        except TimeoutError:
            raise PoolTimeout(f"no free connection within {self.wait_s:g} s") from None
        conn: Connection | None = None
        try:
            conn = await self._take()
            yield conn
        finally:
            if conn is not None:
                await self._give_back(conn)
            self._slots.release()

    async def _take(self) -> Connection:
        while self._idle:
            conn = self._idle.pop()  # the most recently used: fewer connections stay warm
            if _alive(conn):
                return conn
            await conn.close()
        return await self.gate.aconnect(
            lambda: psycopg.AsyncConnection.connect(self.conninfo, **self.kwargs)
        )

    async def _give_back(self, conn: Connection) -> None:
        idle = conn.info.transaction_status == TransactionStatus.IDLE
        if self._closed or conn.closed or conn.broken or not idle:
            await conn.close()
            return
        self._idle.append(conn)

    async def open(self) -> None:
        """Open one connection ahead of the first request, when the database lets it."""
        try:
            async with self.connection():
                pass
        except (psycopg.OperationalError, PoolTimeout):
            pass  # a database that is down must not stop the service from starting

    async def close(self) -> None:
        self._closed = True
        while self._idle:
            await self._idle.pop().close()


def _alive(conn: Connection) -> bool:
    if conn.closed or conn.broken:
        return False
    try:
        readable, _, _ = select.select([conn.pgconn.socket], [], [], 0)
    except (OSError, ValueError, psycopg.OperationalError):
        return False
    return not readable
