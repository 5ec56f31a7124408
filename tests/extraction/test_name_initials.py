"""An initial before a surname is part of the name, with or without its stop and run together
or spaced ("S Ramanathan", "S. Ramanathan", "K.P. Dahal Rana", "K. P. Dahal Rana"), and the
surname alone later is the same person; the words "A" and "I", and places written in initials
("the U.S.", "Washington D.C."), are no such initials."""

import pytest

from service.extraction import Extraction, extract
from tests.extraction.helpers import at, only, speakers


def _extract(text: str) -> Extraction:
    return extract(text, at("2025-03-04"))


def _persons(ex: Extraction) -> dict[str, list[str]]:
    return {m.name: m.aliases for m in ex.participants if m.type == "person"}


@pytest.mark.parametrize("initials", ["S", "S.", "K.P.", "K. P."])
def test_initials_open_the_name_and_the_surname_is_its_short_form(initials: str) -> None:
    ex = _extract(
        f"NEW DELHI, March 3 (Reuters) - Indian Foreign Minister {initials} Ramanathan met his "
        "Norwegian counterpart Ingrid Solberg in New Delhi on Monday.\n\n"
        "“We have agreed to open our markets to each other’s fishermen,” Ramanathan told "
        "reporters after the talks."
    )
    full = f"{initials} Ramanathan"
    persons = _persons(ex)
    assert "Ramanathan" not in persons
    assert full in persons
    names = {m.key: m.name for m in ex.participants}
    assert sorted(names[p.participant_key] for p in only(ex).participants) == [
        "Ingrid Solberg",
        full,
    ]
    assert speakers(ex) == [full]


def test_run_together_initials_keep_the_sentence_whole() -> None:
    ex = _extract(
        "KATHMANDU, March 3 - Prime Minister K.P. Dahal Rana met Bhutanese Foreign Minister "
        "Karma Wangdi in Kathmandu on Monday.\n\n"
        "“Our two mountain kingdoms share rivers and a future,” Dahal Rana said."
    )
    names = {m.key: m.name for m in ex.participants}
    assert sorted(names[p.participant_key] for p in only(ex).participants) == [
        "K.P. Dahal Rana",
        "Karma Wangdi",
    ]
    assert speakers(ex) == ["K.P. Dahal Rana"]


def test_the_article_a_is_no_initial() -> None:
    ex = _extract(
        "NAIROBI, March 3 - A Kenyan delegation led by Foreign Minister Grace Wanjiru met "
        "Ugandan Foreign Minister Paul Okello in Nairobi on Monday."
    )
    persons = _persons(ex)
    assert not any(name.startswith("A ") for name in persons)
    assert {"Grace Wanjiru", "Paul Okello"} <= set(persons)


def test_a_place_in_initials_still_ends_a_sentence() -> None:
    ex = _extract(
        "WASHINGTON, March 3 - Foreign Minister Ana Duarte flew to Washington D.C. Officials "
        "said she met Secretary of State Mark Ellison on Monday.\n\n"
        "“The talks went well and we will meet again next month,” Duarte said."
    )
    persons = _persons(ex)
    assert not any("D.C." in name for name in persons)
    assert speakers(ex) == ["Ana Duarte"]
