"""A sentence opened by "He"/"She" about the person of the sentence before keeps that person
as the subject of a later clause's meeting verb ("He will travel to Abu Dhabi on Wednesday,
where he is scheduled to meet B"), not only of a verb right after the pronoun."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, party_map

_PUB = at("2026-08-10")  # a Monday
_LEAD = "Brazilian Foreign Minister Lucia Prado arrived in Doha on Sunday.\n\n"


@pytest.mark.parametrize(
    "second",
    [
        "She will travel to Abu Dhabi on Wednesday, where she is scheduled to meet Sheikh "
        "Hamdan bin Rashid.",
        "She will travel to Abu Dhabi on Wednesday and then she will meet Sheikh Hamdan bin Rashid.",
    ],
)
def test_the_pronoun_of_a_later_clause_is_the_lead_person(second: str) -> None:
    ex = extract(_LEAD + second, _PUB)
    planned = [m for m in ex.meetings if m.status == "planned"]
    assert len(planned) == 1
    assert set(party_map(ex, planned[0])) == {"Lucia Prado", "Hamdan bin Rashid"}


def test_another_subject_in_the_later_clause_is_not_the_lead_person() -> None:
    text = (
        _LEAD + "She will travel to Abu Dhabi on Wednesday, where the emir is scheduled to meet "
        "Sheikh Hamdan bin Rashid."
    )
    ex = extract(text, _PUB)
    for m in ex.meetings:
        if m.status == "planned":
            assert "Lucia Prado" not in party_map(ex, m)
