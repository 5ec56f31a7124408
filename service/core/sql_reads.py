"""Hot read paths without the ORM: plain SQL, usually answered by PostgreSQL with finished
JSON, on an async psycopg connection pool.

The busiest GETs (meeting lists and details) cost a few milliseconds of Python each through
SQLAlchemy sessions, pydantic models and a threadpool hop; here they cost one round trip on a
connection that never leaves the event loop, in autocommit (no BEGIN/ROLLBACK), with statements
psycopg prepares after a few uses. Tests swap in an implementation that runs the same SQL on
the test's own transaction.
"""

from collections.abc import Mapping
from typing import Annotated, Any, Protocol

import psycopg
from fastapi import Depends, Request
from psycopg import sql

from service.core.config import Settings
from service.core.connect_gate import ConnectGate
from service.core.db import libpq_url, tcp_params
from service.core.read_pool import ReadPool

Query = sql.SQL | sql.Composed
Row = tuple[Any, ...]


class SqlReads(Protocol):
    async def rows(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        """Every row `query` returns."""
        ...

    async def value(self, query: Query, params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None without rows."""
        ...


class PooledSqlReads:
    """Runs reads on an async pool; a connection that died under us (after the pool's check)
    is retried once on a new one."""

    def __init__(self, pool: ReadPool) -> None:
        self.pool = pool

    async def rows(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        for attempt in (1, 2):
            async with self.pool.connection() as conn:
                try:
                    cursor = await conn.execute(query, params)
                    found: list[Row] = await cursor.fetchall()
                    return found
                except psycopg.OperationalError:
                    # a broken connection goes back to the pool, which discards it
                    if attempt == 2 or not conn.broken:
                        raise
        raise AssertionError("unreachable")

    async def value(self, query: Query, params: Mapping[str, Any]) -> Any:
        found = await self.rows(query, params)
        return found[0][0] if found else None


def create_read_pool(url: str, settings: Settings, gate: ConnectGate) -> ReadPool:
    """A pool of autocommit connections with the service's statement timeout."""
    return ReadPool(
        libpq_url(url),
        max_size=settings.pool_size,
        wait_s=settings.pool_timeout_s,
        gate=gate,
        kwargs={
            "autocommit": True,
            "options": f"-c statement_timeout={settings.statement_timeout_ms}",
            "application_name": "parley-reads",
            **tcp_params(settings),
        },
    )


async def get_sql_reads(request: Request) -> SqlReads:
    reads: SqlReads = request.app.state.sql_reads
    return reads


SqlReadsDep = Annotated[SqlReads, Depends(get_sql_reads)]
