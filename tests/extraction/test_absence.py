"""Who did not take part: boycotts, refusals, 'no X officials', 'without X', 'neither … nor'."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_MEETING = "Foreign ministers of Peru, Chile and Ecuador met in Lima on Monday."


@pytest.mark.parametrize(
    ("absent_sentence", "absent"),
    [
        ("No Bolivian officials were present at the meeting.", "Bolivia"),
        ("Colombian President Gustavo Petro boycotted the talks.", "Gustavo Petro"),
        ("Argentina declined to attend the meeting.", "Argentina"),
        ("The talks went ahead without Venezuela, which was not invited.", "Venezuela"),
        (
            "Neither Brazilian President Luiz Inacio Lula da Silva nor Paraguayan President "
            "Santiago Peña attended the meeting.",
            "Santiago Peña",
        ),
    ],
)
def test_a_party_said_to_stay_away_is_not_a_participant(absent_sentence: str, absent: str) -> None:
    ex = extract(f"{_MEETING} {absent_sentence}", at("2025-10-14"))
    parties = party_map(ex, only(ex))
    assert absent not in parties
    assert {"Peru", "Chile", "Ecuador"} <= set(parties)


def test_a_reporter_of_an_absence_is_not_absent() -> None:
    ex = extract(
        "Leaders of Kenya, Uganda and Tanzania met in Arusha on Friday. Kenyan President William "
        "Ruto said Burundi did not attend the summit.",
        at("2025-08-02"),
    )
    parties = party_map(ex, only(ex))
    assert "Burundi" not in parties
    assert {"Kenya", "Uganda", "Tanzania"} <= set(parties)


def test_without_a_plan_strikes_no_one() -> None:
    ex = extract(
        "Prime Minister Mark Carney and President Claudia Sheinbaum met in Mexico City on "
        "Thursday without agreeing on a trade plan.",
        at("2025-09-19"),
    )
    assert {"Mark Carney", "Claudia Sheinbaum"} <= set(party_map(ex, only(ex)))
