"""Concurrent folds of reports that can match each other make one record, whichever order they
commit in: the second writer waits for the first, then merges into what it stored."""

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from service.article import derivation
from service.core.db import create_session_factory, transaction
from service.extraction.records import Extraction, Mention, Span, StatementMention
from service.models import EvidenceSpan, Meeting, Participant, Statement, StatementVariant
from tests.factories import advisers_meeting, country, make_article, person, quote

WORDS = "We will not accept any ceasefire that rewards the aggressor for what it has done"


Work = Callable[[Session, uuid.UUID], None]


def _fold(
    extraction: Extraction,
    day: date,
    *,
    attach_only: bool = False,
    derived: list[Any] | None = None,
) -> Work:
    def work(session: Session, article_id: uuid.UUID) -> None:
        # as an ingest does: participants looked up, then every lock, then the writes
        lookup = derivation.look_up(session, extraction)
        derivation.locks(extraction, lookup, day).take(session)
        result = derivation.fold(
            session, article_id, day, extraction, lookup, attach_only=attach_only
        )
        if derived is not None:
            derived.append(result)

    return work


def _fold_while_other_is_open(
    engine: Engine, first: tuple[Extraction, date], second: tuple[Extraction, date]
) -> None:
    _run_while_other_is_open(engine, _fold(*first), _fold(*second))


def _run_while_other_is_open(engine: Engine, first: Work, second: Work) -> None:
    """Run `first` (on one article) and keep its transaction open while `second` runs (on
    another) in a second one; commit `first` only once `second` waits on a lock (or finished,
    which is the failure these tests look for)."""
    factory = create_session_factory(engine)
    with transaction(factory) as session:
        a, b = make_article(session), make_article(session)
    errors: list[BaseException] = []

    def run_second() -> None:
        try:
            with transaction(factory) as other:
                second(other, b)
        except BaseException as exc:
            errors.append(exc)

    with transaction(factory) as session:
        first(session, a)
        worker = threading.Thread(target=run_second)
        worker.start()
        _wait_until_waiting_or_done(session, worker)
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert errors == []


def _wait_until_waiting_or_done(session: Session, worker: threading.Thread) -> None:
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + 10
    while worker.is_alive() and time.monotonic() < deadline:
        # pg_stat_activity is read once per transaction unless its snapshot is dropped
        session.connection().execute(text("SELECT pg_stat_clear_snapshot()"))
        if session.connection().execute(waiting).scalar_one():
            return
        time.sleep(0.02)


def _count(engine: Engine, model: type[Meeting] | type[Statement]) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def _series_report(code: str, name: str, start: date | None) -> Extraction:
    # the two reports share their series, not a participant: no participant lock links them
    meeting = advisers_meeting(f"country:{code}")
    meeting = replace(meeting, start_date=start, date_precision="day" if start else "unknown")
    return Extraction(participants=[country(code, name)], meetings=[meeting])


@pytest.mark.parametrize("undated_first", [True, False])
def test_an_undated_and_a_dated_report_of_one_meeting_in_other_months_make_one_meeting(
    committing_engine: Engine, undated_first: bool
) -> None:
    undated = (_series_report("DE", "Germany", None), date(2026, 3, 30))
    dated = (_series_report("FR", "France", date(2026, 4, 2)), date(2026, 4, 3))
    first, second = (undated, dated) if undated_first else (dated, undated)

    _fold_while_other_is_open(committing_engine, first, second)

    assert _count(committing_engine, Meeting) == 1


def _unattributed(words: str) -> StatementMention:
    return StatementMention(text=words, span=quote(words, "").span, speaker_key=None)


