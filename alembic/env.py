"""Alembic environment: migrates the connection it is handed, or the configured database."""

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from service.core.config import get_settings
from service.core.db import sqlalchemy_url
from service.core.embedded_db import EmbeddedPostgres
from service.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    settings = get_settings()
    embedded = None
    url = settings.database_url
    if url is None:
        embedded = EmbeddedPostgres(settings.embedded_dir)
        url = embedded.acquire()
    try:
        engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
        with engine.connect() as conn:
            _run(conn)
        engine.dispose()
    finally:
        if embedded is not None:
            embedded.release()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
