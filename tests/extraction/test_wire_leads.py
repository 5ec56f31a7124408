"""Wire-style leads and the people in them: the "CITY, Month Day (Agency) -" dateline, photo
position marks, a title inside a name run, names glued in a compound, a name's inner short form,
the pair a plural pronoun stands for, the tense of the clause that holds a date, two leaders and
their officials as a bilateral meeting, and relation nouns before "between"."""

from datetime import date

import pytest

from service.extraction import extract
from service.extraction.gazetteer import Gazetteer
from service.extraction.segmentation import layout
from tests.extraction.helpers import at, only, party_map


def test_a_wire_dateline_with_its_date_opens_a_story() -> None:
    text = (
        "Leaders meet in Seoul\n\n"
        "SEOUL, June 3 (Reuters) - President Amara Osei met Prime Minister Kenji Mori on Tuesday."
    )
    lay = layout(text, Gazetteer(()))
    story = lay.segments[-1]
    assert (story.city, story.country, story.month_day) == ("Seoul", "KR", (6, 3))
    assert story.lead_end is not None
    assert text[story.lead_end :].startswith("President Amara Osei")


def test_a_dateline_without_a_date_has_none() -> None:
    lay = layout("OSLO (AP) — Talks opened on Monday.", Gazetteer(()))
    assert lay.segments[-1].month_day is None
    assert lay.segments[-1].city == "Oslo"


def test_they_stand_for_the_pair_the_lead_opens_with() -> None:
    ex = extract(
        "ACCRA, March 4 (Reuters) - Ghanaian President John Mahama and Ivorian President Alassane "
        "Ouattara pledged on Monday to reopen a border crossing, as they met in Accra for talks.",
        at("2025-03-04"),
    )
    parties = party_map(ex, only(ex))
    assert {"John Mahama", "Alassane Ouattara"} <= set(parties)


def test_they_with_no_pair_opening_the_sentence_adds_no_one() -> None:
    ex = extract(
        "Reporters waited for hours outside the palace while Ghanaian President John Mahama spoke "
        "to aides, and later they met in Accra for talks on Monday.",
        at("2025-03-04"),
    )
    for meeting in ex.meetings:
        assert "John Mahama" not in party_map(ex, meeting) or len(meeting.participants) == 1


def test_photo_position_marks_do_not_cut_a_name_from_its_verb() -> None:
    ex = extract(
        "President Amara Osei (C) welcomes Prime Minister Kenji Mori (R) at the State House in "
        "Accra on May 2, 2025.",
        at("2025-05-03"),
    )
    parties = party_map(ex, only(ex))
    assert parties["Amara Osei"][1] == "host"
    assert "Kenji Mori" in parties


def test_a_letter_in_brackets_that_is_no_position_stays() -> None:
    lay = layout("The plan (B) was dropped; Amara Osei (Ghana) spoke.", Gazetteer(()))
    assert "(B)" in lay.masked
    assert "(Ghana)" in lay.masked


def test_a_title_inside_a_name_run_ends_what_stood_before_the_name() -> None:
    ex = extract(
        "South Korean President Lee Jae-myung pledged on Monday to deepen ties with Tokyo.",
        at("2025-05-13"),
    )
    people = {p.name for p in ex.participants if p.type == "person"}
    assert not any("Korean" in name for name in people)


def test_a_surname_that_is_a_title_word_stays_a_name() -> None:
    ex = extract(
        "Analyst Rachel King said: “The talks in Nairobi on Monday went very well for both sides.”",
        at("2025-05-13"),
    )
    assert [s.speaker_key for s in ex.statements] == ["person:rachel king"]


def test_both_names_of_a_compound_before_a_meeting_are_parties() -> None:
    ex = extract(
        "Kenyan President William Ruto welcomed Tanzanian President Samia Suluhu Hassan in "
        "Nairobi on Tuesday.\n\nBefore the Ruto-Hassan meeting, aides of both sides met at the "
        "border.",
        at("2025-05-13"),
    )
    dated = [m for m in ex.meetings if m.start_date == date(2025, 5, 13)]
    assert dated
    assert {"William Ruto", "Samia Suluhu Hassan"} <= set(party_map(ex, dated[0]))


