"""Running alembic from code, and asking whether a database is at the latest revision."""

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from service.core.resources import shipped

SCRIPT_LOCATION = shipped("alembic")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every revision this code's migrations define."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return frozenset(script.revision for script in scripts.walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the version table, or None before the first migration.

    Read with plain SQL rather than through alembic's MigrationContext, which logs two INFO
    lines each time it is set up: `/readyz` asks on every probe, and its log should hold only
    the probe's access line. `parley migrate` still goes through alembic and logs as before.
    """
    # alembic's default version table, found through the connection's search path as alembic
    # finds it
    if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        # branches are never merged into head here; several heads would be a mistake to see
        raise RuntimeError(f"the database records several revisions: {sorted(rows)}")
    return rows[0] if rows else None
