"""The ingest path's hottest statements, run on the session's psycopg connection directly.

An ingest runs about 18 statements. Through `Session.execute` each pays about 60–130 µs of
SQLAlchemy's own work (ORM context, cache key, compiled-cache lookup, result processing) on top
of psycopg's: 1–2 ms an article, measured. A `DriverSql` is compiled once, to psycopg's
paramstyle, and run on the connection the session's transaction holds — so it reads and writes
inside that transaction, and psycopg still prepares it server-side after a few uses. A database
error is raised as the `DBAPIError` SQLAlchemy would raise (with `.orig`), so retries, conflict
handling and problem responses treat both paths alike, and a lost connection is invalidated as
SQLAlchemy would.

Only for statements whose parameters psycopg adapts as they are (str, int, bool, date,
datetime, UUID, bytes, lists of those): SQLAlchemy's bind and result processors do not run.

A list bound where the statement casts it to an array type (`CAST(:names AS text[])`, as every
array parameter here is) is sent as one array literal string when its elements are str, int,
bool, UUID or None: psycopg's list adapter works element by element in Python, about 5 µs an
element, and an ingest binds a few hundred (the words of the text among them).

Each connection keeps a cursor per statement, and each statement its row type once it has seen
its columns: a fresh cursor looks every column type up again, and psycopg's `namedtuple_row`
decodes every column name and hashes them all on each execution (together about a tenth of an
ingest's time in psycopg).
"""

import re
import uuid
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

_DIALECT: Any = pg_psycopg.dialect()  # type: ignore[no-untyped-call]


class DriverSql:
    """A statement (`text()` or a Core/ORM construct without expanding IN parameters) compiled
    once; `rows`, `first`, `one` and `run` execute it in a session's transaction."""

    __slots__ = ("_arrays", "_defaults", "_maker", "_width", "sql")

    def __init__(self, statement: ClauseElement) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        if "__[POSTCOMPILE" in compiled.string:
            raise ValueError("expanding parameters need SQLAlchemy at run time")
        self.sql: str = compiled.string
        # values bound inside the statement itself (literals compared in a where clause)
        self._defaults = {k: v for k, v in compiled.params.items() if v is not None}
        # parameters the statement itself casts to an array type, so a literal string is read
        # as that type whatever it holds
        self._arrays = frozenset(_ARRAY_CAST.findall(self.sql))
        self._maker: Any = None  # builds a row of this statement's columns
        self._width = 0

    def rows(self, session: Session, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Every row, as named tuples (`row.column`)."""
        rows: list[Any] = self._execute(session, params, _ALL)
        return rows

    def first(self, session: Session, params: Mapping[str, Any] | None = None) -> Any | None:
        rows = self._execute(session, params, _FIRST)
        return rows[0] if rows else None

    def one(self, session: Session, params: Mapping[str, Any] | None = None) -> Any:
        """The only row; NoResultFound or MultipleResultsFound otherwise, as SQLAlchemy's."""
        rows = self._execute(session, params, _ALL)
        if not rows:
            raise NoResultFound("the statement returned no row")
        if len(rows) > 1:
            raise MultipleResultsFound("the statement returned more than one row")
        return rows[0]

    def run(self, session: Session, params: Mapping[str, Any] | None = None) -> None:
        self._execute(session, params, _NONE)

    def _cursor(self, driver: Any) -> Any:
        """This statement's cursor on `driver` (a connection serves one thread at a time); it
        lives and dies with the connection."""
        cursors: dict[DriverSql, Any] | None = getattr(driver, _CURSORS, None)
        if cursors is None:
            cursors = {}
            setattr(driver, _CURSORS, cursors)
        cursor = cursors.get(self)
        if cursor is None or cursor.closed:
            cursor = cursors[self] = driver.cursor(row_factory=self._row_maker)
        return cursor

    def _row_maker(self, cursor: Any) -> Any:
        """psycopg's row factory: the row type is built once, from the first result with
        columns; a result of another width (a `SELECT *` across a migration) builds afresh."""
        result = cursor.pgresult
        if self._maker is not None and result is not None and result.nfields == self._width:
            return self._maker
        maker = namedtuple_row(cursor)
        if result is not None and result.nfields:
            self._maker, self._width = maker, result.nfields
        return maker

    def _execute(self, session: Session, params: Mapping[str, Any] | None, fetch: int) -> Any:
        connection = session.connection()  # begins the session's transaction if need be
        driver: Any = connection.connection.driver_connection
        values = {**self._defaults, **params} if params else self._defaults
        if self._arrays and values is self._defaults:
            values = dict(values)
        for name in self._arrays:
            value = values.get(name)
            if type(value) is list:
                literal = array_literal(value)
                if literal is not None:
                    values[name] = literal
        try:
            cursor = self._cursor(driver)
            cursor.execute(self.sql, values)
            if fetch == _ALL:
                return cursor.fetchall()
            if fetch == _FIRST:
                row = cursor.fetchone()
                return [row] if row is not None else []
            return None
        except psycopg.Error as exc:
            dialect: Any = connection.dialect
            invalidated = dialect.is_disconnect(exc, driver, None)
            if invalidated:
                connection.invalidate(exc)
            raise DBAPIError.instance(
                self.sql,
                values,
                exc,
                psycopg.Error,
                hide_parameters=connection.engine.hide_parameters,
                connection_invalidated=invalidated,
                dialect=dialect,
            ) from exc
        except BaseException as exc:
            if not isinstance(exc, Exception):
                # interrupted mid-statement (KeyboardInterrupt, SystemExit): the connection's
                # state is unknown, so it is not reused, as SQLAlchemy does
                connection.invalidate()
            raise


_ALL, _FIRST, _NONE = 0, 1, 2
_CURSORS = "_parley_driver_cursors"

_ARRAY_CAST = re.compile(r"CAST\(%\((\w+)\)s AS [\w ]+\[\]\)", re.IGNORECASE)


def array_literal(values: list[Any]) -> str | None:
    """`values` as PostgreSQL's array input syntax (`{"a","b\\"c",NULL}`), or None when an
    element is of another type than str, int, bool, UUID or None (psycopg then adapts it)."""
    parts = []
    for value in values:
        kind = type(value)
        if kind is str:
            parts.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
        elif kind is int or kind is uuid.UUID:
            parts.append(str(value))
        elif kind is bool:
            parts.append("t" if value else "f")
        elif value is None:
            parts.append("NULL")
        else:
            return None
    return "{" + ",".join(parts) + "}"
