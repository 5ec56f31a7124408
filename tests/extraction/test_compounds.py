"""Hyphenated country compounds: "the US-China talks" names both sides, "the Israel-Iran
conflict" and "pro-Russian" name no party; a headline's weak talks join the story's meeting."""

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_both_sides_of_a_compound_before_talks_are_parties() -> None:
    ex = extract("The U.S.-Vietnam trade talks were held in Hanoi on Tuesday.", at("2025-07-24"))
    assert set(party_map(ex, only(ex))) == {"United States", "Vietnam"}


def test_a_compound_before_another_noun_is_no_party() -> None:
    ex = extract(
        "Prime Minister Shigeru Ishiba hosted President Ursula von der Leyen in Tokyo on Tuesday "
        "for talks, with little hope of agreement on issues such as the Israel-Iran conflict.",
        at("2025-07-24"),
    )
    parties = set(party_map(ex, only(ex)))
    assert not {"Israel", "Iran"} & parties


def test_a_lower_case_prefix_is_no_country() -> None:
    ex = extract(
        "Pro-Russian and anti-American groups protested as Prime Minister Narendra Modi met "
        "President Luiz Lula in Brasilia on Monday.",
        at("2025-07-24"),
    )
    assert {p.key for p in ex.participants if p.key.startswith("country:")} <= {"country:BR"}


def test_a_headline_compound_joins_the_story_meeting() -> None:
    ex = extract(
        "Doha hosts first direct Armenia-Azerbaijan talks in a decade\n\n"
        "DOHA\n\n"
        "Qatar has urged delegations from Armenia and Azerbaijan to seize the opportunity to "
        "end the dispute as the sides gathered for their first face-to-face peace talks in a "
        "decade.\n\n"
        "An Armenian delegation led by Foreign Minister Ararat Mirzoyan sat down with a small "
        "Azerbaijani team headed by presidential aide Hikmet Hajiyev.\n\n"
        "Azerbaijan's other two negotiators were named as Deputy Foreign Minister Elnur "
        "Mammadov and Deputy Defence Minister Karim Valiyev.\n\n"
        "The Armenian delegation included Deputy Foreign Minister Vahan Kostanyan.\n\n"
        "Qatari Foreign Minister Mohammed bin Abdulrahman Al Thani was present at the meeting "
        "and opened it with a short speech.\n\n"
        "Officials said the talks would go on into the evening.",
        at("2025-05-16"),
    )
    parties = set(party_map(ex, only(ex)))
    assert {"Ararat Mirzoyan", "Hikmet Hajiyev", "Elnur Mammadov", "Karim Valiyev"} <= parties
