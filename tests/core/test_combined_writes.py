"""Inserts sent together in one statement: every part's rows land, or none do."""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.core import combined_writes
from service.core.combined_writes import Insert, InsertPart

_PARTICIPANT = InsertPart(
    "person",
    "participants",
    "INSERT INTO participants (id, type, name) VALUES (CAST(:id AS uuid), 'person', :name)",
)
# the same parameter name as the part above, and a `::` cast that is not a parameter
_ALIASES = InsertPart(
    "aliases",
    "participant_aliases",
    """
    INSERT INTO participant_aliases (participant_id, alias, normalized, origin)
    SELECT CAST(:id AS uuid), a, lower(a), 'extracted'::text
    FROM unnest(CAST(:names AS text[])) AS n(a)
    """,
)


def _count(session: Session, sql: str, **params: object) -> int:
    return int(session.execute(text(sql), params).scalar_one())


def test_parts_run_in_one_statement_and_may_share_parameter_names(session: Session) -> None:
    person = uuid.uuid4()
    combined_writes.write(
        session,
        [
            Insert(_PARTICIPANT, {"id": person, "name": "Combined Person"}),
            None,  # skipped
            # the alias rows' foreign key names the participant inserted beside them
            Insert(_ALIASES, {"id": person, "names": ["Combined Person", "C. Person"]}),
        ],
    )
    assert _count(session, "SELECT count(*) FROM participants WHERE id = :p", p=person) == 1
    assert (
        _count(
            session, "SELECT count(*) FROM participant_aliases WHERE participant_id = :p", p=person
        )
        == 2
    )
    assert "w0 AS (" in combined_writes.combined_sql((_PARTICIPANT, _ALIASES))
    assert ":person__id" in combined_writes.combined_sql((_PARTICIPANT, _ALIASES))
    assert "::text" in combined_writes.combined_sql((_PARTICIPANT, _ALIASES))


def test_parts_share_one_snapshot_as_one_statement_does(session: Session) -> None:
    # a part reading the table another part writes sees none of its rows: the documented
    # reason parts must not depend on each other, and the proof they ran as one statement
    reader = InsertPart(
        "reader",
        "participant_aliases",
        """
        INSERT INTO participant_aliases (participant_id, alias, normalized, origin)
        SELECT id, name, lower(name), 'extracted' FROM participants WHERE id = CAST(:id AS uuid)
        """,
    )
    person = uuid.uuid4()
    combined_writes.write(
        session,
        [
            Insert(_PARTICIPANT, {"id": person, "name": "Snapshot Person"}),
            Insert(reader, {"id": person}),
        ],
    )
    assert _count(session, "SELECT count(*) FROM participants WHERE id = :p", p=person) == 1
    aliases = "SELECT count(*) FROM participant_aliases WHERE participant_id = :p"
    assert _count(session, aliases, p=person) == 0
    combined_writes.write(session, [Insert(reader, {"id": person})])
    assert _count(session, aliases, p=person) == 1


def test_nothing_to_write_sends_nothing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_statement(parts: object) -> None:
        raise AssertionError("a statement was built for nothing to write")

    monkeypatch.setattr(combined_writes, "_statement", no_statement)
    combined_writes.write(session, [None, None])
    combined_writes.write(session, [])


def test_only_parameters_are_renamed() -> None:
    part = InsertPart(
        "p",
        "t",
        r"INSERT INTO t (a, b, c) SELECT :a, CAST(:b AS int)::text, '12:30' || '\:lit' || x[1:2]",
    )
    assert part.renamed() == (
        r"INSERT INTO t (a, b, c) SELECT :p__a, CAST(:p__b AS int)::text, '12:30' || '\:lit' "
        r"|| x[1:2]"
    )


def test_parts_with_one_name_are_refused(session: Session) -> None:
    twin = InsertPart("person", "participant_aliases", _ALIASES.sql)
    with pytest.raises(ValueError, match="one name"):
        combined_writes.write(
            session,
            [
                Insert(_PARTICIPANT, {"id": uuid.uuid4(), "name": "A"}),
                Insert(twin, {"id": uuid.uuid4(), "names": ["A"]}),
            ],
        )


def test_two_parts_into_one_table_are_refused(session: Session) -> None:
    twin = InsertPart("twin", "participants", _PARTICIPANT.sql)
    with pytest.raises(ValueError, match="one table"):
        combined_writes.write(
            session,
            [
                Insert(_PARTICIPANT, {"id": uuid.uuid4(), "name": "A"}),
                Insert(twin, {"id": uuid.uuid4(), "name": "B"}),
            ],
        )


@pytest.mark.parametrize(
    ("name", "sql", "problem"),
    [
        ("Bad-Name", "INSERT INTO t VALUES (1)", "identifier"),
        ("double__underscore", "INSERT INTO t VALUES (1)", "identifier"),
        ("reads", "SELECT 1", "INSERT"),
        ("returns", "INSERT INTO t VALUES (1) RETURNING id", "returned"),
    ],
)
def test_parts_that_cannot_be_combined_are_refused(name: str, sql: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        InsertPart(name, "t", sql)
