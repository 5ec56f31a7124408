"""The object of "visit" is where the visit goes: "is expected to visit Nairobi in May" places
the planned meeting there, as "visited" and "visiting" already did."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only

_PUB = at("2026-03-10")  # a Tuesday


@pytest.mark.parametrize(
    ("city", "iso"),
    [("Nairobi", "KE"), ("Hanoi", "VN"), ("Brasilia", "BR"), ("Accra", "GH"), ("Lima", "PE")],
)
def test_the_city_a_leader_is_to_visit_is_the_meeting_place(city: str, iso: str) -> None:
    text = f"Chancellor Ada Berglund is expected to visit {city} in May."
    m = only(extract(text, _PUB))
    assert (m.city, m.country, m.status) == (city, iso, "planned")


def test_a_city_after_a_clause_break_is_not_the_visit_place() -> None:
    text = "During her visit, Nairobi officials met Chancellor Ada Berglund on Monday."
    m = only(extract(text, _PUB))
    assert m.city is None
