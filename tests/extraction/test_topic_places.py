"""A place after a topic word: "the war in Sudan", "security in Europe" say what a meeting is
about; "signed a deal in Lima", "talks on border security in Hanoi" say where it was held, since
a topic of that kind (a deal, a plan, security, elections) spans a country, never one city."""

import pytest

from service.extraction import extract
from tests.extraction.helpers import at, only

_PUB = at("2026-03-10")  # a Tuesday

_CITIES = [("Hanoi", "VN"), ("Lima", "PE"), ("Nairobi", "KE"), ("Jakarta", "ID")]


@pytest.mark.parametrize(("city", "iso"), _CITIES)
@pytest.mark.parametrize("topic", ["security", "deal", "plan", "elections"])
def test_a_city_after_a_general_topic_word_is_the_venue(city: str, iso: str, topic: str) -> None:
    text = (
        f"Foreign Minister Rosa Ibarra and Foreign Minister Tomas Lindqvist held talks on the "
        f"{topic} in {city} on Monday."
    )
    m = only(extract(text, _PUB))
    assert (m.city, m.country) == (city, iso)


def test_a_deal_signed_in_a_city_places_the_signing() -> None:
    text = "The foreign ministers of Chile and Peru signed a deal in Lima on Monday."
    m = only(extract(text, _PUB))
    assert (m.city, m.country) == ("Lima", "PE")


@pytest.mark.parametrize("topic", ["security", "the elections", "a peace plan"])
def test_a_country_after_a_topic_word_is_what_was_discussed(topic: str) -> None:
    # negative: the country is the topic's, the meeting has no place of its own
    text = (
        f"Foreign Minister Rosa Ibarra and Foreign Minister Tomas Lindqvist met on Monday to "
        f"discuss {topic} in Venezuela."
    )
    m = only(extract(text, _PUB))
    assert (m.city, m.country) == (None, None)


@pytest.mark.parametrize("topic", ["the war", "the ceasefire", "aid", "the fighting"])
def test_a_city_after_a_conflict_word_is_what_was_discussed(topic: str) -> None:
    # negative: a war or a ceasefire is where it is fought, not where the talks sat
    text = (
        f"Foreign Minister Rosa Ibarra met Foreign Minister Tomas Lindqvist in Oslo on Monday to "
        f"discuss {topic} in Khartoum."
    )
    m = only(extract(text, _PUB))
    assert (m.city, m.country) == ("Oslo", "NO")
