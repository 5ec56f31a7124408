"""Dates a report gives only through someone's words or through another event: a quoted
"today", "a day after X met Y", and a quote closed with the other style of mark."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_a_quoted_today_does_not_move_a_meeting_the_story_dates() -> None:
    ex = extract(
        "Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday.\n\n"
        "“I think it is very good that we are meeting today here in Nairobi,” Ruto told "
        "reporters after the talks.",
        at("2025-11-04"),  # a Tuesday: the speaker's today was Monday
    )
    meeting = only(ex)
    assert meeting.start_date == date(2025, 11, 3)
    assert {"William Ruto", "John Mahama"} <= set(party_map(ex, meeting))


def test_a_quoted_today_dates_a_story_that_gives_no_other_date() -> None:
    ex = extract(
        "Kenyan President William Ruto held talks with Ghanaian President John Mahama in "
        "Nairobi.\n\n“Thank you for our meeting today,” Mahama said.",
        at("2025-11-04"),
    )
    assert only(ex).start_date == date(2025, 11, 4)


def test_an_unquoted_today_still_dates_the_meeting() -> None:
    ex = extract(
        "Kenyan President William Ruto is meeting Ghanaian President John Mahama in Nairobi today.",
        at("2025-11-04"),
    )
    assert only(ex).start_date == date(2025, 11, 4)


def test_a_quoted_earlier_call_with_nobody_named_is_no_meeting() -> None:
    ex = extract(
        "“It was in February that you had the first phone call, and look where we are today,” "
        "the minister said.",
        at("2025-11-04"),
    )
    assert ex.meetings == []


def test_a_day_after_a_meeting_puts_the_meeting_a_day_before() -> None:
    ex = extract(
        "Chilean President Gabriel Boric welcomed Peruvian President Dina Boluarte to Santiago on "
        "Tuesday.\n\nThe visit comes a day after Boric met Bolivian President Luis Arce in "
        "Arica.",
        at("2025-11-05"),
    )
    days = {m.city: m.start_date for m in ex.meetings}
    assert days["Santiago"] == date(2025, 11, 4)
    assert days["Arica"] == date(2025, 11, 3)


def test_two_days_later_still_counts_forward() -> None:
    ex = extract(
        "Chilean President Gabriel Boric met Bolivian President Luis Arce in Arica on Monday.\n\n"
        "Two days later, Boric met Peruvian President Dina Boluarte in Santiago.",
        at("2025-11-05"),
    )
    days = {m.city: m.start_date for m in ex.meetings}
    assert days["Arica"] == date(2025, 11, 3)
    assert days["Santiago"] == date(2025, 11, 5)


def test_a_quote_opened_straight_and_closed_curly_is_one_quote() -> None:
    ex = extract(
        'Ruto said: "We agreed to open the border crossings to trade before the end of the '
        "year.” He then left for the airport, where he said nothing more to the press.",
        at("2025-11-04"),
    )
    texts = [s.text for s in ex.statements]
    assert texts == ["We agreed to open the border crossings to trade before the end of the year."]


def test_a_date_after_a_proposal_is_the_proposals() -> None:
    ex = extract(
        "The Doha talks between Sudanese Army chief Abdel Fattah al-Burhan and RSF commander "
        "Mohamed Dagalo follow a proposal by Qatar on Sunday to resume direct negotiations.",
        at("2025-05-14"),
    )
    assert all(m.start_date is None for m in ex.meetings)


def test_a_proposal_to_meet_on_a_day_dates_the_meeting() -> None:
    ex = extract(
        "Kenya accepted a proposal to hold talks with Ethiopian Prime Minister Abiy Ahmed in "
        "Nairobi on Friday.",
        at("2025-05-14"),
    )
    assert only(ex).start_date == date(2025, 5, 9)
