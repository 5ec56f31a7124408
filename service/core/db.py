"""Engine and session handling: one session per request or command, committed or rolled back."""

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from service.core.config import Settings
from service.core.connect_gate import DRIVER_CONNECT_TIMEOUT_S, ConnectGate

SessionFactory = sessionmaker[Session]
T = TypeVar("T")


def sqlalchemy_url(url: str) -> str:
    """Accept the URLs people write (`postgres://`, `postgresql://`) and pin the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def libpq_url(url: str) -> str:
    """The same database as a plain libpq URL, for psycopg and command-line tools."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def tcp_params(settings: Settings) -> dict[str, int]:
    """libpq's TCP liveness parameters for every connection Parley opens (both pools).

    A network cut without a reset (a firewall dropping state, a host gone) leaves a socket that
    neither end closes: a query waiting for its answer would wait for ever, and a
    `statement_timeout` cannot help, the server being out of reach. Keepalive probes find a
    silent peer dead within idle + interval × count seconds, `tcp_user_timeout` a peer that
    stops acknowledging what was sent; the blocked call then fails (a 503) and the pool
    replaces the connection. libpq ignores them on a Unix-domain socket (the embedded server).
    """
    return {
        "keepalives": 1,
        "keepalives_idle": settings.db_keepalives_idle_s,
        "keepalives_interval": settings.db_keepalives_interval_s,
        "keepalives_count": settings.db_keepalives_count,
        "tcp_user_timeout": settings.db_tcp_user_timeout_ms,
    }


def create_db_engine(url: str, settings: Settings, gate: ConnectGate | None = None) -> Engine:
    """The SQLAlchemy engine: pooled connections pinged before each use (a dead one is
    replaced), opened through `gate` within `db_connect_timeout_s`."""
    engine = create_engine(
        sqlalchemy_url(url),
        pool_size=settings.pool_size,
        max_overflow=settings.pool_max_overflow,
        pool_timeout=settings.pool_timeout_s,
        pool_pre_ping=True,
        connect_args={
            "options": f"-c statement_timeout={settings.statement_timeout_ms}",
            "application_name": "parley",
            "connect_timeout": DRIVER_CONNECT_TIMEOUT_S,
            **tcp_params(settings),
        },
    )
    connect_gate = gate or ConnectGate(settings.db_connect_timeout_s)

    @event.listens_for(engine, "do_connect")
    def connect(dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        return connect_gate.connect(
            lambda: dialect.connect(*cargs, **cparams), lambda conn: conn.close()
        )

    return engine


def create_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@contextmanager
def transaction(factory: Callable[[], Session]) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back on any exception."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_session(request: Request) -> Iterator[Session]:
    factory: SessionFactory = request.app.state.session_factory
    with transaction(factory) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is never reported
# to the client as a success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


class Reads:
    """Runs a read-only unit of work in one threadpool call, with a session that is closed
    (its connection back in the pool) before the call returns: a read never holds a
    connection while it waits for a thread."""

    def __init__(self, factory: SessionFactory) -> None:
        self.factory = factory

    async def __call__(self, work: Callable[[Session], T]) -> T:
        return await run_in_threadpool(self._run, work)

    def _run(self, work: Callable[[Session], T]) -> T:
        with self.factory() as session:
            return work(session)


async def get_reads(request: Request) -> Reads:
    return Reads(request.app.state.session_factory)


ReadsDep = Annotated[Reads, Depends(get_reads)]


RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure


def is_retryable(exc: BaseException) -> bool:
    """A conflict with a concurrent transaction that a plain retry resolves."""
    return isinstance(exc, DBAPIError) and (
        getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES
    )


# unique, foreign key and exclusion violations: a concurrent write got there first
CONFLICT_SQLSTATES = frozenset({"23505", "23503", "23P01"})


def is_write_conflict(exc: BaseException) -> bool:
    """A constraint that a concurrent transaction's write made this one break: the request
    was rolled back whole and may be retried."""
    return isinstance(exc, DBAPIError) and (
        getattr(exc.orig, "sqlstate", None) in CONFLICT_SQLSTATES
    )


class Units:
    """Runs units of work, each in a transaction of its own, retried a few times when it loses
    a conflict with a concurrent transaction (locks are then held for one unit, not a batch)."""

    attempts = 3

    def __init__(self, factory: SessionFactory) -> None:
        self.factory = factory

    def run(self, work: Callable[[Session], T]) -> T:
        for attempt in range(1, self.attempts + 1):
            try:
                with transaction(self._session) as session:
                    return work(session)
            except DBAPIError as exc:
                if attempt == self.attempts or not is_retryable(exc):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 - jitter only
        raise AssertionError("unreachable")

    def _session(self) -> Session:
        return self.factory()


class HeldUnits(Units):
    """Units run one after another on one connection, held from `open` to `close` (a batch
    request): no pool checkout and liveness ping per unit, yet each unit still commits alone.
    A connection lost during a unit is replaced for the next one."""

    def __init__(self, factory: SessionFactory, engine: Engine) -> None:
        super().__init__(factory)
        self.engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> "HeldUnits":
        self.open()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def open(self) -> None:
        """Check the connection out now, so a database that is down fails the request early."""
        self._connect()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> Connection:
        if self._connection is not None and self._connection.invalidated:
            self.close()
        if self._connection is None:
            self._connection = self.engine.connect()
        return self._connection

    def _session(self) -> Session:
        connection = self._connect()
        if connection.in_transaction():  # never: a unit's session ends what it began
            connection.rollback()
        # a session on a connection outside any transaction begins one and commits it itself
        return self.factory(bind=connection)


def get_units(request: Request) -> Iterator[Units]:
    with HeldUnits(request.app.state.session_factory, request.app.state.engine) as units:
        yield units


# scope="function": the connection goes back to the pool before the response is sent
UnitsDep = Annotated[Units, Depends(get_units, scope="function")]