def test_a_compound_of_names_before_another_noun_names_no_party() -> None:
    ex = extract(
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
        "Tuesday. The Ruto-Hassan rivalry was not discussed.",
        at("2025-05-13"),
    )
    for meeting in ex.meetings:
        assert "Samia Suluhu Hassan" not in party_map(ex, meeting)


def test_an_inner_word_of_a_long_name_is_its_short_form() -> None:
    ex = extract(
        "Brazilian President Luiz Inacio Lula da Silva landed in Lisbon on Monday. Lula met "
        "Portuguese Prime Minister Luis Montenegro on Tuesday.",
        at("2025-04-23"),
    )
    meeting = next(m for m in ex.meetings if m.start_date == date(2025, 4, 22))
    assert {"Luiz Inacio Lula da Silva", "Luis Montenegro"} <= set(party_map(ex, meeting))


def test_an_inner_word_that_is_another_persons_surname_is_theirs() -> None:
    ex = extract(
        "Carlos Ramos Silva, an economist, was in Lisbon. Minister Ana Ramos met Foreign Minister "
        "Paulo Rangel on Tuesday.",
        at("2025-04-23"),
    )
    meeting = only(ex)
    assert "Carlos Ramos Silva" not in party_map(ex, meeting)


def test_two_triggers_without_a_comma_are_never_cut_inside_a_name() -> None:
    ex = extract(
        "Brazilian President Luiz Inacio Lula da Silva spoke by phone on Thursday with French "
        "President Emmanuel Macron about the climate conference in Belem.",
        at("2025-05-13"),
    )
    call = next(m for m in ex.meetings if m.kind == "call")
    assert {"Luiz Inacio Lula da Silva", "Emmanuel Macron"} <= set(party_map(ex, call))


def test_a_dates_own_clause_decides_its_tense() -> None:
    ex = extract(
        "President Luiz Inacio Lula da Silva spoke by phone on Thursday with President Emmanuel "
        "Macron about the upcoming climate conference, the presidency said.",
        at("2025-05-13"),  # a Tuesday
    )
    call = next(m for m in ex.meetings if m.kind == "call")
    assert call.start_date == date(2025, 5, 8)
    assert call.status == "held"


def test_a_date_before_its_verb_takes_the_sentences_tense() -> None:
    ex = extract(
        "On Thursday, President Amara Osei will meet Prime Minister Kenji Mori in Accra.",
        at("2025-05-13"),
    )
    meeting = only(ex)
    assert meeting.start_date == date(2025, 5, 15)
    assert meeting.status == "planned"


def test_two_leaders_with_their_ministers_meet_bilaterally() -> None:
    ex = extract(
        "Japanese Prime Minister Kenji Mori hosted Kenyan President William Ruto for a summit in "
        "Tokyo on Monday. Japanese Foreign Minister Aiko Sato and Kenyan Foreign Minister Musalia "
        "Mudavadi joined the summit.",
        at("2025-05-13"),
    )
    assert only(ex).kind == "bilateral"


def test_a_third_countrys_official_keeps_it_a_summit() -> None:
    ex = extract(
        "Japanese Prime Minister Kenji Mori hosted Kenyan President William Ruto for a summit in "
        "Tokyo on Monday. Indian Foreign Minister Ravi Menon joined the summit.",
        at("2025-05-13"),
    )
    assert only(ex).kind != "bilateral"


def test_a_relation_between_two_countries_is_the_topic_not_the_parties() -> None:
    ex = extract(
        "President Amara Osei and Prime Minister Kenji Mori held a phone call on Monday. The call "
        "came amid accusations between Ghana and Togo over smuggling.",
        at("2025-05-13"),
    )
    for meeting in ex.meetings:
        assert not {"Ghana", "Togo"} & set(party_map(ex, meeting))


def test_talks_a_dated_clause_ends_with_are_that_days_meeting() -> None:
    ex = extract(
        "MANILA, Philippines — Philippine President Maria Santos and Vietnamese Prime Minister "
        "Tran Van Minh signed a maritime accord on Wednesday after talks at the Malacanang Palace.",
        at("2025-07-24"),  # a Thursday
    )
    meeting = only(ex)
    assert meeting.start_date == date(2025, 7, 23)
    assert {"Maria Santos", "Tran Van Minh"} <= set(party_map(ex, meeting))


