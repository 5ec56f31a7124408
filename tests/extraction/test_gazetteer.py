"""Countries, demonyms, organisations and places, plus names the database already knows."""

import pytest

from service.extraction.gazetteer import Gazetteer, country_name, data_lines
from service.extraction.records import KnownEntity

GAZ = Gazetteer()


def _keys(text: str, gaz: Gazetteer = GAZ) -> list[tuple[str, str, str]]:
    return [(h.surface, h.entry.kind, h.entry.key) for h in gaz.find(text)]


@pytest.mark.parametrize(
    ("surface", "iso2"),
    [
        ("the U.K.", "GB"),
        ("Britain", "GB"),
        ("the United Kingdom", "GB"),
        ("U.S.", "US"),
        ("the United States", "US"),
        ("the Netherlands", "NL"),
        ("South Korea", "KR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("the Czech Republic", "CZ"),
        ("Central African Republic", "CF"),
    ],
)
def test_country_aliases(surface: str, iso2: str) -> None:
    hits = GAZ.find(f"Officials from {surface} arrived.")
    assert [(h.entry.kind, h.entry.iso2) for h in hits] == [("country", iso2)]


def test_demonyms_are_marked_as_such() -> None:
    assert _keys("Danish representatives and American partners") == [
        ("Danish", "demonym", "country:DK"),
        ("American", "demonym", "country:US"),
    ]


def test_country_names_are_iso_short_names_without_inversions() -> None:
    assert country_name("GB") == "United Kingdom"
    assert country_name("NL") == "Netherlands"
    assert country_name("US") == "United States"
    assert country_name("IR") == "Iran"
    assert country_name("KR") == "South Korea"
    assert country_name("BQ") == "Bonaire, Sint Eustatius and Saba"


@pytest.mark.parametrize(
    "surface",
    [
        "National Security and Defense Council",
        "National Defense and Security Council",
        "NSDC",
        "National Security and Defence Council",
    ],
)
def test_ukraines_security_council_variants(surface: str) -> None:
    (hit,) = GAZ.find(f"the {surface} said")
    assert hit.entry.key == "org:nsdc-ukraine"
    assert hit.entry.name == "National Security and Defense Council of Ukraine"
    assert hit.entry.iso2 == "UA"


def test_organisations_prefer_the_longest_name() -> None:
    assert _keys("the European Commission and the EU and the UN Security Council") == [
        ("European Commission", "org", "org:european-commission"),
        ("EU", "org", "org:european-union"),
        ("UN Security Council", "org", "org:un-security-council"),
    ]


def test_words_inside_other_words_are_not_matched() -> None:
    assert _keys("USAID and EUROPE and Omani") == [("Omani", "demonym", "country:OM")]


def test_ambiguous_country_names_before_a_surname_are_people() -> None:
    assert _keys("Jordan Bardella met officials from Jordan.") == [
        ("Jordan", "country", "country:JO")
    ]


def test_places_resolve_cities_venues_and_regions() -> None:
    kyiv = GAZ.place("KYIV")
    assert kyiv is not None
    assert (kyiv.name, kyiv.iso2) == ("Kyiv", "UA")
    lago = GAZ.place("Mar-a-Lago")
    assert lago is not None
    assert (lago.name, lago.iso2) == ("Palm Beach", "US")
    florida = GAZ.place("Florida")
    assert florida is not None
    assert (florida.kind, florida.iso2) == ("region", "US")


def test_known_entities_extend_the_tables() -> None:
    gaz = Gazetteer(
        (
            KnownEntity("person", "Volodymyr Zelenskyy", ("Zelenskyy", "Zelensky")),
            KnownEntity("organization", "Weimar Triangle Secretariat", ("WTS",)),
        )
    )
    assert _keys("Zelensky met the WTS", gaz) == [
        ("Zelensky", "person", "person:volodymyr zelenskyy"),
        ("WTS", "org", "org:weimar-triangle-secretariat"),
    ]


def test_title_modifiers_are_plain_capitalised_phrases() -> None:
    entries = data_lines("title_modifiers.txt")
    assert "Commerce" in entries
    assert len(entries) == len(set(entries))
    # each is joined into a regex alternation as it stands: letters and spaces only
    for entry in entries:
        assert entry.replace(" ", "").isalpha(), entry
