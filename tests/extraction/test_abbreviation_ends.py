"""An abbreviation's period ends its sentence when the next word opens one: "… officials of the
U.S. The talks began" is two sentences, "U.S. President A met B" one; a title ("Gen.") or a
person's initial ("John F.") never ends one."""

import pytest

from service.extraction.gazetteer import Gazetteer
from service.extraction.segmentation import layout

GAZ = Gazetteer()


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in layout(text, GAZ).sentences]


@pytest.mark.parametrize("abbreviation", ["U.S.", "U.K.", "U.N.", "E.U."])
@pytest.mark.parametrize("opener", ["The", "He", "In", "But", "It", "Their"])
def test_an_initialism_before_a_sentence_opener_ends_the_sentence(
    abbreviation: str, opener: str
) -> None:
    text = f"Chinese envoys held talks with officials of the {abbreviation} {opener} rest followed."
    assert _sentences(text) == [
        f"Chinese envoys held talks with officials of the {abbreviation}",
        f"{opener} rest followed.",
    ]


@pytest.mark.parametrize(
    "after", ["President Lena Hart", "Secretary of State Omar Bell", "Army officers", "A-10 jets"]
)
def test_an_initialism_before_a_title_or_a_name_does_not(after: str) -> None:
    # negative: "U.S. President", "U.S. Army": the initialism qualifies what follows
    text = f"The U.S. {after} arrived in Manila on Monday."
    assert _sentences(text) == [text]


@pytest.mark.parametrize("text", ["Gen. A. Bello met them.", "John F. The rest is here."])
def test_a_title_or_an_initial_never_ends_a_sentence(text: str) -> None:
    # negative: "Gen." and a person's initial are no sentence's end, whatever follows
    assert _sentences(text) == [text]


def test_a_company_suffix_before_an_opener_ends_the_sentence() -> None:
    text = "The port was sold to Harbour Holdings Ltd. The deal closed in May."
    assert _sentences(text) == [
        "The port was sold to Harbour Holdings Ltd.",
        "The deal closed in May.",
    ]