@pytest.mark.parametrize(
    "link", ["at the end of", "at the close of their", "at the conclusion of their", "during"]
)
def test_talks_a_dated_clause_closes_with_are_that_days_meeting(link: str) -> None:
    ex = extract(
        "Philippine President Maria Santos and Vietnamese Prime Minister Tran Van Minh on "
        f"Wednesday unveiled a joint coast guard, {link} talks in Manila.",
        at("2025-07-24"),
    )
    meeting = only(ex)
    assert meeting.start_date == date(2025, 7, 23)
    assert {"Maria Santos", "Tran Van Minh"} <= set(party_map(ex, meeting))


def test_the_end_of_talks_without_a_date_stays_a_reference() -> None:
    ex = extract(
        "Philippine President Maria Santos praised the accord reached at the end of talks with "
        "Vietnam.",
        at("2025-07-24"),
    )
    assert not [m for m in ex.meetings if m.start_date is not None]


def test_talks_after_an_undated_clause_stay_a_reference() -> None:
    ex = extract(
        "Philippine President Maria Santos praised the accord signed after talks with Vietnam.",
        at("2025-07-24"),
    )
    assert not [m for m in ex.meetings if m.start_date is not None]


def test_the_datelines_city_places_a_meeting_in_its_country() -> None:
    ex = extract(
        "MANILA, Philippines — Philippine President Maria Santos hosted Vietnamese Prime Minister "
        "Tran Van Minh for talks in the Philippines on Wednesday.",
        at("2025-07-24"),
    )
    meeting = only(ex)
    assert (meeting.city, meeting.country) == ("Manila", "PH")


def test_the_datelines_city_never_moves_a_meeting_abroad() -> None:
    ex = extract(
        "MANILA, Philippines — Philippine President Maria Santos met Vietnamese Prime Minister "
        "Tran Van Minh for talks in Vietnam on Wednesday.",
        at("2025-07-24"),
    )
    meeting = only(ex)
    assert meeting.city != "Manila"


def test_a_portfolio_between_demonym_and_title_keeps_the_affiliation() -> None:
    ex = extract(
        "Indian Commerce Minister Ravi Menon met British Business Secretary Tom Hale in London on "
        "Monday.",
        at("2025-07-24"),
    )
    by_person = {r.person_key: (r.title, r.affiliation_key) for r in ex.roles}
    assert by_person["person:ravi menon"] == ("Commerce Minister", "country:IN")
    assert by_person["person:tom hale"] == ("Business Secretary", "country:GB")


def test_a_leaders_counterpart_makes_the_meeting_bilateral() -> None:
    ex = extract(
        "British Prime Minister Tom Hale hosted his Indian counterpart Ravi Menon for a summit at "
        "Chequers on Thursday.",
        at("2025-07-25"),
    )
    assert only(ex).kind == "bilateral"


def test_two_ministers_counterparts_are_not_leaders() -> None:
    ex = extract(
        "British Trade Minister Tom Hale hosted his Indian counterpart Ravi Menon and Japanese "
        "Trade Minister Aiko Sato for talks in London on Thursday.",
        at("2025-07-25"),
    )
    assert only(ex).kind != "bilateral"


def test_an_abbreviated_title_after_a_lower_case_one_is_no_person() -> None:
    ex = extract(
        "Foreign Minister Leyla Demir met army chief Gen. Omar Haddad in Ankara on Friday.",
        at("2025-07-26"),
    )
    people = {p.name for p in ex.participants if p.type == "person"}
    assert "Gen" not in people
    assert {"Leyla Demir", "Omar Haddad"} <= set(party_map(ex, only(ex)))


def test_a_surname_with_an_article_prefix_is_found_without_it() -> None:
    ex = extract(
        "Foreign Minister Leyla Demir met Gen. Omar al-Rashid in Ankara on Friday.\n\n"
        "Rashid said: “We welcome every sincere effort to end this war in our country.”",
        at("2025-07-26"),
    )
    assert [s.speaker_key for s in ex.statements] == ["person:omar al-rashid"]


def test_the_general_is_the_person_titled_gen() -> None:
    ex = extract(
        "Foreign Minister Leyla Demir met Gen. Omar al-Rashid in Ankara on Friday.\n\n"
        "“We will not negotiate with a militia that kills civilians,” the general said.",
        at("2025-07-26"),
    )
    assert [s.speaker_key for s in ex.statements] == ["person:omar al-rashid"]


