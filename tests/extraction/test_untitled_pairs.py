"""Untitled full names joined into one list before a meeting verb ("A and B met in Riyadh",
"A, B and C held talks") are all persons and all parties, not only the one next to the verb."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-04-14")  # a Tuesday


@pytest.mark.parametrize("verb", ["met", "held talks", "will meet"])
def test_every_name_of_a_list_before_the_verb_is_a_party(verb: str) -> None:
    text = f"Anika Solberg and Idris Kamara {verb} in Doha on Monday."
    ex = extract(text, _PUB)
    assert set(party_map(ex, only(ex))) == {"Anika Solberg", "Idris Kamara"}


def test_a_list_of_three_keeps_all_three() -> None:
    text = "Anika Solberg, Idris Kamara and Tomasz Wrona met in Doha on Monday."
    ex = extract(text, _PUB)
    assert set(party_map(ex, only(ex))) == {"Anika Solberg", "Idris Kamara", "Tomasz Wrona"}


def test_a_name_far_from_the_verb_is_not_made_a_person() -> None:
    text = "Anika Solberg praised the plan. Idris Kamara met Tomasz Wrona in Doha on Monday."
    ex = extract(text, _PUB)
    assert "Anika Solberg" not in set(party_map(ex, only(ex)))


def test_places_in_a_list_are_not_persons() -> None:
    text = "Officials from Abu Dhabi and Buenos Aires met in Doha on Monday."
    names = {p.name for p in extract(text, _PUB).participants if p.type == "person"}
    assert names == set()
