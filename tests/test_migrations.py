"""Migrations: upgrade, downgrade to nothing, upgrade again; and models agree with them."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, pool, text

from service.article import service as articles
from service.article.schemas import ArticleCreate
from service.core.db import create_session_factory, transaction
from service.core.migrations import current_revision, downgrade, head_revision, upgrade
from service.models import Base
from tests.conftest import create_database, drop_database
from tests.factories import seed_payloads


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


def test_reported_on_is_backfilled_from_the_first_reporting_article(scratch_engine: Engine) -> None:
    upgrade(scratch_engine)
    with transaction(create_session_factory(scratch_engine)) as session:
        for payload in seed_payloads():
            articles.ingest(session, ArticleCreate.model_validate(payload), api_key_id=None)
    first_report = text(
        """
        SELECT m.id, min(a.published_at AT TIME ZONE 'UTC')::date
        FROM meetings AS m
        LEFT JOIN meeting_participations AS mp ON mp.meeting_id = m.id
        JOIN evidence_spans AS e ON e.meeting_id = m.id OR e.participation_id = mp.id
        JOIN articles AS a ON a.id = e.article_id
        GROUP BY m.id
        """
    )
    with scratch_engine.connect() as connection:
        expected: dict[Any, Any] = dict(connection.execute(first_report).all())
        # what ingest stored is what the backfill must find again
        assert dict(connection.execute(text("SELECT id, reported_on FROM meetings")).all()) == (
            expected
        )
    assert expected  # the seeds report meetings

    first_quote = text(
        """
        SELECT v.statement_id, min(a.published_at AT TIME ZONE 'UTC')::date
        FROM statement_variants AS v JOIN articles AS a ON a.id = v.article_id
        GROUP BY v.statement_id
        """
    )
    quoted = text("SELECT id, reported_on FROM statements")
    with scratch_engine.connect() as connection:
        expected_quotes: dict[Any, Any] = dict(connection.execute(first_quote).all())
        assert dict(connection.execute(quoted).all()) == expected_quotes
    assert expected_quotes  # the seeds quote people

    downgrade(scratch_engine, "9c3d6a1f2b80")
    upgrade(scratch_engine)

    with scratch_engine.connect() as connection:
        backfilled: dict[Any, Any] = dict(
            connection.execute(text("SELECT id, reported_on FROM meetings")).all()
        )
        backfilled_quotes: dict[Any, Any] = dict(connection.execute(quoted).all())
    assert backfilled == expected
    assert backfilled_quotes == expected_quotes


def test_active_keys_sharing_a_name_are_told_apart_by_the_upgrade(scratch_engine: Engine) -> None:
    upgrade(scratch_engine, "6f1b8c3a9d27")  # the revision before key names were unique
    insert = text(
        "INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_at, revoked_at) "
        "VALUES (:id, 'partner', 'p', :hash, ARRAY['read'], :created, :revoked)"
    )
    rows = [
        ("00000000-0000-4000-8000-000000000001", "2026-01-01", None),
        ("00000000-0000-4000-8000-000000000002", "2026-02-01", None),
        ("00000000-0000-4000-8000-000000000003", "2026-03-01", "2026-03-02"),
    ]
    with scratch_engine.begin() as connection:
        for key_id, created, revoked in rows:
            connection.execute(
                insert,
                {"id": key_id, "hash": key_id.encode(), "created": created, "revoked": revoked},
            )

    upgrade(scratch_engine)

    with scratch_engine.connect() as connection:
        names = connection.execute(text("SELECT id::text, name FROM api_keys ORDER BY id")).all()
    assert [name for _, name in names] == ["partner", "partner #00000000", "partner"]
