"""A name's suffix period ("Marcos Jr.") ends neither the sentence nor the subject: "A Jr. met
B" has A for its subject, as "A met B" does."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-13")  # a Friday


@pytest.mark.parametrize("suffix", ["Jr.", "Sr."])
@pytest.mark.parametrize("verb", ["met", "hosted", "on Monday met"])
def test_a_subject_with_a_suffix_keeps_its_verb(suffix: str, verb: str) -> None:
    text = (
        f"Philippine President Rodrigo Santos {suffix} {verb} Vietnamese Prime Minister Tran Van "
        "Hai in Manila on Monday."
    )
    ex = extract(text, _PUB)
    # (a host brings the host country, "Philippines", too)
    people = sorted(set(party_map(ex, only(ex))) - {"Philippines"})
    assert len(people) == 2
    assert people[0].startswith("Rodrigo Santos")
    assert people[1] == "Tran Van Hai"


def test_a_suffix_before_a_sentence_opener_ends_the_sentence() -> None:
    # the next sentence's meeting is its own: Santos met nobody
    text = (
        "The award went to Rodrigo Santos Jr. The foreign ministers of Chile and Peru met in Lima "
        "on Monday."
    )
    ex = extract(text, _PUB)
    assert set(party_map(ex, only(ex))) == {"Chile", "Peru"}
