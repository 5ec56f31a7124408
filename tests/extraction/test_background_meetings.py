"""A meeting recalled by a month already over is the story's background, not a record: the
report's own meetings, this month's and the months ahead stay."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, party_map


def test_a_meeting_recalled_by_a_past_month_is_not_recorded() -> None:
    ex = extract(
        "President Cyril Ramaphosa met Prime Minister Anthony Albanese in Canberra on Tuesday. "
        "The two leaders had last met at the Commonwealth summit in Apia in October 2024.",
        at("2025-05-08"),
    )
    assert [(m.start_date, m.city) for m in ex.meetings] == [(date(2025, 5, 6), "Canberra")]
    assert set(party_map(ex, ex.meetings[0])) == {"Cyril Ramaphosa", "Anthony Albanese"}


def test_a_meeting_of_the_reports_own_month_stays() -> None:
    ex = extract(
        "Foreign ministers of Chile and Peru held talks in Lima earlier in May, officials said.",
        at("2025-05-20"),
    )
    assert [(m.start_date, m.date_precision) for m in ex.meetings] == [(date(2025, 5, 1), "month")]


def test_a_meeting_planned_for_a_coming_month_stays() -> None:
    ex = extract(
        "President Cyril Ramaphosa will host Prime Minister Anthony Albanese in Pretoria in "
        "September, his office said.",
        at("2025-05-08"),
    )
    [visit] = ex.meetings
    assert (visit.start_date, visit.date_precision, visit.status) == (
        date(2025, 9, 1),
        "month",
        "planned",
    )


def test_a_past_meeting_with_its_day_stays() -> None:
    ex = extract(
        "President Cyril Ramaphosa and Prime Minister Anthony Albanese first met in Apia on "
        "October 24, 2024.",
        at("2025-05-08"),
    )
    assert [m.start_date for m in ex.meetings] == [date(2024, 10, 24)]
