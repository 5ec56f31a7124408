"""An arrival alone is no meeting ("X, who arrived in Pretoria on Wednesday, said …" is one
traveller; an arrival for talks with someone still reports a meeting of the two), and a relation
noun before "between" names a topic, even right after a quote ("the bonds of friendship")."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, party_map


def test_one_traveller_arriving_is_no_meeting_of_its_own() -> None:
    ex = extract(
        "President Thabo Ndlovu on Thursday welcomed Ghanaian President Kwame Asante to the "
        "Union Buildings for a state visit.\n\n"
        "Asante, who arrived in Pretoria on Wednesday evening, said Ghana wanted more trade.",
        at("2025-12-04"),
    )
    assert [m.start_date for m in ex.meetings] == [date(2025, 12, 4)]
    assert {"Thabo Ndlovu", "Kwame Asante"} <= set(party_map(ex, ex.meetings[0]))


def test_an_arrival_for_talks_with_someone_is_still_a_meeting() -> None:
    ex = extract(
        "Ghanaian President Kwame Asante arrived in Pretoria on Wednesday for talks with South "
        "African President Thabo Ndlovu.",
        at("2025-12-04"),
    )
    assert len(ex.meetings) == 1
    assert {"Kwame Asante", "Thabo Ndlovu"} <= set(party_map(ex, ex.meetings[0]))


def test_two_arriving_together_are_left_to_the_other_rules() -> None:
    ex = extract(
        "Ghanaian President Kwame Asante and Togolese President Faure Mensah arrived in Lome "
        "on Wednesday, where they held talks.",
        at("2025-12-04"),
    )
    assert any({"Kwame Asante", "Faure Mensah"} <= set(party_map(ex, m)) for m in ex.meetings)


def test_friendship_between_two_countries_is_a_topic_not_two_parties() -> None:
    ex = extract(
        "President Thabo Ndlovu on Thursday welcomed Ghanaian President Kwame Asante to "
        "Pretoria for talks.\n\n"
        'At a joint briefing, Ndlovu said the talks reaffirmed "the bonds of friendship" '
        "between South Africa and Ghana.",
        at("2025-12-04"),
    )
    parties = set(party_map(ex, ex.meetings[0]))
    assert {"Thabo Ndlovu", "Kwame Asante"} <= parties
    assert "Ghana" not in parties


def test_countries_listed_after_between_the_talks_take_part() -> None:
    ex = extract(
        "Talks between South Africa and Ghana opened in Pretoria on Thursday.", at("2025-12-04")
    )
    assert "Ghana" in set(party_map(ex, ex.meetings[0]))
