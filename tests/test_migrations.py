"""Migrations: upgrade, downgrade to nothing, upgrade again; and models agree with them."""

import os
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, pool

from service.core.migrations import current_revision, downgrade, head_revision, upgrade
from service.models import Base
from tests.conftest import create_database, drop_database


@pytest.fixture
def scratch_engine(admin_url: str, worker_id: str) -> Iterator[Engine]:
    name = f"parley_migrations_{worker_id}_{os.getpid()}"
    engine = create_engine(create_database(admin_url, name), poolclass=pool.NullPool)
    yield engine
    engine.dispose()
    drop_database(admin_url, name)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(scratch_engine: Engine) -> None:
    upgrade(scratch_engine)
    assert _tables(scratch_engine) == set(Base.metadata.tables)

    downgrade(scratch_engine, "base")
    assert _tables(scratch_engine) == set()

    upgrade(scratch_engine)
    with scratch_engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    assert _tables(scratch_engine) == set(Base.metadata.tables)


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)

    assert diff == []
