"""A group noun as the meeting's subject ("The leaders met in Nairobi", "The two leaders held
talks") is the pair the sentence before opens with ("A and B agreed on Thursday to …"), also
when one of them is named again later in the sentence ("during B's visit")."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-06-12")  # a Friday
_LEAD = (
    "Ghanaian President Kofi Asante and Ivorian President Awa Kone agreed on Thursday to open "
    "their border to trade."
)


@pytest.mark.parametrize(
    "second",
    [
        "The leaders met in Accra during Kone's first state visit.",
        "The two leaders held talks at the Jubilee House in Accra.",
    ],
)
@pytest.mark.parametrize("glue", [" ", "\n\n"])
def test_the_group_noun_is_the_pair_of_the_sentence_before(second: str, glue: str) -> None:
    ex = extract(_LEAD + glue + second, _PUB)
    assert set(party_map(ex, only(ex))) >= {"Kofi Asante", "Awa Kone"}


def test_a_group_of_a_region_is_not_the_pair() -> None:
    text = _LEAD + " The leaders of the region met in Accra in May."
    for m in extract(text, _PUB).meetings:
        assert "Kofi Asante" not in party_map(extract(text, _PUB), m)


def test_a_pair_that_is_not_the_subject_is_not_taken() -> None:
    text = (
        "Ghanaian President Kofi Asante praised Ivorian President Awa Kone on Thursday. "
        "The leaders met in Accra."
    )
    assert extract(text, _PUB).meetings == []
