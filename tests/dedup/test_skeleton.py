"""The skeleton: names and numbers in order, whatever a paraphraser does to the other words."""

import random

from service.dedup.skeleton import skeleton

FIRST = ("Ingrid", "Mateo", "Lucia", "Erik", "Amara", "Tomas")
LAST = ("Solberg", "Araya", "Ferrer", "Lindqvist", "Okafor", "Novak")
CITIES = ("Oslo", "Santiago", "Bergen", "Stockholm", "Lagos", "Prague")
SYNONYMS = {
    "met": "held talks with",
    "said": "stated",
    "agreement": "accord",
    "talks": "discussions",
}


def _sentence(rng: random.Random) -> tuple[str, list[str]]:
    a, b = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    city, day = rng.choice(CITIES), rng.randint(1, 28)
    text = f"The minister {a} met {b} in {city} on March {day} and said the agreement was ready."
    return text, [*a.casefold().split(), *b.casefold().split(), city.casefold(), "march", str(day)]


def test_keeps_names_and_numbers_in_order_and_drops_sentence_openers() -> None:
    rng = random.Random(3)
    for _ in range(20):
        text, expected = _sentence(rng)
        assert skeleton(text) == expected


def test_swapping_common_words_for_synonyms_leaves_it_unchanged() -> None:
    rng = random.Random(4)
    for _ in range(20):
        text, _ = _sentence(rng)
        reworded = text
        for word, synonym in SYNONYMS.items():
            reworded = reworded.replace(f" {word} ", f" {synonym} ")
        assert reworded != text
        assert skeleton(reworded) == skeleton(text)


def test_renaming_a_person_changes_only_that_name() -> None:
    text = "Ingrid Solberg met Mateo Araya in Oslo on Tuesday."
    renamed = text.replace("Mateo Araya", "Tomas Novak")

    assert skeleton(renamed) == ["ingrid", "solberg", "tomas", "novak", "oslo", "tuesday"]
    assert skeleton(text) == ["ingrid", "solberg", "mateo", "araya", "oslo", "tuesday"]


def test_a_photo_caption_with_its_credit_is_left_out() -> None:
    text = "Ingrid Solberg met Mateo Araya in Oslo.\nThe two ministers in Oslo. (Erik Novak/AP)\n"

    assert skeleton(text) == ["ingrid", "solberg", "mateo", "araya", "oslo"]


def test_a_script_without_capitals_has_only_its_numbers() -> None:
    assert skeleton("外交部长 2025 年 3 月 在 奥斯陆 会谈") == ["2025", "3"]
