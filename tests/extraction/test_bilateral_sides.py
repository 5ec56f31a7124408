"""A meeting of two countries' sides is bilateral, however many of their ministers sit in: the
sides are counted, not the people. A minister the story ties to no country stands with one of
the two sides; a third country, an organisation, or a leader of no named country leaves the
kind the report gave."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-12")  # a Thursday

_PAIRS = [
    ("Turkish", "Azerbaijani", "Ankara"),
    ("Kenyan", "Ghanaian", "Nairobi"),
    ("Indonesian", "Malaysian", "Jakarta"),
]


@pytest.mark.parametrize(("home", "guest", "city"), _PAIRS)
@pytest.mark.parametrize("noun", ["talks", "a summit"])
def test_two_leaders_with_their_ministers_meet_bilaterally(
    home: str, guest: str, city: str, noun: str
) -> None:
    text = (
        f"{home} President Selim Arda held {noun} with {guest} President Orhan Demiri in {city} on "
        f"Wednesday. {home} Foreign Minister Leyla Kaya and Energy Minister Murat Ozan also "
        f"attended the talks, along with {guest} Foreign Minister Elif Sahin."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert {"Selim Arda", "Orhan Demiri", "Leyla Kaya", "Murat Ozan", "Elif Sahin"} <= set(
        party_map(ex, m)
    )
    assert m.kind == "bilateral"


def test_a_third_country_makes_it_no_bilateral() -> None:
    # negative: a minister of a third country is a third side
    text = (
        "Turkish President Selim Arda held talks with Azerbaijani President Orhan Demiri in Ankara "
        "on Wednesday. Turkish Energy Minister Murat Ozan and Georgian Foreign Minister Elif Sahin "
        "also attended the talks."
    )
    assert only(extract(text, _PUB)).kind == "talks"


def test_a_leader_of_no_named_country_makes_it_no_bilateral() -> None:
    # negative: "President Lena Hart" may lead a third country the story never names
    text = (
        "Turkish President Selim Arda held talks with Azerbaijani President Orhan Demiri and "
        "President Lena Hart in Ankara on Wednesday. Energy Minister Murat Ozan also attended."
    )
    assert only(extract(text, _PUB)).kind == "talks"


def test_an_organisation_official_makes_it_no_bilateral() -> None:
    # negative: an official of a body of many countries is no side of the two
    text = (
        "Turkish President Selim Arda held talks with Azerbaijani President Orhan Demiri in Ankara "
        "on Wednesday. Energy Minister Murat Ozan and Secretary-General of NATO Jens Halvorsen "
        "also attended the talks."
    )
    assert only(extract(text, _PUB)).kind == "talks"


@pytest.mark.parametrize("body", ["NATO", "the African Union", "the United Nations"])
def test_a_title_of_a_body_between_two_names_keeps_the_list(body: str) -> None:
    # "Secretary-General of NATO B": B holds the title, no one B depends on
    text = (
        "Turkish President Selim Arda met Azerbaijani President Orhan Demiri in Ankara on "
        f"Wednesday. Energy Minister Murat Ozan and Secretary-General of {body} Jens Halvorsen "
        "also attended the talks."
    )
    ex = extract(text, _PUB)
    assert {"Murat Ozan", "Jens Halvorsen"} <= set(party_map(ex, only(ex)))


def test_a_chief_of_staff_to_a_leader_leaves_the_leader_out() -> None:
    # negative: "to President B" says whose chief of staff A is; B is not at the talks
    text = (
        "Turkish President Selim Arda met Azerbaijani President Orhan Demiri in Ankara on "
        "Wednesday. Murat Ozan, chief of staff to President Lena Hart, and Foreign Minister Elif "
        "Sahin also attended the talks."
    )
    ex = extract(text, _PUB)
    parties = set(party_map(ex, only(ex)))
    assert {"Murat Ozan", "Elif Sahin"} <= parties
    assert "Lena Hart" not in parties
