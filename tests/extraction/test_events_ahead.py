"""An event still to come named beside a reported meeting ("held talks on Tuesday ahead of the
AU summit in Accra next month") is its own planned meeting: its kind, place and date do not
leak into the talks."""

from service.extraction import extract
from tests.extraction.helpers import at, party_map

_PUB = at("2026-04-08")


def _talks(cue: str) -> str:
    return (
        "Zambian President Joseph Banda held talks with Malawian President Grace Phiri on "
        f"Tuesday {cue} the African Union summit in Accra next month."
    )


def test_the_talks_keep_their_own_day_kind_and_status() -> None:
    ex = extract(_talks("ahead of"), _PUB)
    talks = next(m for m in ex.meetings if str(m.start_date) == "2026-04-07")
    assert talks.status == "held"
    assert talks.kind != "summit"
    assert talks.city is None
    assert set(party_map(ex, talks)) == {"Joseph Banda", "Grace Phiri"}


def test_the_event_ahead_is_a_planned_summit_next_month() -> None:
    ex = extract(_talks("ahead of"), _PUB)
    summit = next(m for m in ex.meetings if m.kind == "summit")
    assert (str(summit.start_date), summit.status, summit.city) == (
        "2026-05-01",
        "planned",
        "Accra",
    )


def test_they_who_prepare_for_it_take_part() -> None:
    ex = extract(_talks("as they prepare for"), _PUB)
    summit = next(m for m in ex.meetings if str(m.start_date) == "2026-05-01")
    assert {"Joseph Banda", "Grace Phiri"} <= set(party_map(ex, summit))


def test_an_undated_event_ahead_makes_no_meeting_of_its_own() -> None:
    text = (
        "Zambian President Joseph Banda held talks with Malawian President Grace Phiri on "
        "Tuesday ahead of the African Union summit."
    )
    ex = extract(text, _PUB)
    assert [str(m.start_date) for m in ex.meetings] == ["2026-04-07"]