@pytest.mark.parametrize("unattributed_first", [True, False])
def test_an_attributed_and_an_unattributed_quote_of_the_same_words_make_one_statement(
    committing_engine: Engine, unattributed_first: bool
) -> None:
    umerov = person("Rustem Umerov")
    attributed = (Extraction(participants=[umerov], statements=[quote(WORDS, umerov.key)]), DAY)
    unattributed = (Extraction(statements=[_unattributed(WORDS)]), DAY)
    first, second = (unattributed, attributed) if unattributed_first else (attributed, unattributed)

    _fold_while_other_is_open(committing_engine, first, second)

    assert _count(committing_engine, Statement) == 1
    with Session(committing_engine) as session:
        assert session.execute(select(Statement.speaker_id)).scalar_one() is not None


DAY = date(2026, 3, 4)


def test_an_unattributed_quote_does_not_join_someone_elses_different_words(
    session: Session,
) -> None:
    umerov = person("Rustem Umerov")
    a, b = make_article(session), make_article(session)
    derivation.fold(
        session, a, DAY, Extraction(participants=[umerov], statements=[quote(WORDS, umerov.key)])
    )
    other_words = "Talks on the grain corridor will resume next week in Istanbul, officials said"
    derivation.fold(session, b, DAY, Extraction(statements=[_unattributed(other_words)]))

    assert session.execute(select(func.count()).select_from(Statement)).scalar_one() == 2


def test_an_ingest_adding_to_a_meeting_that_a_reprocess_prunes_waits_and_stores_a_new_one(
    committing_engine: Engine,
) -> None:
    report = _series_report("DE", "Germany", date(2026, 4, 2))
    factory = create_session_factory(committing_engine)
    with transaction(factory) as session:
        old = make_article(session)
        _fold(report, DAY)(session, old)

    def reprocess_old(session: Session, _unused: uuid.UUID) -> None:
        # the old article's own text reports nothing: reprocessing prunes the meeting
        derivation.rederive(session, old)

    _run_while_other_is_open(committing_engine, reprocess_old, _fold(report, DAY))

    with Session(committing_engine) as session:
        meeting_ids = session.execute(select(Meeting.id)).scalars().all()
        assert len(meeting_ids) == 1
        sources = session.execute(
            select(func.count(func.distinct(EvidenceSpan.article_id))).where(
                EvidenceSpan.meeting_id == meeting_ids[0]
            )
        ).scalar_one()
        assert sources == 1


def _committed(
    engine: Engine, extraction: Extraction, day: date = DAY, *, attach_only: bool = False
) -> None:
    """Fold `extraction` for a new article published on `day`, and commit."""
    with transaction(create_session_factory(engine)) as session:
        _fold(extraction, day, attach_only=attach_only)(session, make_article(session))


def test_two_speakers_claiming_one_unattributed_statement_at_once_make_two_statements(
    committing_engine: Engine,
) -> None:
    # each holds its own speaker's lock and the months of its window shared: only the update
    # itself can tell the second that the statement is no longer unattributed
    _committed(committing_engine, Extraction(statements=[_unattributed(WORDS)]))
    starmer, macron = person("Keir Starmer"), person("Emmanuel Macron")
    by_starmer = Extraction(participants=[starmer], statements=[quote(WORDS, starmer.key)])
    by_macron = Extraction(participants=[macron], statements=[quote(WORDS, macron.key)])

    _run_while_other_is_open(committing_engine, _fold(by_starmer, DAY), _fold(by_macron, DAY))

    with Session(committing_engine) as session:
        speakers = session.execute(select(Statement.speaker_id)).scalars().all()
    assert len(speakers) == 2
    assert None not in speakers
    assert len(set(speakers)) == 2


def test_two_reports_of_other_months_dating_one_undated_meeting_at_once_make_two_meetings(
    committing_engine: Engine,
) -> None:
    _committed(committing_engine, _series_report("DE", "Germany", None))
    march = _series_report("FR", "France", date(2026, 3, 3))
    april = _series_report("PL", "Poland", date(2026, 4, 10))

    _run_while_other_is_open(committing_engine, _fold(march, DAY), _fold(april, DAY))

    with Session(committing_engine) as session:
        dates = session.execute(select(Meeting.start_date)).scalars().all()
    assert set(dates) == {date(2026, 3, 3), date(2026, 4, 10)}


