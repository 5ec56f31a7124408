""" "The call came a day after A met B": the sentence's subject ("the call") is the story's
meeting, and the event it is dated by is another; neither takes the other's kind or place."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, party_map

_PUB = at("2026-03-11")  # a Wednesday


@pytest.mark.parametrize("noun", ["call", "conversation"])
def test_the_anchor_keeps_its_own_kind_and_place(noun: str) -> None:
    text = (
        "Foreign Minister Rosa Ibarra spoke by phone on Tuesday with Indian External Affairs "
        f"Minister Ravi Nair. The {noun} came a day after Nair met Chinese Foreign Minister Li Wen "
        "in New Delhi."
    )
    ex = extract(text, _PUB)
    by_date = {str(m.start_date): m for m in ex.meetings}
    assert set(by_date) == {"2026-03-10", "2026-03-09"}
    assert by_date["2026-03-10"].kind == "call"
    earlier = by_date["2026-03-09"]
    assert (earlier.kind, earlier.city) == ("bilateral", "New Delhi")
    assert set(party_map(ex, earlier)) == {"Ravi Nair", "Li Wen"}


def test_a_later_sentence_still_joins_the_meeting_it_names() -> None:
    # negative: without an anchor in its sentence, "the call" is the call already reported
    text = (
        "Foreign Minister Rosa Ibarra spoke by phone on Tuesday with Indian External Affairs "
        "Minister Ravi Nair. The call lasted an hour."
    )
    ex = extract(text, _PUB)
    assert [(m.kind, str(m.start_date)) for m in ex.meetings] == [("call", "2026-03-10")]
