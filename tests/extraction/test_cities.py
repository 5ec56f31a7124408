"""World cities from GeoNames: found where the prose places a meeting, never in names or months."""

import pytest

from service.extraction import extract
from service.extraction.cities import city
from service.extraction.gazetteer import Gazetteer
from tests.extraction.helpers import at, only


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("Almaty", ("Almaty", "KZ")), ("Kiev", ("Kyiv", "UA")), ("Belem", ("Belém", "BR"))],
)
def test_cities_and_their_spellings(surface: str, expected: tuple[str, str]) -> None:
    assert city(surface) == expected


@pytest.mark.parametrize("surface", ["May", "Asia", "President", "Hope", "Of"])
def test_months_continents_and_words_are_no_cities(surface: str) -> None:
    assert city(surface) is None


def test_another_name_of_a_place_is_not_taken_for_it() -> None:
    assert city("Franklin") != ("Columbus", "US")


def test_a_meeting_in_a_city_the_curated_table_lacks() -> None:
    ex = extract(
        "Foreign ministers of Kazakhstan and Kyrgyzstan met in Almaty on Tuesday.",
        at("2025-10-15"),
    )
    m = only(ex)
    assert (m.city, m.country) == ("Almaty", "KZ")


def test_a_person_after_a_place_word_is_not_a_city() -> None:
    hits = Gazetteer().find("The prize went to Nelson Mandela in 1993.")
    assert not [h for h in hits if h.entry.kind == "city"]


def test_a_dateline_in_a_city_the_curated_table_lacks() -> None:
    ex = extract(
        "BISHKEK (AP) — Leaders of Central Asian states met on Friday for a regional summit.",
        at("2025-10-11"),
    )
    assert (only(ex).city, only(ex).country) == ("Bishkek", "KG")


def test_a_papal_residence_is_a_venue_with_its_town() -> None:
    text = "President Tomas Varga met Pope Leo at Castel Gandolfo on Monday."
    m = only(extract(text, at("2026-03-10")))
    assert (m.city, m.country) == ("Castel Gandolfo", "IT")


def test_the_object_of_visit_is_a_city_only_when_it_is_one() -> None:
    text = "President Tomas Varga is expected to visit Pope Leo in May."
    m = only(extract(text, at("2026-03-10")))
    assert m.city is None
