"""Folding extractions into stored records: one meeting, one person, one statement per real
thing, however many articles report it; sources visible per participation."""

import uuid
from collections.abc import Callable
from datetime import date
from typing import Literal

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.article.derivation import fold, rederive
from service.extraction.records import (
    Extraction,
    MeetingMention,
    Mention,
    RoleMention,
    Span,
)
from service.models import Change, EvidenceSpan, Meeting
from tests.factories import advisers_meeting, country, make_article, person, quote

Auth = Callable[..., dict[str, str]]
S = Span(0, 5)
DAY = date(2026, 1, 3)


def test_two_reports_of_one_meeting_make_one_meeting_with_sources_per_participant(
    session: Session, client: TestClient, auth: Auth
) -> None:
    umerov = person("Rustem Umerov")
    first = Extraction(
        participants=[umerov, country("DE", "Germany"), country("DK", "Denmark")],
        meetings=[advisers_meeting("country:DE", "country:DK", host=umerov.key)],
    )
    second = Extraction(
        participants=[
            umerov,
            country("DE", "Germany"),
            country("GB", "United Kingdom", "the U.K."),
        ],
        meetings=[advisers_meeting("country:DE", "country:GB", host=umerov.key)],
    )
    a, b = make_article(session), make_article(session)

    fold(session, a, DAY, first)
    fold(session, b, DAY, second)
    session.commit()

    headers = auth()
    listed = client.get("/v1/meetings", headers=headers).json()["data"]
    assert len(listed) == 1
    meeting = client.get(f"/v1/meetings/{listed[0]['id']}", headers=headers).json()
    by_name = {p["participant"]["name"]: p for p in meeting["participants"]}
    assert by_name["Germany"]["source_count"] == 2
    assert by_name["Denmark"]["source_count"] == 1
    assert by_name["United Kingdom"]["source_count"] == 1
    assert by_name["Rustem Umerov"]["role"] == "host"
    assert {s["id"] for s in meeting["sources"]} == {str(a), str(b)}


def test_transliteration_variants_are_one_person_but_namesakes_are_not(
    session: Session, client: TestClient, auth: Auth
) -> None:
    spellings = ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskiy", "Hunter Zelensky"]
    for spelling in spellings:
        someone = person(spelling)
        fold(
            session,
            make_article(session),
            DAY,
            Extraction(
                participants=[someone],
                roles=[
                    RoleMention(
                        person_key=someone.key, title="President", affiliation_key=None, span=S
                    )
                ],
            ),
        )
    session.commit()

    people = client.get("/v1/participants", params={"type": "person"}, headers=auth()).json()
    assert sorted(p["name"] for p in people["data"]) == ["Hunter Zelensky", "Volodymyr Zelenskyy"]


def test_translations_of_one_quote_are_one_statement_with_two_variants(
    session: Session, client: TestClient, auth: Auth
) -> None:
    umerov = person("Rustem Umerov")
    one = "We have a busy working day ahead: security and economic issues, work on framework documents"
    two = "A busy working day lies ahead: security and economic issues, work on framework documents"
    other = "We will keep working with every partner until the guarantees are signed and ratified"
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(participants=[umerov], statements=[quote(one, umerov.key)]),
    )
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(
            participants=[umerov], statements=[quote(two, umerov.key), quote(other, umerov.key)]
        ),
    )
    session.commit()

    headers = auth()
    statements = client.get("/v1/statements", headers=headers).json()["data"]
    assert len(statements) == 2
    merged = next(s for s in statements if s["variant_count"] == 2)
    detail = client.get(f"/v1/statements/{merged['id']}", headers=headers).json()
    assert {v["text"] for v in detail["variants"]} == {one, two}
    assert detail["speaker"]["name"] == "Rustem Umerov"


def test_a_planned_meeting_reported_later_as_held_is_updated(session: Session) -> None:
    planned = advisers_meeting()
    planned.status = "planned"
    fold(session, make_article(session), DAY, Extraction(meetings=[planned]))
    fold(session, make_article(session), DAY, Extraction(meetings=[advisers_meeting()]))

    statuses = session.execute(select(Meeting.status)).scalars().all()
    assert statuses == ["held"]