def test_one_speaker_quoted_under_two_differently_locked_mentions_at_once_gets_one_statement(
    committing_engine: Engine,
) -> None:
    by_identifier = Mention(
        key="person:umerov-wikidata",
        type="person",
        name="Rustem Umerov",
        identifiers={"wikidata": "Q4399839"},
        spans=[Span(0, 5)],
    )
    # stored once, so both mentions below resolve to it: one by identifier, one by name
    _committed(
        committing_engine,
        Extraction(
            participants=[by_identifier], statements=[quote("Earlier words", by_identifier.key)]
        ),
    )
    by_name = person("Rustem Umerov")
    first = Extraction(participants=[by_name], statements=[quote(WORDS, by_name.key)])
    second = Extraction(participants=[by_identifier], statements=[quote(WORDS, by_identifier.key)])

    _run_while_other_is_open(committing_engine, _fold(first, DAY), _fold(second, DAY))

    with Session(committing_engine) as session:
        texts = session.execute(select(Statement.text)).scalars().all()
    assert sorted(texts) == sorted(["Earlier words", WORDS])


def test_two_reports_introducing_one_new_person_at_once_make_one_participant(
    committing_engine: Engine,
) -> None:
    # the second looks the person up before the first commits (not found), so it takes the
    # creation lock, and under it must find what the first stored, by the fuzzy match too
    first_name, second_name = person("Volodymyr Zelensky"), person("Volodymyr Zelenskyy")
    first = Extraction(participants=[first_name], statements=[quote(WORDS, first_name.key)])
    second = Extraction(
        participants=[second_name], statements=[quote("Other words entirely", second_name.key)]
    )

    _run_while_other_is_open(committing_engine, _fold(first, DAY), _fold(second, DAY))

    with Session(committing_engine) as session:
        speakers = session.execute(select(Statement.speaker_id).distinct()).scalars().all()
        persons = session.execute(
            select(func.count()).select_from(Participant).where(Participant.type == "person")
        ).scalar_one()
    assert persons == 1
    assert len(speakers) == 1


def test_reports_naming_only_known_participants_do_not_wait_for_each_other(
    committing_engine: Engine,
) -> None:
    # Germany is on file: neither report may create it, so neither takes its creation lock
    _committed(committing_engine, _series_report("DE", "Germany", date(2026, 1, 5)))
    march = _series_report("DE", "Germany", date(2026, 3, 3))
    september = _series_report("DE", "Germany", date(2026, 9, 5))
    assert _second_finishes_while_first_is_open(
        committing_engine, _fold(march, DAY), _fold(september, DAY)
    )
    assert _count(committing_engine, Meeting) == 3


def _second_finishes_while_first_is_open(engine: Engine, first: Work, second: Work) -> bool:
    """Run `first` and, while its transaction is open, `second` in another: whether `second`
    committed without waiting for `first`."""
    factory = create_session_factory(engine)
    with transaction(factory) as session:
        a, b = make_article(session), make_article(session)
    with transaction(factory) as session:
        first(session, a)
        worker = threading.Thread(target=lambda: _in_transaction(engine, second, b))
        worker.start()
        worker.join(timeout=10)
        finished = not worker.is_alive()
    worker.join(timeout=30)
    return finished


def _in_transaction(engine: Engine, work: Work, article_id: uuid.UUID) -> None:
    with transaction(create_session_factory(engine)) as session:
        work(session, article_id)


def test_two_reports_introducing_one_new_country_at_once_make_one_participant(
    committing_engine: Engine,
) -> None:
    # found by identifier only: the second must reload the identifiers under the lock
    march = _series_report("MD", "Moldova", date(2026, 3, 3))
    may = _series_report("MD", "Republic of Moldova", date(2026, 5, 5))

    _run_while_other_is_open(committing_engine, _fold(march, DAY), _fold(may, DAY))

    with Session(committing_engine) as session:
        countries = session.execute(
            select(func.count()).select_from(Participant).where(Participant.type == "country")
        ).scalar_one()
    assert countries == 1


