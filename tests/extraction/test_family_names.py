"""A family name with its article or particle ("Al Thani", "da Silva") is the surname of the
fuller name it ends, never a second person."""

from service.extraction import extract
from tests.extraction.helpers import at, only, party_map


def test_an_arabic_family_name_with_its_article_folds_into_the_full_name() -> None:
    ex = extract(
        "Emir Sheikh Hamad bin Khalid Al Nasser received President Jean Habimana in Doha on "
        "Monday. Al Nasser said the talks were useful.",
        at("2025-03-04"),
    )
    persons = [m.name for m in ex.participants if m.type == "person"]
    assert "Al Nasser" not in persons
    assert "Hamad bin Khalid Al Nasser" in party_map(ex, only(ex))


def test_a_particle_name_with_another_surname_stays_apart() -> None:
    ex = extract(
        "President Rui Costa da Silva met Prime Minister Ana de Sousa in Lisbon on Monday.",
        at("2025-03-04"),
    )
    parties = party_map(ex, only(ex))
    assert {"Rui Costa da Silva", "Ana de Sousa"} <= set(parties)
