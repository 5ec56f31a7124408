"""Curation beside live ingests, on real commits: a merge and an ingest of the same participant
serialise on its row (the merge's FOR UPDATE against the ingest's FOR KEY SHARE), so nothing is
left pointing at a merged-away participant; two merges of one pair never deadlock."""

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.core.db import SessionFactory, create_session_factory, transaction
from service.core.errors import ServiceError
from service.extraction.records import Extraction, Mention, RoleMention, Span
from service.models import Participant, ParticipantAlias, Statement
from service.participant import curation, repository
from service.participant.curation import ParticipantAlreadyMerged
from service.participant.naming import normalize_name
from tests.factories import EVIDENCE, advisers_meeting, country, make_article, person, quote

DAY = date(2026, 1, 3)
QUOTE = "We have a busy working day ahead of us in Kyiv today"


@pytest.fixture
def factory(committing_engine: Engine) -> SessionFactory:
    return create_session_factory(committing_engine)


def _umerov(*aliases: str) -> Mention:
    """The man the loser stands for, known by a wikidata id that the merge moves."""
    return Mention(
        key="person:umerov",
        type="person",
        name="Umerov Rustem",
        aliases=list(aliases),
        identifiers={"wikidata": "Q4399947"},
        spans=[EVIDENCE],
    )


def _two_records(factory: SessionFactory) -> tuple[uuid.UUID, uuid.UUID]:
    """Committed: 'Umerov Rustem' (the loser, with a wikidata id) and 'Rustem Umerov'."""
    loser, winner = _umerov(), person("Rustem Umerov")
    with transaction(factory) as session:
        fold(
            session,
            make_article(session),
            DAY,
            Extraction(
                participants=[loser, winner],
                meetings=[advisers_meeting(loser.key, winner.key)],
            ),
        )
    with factory() as session:
        rows = session.execute(select(Participant.name, Participant.id)).all()
    ids = {row.name: row.id for row in rows}
    return ids["Umerov Rustem"], ids["Rustem Umerov"]


def _ingest_umerov(session: Session) -> None:
    """An article naming the loser's spelling (with a new one) at a meeting, quoting him and
    giving him a role."""
    umerov, ukraine = _umerov("R. Umerov"), country("UA", "Ukraine")
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(
            participants=[umerov, ukraine],
            meetings=[advisers_meeting(umerov.key, ukraine.key)],
            statements=[quote(QUOTE, umerov.key)],
            roles=[
                RoleMention(
                    person_key=umerov.key,
                    title="Secretary",
                    affiliation_key=ukraine.key,
                    span=Span(0, 3),
                )
            ],
        ),
    )


_POINTING_AT = text(
    """
    SELECT 'participation' FROM meeting_participations WHERE participant_id = :id
    UNION ALL SELECT 'statement' FROM statements WHERE speaker_id = :id
    UNION ALL SELECT 'role' FROM participant_roles WHERE :id IN (participant_id, affiliation_id)
    UNION ALL SELECT 'identifier' FROM participant_identifiers WHERE participant_id = :id
    UNION ALL SELECT 'merged' FROM participants WHERE merged_into = :id
    """
)


def _pointing_at(factory: SessionFactory, participant_id: uuid.UUID) -> list[str]:
    with factory() as session:
        return list(session.execute(_POINTING_AT, {"id": participant_id}).scalars())


def _aliases(factory: SessionFactory, participant_id: uuid.UUID) -> set[str]:
    with factory() as session:
        return _aliases_in(session, participant_id)


def _aliases_in(session: Session, participant_id: uuid.UUID) -> set[str]:
    return set(
        session.execute(
            select(ParticipantAlias.alias).where(ParticipantAlias.participant_id == participant_id)
        ).scalars()
    )


def _speakers(factory: SessionFactory) -> set[uuid.UUID | None]:
    with factory() as session:
        return set(session.execute(select(Statement.speaker_id)).scalars())


class _Unit(threading.Thread):
    """`work` in a transaction of its own on another connection; `pid` is its backend."""

    def __init__(self, factory: SessionFactory, work: Callable[[Session], Any]) -> None:
        super().__init__(daemon=True)
        self.factory, self.work = factory, work
        self.pid: int | None = None
        self.connected = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with transaction(self.factory) as session:
                self.pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
                self.connected.set()
                self.work(session)
        except BaseException as exc:
            self.error = exc
        finally:
            self.connected.set()

    def wait_blocked(self, factory: SessionFactory) -> None:
        """Return once this unit waits on a lock held by another transaction."""
        assert self.connected.wait(10)
        deadline = time.monotonic() + 10
        with factory() as probe:
            while not probe.execute(
                text("SELECT cardinality(pg_blocking_pids(:pid)) > 0"), {"pid": self.pid}
            ).scalar_one():
                assert self.is_alive(), f"finished without waiting: {self.error!r}"
                assert time.monotonic() < deadline, "never waited for the lock"
                time.sleep(0.005)
                probe.rollback()

    def finish(self) -> BaseException | None:
        self.join(10)
        assert not self.is_alive()
        return self.error


@pytest.fixture
def merge_after_lookup(
    monkeypatch: pytest.MonkeyPatch, factory: SessionFactory
) -> Iterator[Callable[[uuid.UUID, uuid.UUID], None]]:
    """Arrange for a merge to commit right after the next ingest's participant lookup, before
    it writes anything: the ingest then holds ids read before the merge."""
    original = repository.find_known
    pending: list[tuple[uuid.UUID, uuid.UUID]] = []

    def find_then_merge(session: Session, pairs: Any, names: Any) -> Any:
        found = original(session, pairs, names)
        while pending and (pairs or names):
            with transaction(factory) as other:
                curation.merge(other, *pending.pop())
        return found

    monkeypatch.setattr(repository, "find_known", find_then_merge)
    yield lambda loser, winner: pending.append((loser, winner))
    assert not pending, "the ingest never looked a participant up"


