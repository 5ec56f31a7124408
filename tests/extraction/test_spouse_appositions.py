"""A leader and a spouse named in apposition ("A and his wife, first lady B, hosted C") are one
subject run: both host, and "first lady B" in lower case is a titled person. A spouse named
after the verb is its object with the guest, hosting nothing."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-13")  # a Friday

_SPOUSES = [("his wife", "first lady"), ("her husband", "first gentleman")]


@pytest.mark.parametrize(("spouse", "title"), _SPOUSES)
@pytest.mark.parametrize("verb", ["hosted", "welcomed", "received"])
def test_a_leader_and_spouse_in_apposition_host(spouse: str, title: str, verb: str) -> None:
    text = (
        f"Zambian President Chanda Mwila and {spouse}, {title} Naledi Mwila, {verb} Kenyan "
        "President Otieno Kamau at State House in Lusaka on Thursday."
    )
    ex = extract(text, _PUB)
    parties = party_map(ex, only(ex))
    assert parties["Chanda Mwila"][1] == "host"
    assert parties["Naledi Mwila"][1] == "host"
    assert parties["Otieno Kamau"][1] == "attendee"


def test_the_first_lady_in_lower_case_is_a_titled_person() -> None:
    text = (
        "Kenyan President Otieno Kamau met Zambian President Chanda Mwila in Lusaka on Thursday. "
        '"We spoke about the children of both our countries and what they need," first lady '
        "Naledi Mwila said."
    )
    ex = extract(text, _PUB)
    roles = {r.title for r in ex.roles if r.person_key.endswith("naledi mwila")}
    assert roles == {"first lady"}


def test_a_meeting_verb_after_the_guests_apposition_is_theirs() -> None:
    # negative: the run after the verb is its object; the closing comma hands nobody the host role
    text = (
        "Zambian President Chanda Mwila hosted Kenyan President Otieno Kamau and his wife, first "
        "lady Amani Kamau, at State House in Lusaka on Thursday."
    )
    ex = extract(text, _PUB)
    parties = party_map(ex, only(ex))
    assert parties["Chanda Mwila"][1] == "host"
    assert parties["Otieno Kamau"][1] == "attendee"
    assert parties.get("Amani Kamau", ("", "attendee"))[1] == "attendee"
