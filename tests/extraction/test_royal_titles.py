"""Rank titles in names and anaphora: an honorific inside a name after a given name stays in it
("Hassan Sheikh Mohamud"), while opening a name or after a demonym it is a title; "the emir",
"the king", "the pontiff" said stand for the person the story gave that title."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at


def _persons(text: str) -> list[str]:
    return [m.name for m in extract(text, at("2025-03-04")).participants if m.type == "person"]


def test_an_honorific_after_a_given_name_stays_in_the_name() -> None:
    persons = _persons(
        "Somali President Abdi Sheikh Warsame met Kenyan President Peter Kamau in Nairobi on Monday."
    )
    assert "Abdi Sheikh Warsame" in persons
    assert "Warsame" not in persons


@pytest.mark.parametrize("lead", ["Emir Sheikh", "Qatari Sheikh", "Sheikh"])
def test_an_honorific_opening_a_name_is_a_title(lead: str) -> None:
    persons = _persons(
        f"{lead} Tamim bin Hamad met Kenyan President Peter Kamau in Doha on Monday."
    )
    assert "Tamim bin Hamad" in persons


@pytest.mark.parametrize(
    ("title", "anaphor"),
    [
        ("Emir", "the emir"),
        ("King", "the king"),
        ("Queen", "the monarch"),
        ("Pope", "the pontiff"),
        ("Crown Prince", "the crown prince"),
    ],
)
def test_a_rank_anaphor_speaks_for_its_holder(title: str, anaphor: str) -> None:
    text = (
        f"{title} Faisal Rahman received Prime Minister Lena Vogt at the palace on Monday.\n\n"
        f"“Our two nations have always stood together in hard times,” {anaphor} said."
    )
    ex = extract(text, at("2025-03-04"))
    names = {m.key: m.name for m in ex.participants}
    (statement,) = ex.statements
    assert statement.speaker_key is not None
    assert names[statement.speaker_key] == "Faisal Rahman"


def test_a_rank_anaphor_with_no_such_holder_stays_unattributed() -> None:
    text = (
        "President Faisal Rahman received Prime Minister Lena Vogt at the palace on Monday.\n\n"
        "“Our two nations have always stood together in hard times,” the king said."
    )
    ex = extract(text, at("2025-03-04"))
    (statement,) = ex.statements
    assert statement.speaker_key is None
