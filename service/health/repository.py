"""SQL for readiness: is the database reachable through every pool, and at which schema
revision."""

from psycopg import sql
from sqlalchemy import Engine, text

from service.core.migrations import current_revision
from service.core.sql_reads import SqlReads


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        return current_revision(connection)


async def ping_hot_reads(reads: SqlReads) -> None:
    """One statement on the hot reads' pool, which a request for meetings would use."""
    await reads.value(sql.SQL("SELECT 1"), {})
