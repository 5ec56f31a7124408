"""A meeting noun opening a sentence ("Talks between A and B were held …"), countries as the
subject of a verb governing a meeting noun, and the subject of the talks, who did not meet."""

from datetime import date

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Armenia and Azerbaijan were held in Doha on Monday.",
        "DOHA (Reuters) - Talks between Armenia and Azerbaijan took place on Monday.",
        "Negotiations between Armenia and Azerbaijan took place in Doha on Monday.",
    ],
)
def test_a_meeting_noun_opening_a_sentence_is_a_meeting(text: str) -> None:
    meeting = only(extract(text, at("2025-07-24")))
    assert meeting.start_date == date(2025, 7, 21)


def test_a_capitalised_noun_that_is_not_a_meeting_stays_one() -> None:
    assert extract("Summit Street was closed on Monday.", at("2025-07-24")).meetings == []
    assert extract("Talks Collapse as Rivals Walk Out", at("2025-07-24")).meetings == []


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan held talks in Doha on Monday.",
        "Armenia and Azerbaijan began their peace talks in Doha on Monday.",
    ],
)
def test_countries_governing_a_meeting_noun_are_its_parties(text: str) -> None:
    ex = extract(text, at("2025-07-24"))
    assert set(party_map(ex, only(ex))) == {"Armenia", "Azerbaijan"}


def test_countries_holding_something_else_hold_no_meeting() -> None:
    assert extract("Chile and Peru held elections on Monday.", at("2025-07-24")).meetings == []


def test_the_subject_of_the_talks_did_not_meet() -> None:
    ex = extract(
        "President Emmanuel Macron met Prime Minister Narendra Modi in Paris on Monday. The two "
        "leaders called for a peaceful solution to the conflict between Israel and Iran at the "
        "meeting.",
        at("2025-07-24"),
    )
    assert set(party_map(ex, only(ex))) == {"Emmanuel Macron", "Narendra Modi"}


def test_talks_between_two_sides_still_name_them() -> None:
    ex = extract("The talks between Chile and Peru were held in Lima on Monday.", at("2025-07-24"))
    assert set(party_map(ex, only(ex))) == {"Chile", "Peru"}


def test_full_names_beside_a_meeting_verb_are_people() -> None:
    ex = extract(
        "Marco Rubio met Chinese Foreign Minister Wang Yi in Kuala Lumpur on Friday.",
        at("2025-07-12"),
    )
    assert set(party_map(ex, only(ex))) == {"Marco Rubio", "Wang Yi"}


def test_a_counterpart_named_without_a_comma_takes_part() -> None:
    ex = extract(
        "Secretary of State Marco Rubio met with his Chinese counterpart Wang Yi in Kuala Lumpur "
        "on Friday.",
        at("2025-07-12"),
    )
    assert set(party_map(ex, only(ex))) == {"Marco Rubio", "Wang Yi"}


def test_places_and_outlets_beside_a_meeting_verb_are_not_people() -> None:
    ex = extract(
        "Saudi Arabia hosted the talks in Jeddah on Monday. The minister received The Guardian "
        "reporters later.",
        at("2025-07-12"),
    )
    assert [p for p in ex.participants if p.key.startswith("person:")] == []


def test_a_title_after_a_meeting_verb_is_not_read_into_the_name() -> None:
    ex = extract(
        "Vietnam's To Lam met Cambodian Prime Minister Hun Manet in Hanoi on Monday.",
        at("2025-07-12"),
    )
    assert set(party_map(ex, only(ex))) == {"To Lam", "Hun Manet"}


@pytest.mark.parametrize("phrase", ["a virtual meeting", "an online meeting", "virtual talks"])
def test_a_meeting_over_a_screen_is_a_call_of_virtual_parties(phrase: str) -> None:
    ex = extract(
        f"Prime Minister Narendra Modi held {phrase} with Australian Prime Minister Anthony "
        "Albanese on Thursday.",
        at("2025-07-12"),
    )
    call = only(ex)
    assert call.kind == "call"
    assert {mode for mode, _ in party_map(ex, call).values()} == {"virtual"}


def test_a_meeting_in_a_room_stays_in_person() -> None:
    ex = extract(
        "President Xi Jinping met President Emmanuel Macron in Paris on Monday.", at("2025-07-12")
    )
    meeting = only(ex)
    assert meeting.kind == "bilateral"
    assert {mode for mode, _ in party_map(ex, meeting).values()} == {"in_person"}


def test_leaders_meeting_virtually_are_still_a_summit() -> None:
    ex = extract(
        "Leaders of France, Germany, Italy and Spain held a virtual meeting on Sunday.",
        at("2025-07-12"),
    )
    meeting = only(ex)
    assert meeting.kind == "summit"
    assert {mode for mode, _ in party_map(ex, meeting).values()} == {"virtual"}