def test_a_reprint_waiting_for_its_originals_new_participant_attaches_to_it(
    committing_engine: Engine,
) -> None:
    # the reprint looks Moldova up before the original commits (not found); it cannot create,
    # but it waits for the creation lock and must then find what the original stored
    report = _series_report("MD", "Moldova", date(2026, 3, 3))
    derived: list[Any] = []

    _run_while_other_is_open(
        committing_engine,
        _fold(report, DAY),
        _fold(report, DAY, attach_only=True, derived=derived),
    )

    with Session(committing_engine) as session:
        moldova = session.execute(
            select(Participant.id).where(Participant.type == "country")
        ).scalar_one()
    assert derived[0].participant_ids == [moldova]


def test_a_name_lengthened_meanwhile_is_not_shortened_by_a_writer_that_read_it_before(
    committing_engine: Engine,
) -> None:
    _committed(
        committing_engine,
        Extraction(
            participants=[surname := person("Zelensky")],
            statements=[quote("Earlier words", surname.key)],
        ),
    )
    # both match the surname-only record (word similarity 0.56 and 0.64, same given names)
    longest, longer = person("Oleh V Zelensky"), person("Oleh Zelensky")
    first = Extraction(participants=[longest], statements=[quote(WORDS, longest.key)])
    second = Extraction(participants=[longer], statements=[quote("Other words", longer.key)])

    _run_while_other_is_open(committing_engine, _fold(first, DAY), _fold(second, DAY))

    with Session(committing_engine) as session:
        names = (
            session.execute(select(Participant.name).where(Participant.type == "person"))
            .scalars()
            .all()
        )
    assert names == ["Oleh V Zelensky"]


def test_two_reports_introducing_one_person_under_transliteration_variants_make_one(
    committing_engine: Engine,
) -> None:
    # "Gorky" and "Gorki" fold to one surname key ("gork") but differ in their fifth letter
    gorky, gorki = person("Maxim Gorky"), person("Maxim Gorki")
    first = Extraction(participants=[gorky], statements=[quote(WORDS, gorky.key)])
    second = Extraction(participants=[gorki], statements=[quote("Other words", gorki.key)])

    _run_while_other_is_open(committing_engine, _fold(first, DAY), _fold(second, DAY))

    with Session(committing_engine) as session:
        persons = session.execute(
            select(func.count()).select_from(Participant).where(Participant.type == "person")
        ).scalar_one()
    assert persons == 1


def test_undated_reports_months_apart_do_not_wait_for_each_other(
    committing_engine: Engine,
) -> None:
    january = _series_report("DE", "Germany", None)
    july = _series_report("FR", "France", None)

    assert _second_finishes_while_first_is_open(
        committing_engine, _fold(january, date(2026, 1, 10)), _fold(july, date(2026, 7, 10))
    )
    assert _count(committing_engine, Meeting) == 2


def test_a_dated_report_does_not_join_an_undated_meeting_first_reported_long_before(
    committing_engine: Engine,
) -> None:
    undated = _series_report("DE", "Germany", None)
    _committed(committing_engine, undated, date(2025, 6, 2))
    dated = _series_report("DE", "Germany", date(2026, 3, 3))
    _committed(committing_engine, dated, DAY)

    with Session(committing_engine) as session:
        dates = session.execute(select(Meeting.start_date)).scalars().all()
    assert sorted(dates, key=str) == sorted([None, date(2026, 3, 3)], key=str)


def test_unattributed_quotes_months_apart_do_not_wait_for_each_other(
    committing_engine: Engine,
) -> None:
    january = Extraction(statements=[_unattributed(WORDS)])
    july = Extraction(statements=[_unattributed("Other words entirely")])

    assert _second_finishes_while_first_is_open(
        committing_engine, _fold(january, date(2026, 1, 10)), _fold(july, date(2026, 7, 10))
    )
    assert _count(committing_engine, Statement) == 2


