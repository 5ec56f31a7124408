"""Demonyms and short names of states the ISO list alone leaves bare: a title's demonym gives
its holder an affiliation ("Rwandan President A"), and a demonym before officials is a party."""

import pytest

from service.extraction import extract
from service.extraction.gazetteer import Gazetteer
from tests.extraction.helpers import at


@pytest.mark.parametrize(
    ("word", "iso2"),
    [
        ("Rwandan", "RW"),
        ("Somali", "SO"),
        ("Ghanaian", "GH"),
        ("Cambodian", "KH"),
        ("Bruneian", "BN"),
        ("Senegalese", "SN"),
        ("Ecuadorian", "EC"),
        ("Nepali", "NP"),
        ("Ivorian", "CI"),
        ("Nigerien", "NE"),
    ],
)
def test_a_demonym_names_its_state(word: str, iso2: str) -> None:
    entry = Gazetteer(()).lookup(word)
    assert entry is not None
    assert entry.iso2 == iso2


@pytest.mark.parametrize(
    ("alias", "iso2"), [("Brunei", "BN"), ("Ivory Coast", "CI"), ("Burma", "MM")]
)
def test_a_short_name_in_common_use_names_its_state(alias: str, iso2: str) -> None:
    entry = Gazetteer(()).lookup(alias)
    assert entry is not None
    assert entry.iso2 == iso2


def test_nigerian_and_nigerien_stay_two_states() -> None:
    gaz = Gazetteer(())
    nigerian, nigerien = gaz.lookup("Nigerian"), gaz.lookup("Nigerien")
    assert nigerian is not None
    assert nigerien is not None
    assert (nigerian.iso2, nigerien.iso2) == ("NG", "NE")


def test_a_title_demonym_gives_the_affiliation() -> None:
    ex = extract(
        "Ugandan President Samuel Okello received Zambian Foreign Minister Grace Mwale in "
        "Kampala on Monday.",
        at("2025-03-04"),
    )
    names = {m.key: m.name for m in ex.participants}
    roles = {names[r.person_key]: r.affiliation_key for r in ex.roles}
    assert roles["Samuel Okello"] == "country:UG"
    assert roles["Grace Mwale"] == "country:ZM"
