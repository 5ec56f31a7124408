"""The fuzzy person lookup each ingest runs (participant repository): served by the trigram
index on aliases, answering what a comparison with every alias answers, and leaving no planner
setting changed for the rest of the ingest's transaction."""

import re
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from service.models import Participant, ParticipantAlias
from service.participant import repository

PEOPLE = [
    ("person", "Volodymyr Zelenskyy", ["volodymyr zelenskyy", "zelenskyy", "zelensky"]),
    ("person", "Oleksandr Zelenko", ["oleksandr zelenko"]),
    ("person", "Donald Trump", ["donald trump", "trump"]),
    ("person", "Donald Tusk", ["donald tusk", "tusk"]),
    ("person", "Emmanuel Macron", ["emmanuel macron", "macron"]),
    ("organization", "Zelensky Foundation", ["zelensky foundation"]),
]


@pytest.fixture
def people(session: Session) -> None:
    for kind, name, aliases in PEOPLE:
        participant = Participant(type=kind, name=name)
        session.add(participant)
        session.flush()
        session.add_all(
            ParticipantAlias(
                participant_id=participant.id, alias=a, normalized=a, origin="extracted"
            )
            for a in aliases
        )
    session.flush()


def _every_alias(session: Session, name: str) -> list[Any]:
    """The lookup as a comparison with every alias (what it was before the index served it)."""
    similarity = func.word_similarity(name, ParticipantAlias.normalized)
    return list(
        session.execute(
            select(Participant.id, Participant.name, similarity)
            .join(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                Participant.type == "person", Participant.merged_into.is_(None), similarity > 0.3
            )
            .order_by(similarity.desc())
        ).all()
    )


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("name", ["zelenski", "volodymir zelenskiy", "donald", "macrone", "xyz"])
def test_the_lookup_answers_what_a_comparison_with_every_alias_answers(
    session: Session, name: str
) -> None:
    found = repository.similar_persons(session, name)

    expected = _every_alias(session, name)
    assert sorted(found) == sorted((row.id, row.name) for row in expected)
    # most similar first: the k-th row of the answer is one of that person's aliases at the
    # k-th highest similarity (rows of equal similarity may come in any order)
    left = {row.id: Counter(r[2] for r in expected if r.id == row.id) for row in expected}
    for (participant_id, _), row in zip(found, expected, strict=True):
        assert left[participant_id][row[2]] > 0
        left[participant_id][row[2]] -= 1


@pytest.mark.usefixtures("people")
def test_the_lookup_is_served_by_the_trigram_index(session: Session) -> None:
    # the function's own query, planned under the function's own settings
    config, source = session.execute(
        text("SELECT proconfig, prosrc FROM pg_proc WHERE proname = 'similar_person_aliases'")
    ).one()
    for setting in config:
        name, value = setting.split("=", 1)
        session.execute(text(f"SET LOCAL {name} = '{value}'"))
    body = re.search(r"RETURN QUERY(.*?);", source, re.DOTALL)
    assert body is not None
    query = re.sub(r"\bname\b", "CAST(:name AS text)", body.group(1))
    query = re.sub(r"\bthreshold\b", "CAST(:threshold AS real)", query)
    plan = "\n".join(
        session.execute(text("EXPLAIN " + query), {"name": "zelenski", "threshold": 0.3}).scalars()
    )

    assert "ix_participant_aliases_normalized_trgm" in plan
    assert "Seq Scan on participant_aliases" not in plan
    assert "pg_trgm.word_similarity_threshold=0.3" in config


@pytest.mark.usefixtures("people")
def test_the_lookup_leaves_the_planner_settings_as_they_were(session: Session) -> None:
    repository.similar_persons(session, "zelenski")

    settings = ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")
    assert [session.execute(text(f"SHOW {s}")).scalar() for s in settings] == ["on"] * 3
