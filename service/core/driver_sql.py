"""The ingest path's hottest statements, run on the session's psycopg connection directly.

An ingest runs about 17 statements. Through `Session.execute` each pays about 60–130 µs of
SQLAlchemy's own work (ORM context, cache key, compiled-cache lookup, result processing) on top
of psycopg's: 1–2 ms an article, measured. A `DriverSql` is compiled once, to psycopg's
paramstyle, and run on the connection the session's transaction holds — so it reads and writes
inside that transaction, and psycopg still prepares it server-side after a few uses. A database
error is raised as the `DBAPIError` SQLAlchemy would raise (with `.orig`), so retries, conflict
handling and problem responses treat both paths alike, and a lost connection is invalidated as
SQLAlchemy would.

Only for statements whose parameters psycopg adapts as they are (str, int, bool, date,
datetime, UUID, bytes, lists of those): SQLAlchemy's bind and result processors do not run.

A list bound only where the statement casts it to an array type (`CAST(:names AS text[])`, as
every array parameter here is) is sent as one array literal string when its elements are of
the Python type that array holds (str for text, int for integers, bool for boolean, UUID for
uuid) or None: psycopg's list adapter works element by element in Python, about 5 µs an
element, and an ingest binds a few hundred (the words of the text among them). Any other list
is left to psycopg.

Each connection keeps a cursor per statement, and each statement its row type once it has seen
its columns: a fresh cursor looks every column type up again, and psycopg's `namedtuple_row`
decodes every column name and hashes them all on each execution (together about a tenth of an
ingest's time in psycopg). A kept cursor holds its last parameters and rows until it runs
again, so statements that move whole article texts pass `keep_cursor=False`; and a
`DriverSql` belongs at module level (each one adds a cursor to every connection it runs on).
A statement's columns are taken as fixed by its text: statements name their columns.
"""

import re
import uuid
from collections import Counter
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

    __slots__ = ("_arrays", "_defaults", "_keep_cursor", "_row_type", "sql")

    def __init__(self, statement: ClauseElement, *, keep_cursor: bool = True) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        if "__[POSTCOMPILE" in compiled.string:
            raise ValueError("expanding parameters need SQLAlchemy at run time")
        self.sql: str = compiled.string
        # values bound inside the statement itself (literals compared in a where clause)
        self._defaults = {k: v for k, v in compiled.params.items() if v is not None}
        # parameters the statement casts to an array type wherever it uses them (so a literal
        # string is read as that type), with the Python type of their elements
        self._arrays = _array_parameters(self.sql)
        self._keep_cursor = keep_cursor
        # (width, maker) of this statement's rows, set in one assignment (threads share it)
        self._row_type: tuple[int, Any] | None = None

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
        if not self._keep_cursor:
            return driver.cursor(row_factory=self._row_maker)
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
        columns (built afresh should a result come back with another number of them)."""
        result = cursor.pgresult
        known = self._row_type
        if known is not None and result is not None and result.nfields == known[0]:
            return known[1]
        maker = namedtuple_row(cursor)
        if result is not None and result.nfields:
            self._row_type = (result.nfields, maker)
        return maker

    def _execute(self, session: Session, params: Mapping[str, Any] | None, fetch: int) -> Any:
        connection = session.connection()  # begins the session's transaction if need be
        driver: Any = connection.connection.driver_connection
        values = {**self._defaults, **params} if params else self._defaults
        if self._arrays and values is self._defaults:
            values = dict(values)
        for name, element in self._arrays.items():
            value = values.get(name)
            if type(value) is list:
                literal = array_literal(value, element)
                if literal is not None:
                    values[name] = literal
        try:
            cursor = self._cursor(driver)
            try:
                cursor.execute(self.sql, values)
                if fetch == _ALL:
                    return cursor.fetchall()
                if fetch == _FIRST:
                    row = cursor.fetchone()
                    return [row] if row is not None else []
                return None
            finally:
                if not self._keep_cursor:
                    cursor.close()
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

_ARRAY_CAST = re.compile(r"CAST\(%\((\w+)\)s AS ([\w ]+)\[\]\)", re.IGNORECASE)
_PARAMETER = re.compile(r"%\((\w+)\)s")
# the element type of each array type sent as a literal (others are left to psycopg)
_ELEMENTS: dict[str, type] = {
    "text": str,
    "varchar": str,
    "character varying": str,
    "bigint": int,
    "integer": int,
    "int": int,
    "smallint": int,
    "boolean": bool,
    "uuid": uuid.UUID,
}


def _array_parameters(sql: str) -> dict[str, type]:
    """Parameters every use of which casts them to one array type of `_ELEMENTS`, with the
    Python type of that array's elements."""
    uses = Counter(_PARAMETER.findall(sql))
    casts = _ARRAY_CAST.findall(sql)
    cast_uses = Counter(name for name, _ in casts)
    kinds: dict[str, set[str]] = {}
    for name, kind in casts:
        kinds.setdefault(name, set()).add(kind.strip().lower())
    arrays = {}
    for name, cast_to in kinds.items():
        element = _ELEMENTS.get(cast_to.pop()) if len(cast_to) == 1 else None
        if element is not None and cast_uses[name] == uses[name]:
            arrays[name] = element
    return arrays


def array_literal(values: list[Any], element: type) -> str | None:
    """`values` as PostgreSQL's array input syntax (`{"a","b\\"c",NULL}`), or None when an
    element is neither None nor exactly of type `element` (psycopg then adapts the list)."""
    # the common case, every element of the type, is joined in one call: ingest sends arrays
    # of hundreds of words and keys several times per article
    if not values or set(map(type, values)) == {element}:
        if element is str:
            raw = "".join(values)
            if '"' in raw or "\\" in raw:
                return '{"' + '","'.join(_quoted(value) for value in values) + '"}'
            return '{"' + '","'.join(values) + '"}' if values else "{}"
        if element is not bool:
            return "{" + ",".join(map(str, values)) + "}"
    parts = []
    for value in values:
        if value is None:
            parts.append("NULL")
        elif type(value) is not element:
            return None
        elif isinstance(value, str):
            parts.append('"' + _quoted(value) + '"')
        elif element is bool:
            parts.append("t" if value else "f")
        else:
            parts.append(str(value))
    return "{" + ",".join(parts) + "}"


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
