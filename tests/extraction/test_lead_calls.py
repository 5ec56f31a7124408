"""A phone call the report opens with and dates nowhere is the report's day; short surnames
after a title; "a very positive call" names a call; one sentence, two tenses, two events."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_an_undated_call_the_report_opens_with_is_on_its_day() -> None:
    ex = extract(
        "Brazilian President Luiz Lula and Mexican President Claudia Sheinbaum agreed to deepen "
        "trade ties, according to summaries of their phone call.\n\nBoth sides said the talks "
        "were warm.",
        at("2025-09-10"),
    )
    call = only(ex)
    assert call.kind == "call"
    assert call.start_date == date(2025, 9, 10)
    assert call.status == "held"


def test_an_undated_meeting_in_a_room_is_not_given_the_reports_day() -> None:
    ex = extract(
        "Brazilian President Luiz Lula held talks with Mexican President Claudia Sheinbaum in "
        "Brasilia.",
        at("2025-09-10"),
    )
    assert only(ex).start_date is None


def test_a_call_still_to_come_is_not_given_the_reports_day() -> None:
    ex = extract(
        "Brazilian President Luiz Lula will hold a phone call with Mexican President Claudia "
        "Sheinbaum.",
        at("2025-09-10"),
    )
    assert all(m.start_date is None for m in ex.meetings)


def test_a_call_the_story_dates_elsewhere_keeps_that_date() -> None:
    ex = extract(
        "Brazilian President Luiz Lula and Mexican President Claudia Sheinbaum held a phone call."
        "\n\nThe call took place on Monday, officials said.",
        at("2025-09-10"),
    )
    assert only(ex).start_date == date(2025, 9, 8)


def test_a_two_letter_surname_after_a_title_is_a_person() -> None:
    ex = extract(
        "President Lula spoke with President Xi and said it was a very positive call.",
        at("2025-09-10"),
    )
    call = only(ex)
    assert call.kind == "call"
    assert set(party_map(ex, call)) == {"Lula", "Xi"}


def test_two_letter_words_of_prose_are_no_person() -> None:
    ex = extract("He said it was fine. We met nobody. In Brasilia, it rained.", at("2025-09-10"))
    assert [p.name for p in ex.participants if p.type == "person"] == []


def test_a_call_for_calm_is_an_appeal_not_a_phone_call() -> None:
    ex = extract(
        "Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday "
        "and renewed the call for calm.",
        at("2025-09-10"),
    )
    assert only(ex).kind != "call"


def test_an_event_told_in_the_future_beside_a_past_one_is_another_event() -> None:
    ex = extract(
        "Brazilian President Luiz Lula held a phone call with Mexican President Claudia "
        "Sheinbaum.\n\nThe phone call took place hours before Argentine President Javier Milei "
        "is set to visit Brasilia.",
        at("2025-09-10"),
    )
    call = next(m for m in ex.meetings if m.kind == "call")
    assert "Javier Milei" not in party_map(ex, call)