def test_who_spoke_after_the_meeting_took_part() -> None:
    ex = extract(
        "EU foreign ministers met in Brussels on Monday to discuss aid for Moldova.\n\n"
        "EU foreign policy chief Kaja Kallas said after the meeting that the bloc would act.",
        at("2025-07-22"),
    )
    assert "Kaja Kallas" in party_map(ex, only(ex))


def test_opening_remarks_at_the_summit_make_their_speaker_a_party() -> None:
    ex = extract(
        "African Union leaders gathered in Addis Ababa on Saturday for a summit on food security."
        "\n\nIn his opening remarks at the summit, Commission chairman Mahmoud Ali Youssouf said "
        "the continent could feed itself.",
        at("2025-02-16"),
    )
    assert "Mahmoud Ali Youssouf" in party_map(ex, only(ex))


def test_with_two_held_meetings_the_meeting_names_neither() -> None:
    ex = extract(
        "President Amara Osei met Prime Minister Kenji Mori in Accra on Monday. On Tuesday, "
        "President Amara Osei met King Tomas Berg in Kumasi.\n\n"
        "Analyst Rachel Moss said after the meeting that trade would grow.",
        at("2025-07-23"),
    )
    for meeting in ex.meetings:
        assert "Rachel Moss" not in party_map(ex, meeting)


def test_people_of_two_countries_meet_bilaterally() -> None:
    ex = extract(
        "Omani Deputy Prime Minister Fahd bin Mahmoud received Iran's Foreign Minister Reza Karimi in Muscat on "
        "Thursday. Oman's Foreign Minister Badr Albusaidi also attended.",
        at("2025-04-18"),
    )
    assert only(ex).kind == "bilateral"


def test_people_of_three_countries_are_no_bilateral() -> None:
    ex = extract(
        "Omani Deputy Prime Minister Fahd bin Mahmoud received Iran's Foreign Minister Reza Karimi in Muscat on "
        "Thursday. Qatar's Foreign Minister Ali Thani also attended.",
        at("2025-04-18"),
    )
    assert only(ex).kind != "bilateral"


def test_talks_of_two_delegations_stay_talks() -> None:
    ex = extract(
        "Omani Foreign Minister Badr Albusaidi and Iranian Foreign Minister Reza Karimi held talks "
        "in Muscat on Thursday with Omani and Iranian delegations.",
        at("2025-04-18"),
    )
    assert only(ex).kind == "talks"


def test_a_reporting_aside_leaves_the_date_to_the_meeting() -> None:
    ex = extract(
        "Pope Leo XIV received President Amara Osei at the Vatican on Tuesday, the Holy See said, "
        "their first meeting since the election.",
        at("2025-07-09"),  # a Wednesday
    )
    assert only(ex).start_date == date(2025, 7, 8)


def test_an_announcement_still_keeps_its_own_date() -> None:
    ex = extract(
        "On Tuesday, President Amara Osei announced a meeting with Prime Minister Kenji Mori.",
        at("2025-07-09"),
    )
    assert all(m.start_date != date(2025, 7, 8) for m in ex.meetings)


def test_a_headline_above_the_first_dateline_belongs_to_its_story() -> None:
    text = (
        "Osei meets Mori in Accra\n\n"
        "ACCRA, Ghana — President Amara Osei received Prime Minister Kenji Mori in Accra on "
        "Tuesday for talks on cocoa exports."
    )
    lay = layout(text, Gazetteer(()))
    assert len(lay.segments) == 1
    assert (lay.segments[0].city, lay.segments[0].country) == ("Accra", "GH")
    ex = extract(text, at("2025-07-09"))
    meeting = only(ex)
    assert meeting.start_date == date(2025, 7, 8)
    assert meeting.status == "held"


def test_a_second_dateline_after_prose_opens_another_story() -> None:
    text = (
        "ACCRA, Ghana — President Amara Osei received Prime Minister Kenji Mori on Tuesday.\n\n"
        "LOME, Togo — Togolese President Faure Gnassingbe met business leaders."
    )
    assert len(layout(text, Gazetteer(())).segments) == 2


def test_readiness_to_host_talks_is_no_meeting_of_their_parties() -> None:
    ex = extract(
        "Pope Leo XIV received President Amara Osei at the Vatican on Tuesday.\n\n"
        "Osei thanked the pope for his readiness to host negotiations between Ghana and Togo.",
        at("2025-07-09"),
    )
    assert not {"Ghana", "Togo"} & set(party_map(ex, only(ex)))


