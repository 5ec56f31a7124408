"""A day between a subject and its meeting verb: "A on Thursday met B", "A yesterday
received B", "A will on Monday meet B" keep A as a party."""

from datetime import date

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


@pytest.mark.parametrize(
    "between",
    [
        "on Thursday met",
        "on Thursday evening welcomed",
        "late on Thursday held talks with",
        "yesterday hosted",
        "on Dec. 4 received",
        "on 4 December met with",
    ],
)
def test_the_subject_before_a_day_takes_part(between: str) -> None:
    ex = extract(
        f"LUSAKA (AFP) - Zambian President Hakainde Mwale {between} Malawian President Lazarus "
        "Banda in Lusaka, officials said.",
        at("2025-12-05"),
    )
    meeting = only(ex)
    assert {"Hakainde Mwale", "Lazarus Banda"} <= set(party_map(ex, meeting))
    assert meeting.start_date == date(2025, 12, 4)


def test_an_auxiliary_before_the_day_is_skipped_too() -> None:
    ex = extract(
        "Zambian President Hakainde Mwale will on Monday meet Malawian President Lazarus Banda "
        "in Lusaka.",
        at("2025-12-05"),
    )
    meeting = only(ex)
    assert {"Hakainde Mwale", "Lazarus Banda"} <= set(party_map(ex, meeting))
    assert meeting.status == "planned"


@pytest.mark.parametrize(
    "between",
    [
        "on Thursday denied reports he met",  # another verb between the day and the cue
        "on Thursday criticised",  # no meeting verb at all
        "on Thursday said officials had met",  # a reporting clause: others met
    ],
)
def test_other_words_after_the_day_still_part_the_subject(between: str) -> None:
    ex = extract(
        f"Zambian President Hakainde Mwale {between} Malawian President Lazarus Banda in Lusaka.",
        at("2025-12-05"),
    )
    for meeting in ex.meetings:
        assert "Hakainde Mwale" not in party_map(ex, meeting)


@pytest.mark.parametrize("body", ["of Zambia", "of the Republic of Zambia"])
def test_the_country_of_the_subjects_title_keeps_the_subject(body: str) -> None:
    ex = extract(
        f"President Hakainde Mwale {body} hosted Malawian President Lazarus Banda at State "
        "House in Lusaka on Thursday.",
        at("2025-12-05"),
    )
    assert {"Hakainde Mwale", "Lazarus Banda"} <= set(party_map(ex, only(ex)))


def test_a_reporting_verb_after_the_country_still_parts_the_subject() -> None:
    ex = extract(
        "President Hakainde Mwale of Zambia said ministers met Malawian President Lazarus Banda "
        "in Lilongwe on Thursday.",
        at("2025-12-05"),
    )
    for meeting in ex.meetings:
        assert "Hakainde Mwale" not in party_map(ex, meeting)


@pytest.mark.parametrize(
    ("between", "role"),
    [
        ("of Zambia hosted", "host"),
        ("on Thursday hosted", "host"),
        ("of Zambia on Thursday evening welcomed", "host"),
        ("on Thursday met", "attendee"),
        ("of Zambia travelled to Lilongwe to meet", "attendee"),
    ],
)
def test_the_hosts_role_survives_the_words_between(between: str, role: str) -> None:
    ex = extract(
        f"President Hakainde Mwale {between} Malawian President Lazarus Banda.",
        at("2025-12-05"),
    )
    assert party_map(ex, only(ex))["Hakainde Mwale"][1] == role
