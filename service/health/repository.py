"""SQL for readiness: is the database reachable, and at which schema revision."""

from sqlalchemy import Engine, text

from service.core.migrations import current_revision


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        return current_revision(connection)
