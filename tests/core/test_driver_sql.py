"""Statements run past SQLAlchemy: inside the session's transaction, errors wrapped alike."""

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import (
    DataError,
    IntegrityError,
    MultipleResultsFound,
    NoResultFound,
    OperationalError,
)
from sqlalchemy.orm import Session

from service.core.db import is_retryable, is_write_conflict
from service.core.driver_sql import DriverSql
from service.models import Participant

_INSERT = DriverSql(
    text("INSERT INTO participants (type, name) VALUES (:type, :name) RETURNING id, name")
)
_BY_TYPE = DriverSql(
    select(Participant.id, Participant.name)
    .where(Participant.type == "person", Participant.name.like(text(":pattern")))
    .order_by(Participant.name)
)


def test_rows_are_read_and_written_in_the_sessions_transaction(session: Session) -> None:
    row = _INSERT.one(session, {"type": "person", "name": "Ada Driver"})
    assert row.name == "Ada Driver"
    # SQLAlchemy sees the driver's write, and the driver sees SQLAlchemy's
    assert session.get(Participant, row.id) is not None
    session.execute(text("INSERT INTO participants (type, name) VALUES ('person', 'Bo Driver')"))
    session.execute(text("INSERT INTO participants (type, name) VALUES ('country', 'Cy Driver')"))
    # the literal 'person' compared in the ORM statement travels with it
    names = [r.name for r in _BY_TYPE.rows(session, {"pattern": "% Driver"})]
    assert names == ["Ada Driver", "Bo Driver"]
    assert _BY_TYPE.first(session, {"pattern": "Nobody%"}) is None
    with pytest.raises(NoResultFound):
        _BY_TYPE.one(session, {"pattern": "Nobody%"})
    with pytest.raises(MultipleResultsFound):
        _BY_TYPE.one(session, {"pattern": "% Driver"})


def test_a_rolled_back_transaction_takes_the_drivers_writes_with_it(session: Session) -> None:
    with session.begin_nested():
        _INSERT.run(session, {"type": "person", "name": "Di Rolledback"})
        session.rollback()
    assert _BY_TYPE.rows(session, {"pattern": "Di Rolledback"}) == []


def test_database_errors_are_raised_as_sqlalchemy_would(session: Session) -> None:
    # outside the savepoint's block, so that the savepoint sees the error and rolls back
    with pytest.raises(IntegrityError) as caught, session.begin_nested():
        _INSERT.run(session, {"type": "planet", "name": "Mars"})
    assert caught.value.orig is not None
    assert is_write_conflict(caught.value) is False  # a check, not a concurrent writer
    with pytest.raises(DataError), session.begin_nested():
        DriverSql(text("SELECT 1 / 0")).run(session)
    deadlock = DriverSql(text("DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = '40P01'; END $$"))
    with pytest.raises(OperationalError) as lost, session.begin_nested():
        deadlock.run(session)
    assert is_retryable(lost.value)
    # and the transaction goes on once the savepoint is rolled back
    assert _BY_TYPE.rows(session, {"pattern": "Mars"}) == []


def test_expanding_parameters_are_refused_up_front() -> None:
    with pytest.raises(ValueError, match="expanding"):
        DriverSql(select(Participant.id).where(Participant.name.in_(["a", "b"])))


def test_a_lost_connection_is_invalidated_as_sqlalchemy_would(engine: Engine) -> None:
    with engine.connect() as connection:
        session = Session(bind=connection)
        with pytest.raises(OperationalError) as lost:
            DriverSql(text("SELECT pg_terminate_backend(pg_backend_pid())")).run(session)
        assert lost.value.connection_invalidated
        assert connection.invalidated
        session.close()
