"""Dates: explicit and relative forms resolved against the publication date."""

from datetime import date

import pytest

from service.extraction.dates import find_dates

PUBLISHED = date(2026, 1, 2)  # a Friday


def _one(text: str, published: date = PUBLISHED) -> tuple[date | None, str]:
    found = find_dates(text, 0, len(text), published)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end]
    return found[0].value, found[0].precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit opens on January 3.", date(2026, 1, 3)),
        ("They met on Jan. 3.", date(2026, 1, 3)),
        ("It ends on 3 January 2026.", date(2026, 1, 3)),
        ("A meeting on January 6th in Paris.", date(2026, 1, 6)),
        ("On Dec. 28, the two leaders met.", date(2025, 12, 28)),
        ("Talks were held on December 28, 2025.", date(2025, 12, 28)),
        ("Published 2026-01-02 in print.", date(2026, 1, 2)),
        ("The leaders met today.", date(2026, 1, 2)),
        ("The ministers met yesterday.", date(2026, 1, 1)),
        ("The envoys will meet tomorrow.", date(2026, 1, 3)),
        ("The talks will resume in two days.", date(2026, 1, 4)),
        ("He spoke on New Year's Day.", date(2026, 1, 1)),
    ],
)
def test_day_precision_forms(text: str, expected: date) -> None:
    assert _one(text) == (expected, "day")


def test_a_bare_weekday_looks_forward_in_future_tense() -> None:
    assert _one("The meeting will take place on Saturday.") == (date(2026, 1, 3), "day")


def test_a_bare_weekday_looks_back_in_past_tense() -> None:
    assert _one("The ministers met on Tuesday.") == (date(2025, 12, 30), "day")


def test_next_week_and_next_month_have_month_precision() -> None:
    assert _one("The leaders will meet next week.", date(2026, 3, 27)) == (
        date(2026, 4, 1),
        "month",
    )
    assert _one("Talks are planned for next month.") == (date(2026, 2, 1), "month")


def test_month_only_forms() -> None:
    assert _one("A leaders' meeting in early January.") == (date(2026, 1, 1), "month")
    assert _one("They last met in September.", date(2024, 7, 18)) == (date(2023, 9, 1), "month")
    assert _one("The mandate runs until May 2027.") == (date(2027, 5, 1), "month")


def test_year_is_inferred_for_year_less_dates_near_new_year() -> None:
    assert _one("on Dec. 30", date(2026, 1, 3))[0] == date(2025, 12, 30)
    assert _one("on January 5", date(2025, 12, 20))[0] == date(2026, 1, 5)


def test_days_later_is_relative_to_context() -> None:
    found = find_dates("Just two days later, talks resume.", 0, 34, PUBLISHED)
    assert found[0].value is None
    assert found[0].offset_days == 2


def test_numbers_that_are_not_dates_are_ignored() -> None:
    text = "The fire killed 40 people; 76.15% of the vote; a 20-point plan; 2022 Olympics."
    assert find_dates(text, 0, len(text), PUBLISHED) == []


def test_a_weekday_pinned_to_a_date_once_fixes_it_across_the_story() -> None:
    text = (
        "Leaders met at the summit on Tuesday, the host said.\n"
        "Leaders pose at the summit, Tuesday, Nov. 11, 2025, in Belém, Brazil."
    )
    published = date(2025, 11, 9)  # a Sunday: alone, "on Tuesday" would be Nov. 4
    first = find_dates(text, 0, text.index("\n"), published)
    assert [d.value for d in first] == [date(2025, 11, 11)]


def test_a_weekday_pinned_to_two_dates_stays_relative() -> None:
    text = "They met on Monday. Photo: Monday, June 2, 2025. Photo: Monday, June 9, 2025."
    found = find_dates(text, 0, text.index("."), date(2025, 6, 11))
    assert [d.value for d in found] == [date(2025, 6, 9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Re-wrapped copy: they met on Jan.  3, 2026.", date(2026, 1, 3)),
        ("It ends on 3  January 2026.", date(2026, 1, 3)),
    ],
)
def test_doubled_spaces_inside_a_date_still_read_as_the_day(text: str, expected: date) -> None:
    assert _one(text) == (expected, "day")


def test_a_resort_named_like_a_month_is_no_month() -> None:
    text = "The two leaders dined in Mar-a-Lago, Florida."
    assert find_dates(text, 0, len(text), PUBLISHED) == []


def test_weeks_before_or_after_are_an_offset_of_seven_days_each() -> None:
    text = "The summit comes a week after the talks, and two weeks before the vote."
    offsets = [d.offset_days for d in find_dates(text, 0, len(text), date(2026, 5, 12))]
    assert offsets == [7, -14]