def test_an_undated_statement_is_not_matched_by_the_same_words_reported_months_later(
    committing_engine: Engine,
) -> None:
    # both stored today: what places the undated statement is its article's date, not when
    # it was stored (an archive pushed at once must not mix years)
    umerov = person("Rustem Umerov")
    for day in (date(2026, 1, 10), date(2026, 6, 10)):
        extraction = Extraction(participants=[umerov], statements=[quote(WORDS, umerov.key)])
        _committed(committing_engine, extraction, day)

    with Session(committing_engine) as session:
        reported = session.execute(select(Statement.reported_on)).scalars().all()
    assert sorted(reported) == [date(2026, 1, 10), date(2026, 6, 10)]


def test_a_month_precision_report_joins_an_undated_meeting_reported_at_the_months_end(
    committing_engine: Engine,
) -> None:
    undated = _series_report("DE", "Germany", None)
    _committed(committing_engine, undated, date(2026, 3, 28))
    march = _series_report("DE", "Germany", date(2026, 3, 1))
    march = replace(march, meetings=[replace(march.meetings[0], date_precision="month")])
    _committed(committing_engine, march, date(2026, 4, 2))

    assert _count(committing_engine, Meeting) == 1


def test_undated_quotes_of_the_same_words_weeks_apart_make_one_statement(
    committing_engine: Engine,
) -> None:
    umerov = person("Rustem Umerov")
    for day in (date(2026, 1, 10), date(2026, 2, 5)):
        extraction = Extraction(participants=[umerov], statements=[quote(WORDS, umerov.key)])
        _committed(committing_engine, extraction, day)

    with Session(committing_engine) as session:
        reported = session.execute(select(Statement.reported_on)).scalars().all()
    assert reported == [date(2026, 1, 10)]


def test_dated_reports_of_neighbouring_months_do_not_wait_for_each_other(
    committing_engine: Engine,
) -> None:
    # both may read the undated meetings first reported between them, but neither creates one
    march = _series_report("DE", "Germany", date(2026, 3, 3))
    april = _series_report("FR", "France", date(2026, 4, 20))

    assert _second_finishes_while_first_is_open(
        committing_engine, _fold(march, DAY), _fold(april, DAY)
    )
    assert _count(committing_engine, Meeting) == 2


def test_two_reports_quoting_a_known_speaker_in_the_same_words_at_once_make_one_statement(
    committing_engine: Engine,
) -> None:
    # the speaker is on file, so neither report takes a lock before its writes: the lock on
    # the resolved speaker, taken before the quotes are merged, is what serialises them
    umerov = person("Rustem Umerov")
    _committed(
        committing_engine,
        Extraction(participants=[umerov], statements=[quote("Earlier words", umerov.key)]),
    )
    report = Extraction(participants=[umerov], statements=[quote(WORDS, umerov.key)])

    _run_while_other_is_open(committing_engine, _fold(report, DAY), _fold(report, DAY))

    with Session(committing_engine) as session:
        texts = session.execute(select(Statement.text)).scalars().all()
    assert sorted(texts) == sorted(["Earlier words", WORDS])


def test_a_reprints_quote_by_someone_not_on_file_adds_a_source_but_moves_nothing_in_time(
    committing_engine: Engine,
) -> None:
    # such a quote holds the months it reaches only shared, so it must not date or move an
    # undated statement another writer could be reading in a month it does not hold
    _committed(committing_engine, Extraction(statements=[_unattributed(WORDS)]), date(2026, 1, 10))
    stranger = person("Someone Unknown")
    dated_quote = replace(quote(WORDS, stranger.key), said_on=date(2026, 1, 12))
    reprint = Extraction(participants=[stranger], statements=[dated_quote])
    _committed(committing_engine, reprint, date(2026, 1, 8), attach_only=True)

    with Session(committing_engine) as session:
        stored = session.execute(
            select(Statement.said_on, Statement.reported_on, Statement.speaker_id)
        ).one()
        variants = session.execute(select(func.count()).select_from(StatementVariant)).scalar_one()
    assert tuple(stored) == (None, date(2026, 1, 10), None)
    assert variants == 2