def test_merge_committed_after_an_ingest_resolved_the_loser(
    factory: SessionFactory, merge_after_lookup: Callable[[uuid.UUID, uuid.UUID], None]
) -> None:
    loser, winner = _two_records(factory)
    before = _aliases(factory, loser)
    merge_after_lookup(loser, winner)

    with transaction(factory) as session:
        _ingest_umerov(session)

    assert _pointing_at(factory, loser) == []
    assert _aliases(factory, loser) == before  # the new spelling went to the survivor
    assert "R. Umerov" in _aliases(factory, winner)
    assert _speakers(factory) == {winner}
    assert sorted(_pointing_at(factory, winner)) == [
        "identifier",
        "merged",
        "participation",
        "role",
        "statement",
    ]


def test_merge_waits_for_an_ingest_holding_the_loser_then_repoints_its_rows(
    factory: SessionFactory,
) -> None:
    loser, winner = _two_records(factory)
    with transaction(factory) as ingest:
        _ingest_umerov(ingest)
        merge = _Unit(factory, lambda session: curation.merge(session, loser, winner))
        merge.start()
        merge.wait_blocked(factory)

    assert merge.finish() is None
    assert _pointing_at(factory, loser) == []
    assert "R. Umerov" in _aliases(factory, winner)
    assert _speakers(factory) == {winner}


def test_ingest_waits_for_a_merge_in_progress_then_writes_to_the_survivor(
    factory: SessionFactory,
) -> None:
    loser, winner = _two_records(factory)
    with transaction(factory) as merging:
        curation.merge(merging, loser, winner)
        # its lookups see the loser live (the merge is not committed) and it then waits
        ingest = _Unit(factory, _ingest_umerov)
        ingest.start()
        ingest.wait_blocked(factory)

    assert ingest.finish() is None
    assert _pointing_at(factory, loser) == []
    assert _speakers(factory) == {winner}


def _merge_outcome(session: Session, loser: uuid.UUID, winner: uuid.UUID) -> int:
    try:
        curation.merge(session, loser, winner)
    except ServiceError as error:
        return error.status
    return 200


def test_opposite_merges_at_once_one_wins_the_other_is_a_conflict(
    factory: SessionFactory,
) -> None:
    first, second = _two_records(factory)
    start = threading.Barrier(2)
    outcomes: list[int] = []
    errors: list[BaseException] = []

    def run(loser: uuid.UUID, winner: uuid.UUID) -> None:
        try:
            start.wait()
            with transaction(factory) as session:
                outcomes.append(_merge_outcome(session, loser, winner))
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=pair) for pair in [(first, second), (second, first)]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert errors == []
    assert sorted(outcomes) == [200, 409]
    with factory() as session:
        merged = dict(session.execute(select(Participant.id, Participant.merged_into)).all())
    survivor = first if merged[first] is None else second
    assert merged == {first: None, second: first} or merged == {second: None, first: second}
    assert _pointing_at(factory, ({first, second} - {survivor}).pop()) == []


def test_second_of_two_opposite_merges_waits_then_gets_a_conflict(
    factory: SessionFactory,
) -> None:
    loser, winner = _two_records(factory)
    with transaction(factory) as session:
        curation.merge(session, loser, winner)
        opposite = _Unit(factory, lambda other: curation.merge(other, winner, loser))
        opposite.start()
        opposite.wait_blocked(factory)

    error = opposite.finish()
    assert isinstance(error, ParticipantAlreadyMerged)
    assert error.status == 409
    assert str(loser) in error.detail


def test_merging_into_a_participant_merged_into_the_loser_is_refused(
    factory: SessionFactory,
) -> None:
    loser, winner = _two_records(factory)
    with transaction(factory) as session:
        curation.merge(session, loser, winner)

    with transaction(factory) as session:
        cycle = _merge_outcome(session, winner, loser)

    assert cycle == 409
    with factory() as session:
        merged = dict(session.execute(select(Participant.id, Participant.merged_into)).all())
    assert merged == {loser: winner, winner: None}


def test_alias_added_while_a_merge_is_in_progress_is_refused_not_left_on_the_loser(
    factory: SessionFactory,
) -> None:
    loser, winner = _two_records(factory)
    with transaction(factory) as session:
        curation.merge(session, loser, winner)
        alias = _Unit(factory, lambda other: curation.add_alias(other, loser, "Umerov R."))
        alias.start()
        alias.wait_blocked(factory)

    assert isinstance(alias.finish(), ParticipantAlreadyMerged)
    assert "Umerov R." not in _aliases(factory, loser)


def test_alias_added_while_an_ingest_adds_the_same_spelling_is_stored_once(
    factory: SessionFactory,
) -> None:
    _, winner = _two_records(factory)
    spelled = Mention(
        key="person:rustem", type="person", name="Rustem Umerov", aliases=["Umerov R."]
    )
    with transaction(factory) as ingest:
        fold(
            ingest,
            make_article(ingest),
            DAY,
            Extraction(participants=[spelled], statements=[quote(QUOTE, spelled.key)]),
        )
        assert "Umerov R." in _aliases_in(ingest, winner)  # not committed yet
        alias = _Unit(factory, lambda other: curation.add_alias(other, winner, "Umerov R."))
        alias.start()
        alias.wait_blocked(factory)

    assert alias.finish() is None
    with factory() as session:
        stored = session.execute(
            select(ParticipantAlias.alias).where(
                ParticipantAlias.participant_id == winner,
                ParticipantAlias.normalized == normalize_name("Umerov R."),
            )
        ).all()
    assert len(stored) == 1
