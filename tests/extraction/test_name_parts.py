"""A later, shorter form of a name that is its tail or a particle-joined inner part ("Ricardo
Alves da Costa" … "Alves da Costa") is the same person; two people who share a family name
("Hun Sen", "Hun Manet") or share one word are never folded together."""

from service.extraction import Extraction, extract
from tests.extraction.helpers import at, only, speakers


def _extract(text: str) -> Extraction:
    return extract(text, at("2025-03-04"))


def _persons(ex: Extraction) -> dict[str, list[str]]:
    return {m.name: m.aliases for m in ex.participants if m.type == "person"}


def test_a_particle_tail_folds_into_the_full_name() -> None:
    ex = _extract(
        "QUITO, March 3 (Reuters) - Ecuadorean President Ricardo Alves da Costa met Peruvian "
        "President Marta Quispe in Quito on Monday to discuss border trade.\n\n"
        "“We share a border and we will share the benefits of this trade,” Alves da Costa told "
        "reporters after the talks."
    )
    persons = _persons(ex)
    assert "Alves da Costa" not in persons
    assert "Alves da Costa" in persons["Ricardo Alves da Costa"]
    names = {m.key: m.name for m in ex.participants}
    assert sorted(names[p.participant_key] for p in only(ex).participants) == [
        "Marta Quispe",
        "Ricardo Alves da Costa",
    ]
    assert speakers(ex) == ["Ricardo Alves da Costa"]


def test_a_particle_part_inside_a_longer_name_folds() -> None:
    ex = _extract(
        "LISBON, March 3 - Prime Minister Joao Pedro dos Santos Neto received Spanish Prime "
        "Minister Elena Ruiz in Lisbon on Monday.\n\n"
        "“Our two peninsular nations have never been closer than today,” Pedro dos Santos said."
    )
    assert "Pedro dos Santos" not in _persons(ex)
    assert speakers(ex) == ["Joao Pedro dos Santos Neto"]


def test_a_tail_after_initials_folds_into_the_full_name() -> None:
    ex = _extract(
        "COLOMBO, March 3 - Sri Lankan Prime Minister R. M. Bandara Herath met Maldivian "
        "President Ali Naseem in Colombo on Monday.\n\n"
        "Bandara Herath said the two island nations would open a new ferry route next year."
    )
    persons = _persons(ex)
    assert "Bandara Herath" not in persons
    assert "R. M. Bandara Herath" in persons


def test_two_people_sharing_a_family_name_stay_apart() -> None:
    ex = _extract(
        "PHNOM PENH, March 3 - Cambodian Prime Minister Hun Manet met Senate President Hun Sen "
        "and visiting Thai Foreign Minister Anan Srisuk on Monday.\n\n"
        "“This visit opens a new chapter between our kingdoms,” Hun Manet said."
    )
    persons = _persons(ex)
    assert {"Hun Manet", "Hun Sen"} <= set(persons)
    # "Hun" alone would say neither of them
    assert "Hun" not in persons["Hun Manet"]
    assert "Hun" not in persons["Hun Sen"]
    assert speakers(ex) == ["Hun Manet"]


def test_a_shared_word_in_another_order_is_another_person() -> None:
    ex = _extract(
        "PYONGYANG, March 3 - North Korean leader Park Song Il hosted Russian Defence Minister "
        "Oleg Marin on Monday. Senior official Park Il Song attended the talks.\n\n"
        "“Our friendship is stronger than any sanctions,” Park Song Il said."
    )
    persons = _persons(ex)
    assert {"Park Song Il", "Park Il Song"} <= set(persons)


def test_a_tail_two_full_names_share_goes_to_neither() -> None:
    ex = _extract(
        "ABU DHABI, March 3 - Sheikh Khalid bin Rashid Al Mansouri met Sheikh Omar bin Rashid "
        "Al Mansouri and French President Claire Dubois in Abu Dhabi on Monday.\n\n"
        "“We are ready to invest in every sector of the economy,” Rashid Al Mansouri said."
    )
    persons = _persons(ex)
    assert {"Khalid bin Rashid Al Mansouri", "Omar bin Rashid Al Mansouri"} <= set(persons)
    assert "Rashid Al Mansouri" not in persons["Khalid bin Rashid Al Mansouri"]
    assert "Rashid Al Mansouri" not in persons["Omar bin Rashid Al Mansouri"]
