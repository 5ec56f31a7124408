"""Statements run past SQLAlchemy: inside the session's transaction, errors wrapped alike."""

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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
from service.core.driver_sql import DriverSql, array_literal
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


_TEXTS = DriverSql(text("SELECT CAST(:texts AS text[]) AS texts, CAST(:ids AS uuid[]) AS ids"))
_NUMBERS = DriverSql(
    text(
        "SELECT CAST(:big AS bigint[]) AS big, CAST(:small AS smallint[]) AS small, "
        "CAST(:flags AS boolean[]) AS flags"
    )
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(["NULL", "", '"', "\\", "{a,b}", " padded ", 'Zelenskyy\'s "team"']),
            st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
        ),
        max_size=8,
    ),
    ids=st.lists(st.one_of(st.none(), st.uuids()), max_size=4),
)
def test_array_parameters_arrive_as_sent(
    session: Session, texts: list[str | None], ids: list[uuid.UUID | None]
) -> None:
    row = _TEXTS.one(session, {"texts": texts, "ids": ids})
    assert row.texts == texts
    assert row.ids == ids


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.one_of(
            st.sampled_from(["NULL", "", '"', "\\", '","', "{a,b}", " padded "]),
            st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
        ),
        max_size=8,
    ),
    ids=st.lists(st.uuids(), max_size=4),
)
def test_arrays_without_nulls_arrive_as_sent(
    session: Session, texts: list[str], ids: list[uuid.UUID]
) -> None:
    # no NULL: every element is of the array's type, the literal is joined in one piece
    row = _TEXTS.one(session, {"texts": texts, "ids": ids})
    assert row.texts == texts
    assert row.ids == ids


def test_number_and_flag_arrays_arrive_as_sent(session: Session) -> None:
    row = _NUMBERS.one(
        session, {"big": [2**62, -1, 0, None], "small": [1, -2], "flags": [True, False, None]}
    )
    assert (row.big, row.small, row.flags) == ([2**62, -1, 0, None], [1, -2], [True, False, None])


def test_arrays_of_other_types_are_left_to_psycopg() -> None:
    assert array_literal(["a", 'b"c', "d\\e", None], str) == '{"a","b\\"c","d\\\\e",NULL}'
    assert array_literal(["a", 'b"c', "d\\e"], str) == '{"a","b\\"c","d\\\\e"}'
    assert array_literal([1, -2], int) == "{1,-2}"
    assert array_literal([], str) == array_literal([], bool) == "{}"
    assert array_literal([1.5], int) is None
    assert array_literal([True], int) is None  # a bool is an int to Python, not to PostgreSQL
    assert array_literal([1, 0], bool) is None
    assert array_literal([3, "3"], str) is None


def test_only_lists_cast_to_an_array_wherever_they_are_used_are_sent_as_literals(
    session: Session,
) -> None:
    mixed = DriverSql(
        text(
            "SELECT CAST(:flags AS integer[]) AS flags, :raw = ARRAY['a', 'b'] AS same, "
            "CAST(:raw AS text[]) AS raw, CAST(:odd AS double precision[]) AS odd"
        )
    )
    assert mixed._arrays == {"flags": int}
    # psycopg adapts what is not sent as a literal, as before: bools into integer[] included
    row = mixed.one(session, {"flags": [True, False], "raw": ["a", "b"], "odd": [0.5]})
    assert (row.flags, row.same, row.raw, row.odd) == ([1, 0], True, ["a", "b"], [0.5])


def test_a_nul_in_an_array_element_is_a_data_error(session: Session) -> None:
    with pytest.raises(DataError), session.begin_nested():
        _TEXTS.one(session, {"texts": ["a\x00b"], "ids": []})


def test_rows_follow_a_change_in_the_statements_columns(session: Session) -> None:
    session.execute(text("CREATE TEMPORARY TABLE driver_widths (a int)"))
    session.execute(text("INSERT INTO driver_widths VALUES (1)"))
    everything = DriverSql(text("SELECT * FROM driver_widths"))
    assert everything.one(session)._fields == ("a",)
    assert everything.one(session).a == 1  # the second run reuses the row type
    session.execute(text("ALTER TABLE driver_widths ADD COLUMN b text DEFAULT 'x'"))
    row = everything.one(session)
    assert (row.a, row.b) == (1, "x")


def test_a_statement_that_keeps_no_cursor_leaves_none_on_the_connection(session: Session) -> None:
    once = DriverSql(text("SELECT repeat('x', 1000) AS big"), keep_cursor=False)
    kept = DriverSql(text("SELECT 1 AS one"))
    assert len(once.one(session).big) == 1000
    assert kept.one(session).one == 1
    driver: Any = session.connection().connection.driver_connection
    cursors = driver._parley_driver_cursors
    assert kept in cursors
    assert once not in cursors