def _umerov_report(*countries: Mention) -> Extraction:
    """Umerov hosting the advisers' meeting with `countries`, and one quote of his."""
    umerov = person("Rustem Umerov")
    return Extraction(
        participants=[umerov, *countries],
        meetings=[advisers_meeting(*(c.key for c in countries), host=umerov.key)],
        statements=[quote("Security guarantees must come before any ceasefire", umerov.key)],
    )


def test_a_second_report_notes_the_meeting_and_statement_it_adds_sources_to_as_updated(
    session: Session,
) -> None:
    first = _umerov_report(country("DE", "Germany"))
    second = _umerov_report(country("GB", "United Kingdom"))
    a, b = make_article(session), make_article(session)
    session.commit()

    def notes_of(article: uuid.UUID, extraction: Extraction) -> list[tuple[str, str]]:
        before = session.execute(select(func.max(Change.seq))).scalar() or 0
        fold(session, article, DAY, extraction)
        session.commit()
        rows = session.execute(
            select(Change.entity_type, Change.op).where(Change.seq > before).order_by(Change.seq)
        ).all()
        return [(r.entity_type, r.op) for r in rows if r.entity_type in ("meeting", "statement")]

    assert notes_of(a, first) == [("meeting", "created"), ("statement", "created")]
    assert notes_of(b, second) == [("meeting", "updated"), ("statement", "updated")]


def test_reprocessing_notes_the_meetings_and_statements_that_lost_a_source_as_updated(
    session: Session,
) -> None:
    wide = _umerov_report(country("DE", "Germany"), country("GB", "United Kingdom"))
    narrow = _umerov_report(country("DE", "Germany"))
    a, b = make_article(session), make_article(session)
    fold(session, a, DAY, wide)
    fold(session, b, DAY, narrow)
    session.commit()
    before = session.execute(select(func.max(Change.seq))).scalar_one()

    rederive(session, a)  # its own text reports nothing: it stops being a source of anything
    session.commit()

    notes = session.execute(
        select(Change.entity_type, Change.op).where(Change.seq > before).order_by(Change.seq)
    ).all()
    assert ("meeting", "updated") in notes
    assert ("statement", "updated") in notes
    assert not [n for n in notes if n.op == "deleted"]


def test_a_call_and_a_meeting_in_one_country_on_one_day_stay_two(session: Session) -> None:
    talks = advisers_meeting()
    call = advisers_meeting()
    call.kind, call.series, call.title = "call", None, "Call"
    fold(session, make_article(session), DAY, Extraction(meetings=[talks]))
    fold(session, make_article(session), DAY, Extraction(meetings=[call]))

    kinds = sorted(session.execute(select(Meeting.kind)).scalars().all())
    assert kinds == ["advisers", "call"]


def test_dating_a_month_meeting_to_a_later_day_moves_its_end_too(session: Session) -> None:
    month = advisers_meeting()
    month.start_date, month.end_date = date(2026, 1, 1), date(2026, 1, 2)
    month.date_precision = "month"
    fold(session, make_article(session), DAY, Extraction(meetings=[month]))
    fold(session, make_article(session), DAY, Extraction(meetings=[advisers_meeting()]))

    start, end = session.execute(select(Meeting.start_date, Meeting.end_date)).one()
    assert start == date(2026, 1, 3)
    assert end is None or end >= start


def test_an_undated_report_joins_the_meeting_it_shares_parties_with(session: Session) -> None:
    """Two talks in one country a few days apart, stored by one article (one created_at): the
    undated report goes to the one with its parties, whichever row id sorts first."""
    first = advisers_meeting("country:AM", "country:GE")
    second = advisers_meeting("country:AM", "country:AZ")
    first.start_date, second.start_date = date(2026, 1, 3), date(2026, 1, 7)
    for m in (first, second):
        m.kind, m.series, m.title = "talks", None, "Talks"
    second.key = "m1"
    parties = [country("GE", "Georgia"), country("AM", "Armenia"), country("AZ", "Azerbaijan")]
    fold(session, make_article(session), DAY, Extraction(parties, meetings=[first, second]))
    undated = advisers_meeting("country:AM", "country:AZ")
    undated.kind, undated.series, undated.start_date = "talks", None, None
    undated.date_precision = "unknown"
    fold(session, make_article(session), DAY, Extraction(parties, meetings=[undated]))

    days = sorted(d for d in session.execute(select(Meeting.start_date)).scalars() if d)
    assert days == [date(2026, 1, 3), date(2026, 1, 7)]  # joined, not stored a third time
    evidence = session.execute(
        select(Meeting.start_date, func.count())
        .select_from(Meeting)
        .join(EvidenceSpan, EvidenceSpan.meeting_id == Meeting.id)
        .group_by(Meeting.start_date)
    ).all()
    assert dict(evidence)[date(2026, 1, 7)] == 2


