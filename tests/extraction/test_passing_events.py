"""An event named in passing ("on the sidelines of the ASEAN foreign ministers' meeting", "ahead
of an Arab League summit") gives the meeting reported beside it neither its kind nor its owner
as a party; a meeting on its sidelines is held where it is."""

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-10")  # a Tuesday


def test_sidelines_of_a_ministers_meeting_leaves_the_bilateral_its_kind() -> None:
    text = (
        "Thai Foreign Minister Somchai Prasert met his Vietnamese counterpart Nguyen Van Hoa on "
        "the sidelines of the ASEAN foreign ministers' meeting in Vientiane on Monday."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert m.kind == "bilateral"
    assert str(m.start_date) == "2026-03-09"
    assert m.city == "Vientiane"  # the sidelines are where the ministers' meeting is
    assert set(party_map(ex, m)) == {"Somchai Prasert", "Nguyen Van Hoa"}


def test_margins_of_a_leaders_summit_with_lower_case_words_in_its_name() -> None:
    text = (
        "Chilean President Tomas Rojas held talks with Peruvian President Rosa Quispe on the "
        "margins of the annual Pacific Alliance leaders' summit on Monday."
    )
    m = only(extract(text, _PUB))
    assert m.kind == "bilateral"


def test_an_organisation_owning_the_event_ahead_is_no_party() -> None:
    text = (
        "Moroccan King Hassan Idrissi met Tunisian President Karim Ben Salah in Rabat on Monday "
        "ahead of an Arab League summit."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) == {"Hassan Idrissi", "Karim Ben Salah"}
    assert m.kind == "bilateral"
    assert m.city == "Rabat"


def test_place_of_the_event_ahead_stays_the_events() -> None:
    text = (
        "Kenyan President Daniel Mwangi met Ugandan President Joseph Okello in Nairobi on Monday "
        "ahead of the African Union summit in Addis Ababa."
    )
    m = next(m for m in extract(text, _PUB).meetings if str(m.start_date) == "2026-03-09")
    assert m.city == "Nairobi"


def test_a_ministers_meeting_reported_for_itself_stays_ministerial() -> None:
    # negative: no cue names the meeting in passing, so its own words give its kind
    text = "ASEAN foreign ministers met in Vientiane on Monday to discuss the maritime dispute."
    m = only(extract(text, _PUB))
    assert m.kind == "ministerial"
    assert m.city == "Vientiane"


def test_an_organisation_meeting_as_a_party_stays() -> None:
    # negative: the Arab League here holds the talks, it does not own an event named in passing
    text = (
        "Egyptian Foreign Minister Samir Fawzi held talks with Arab League officials in Cairo on "
        "Monday."
    )
    ex = extract(text, _PUB)
    assert "Arab League" in party_map(ex, only(ex))
