"""Dateline forms beyond the bracketed wire: the agency named without brackets, the day before
the month with a year (government releases), the capitalised place and colon of South Asian
dailies; and talks a dated clause ends with "during" are that day's meeting."""

from service.extraction import extract
from service.extraction.gazetteer import Gazetteer
from service.extraction.segmentation import layout
from tests.extraction.helpers import at, only, party_map


def test_an_agency_named_without_brackets_after_the_date() -> None:
    text = "NAIROBI, Nov. 4 Kyodo - Kenyan President Amani Otieno met envoys on Monday."
    story = layout(text, Gazetteer(())).segments[-1]
    assert (story.city, story.country, story.month_day) == ("Nairobi", "KE", (11, 4))
    assert story.lead_end is not None
    assert text[story.lead_end :].startswith("Kenyan President")


def test_a_day_before_the_month_with_a_year() -> None:
    text = "LIMA, 9 April 2025 – The minister received the delegation today."
    story = layout(text, Gazetteer(())).segments[-1]
    assert (story.city, story.country, story.month_day) == ("Lima", "PE", (4, 9))


def test_a_capitalised_place_and_a_colon() -> None:
    text = "ISLAMABAD: Foreign Minister Farid Qureshi held talks with envoys on Monday."
    story = layout(text, Gazetteer(())).segments[-1]
    assert (story.city, story.country) == ("Islamabad", "PK")
    assert story.lead_end is not None
    assert text[story.lead_end :].startswith("Foreign Minister")


def test_a_label_and_a_colon_is_no_dateline() -> None:
    text = "Lima: The minister received the delegation today."
    story = layout(text, Gazetteer(())).segments[-1]
    assert story.city is None
    assert story.lead_end is None


def test_a_word_before_a_colon_that_is_no_place_is_no_dateline() -> None:
    text = "UPDATE: The minister received the delegation today."
    assert layout(text, Gazetteer(())).segments[-1].city is None


def test_talks_a_dated_clause_ends_with_during_are_that_days_meeting() -> None:
    ex = extract(
        "MANILA, June 3 Kyodo - Philippine President Ramon Cruz and Thai Prime Minister Anong "
        "Srisuk agreed Tuesday to expand coast guard drills during talks in Manila.",
        at("2025-06-03"),
    )
    meeting = only(ex)
    assert meeting.status == "held"
    assert str(meeting.start_date) == "2025-06-03"
    assert {"Ramon Cruz", "Anong Srisuk"} <= set(party_map(ex, meeting))


def test_talks_during_an_undated_sentence_name_another_event() -> None:
    ex = extract(
        "Philippine President Ramon Cruz raised the matter during talks with donors, aides said.",
        at("2025-06-03"),
    )
    assert all(m.start_date is None for m in ex.meetings)
