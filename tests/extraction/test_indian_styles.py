"""Indian government usage: the honorifics "Shri" and "Shrimati" open a name without being part of
it, and "External Affairs" is a portfolio, so "Indian External Affairs Minister X" is a minister
of India. "Sri" stays a given name ("Sri Wahyuni")."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-13")


@pytest.mark.parametrize("honorific", ["Shri", "Shrimati"])
def test_an_honorific_opening_a_name_is_dropped(honorific: str) -> None:
    text = (
        f"Prime Minister {honorific} Arjun Mehta today held a telephone conversation with "
        "President Lucia Ferraz of Brazil."
    )
    ex = extract(text, _PUB)
    assert set(party_map(ex, only(ex))) == {"Arjun Mehta", "Lucia Ferraz"}


def test_sri_stays_a_given_name() -> None:
    # negative: "Sri" opens many Indonesian and Sri Lankan names
    text = "Finance Minister Sri Wahyuni met Prime Minister Arjun Mehta in New Delhi on Monday."
    ex = extract(text, _PUB)
    assert "Sri Wahyuni" in party_map(ex, only(ex))


def test_external_affairs_is_a_portfolio_of_the_demonym_s_country() -> None:
    text = (
        "Indian External Affairs Minister Ravi Nair met Chinese Foreign Minister Li Wen in New "
        "Delhi on Monday."
    )
    ex = extract(text, _PUB)
    roles = {(r.title, r.affiliation_key) for r in ex.roles if r.person_key.endswith("ravi nair")}
    assert roles == {("External Affairs Minister", "country:IN")}


@pytest.mark.parametrize("style", ["Smt.", "Smt"])
def test_smt_is_shrimati_abbreviated_and_ends_no_sentence(style: str) -> None:
    text = f"Prime Minister Odile Kern met {style} Lakshmi Varadan in Chennai on Monday."
    ex = extract(text, at("2026-03-10"))
    assert set(party_map(ex, only(ex))) == {"Odile Kern", "Lakshmi Varadan"}
