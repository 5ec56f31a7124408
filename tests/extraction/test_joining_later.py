"""A party said to join a meeting later ("is expected to join the talks later this week") did
not attend the meeting already held; a party that joined, or held talks, did."""

from service.extraction import extract
from tests.extraction.helpers import at, party_map

_PUB = at("2026-03-10")  # a Tuesday


def _held(text: str) -> dict[str, tuple[str, str]]:
    ex = extract(text, _PUB)
    held = [m for m in ex.meetings if m.status == "held"]
    assert len(held) == 1, [(m.status, m.start_date) for m in ex.meetings]
    return party_map(ex, held[0])


def test_an_envoy_expected_to_join_later_is_no_attendee_of_the_held_talks() -> None:
    text = (
        "Armenian Foreign Minister Levon Sargsyan held talks with Azerbaijani Foreign Minister "
        "Elnur Mammadov in Tbilisi on Monday. Swiss envoy Lukas Meier is expected to join the "
        "talks later this week."
    )
    parties = _held(text)
    assert "Levon Sargsyan" in parties
    assert "Elnur Mammadov" in parties
    assert "Lukas Meier" not in parties


def test_a_minister_who_will_attend_the_next_round_is_no_attendee() -> None:
    text = (
        "Serbian President Milan Petrovic met Kosovo Prime Minister Arben Krasniqi in Brussels "
        "on Monday. Austrian Chancellor Karl Huber will attend the talks when they resume."
    )
    assert "Karl Huber" not in _held(text)


def test_a_party_that_joined_the_talks_attended() -> None:
    # negative: told in the past, the joining happened
    text = (
        "Armenian Foreign Minister Levon Sargsyan held talks with Azerbaijani Foreign Minister "
        "Elnur Mammadov in Tbilisi on Monday. Swiss envoy Lukas Meier joined the talks later."
    )
    assert "Lukas Meier" in _held(text)
