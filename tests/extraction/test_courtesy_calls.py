"""A courtesy call is a visit in person, whichever side reports it: "A received a courtesy call
from Ambassador B", "B paid a courtesy call on Minister A" are meetings of A and B, not phone
calls. A phone call received, and "a call on A to resign", stay what they were."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-13")  # a Friday


@pytest.mark.parametrize("noun", ["a courtesy call", "a courtesy visit"])
def test_receiving_a_courtesy_call_is_a_meeting_in_person(noun: str) -> None:
    text = (
        f"Foreign Minister Dewi Kartika received {noun} from Australian Ambassador Liam Foster at "
        "the ministry in Jakarta on Thursday."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    parties = party_map(ex, m)
    assert set(parties) == {"Dewi Kartika", "Liam Foster"}
    assert parties["Dewi Kartika"][1] == "host"
    assert m.kind != "call"
    assert (m.city, str(m.start_date)) == ("Jakarta", "2026-03-12")


def test_paying_a_courtesy_call_on_someone_meets_them() -> None:
    text = (
        "Australian Ambassador Liam Foster paid a courtesy call on Foreign Minister Dewi Kartika "
        "in Jakarta on Thursday."
    )
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) == {"Dewi Kartika", "Liam Foster"}
    assert m.kind != "call"


def test_a_phone_call_received_is_still_a_call() -> None:
    # negative: only a courtesy call is a visit
    text = "President Lena Hart received a phone call from Prime Minister Omar Bell on Thursday."
    ex = extract(text, _PUB)
    m = only(ex)
    assert m.kind == "call"
    assert party_map(ex, m)["Omar Bell"][0] == "virtual"


def test_a_call_on_someone_to_act_is_no_meeting() -> None:
    # negative: an appeal names its addressee, who met nobody
    text = "The opposition renewed its call on President Lena Hart to resign on Thursday."
    assert extract(text, _PUB).meetings == []
