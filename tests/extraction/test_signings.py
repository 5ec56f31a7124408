"""Signing an agreement together, on a day or at a place, is a held meeting of the signatories
("A and B signed a defence pact in Manila on Monday", "A signed a deal with B"); a signing of
one's own ("signed a decree", "has signed the treaty") or a participle ("the pact signed in
1951") is none."""

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-10")  # a Tuesday


def test_two_leaders_signing_a_pact_met() -> None:
    text = (
        "Vietnamese President Tran Minh Duc and Australian Prime Minister Claire Hollis signed a "
        "maritime security pact in Hanoi on Monday."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert (m.status, str(m.start_date), m.city) == ("held", "2026-03-09", "Hanoi")
    assert set(party_map(ex, m)) == {"Tran Minh Duc", "Claire Hollis"}
    assert m.kind == "bilateral"


def test_signing_with_a_counterpart_met() -> None:
    text = (
        "Ghanaian President Kwame Asante signed a trade agreement with Ivorian President Yao "
        "Kouassi in Accra on Monday."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) == {"Kwame Asante", "Yao Kouassi"}
    assert m.city == "Accra"


def test_two_countries_signing_a_memorandum_met() -> None:
    text = "Chile and Argentina signed a memorandum of understanding in Santiago on Monday."
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) == {"Chile", "Argentina"}
    assert m.status == "held"


def test_the_pact_signed_decades_ago_is_no_meeting() -> None:
    text = "The two countries are bound by a mutual defence treaty signed in 1951."
    assert extract(text, _PUB).meetings == []


def test_signing_a_decree_is_no_meeting() -> None:
    text = "Ghanaian President Kwame Asante signed a decree on Monday dissolving the port board."
    assert extract(text, _PUB).meetings == []


def test_signing_a_treaty_alone_is_no_meeting() -> None:
    text = "Ghanaian President Kwame Asante has signed the treaty, his office said on Monday."
    assert extract(text, _PUB).meetings == []


def test_an_undated_unplaced_signing_is_no_meeting() -> None:
    # negative: no day and no place say when or where they met to sign
    text = "Chile and Argentina have signed dozens of agreements over the years."
    assert extract(text, _PUB).meetings == []