def _bilateral(*names: str, day: date | None) -> MeetingMention:
    meeting = advisers_meeting(*(f"person:{n.lower()}" for n in names))
    meeting.kind, meeting.series, meeting.title = "bilateral", None, "Bilateral meeting"
    meeting.city, meeting.country = "Washington", "US"
    meeting.start_date, meeting.date_precision = day, "day" if day else "unknown"
    return meeting


def test_an_undated_bilateral_does_not_join_another_pair_sharing_one_leader(
    session: Session,
) -> None:
    """Ana Ruiz meeting Tomas Berg, undated, is not her dated meeting with Lena Ek."""
    people = [person(n) for n in ("Ana Ruiz", "Tomas Berg", "Lena Ek")]
    early = date(2026, 1, 5)
    fold(
        session,
        make_article(session),
        early,
        Extraction(people, meetings=[_bilateral("Ana Ruiz", "Tomas Berg", day=None)]),
    )
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(people, meetings=[_bilateral("Ana Ruiz", "Lena Ek", day=DAY)]),
    )

    dates = sorted(str(d) for d in session.execute(select(Meeting.start_date)).scalars())
    assert dates == ["2026-01-03", "None"]


def test_an_undated_bilateral_joins_the_dated_meeting_of_the_same_pair(session: Session) -> None:
    people = [person(n) for n in ("Ana Ruiz", "Tomas Berg")]
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(people, meetings=[_bilateral("Ana Ruiz", "Tomas Berg", day=DAY)]),
    )
    fold(
        session,
        make_article(session),
        DAY,
        Extraction(people, meetings=[_bilateral("Ana Ruiz", "Tomas Berg", day=None)]),
    )

    assert session.execute(select(func.count()).select_from(Meeting)).scalar_one() == 1


def _visit(name: str, day: date, precision: Literal["day", "month"]) -> MeetingMention:
    meeting = advisers_meeting(f"person:{name.lower()}")
    meeting.kind, meeting.series, meeting.title = "other", None, "Meeting"
    meeting.city = meeting.country = None
    meeting.start_date, meeting.date_precision = day, precision
    meeting.status = "planned"
    return meeting


def _fold_each(session: Session, people: list[Mention], *meetings: MeetingMention) -> None:
    for meeting in meetings:
        fold(session, make_article(session), DAY, Extraction(people, meetings=[meeting]))


def test_a_month_meeting_does_not_join_a_dated_one_it_shares_no_party_with(
    session: Session,
) -> None:
    """'Ana Ruiz is expected to visit in May' is not Tomas Berg's talks of 20 May."""
    people = [person(n) for n in ("Ana Ruiz", "Tomas Berg")]
    _fold_each(
        session,
        people,
        _visit("Tomas Berg", date(2026, 5, 20), "day"),
        _visit("Ana Ruiz", date(2026, 5, 1), "month"),
    )

    assert session.execute(select(func.count()).select_from(Meeting)).scalar_one() == 2


def test_a_month_meeting_joins_the_dated_one_of_the_same_party(session: Session) -> None:
    _fold_each(
        session,
        [person("Ana Ruiz")],
        _visit("Ana Ruiz", date(2026, 5, 20), "day"),
        _visit("Ana Ruiz", date(2026, 5, 1), "month"),
    )

    days = session.execute(select(Meeting.start_date)).scalars().all()
    assert days == [date(2026, 5, 20)]
