"""A date inside a reported clause ("A said he looked forward to visiting B next month") dates
what was said, not the meeting the sentence opened with."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at

_LEAD = (
    "LIMA, June 3 (Reuters) - Peruvian President Rosa Quispe and Chilean President Tomas Rojas "
    "spoke by phone on Wednesday, the foreign ministry said.\n\n"
)


@pytest.mark.parametrize(
    "clause",
    [
        "Quispe said she hoped to travel to Santiago next month",
        "Rojas told her that he would visit Lima in July",
        "Quispe promised she would sign the accord next week",
    ],
)
def test_a_date_in_what_was_said_makes_no_second_call(clause: str) -> None:
    ex = extract(_LEAD + f"During the call, {clause}.", at("2026-06-03"))
    assert [(str(m.start_date), m.status) for m in ex.meetings] == [("2026-06-03", "held")]


def test_a_date_of_the_call_itself_still_dates_it() -> None:
    text = (
        "Peruvian President Rosa Quispe is due to hold a call with Chilean President "
        "Tomas Rojas next Tuesday, she said."
    )
    ex = extract(text, at("2026-06-03"))
    assert [(str(m.start_date), m.status) for m in ex.meetings] == [("2026-06-09", "planned")]


def test_a_reporting_aside_without_a_clause_keeps_the_date() -> None:
    text = (
        "Peruvian President Rosa Quispe held a call, the ministry said, with Chilean President "
        "Tomas Rojas on Monday."
    )
    ex = extract(text, at("2026-06-03"))
    assert [str(m.start_date) for m in ex.meetings] == ["2026-06-01"]
