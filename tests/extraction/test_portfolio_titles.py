"""A title whose preposition names a portfolio ("Secretary of State B", "Minister for Foreign
Affairs B") is B's own title, so B stays one of the list; a preposition that names an office
holder ("chief of staff to President B") still makes B whom the list's member serves."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-04-14")  # a Tuesday


@pytest.mark.parametrize(
    "title", ["Secretary of State", "Minister for Foreign Affairs", "Secretary of Defense"]
)
def test_a_portfolio_title_keeps_the_second_of_a_pair(title: str) -> None:
    text = f"Foreign Minister Anika Solberg and {title} Idris Kamara met in Geneva on Monday."
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) >= {"Anika Solberg", "Idris Kamara"}
    assert m.kind == "bilateral"


@pytest.mark.parametrize(
    "apposition", ["chief of staff to President", "an adviser to Secretary of State"]
)
def test_whom_a_dependent_serves_is_still_no_party(apposition: str) -> None:
    text = (
        f"Foreign Minister Anika Solberg and Petra Lindqvist, {apposition} Idris Kamara, "
        "met in Geneva on Monday."
    )
    ex = extract(text, _PUB)
    parties = set(party_map(ex, only(ex)))
    assert "Idris Kamara" not in parties
    assert {"Anika Solberg", "Petra Lindqvist"} <= parties
