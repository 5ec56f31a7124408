"""Which event a meeting word names: talks a verb holds, a summit named only in passing, the
place of another trip, and a dated mention that dates the story's meeting."""

from datetime import date

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_talks_a_verb_holds_are_a_meeting_even_undated() -> None:
    ex = extract(
        "Malaysian Prime Minister Anwar Ibrahim held bilateral talks with Vietnamese President "
        "Luong Cuong in the port city of Haiphong.",
        at("2025-10-02"),
    )
    meeting = only(ex)
    assert {"Anwar Ibrahim", "Luong Cuong"} <= set(party_map(ex, meeting))
    assert meeting.kind == "bilateral"
    assert meeting.city == "Haiphong"


def test_talks_named_as_a_process_are_no_meeting() -> None:
    ex = extract(
        "Vietnamese President Luong Cuong and Prime Minister Anwar Ibrahim discussed progress in "
        "the maritime talks.",
        at("2025-10-02"),
    )
    assert ex.meetings == []


def test_meetings_in_the_plural_a_verb_holds_are_no_single_meeting() -> None:
    ex = extract(
        "The foreign ministry said Hanoi will host meetings with several partners in the coming "
        "days.",
        at("2025-10-02"),
    )
    assert ex.meetings == []


def test_a_summit_named_in_passing_is_neither_the_meeting_nor_a_party() -> None:
    ex = extract(
        "Hours ahead of the Association of Southeast Asian Nations (ASEAN) summit, Thai Prime "
        "Minister Anutin Charnvirakul held talks with Philippine President Ferdinand Marcos Jr. in "
        "Kuala Lumpur on Sunday.",
        at("2025-10-26"),
    )
    meeting = only(ex)
    parties = set(party_map(ex, meeting))
    assert "Anutin Charnvirakul" in parties
    assert any(p.startswith("Ferdinand Marcos") for p in parties)
    assert not any("ASEAN" in p or "Association" in p for p in parties)
    assert meeting.kind == "bilateral"
    assert meeting.start_date == date(2025, 10, 26)


def test_the_summit_itself_is_still_a_meeting() -> None:
    ex = extract(
        "Leaders of the Association of Southeast Asian Nations (ASEAN) opened their summit in "
        "Kuala Lumpur on Sunday.",
        at("2025-10-26"),
    )
    meeting = only(ex)
    assert meeting.kind == "summit"
    assert meeting.start_date == date(2025, 10, 26)


def test_the_place_of_another_trip_is_not_the_meetings() -> None:
    ex = extract(
        "Brazilian President Luiz Inácio Lula da Silva met Chilean President Gabriel Boric in "
        "Brasília on Monday.\n\nThe meeting also covered preparations for Lula's visit to Japan, "
        "scheduled for March.",
        at("2025-11-10"),
    )
    meeting = only(ex)
    assert (meeting.city, meeting.country) == ("Brasília", "BR")


TALKS = (
    "Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan at "
    "State House in Nairobi."
)


def test_our_meeting_today_dates_the_story_meeting() -> None:
    quote = (
        '"I thank you for your hospitality and for our meeting today," Hassan told her host, '
        "adding that trade had doubled."
    )
    for paragraphs in ([TALKS, quote], [TALKS, "Trade between the neighbours has grown.", quote]):
        ex = extract("\n\n".join(paragraphs), at("2025-07-14"))
        meeting = only(ex)
        assert meeting.start_date == date(2025, 7, 14)
        assert {"William Ruto", "Samia Suluhu Hassan"} <= set(party_map(ex, meeting))


def test_a_next_meeting_does_not_date_the_story_meeting() -> None:
    later = '"We agreed that our next meeting will be in Dodoma on Friday," Ruto said.'
    ex = extract("\n\n".join([TALKS, later]), at("2025-07-14"))
    talks = [m for m in ex.meetings if m.city == "Nairobi"]
    assert len(talks) == 1
    assert talks[0].start_date != date(2025, 7, 18)


def test_the_event_taking_place_dates_and_places_the_storys_summit() -> None:
    ex = extract(
        "Indonesia has welcomed Brazilian President Luiz Lula to the upcoming Group of 20 "
        "summit, where he is expected to hold talks with Chinese Premier Li Qiang and South "
        "African President Cyril Ramaphosa.\n\nThe event is scheduled to take place in Bali "
        "from November 16 to 17.",
        at("2025-10-20"),
    )
    summit = next(m for m in ex.meetings if m.start_date is not None)
    assert summit.start_date == date(2025, 11, 16)
    assert summit.city == "Bali" or summit.country == "ID"
    assert summit.status == "planned"


def test_an_event_with_no_story_meeting_is_no_meeting() -> None:
    ex = extract(
        "The event is scheduled to take place in Bali from November 16 to 17, organisers said.",
        at("2025-10-20"),
    )
    assert ex.meetings == []


def test_an_event_a_week_before_todays_meeting_is_dated_a_week_before() -> None:
    ex = extract(
        "Finnish President Alexander Stubb welcomed Estonian Prime Minister Kaja Tamm to Helsinki "
        "for talks.\n\n"
        "Today's talks come a week after Tamm met Latvian officials in Riga.",
        at("2026-05-12"),
    )
    by_city = {m.city: m for m in ex.meetings}
    assert by_city["Helsinki"].start_date == date(2026, 5, 12)
    assert by_city["Riga"].start_date == date(2026, 5, 5)


def test_the_city_visited_is_the_meetings_not_the_city_of_a_summit_ahead() -> None:
    ex = extract(
        "Commonwealth Secretary-General Amina Bello visited Nairobi on Wednesday for talks with "
        "Kenyan President Daniel Otieno ahead of the organisation's summit in Kigali.",
        at("2026-05-15"),
    )
    m = only(ex)
    assert (m.city, m.country) == ("Nairobi", "KE")
    assert m.kind != "summit"


def test_a_summit_ahead_named_first_does_not_place_the_meeting() -> None:
    ex = extract(
        "Ahead of the G20 summit in Johannesburg, South African President Thabo Nkosi met Indian "
        "Prime Minister Ravi Kumar in Pretoria on Thursday.",
        at("2026-05-15"),
    )
    assert only(ex).city == "Pretoria"


def test_the_summit_itself_keeps_its_city() -> None:
    ex = extract(
        "Leaders of the African Union met at a summit in Kigali on Thursday.", at("2026-05-15")
    )
    assert only(ex).city == "Kigali"
