"""A plan in the pluperfect ("A had been due to meet B on Tuesday") fell through: the meeting is
cancelled, while a plan in the present or future stays planned."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


@pytest.mark.parametrize("plan", ["had been due to", "had been scheduled to", "had been set to"])
def test_a_pluperfect_plan_is_cancelled(plan: str) -> None:
    ex = extract(
        f"Malawian President Grace Phiri {plan} meet Zambian President Joseph Banda in Lusaka "
        "next Tuesday.",
        at("2025-09-04"),
    )
    meeting = only(ex)
    assert meeting.status == "cancelled"
    assert {"Grace Phiri", "Joseph Banda"} <= set(party_map(ex, meeting))


@pytest.mark.parametrize("plan", ["is due to", "is scheduled to", "will"])
def test_a_present_or_future_plan_stays_planned(plan: str) -> None:
    ex = extract(
        f"Malawian President Grace Phiri {plan} meet Zambian President Joseph Banda in Lusaka "
        "next Tuesday.",
        at("2025-09-04"),
    )
    assert only(ex).status == "planned"
