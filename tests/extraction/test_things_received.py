"""A welcoming verb whose object is a thing ("welcomed the plan", "received a letter") names no
meeting, strong or weak, even when the story names other leaders; a person or delegation
received, also "the visiting" one, is a meeting's party."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-05-12")  # a Tuesday


@pytest.mark.parametrize(
    "clause",
    ["welcomed the plan", "greeted the news", "received a letter", "welcomed the new aid package"],
)
def test_a_thing_welcomed_is_no_meeting(clause: str) -> None:
    text = (
        "Andean talks\n\n"
        f"Chilean President Marta Quiroga {clause} on Sunday.\n\n"
        "Peruvian President Hugo Salcedo backed it."
    )
    assert extract(text, _PUB).meetings == []


def test_a_visitor_welcomed_is_a_party() -> None:
    text = (
        "Chilean President Marta Quiroga received the visiting Peruvian Prime Minister Hugo Salcedo "
        "in Santiago on Sunday."
    )
    ex = extract(text, _PUB)
    parties = party_map(ex, only(ex))
    assert {"Marta Quiroga", "Hugo Salcedo"} <= set(parties)
    assert parties["Marta Quiroga"][1] == "host"


def test_a_delegation_welcomed_is_still_a_meeting() -> None:
    text = "Chilean President Marta Quiroga welcomed the Peruvian delegation on Sunday."
    ex = extract(text, _PUB)
    assert "Marta Quiroga" in party_map(ex, only(ex))


def test_the_elysee_alone_is_paris() -> None:
    text = (
        "French President Claire Dumas met Peruvian President Hugo Salcedo at the Elysee on Monday."
    )
    m = only(extract(text, _PUB))
    assert (m.city, m.country) == ("Paris", "FR")