def test_a_list_among_the_leaders_attending_takes_part() -> None:
    ex = extract(
        "Pacific leaders opened their summit in Suva on Monday.\n\n"
        "Fijian Prime Minister Sitiveni Rabuka, Samoan Prime Minister Fiame Mata'afa Jr. and "
        "Tongan Prime Minister Aisake Eke were among the leaders attending.",
        at("2025-05-26"),
    )
    parties = set(party_map(ex, only(ex)))
    assert {"Sitiveni Rabuka", "Aisake Eke"} <= parties


def test_a_list_of_titled_people_is_no_apposition() -> None:
    ex = extract(
        "Fijian Prime Minister Sitiveni Rabuka, Samoan Prime Minister Tuala Leota and Tongan "
        "Prime Minister Aisake Eke met in Suva on Monday.",
        at("2025-05-26"),
    )
    titles = {(r.person_key, r.title) for r in ex.roles}
    assert ("person:sitiveni rabuka", "Prime Minister") in titles
    assert not any("Leota" in title for _, title in titles)


def test_who_attended_did_not_attend_tomorrows_meeting() -> None:
    ex = extract(
        "Pacific leaders opened their summit in Suva on Monday.\n\n"
        "Palauan President Surangel Whipps attended as an observer. Chinese Premier Li Wen is "
        "expected to join a separate meeting with the leaders on Tuesday.",
        at("2025-05-26"),
    )
    held = next(m for m in ex.meetings if m.status == "held")
    assert "Surangel Whipps" in party_map(ex, held)
    for meeting in ex.meetings:
        if meeting is not held:
            assert "Surangel Whipps" not in party_map(ex, meeting)


def test_a_headline_folds_into_the_one_meeting_of_the_people_it_names() -> None:
    ex = extract(
        "Osei holds talks with visiting Togolese leader\n\n"
        "ACCRA, Aug. 19 (Xinhua) -- Ghanaian President Amara Osei held talks with Togolese "
        "President Faure Gnassingbe in Accra on Monday.",
        at("2024-08-20"),
    )
    meeting = only(ex)
    assert {"Amara Osei", "Faure Gnassingbe"} <= set(party_map(ex, meeting))


def test_a_headline_naming_someone_of_two_meetings_stays_apart() -> None:
    ex = extract(
        "Osei holds talks\n\n"
        "ACCRA, Aug. 19 (Xinhua) -- Ghanaian President Amara Osei met Togolese President Faure "
        "Gnassingbe in Accra on Monday. On Tuesday, Osei met Nigerian President Bola Tinubu in "
        "Kumasi.",
        at("2024-08-21"),
    )
    pairs = [set(party_map(ex, m)) for m in ex.meetings if len(m.participants) >= 2]
    assert sorted(map(sorted, pairs)) == [
        ["Amara Osei", "Bola Tinubu"],
        ["Amara Osei", "Faure Gnassingbe"],
    ]


def test_a_meeting_agreed_on_is_planned() -> None:
    ex = extract(
        "Chancellor Anna Weber met Prime Minister Jan Nowak in Warsaw on Tuesday.\n\n"
        "A spokesman said the two leaders had agreed to hold joint cabinet consultations in the "
        "autumn.",
        at("2025-05-14"),
    )
    held = [m for m in ex.meetings if m.status == "held"]
    assert [m.start_date for m in held] == [date(2025, 5, 13)]


def test_the_weekday_of_the_lead_beats_the_datelines_filing_day() -> None:
    # November 14, 2025 is a Friday: "on Thursday" is the day before the filing
    ex = extract(
        "KIGALI, Nov. 14 (Reuters) - Rwandan President Esther Uwase held talks with Burundian "
        "President Jean Ndikumana on Thursday in Kigali, the presidency said.",
        at("2025-11-14"),
    )
    meeting = only(ex)
    assert (meeting.start_date, meeting.date_precision) == (date(2025, 11, 13), "day")


def test_an_undated_lead_still_takes_the_datelines_day() -> None:
    ex = extract(
        "KIGALI, Nov. 12 (Reuters) - Rwandan President Esther Uwase held talks with Burundian "
        "President Jean Ndikumana in Kigali, the presidency said.",
        at("2025-11-14"),
    )
    assert only(ex).start_date == date(2025, 11, 12)
