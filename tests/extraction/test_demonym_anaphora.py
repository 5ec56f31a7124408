"""A description by demonym ("the Somali leader said", "the Brazilian president told
reporters") speaks for the one person of that country the story named: titled, the
counterpart of a titled leader, or, with no title of that country in the story, its one
untitled person ("Somalia's X"). Two candidates, or none of that country, leave it unsaid."""

import pytest

from service.extraction import Extraction, extract
from tests.extraction.helpers import at, speakers

_QUOTE = "“We have turned a page in the relations between our two nations,”"


def _extract(text: str) -> Extraction:
    return extract(text, at("2025-03-04"))


@pytest.mark.parametrize(
    "lead",
    [
        "Somali President Abdi Farah Warsame met",
        "Somalia's Abdi Farah Warsame met",
        "Abdi Farah Warsame, Somalia's president, met",
    ],
)
def test_the_demonym_leader_is_the_person_of_that_country(lead: str) -> None:
    ex = _extract(
        f"ADDIS ABABA, March 3 (Reuters) - {lead} Ethiopian Prime Minister Dawit Bekele in Addis "
        f"Ababa on Monday.\n\n{_QUOTE} the Somali leader said."
    )
    assert speakers(ex) == ["Abdi Farah Warsame"]


def test_a_counterpart_holds_the_office_of_the_leader_they_meet() -> None:
    ex = _extract(
        "BRASILIA, March 3 - Chilean President Ana Rojas met her Brazilian counterpart Paulo "
        "Mendes in Brasilia on Monday.\n\n"
        "“South America must speak with one voice on trade,” the Brazilian president told "
        "reporters."
    )
    assert speakers(ex) == ["Paulo Mendes"]


def test_a_two_word_demonym() -> None:
    ex = _extract(
        "JUBA, March 3 - South Sudanese President Deng Mayen met Sudanese army chief Hamid Osman "
        f"in Juba on Tuesday.\n\n{_QUOTE} the South Sudanese leader said."
    )
    assert speakers(ex) == ["Deng Mayen"]


def test_two_people_of_that_country_leave_it_unsaid() -> None:
    ex = _extract(
        "ADDIS ABABA, March 3 - Somalia's Abdi Farah Warsame and Somalia's Hamza Ali Nur met "
        f"Ethiopian Prime Minister Dawit Bekele on Monday.\n\n{_QUOTE} the Somali leader said."
    )
    assert speakers(ex) == [None]


def test_no_one_of_that_country_leaves_it_unsaid() -> None:
    ex = _extract(
        "ADDIS ABABA, March 3 - Ethiopian Prime Minister Dawit Bekele met Kenyan President Peter "
        f"Kamau on Monday.\n\n{_QUOTE} the Somali leader said."
    )
    assert speakers(ex) == [None]


def test_an_untitled_person_is_no_holder_of_another_office() -> None:
    # "the Somali foreign minister" is not Somalia's one untitled person: only its leader is
    ex = _extract(
        "ADDIS ABABA, March 3 - Somalia's Abdi Farah Warsame met Ethiopian Prime Minister Dawit "
        f"Bekele on Monday.\n\n{_QUOTE} the Somali foreign minister said."
    )
    assert speakers(ex) == [None]
