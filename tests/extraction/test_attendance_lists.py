"""Attendance lists after a meeting: untitled names before "and other officials" or an
attendance verb are persons, and a run ending in its company ("A, B and other Ghanaian
officials attended the talks") or "were present at the meeting" takes part."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

LEAD = "President Amara Osei met Prime Minister Kenji Mori in Accra on Tuesday. "


@pytest.mark.parametrize(
    "tail",
    [
        "Kofi Adjei, Ama Boateng and other Ghanaian officials attended the talks.",
        "Kofi Adjei and Ama Boateng were also present.",
        "Kofi Adjei and Ama Boateng were present at the meeting.",
        "Foreign Minister Kofi Adjei, Finance Minister Ama Boateng and other senior officials "
        "attended the meeting.",
        "Kofi Adjei, Ama Boateng as well as several Japanese diplomats took part.",
    ],
)
def test_a_listed_run_before_an_attendance_phrase_takes_part(tail: str) -> None:
    ex = extract(LEAD + tail, at("2025-03-05"))
    parties = party_map(ex, only(ex))
    assert {"Amara Osei", "Kenji Mori", "Kofi Adjei", "Ama Boateng"} <= set(parties)


@pytest.mark.parametrize(
    "tail",
    [
        "Kofi Adjei and Ama Boateng criticised the talks.",
        "Kofi Adjei, Ama Boateng and other opposition leaders boycotted the talks.",
        "Analysts Kofi Adjei and Ama Boateng said the meeting was overdue.",
    ],
)
def test_names_beside_no_attendance_phrase_take_no_part(tail: str) -> None:
    ex = extract(LEAD + tail, at("2025-03-05"))
    parties = party_map(ex, only(ex))
    assert "Kofi Adjei" not in parties
    assert "Ama Boateng" not in parties


def test_renaming_the_listed_people_changes_only_their_names() -> None:
    tail = "{a}, {b} and other Ghanaian officials attended the talks."
    for a, b in [("Kofi Adjei", "Ama Boateng"), ("Yaw Owusu", "Efua Sarpong")]:
        ex = extract(LEAD + tail.format(a=a, b=b), at("2025-03-05"))
        assert {a, b} <= set(party_map(ex, only(ex)))


def test_the_tail_of_a_titled_long_name_is_no_second_person() -> None:
    ex = extract(
        "Leaders met in Rabat on Tuesday. Malian President Amadou Keita and Arab League "
        "Secretary-General Karim Aboul Fadl attended the summit.",
        at("2025-03-05"),
    )
    persons = [m.name for m in ex.participants if m.type == "person"]
    assert "Aboul Fadl" not in persons
    assert "Karim Aboul Fadl" in persons
