"""A fragment that moves on ("later met", "then met", "also met", "went on to meet") with
parties that both add someone and leave someone of the meeting nearby out is the next meeting;
"later" and "then" keep it to the same day."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, party_map

_OPENING = (
    "ACCRA, March 4 (Reuters) - Ghanaian President Kofi Mensah met Togolese President Yao "
    "Agbeko in Accra on Wednesday.\n\nMensah and Agbeko agreed to reopen the border, "
    "Mensah's office said. "
)


def _by_parties(text: str) -> list[tuple[set[str], str | None]]:
    ex = extract(text, at("2026-03-04"))
    return [(set(party_map(ex, m)), str(m.start_date)) for m in ex.meetings]


@pytest.mark.parametrize("move", ["later met", "then met"])
def test_a_later_meeting_with_someone_new_is_another_meeting_of_the_day(move: str) -> None:
    meetings = _by_parties(_OPENING + f"Agbeko {move} Foreign Minister Ama Owusu.")
    assert ({"Kofi Mensah", "Yao Agbeko"}, "2026-03-04") in meetings
    assert ({"Yao Agbeko", "Ama Owusu"}, "2026-03-04") in meetings


@pytest.mark.parametrize("move", ["also met", "went on to meet"])
def test_also_meeting_someone_else_is_another_meeting(move: str) -> None:
    meetings = _by_parties(_OPENING + f"Agbeko {move} Foreign Minister Ama Owusu.")
    parties = [p for p, _ in meetings]
    assert {"Kofi Mensah", "Yao Agbeko"} in parties
    assert {"Yao Agbeko", "Ama Owusu"} in parties


def test_without_a_move_the_new_name_joins_the_meeting() -> None:
    meetings = _by_parties(_OPENING + "Agbeko met Foreign Minister Ama Owusu as well.")
    assert len(meetings) == 1
    assert meetings[0][0] == {"Kofi Mensah", "Yao Agbeko", "Ama Owusu"}


def test_a_later_meeting_of_the_same_pair_is_the_same_meeting() -> None:
    meetings = _by_parties(_OPENING + "Agbeko later met Mensah again.")
    assert meetings == [({"Kofi Mensah", "Yao Agbeko"}, "2026-03-04")]


def test_someone_joining_later_keeps_the_meeting() -> None:
    # adds a party but leaves nobody out: the meeting grew
    meetings = _by_parties(_OPENING + "Mensah and Agbeko later met Foreign Minister Ama Owusu.")
    assert len(meetings) == 1


def test_an_office_briefing_does_not_make_its_principal_a_host() -> None:
    ex = extract(_OPENING + "Agbeko later met Foreign Minister Ama Owusu.", at("2026-03-04"))
    later = next(m for m in ex.meetings if "Ama Owusu" in party_map(ex, m))
    assert "Kofi Mensah" not in party_map(ex, later)
