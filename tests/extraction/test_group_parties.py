"""Non-state sides of talks: an authority in a list of countries is a party ("the leaders of
Egypt, Jordan and the Palestinian Authority met"), and an organisation that modifies a noun of
people ("met Hamas negotiators", "Taliban officials") is a party, so their meeting is one even
when no person is named."""

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map

_PUB = at("2026-03-10")  # a Tuesday


def test_an_authority_in_a_list_of_countries_is_a_party() -> None:
    text = "The leaders of Lebanon, Syria and the Palestinian Authority met in Amman on Monday."
    ex = extract(text, _PUB)
    assert set(party_map(ex, only(ex))) == {"Lebanon", "Syria", "Palestinian Authority"}


def test_an_organisation_modifying_negotiators_is_a_party() -> None:
    text = "Omani and Turkish mediators met Hamas negotiators in Muscat on Monday."
    ex = extract(text, _PUB)
    m = only(ex)
    assert set(party_map(ex, m)) == {"Oman", "Türkiye", "Hamas"}
    assert str(m.start_date) == "2026-03-09"
    assert m.city == "Muscat"


def test_an_organisation_delegation_after_a_verb_is_a_party() -> None:
    text = "Norwegian diplomats received a Taliban delegation in Oslo on Monday."
    ex = extract(text, _PUB)
    assert {"Norway", "Taliban"} <= set(party_map(ex, only(ex)))


def test_an_organisation_named_without_people_is_no_meeting() -> None:
    # negative: "met" with a bare organisation and a plan is no meeting of people
    text = "The plan met fierce resistance from Hamas on Monday."
    assert extract(text, _PUB).meetings == []


def test_an_organisation_as_the_topic_is_no_party() -> None:
    # negative: officials of one side met; the group they discussed is no party
    text = (
        "Egyptian officials met Israeli negotiators in Cairo on Monday to discuss a ceasefire "
        "between Israel and Hezbollah."
    )
    ex = extract(text, _PUB)
    assert "Hezbollah" not in party_map(ex, only(ex))
