"""A style of address before a dignitary ("His Majesty Sultan …", "Her Excellency …", "H.E.")
is courtesy, not part of the name; the rank it introduces is the person's title; honorifics
that open a Malaysian or Bruneian name ("Haji", "Datuk Seri", "Tan Sri") are no given name.
Without a style, a word that can be a rank ("Sultan") stays a name word."""

import pytest

from service.extraction import Extraction, extract
from tests.extraction.helpers import at, only, speakers


def _extract(text: str) -> Extraction:
    return extract(text, at("2025-03-04"))


def _persons(ex: Extraction) -> list[str]:
    return [m.name for m in ex.participants if m.type == "person"]


def test_a_style_and_rank_before_the_name_are_a_title() -> None:
    ex = _extract(
        "BANDAR SERI BEGAWAN, March 3 - His Majesty Sultan Haji Omar Karim Saifuddin received "
        "Singaporean Prime Minister Daniel Goh at the palace on Monday.\n\n"
        "“Our two nations have stood side by side for half a century,” the sultan said."
    )
    persons = _persons(ex)
    assert "Omar Karim Saifuddin" in persons
    assert not any("Majesty" in p or "Sultan" in p or "Haji" in p for p in persons)
    names = {m.key: m.name for m in ex.participants}
    assert sorted(names[p.participant_key] for p in only(ex).participants) == [
        "Daniel Goh",
        "Omar Karim Saifuddin",
    ]
    assert speakers(ex) == ["Omar Karim Saifuddin"]
    assert any(r.title == "Sultan" for r in ex.roles)


@pytest.mark.parametrize(
    "styled",
    [
        "His Highness Sheikh Hamad bin Rashid Al Marri",
        "His Royal Highness Prince Hamad bin Rashid Al Marri",
        "His Excellency Hamad bin Rashid Al Marri",
        "H.E. Hamad bin Rashid Al Marri",
    ],
)
def test_a_style_of_address_is_not_part_of_the_name(styled: str) -> None:
    ex = _extract(
        f"DOHA, March 3 - {styled} received Italian Foreign Minister Paolo Ferri in Doha on "
        "Monday.\n\n"
        "“Italy is a friend and a partner in every field of our economy,” Al Marri said."
    )
    names = {m.key: m.name for m in ex.participants}
    assert sorted(names[p.participant_key] for p in only(ex).participants) == [
        "Hamad bin Rashid Al Marri",
        "Paolo Ferri",
    ]
    assert speakers(ex) == ["Hamad bin Rashid Al Marri"]


def test_her_excellency_before_a_name_with_its_apposition() -> None:
    ex = _extract(
        "MANILA, March 3 - Her Excellency Rosa Villanueva Cruz, the Philippine foreign secretary, "
        "met Japanese Foreign Minister Kenji Aoki in Manila on Monday."
    )
    persons = _persons(ex)
    assert "Rosa Villanueva Cruz" in persons
    assert not any("Excellency" in p for p in persons)


def test_malaysian_honorifics_open_no_name() -> None:
    ex = _extract(
        "KUALA LUMPUR, March 3 - Prime Minister Datuk Seri Aziz Hamid met Tan Sri Rahim Yusof "
        "and visiting Thai Prime Minister Somchai Wong in Kuala Lumpur on Monday."
    )
    persons = _persons(ex)
    assert {"Aziz Hamid", "Rahim Yusof"} <= set(persons)
    assert not any("Datuk" in p or "Tan Sri" in p for p in persons)


def test_without_a_style_the_words_stay_in_the_name() -> None:
    ex = _extract(
        "SINGAPORE, March 3 - Sultan Rashid Al Amiri, the Emirati climate envoy, met Singaporean "
        "minister Tan Wei Ming in Singapore on Monday.\n\n"
        "“We will build these solar plants together with our partners,” Tan Wei Ming said."
    )
    persons = _persons(ex)
    assert "Sultan Rashid Al Amiri" in persons
    assert "Tan Wei Ming" in persons


def test_a_possessive_style_is_no_name() -> None:
    ex = _extract(
        "LONDON, March 3 - Her Majesty’s Government said Foreign Secretary Alan Price met "
        "Ghanaian Foreign Minister Kofi Mensah in London on Monday."
    )
    persons = _persons(ex)
    assert not any("Majesty" in p or "Government" in p for p in persons)
    assert {"Alan Price", "Kofi Mensah"} <= set(persons)
