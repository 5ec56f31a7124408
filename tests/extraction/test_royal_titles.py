"""Rank titles in names: an honorific inside a name after a given name stays in it ("Hassan
Sheikh Mohamud"), while opening a name or after a demonym it is a title."""

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
