"""Normalisation and shingling: what counts as the same words."""

from service.dedup import signature, verdict
from service.dedup.shingles import SHINGLE_SIZE, shingle_hashes, words


def test_words_fold_case_punctuation_and_compatibility_forms() -> None:
    assert words("Hello, WORLD!  The ﬁnal\u00a0word—really") == [
        "hello",
        "world",
        "the",
        "final",
        "word",
        "really",
    ]


def test_words_keep_other_scripts_and_digits() -> None:
    assert words("Зеленський: 3 січня, Kyiv") == ["зеленський", "3", "січня", "kyiv"]


def test_layout_does_not_change_shingles() -> None:
    text = "Delegations from twelve countries met in Kyiv on Saturday."
    relaid = "DELEGATIONS  from\ntwelve countries —\n\n met in Kyiv, on Saturday!"
    assert shingle_hashes(text).tolist() == shingle_hashes(relaid).tolist()


def test_one_shingle_per_window_of_distinct_words() -> None:
    text = " ".join(f"w{i}" for i in range(10))
    assert shingle_hashes(text).size == 10 - SHINGLE_SIZE + 1


def test_repeated_shingles_count_once() -> None:
    assert shingle_hashes("a b c a b c a b c").size == 3


def test_text_shorter_than_a_shingle_is_one_shingle() -> None:
    assert shingle_hashes("Kyiv talks").size == 1
    assert shingle_hashes("Kyiv talks").tolist() == shingle_hashes("kyiv, TALKS.").tolist()


def test_text_without_words_has_no_shingles() -> None:
    assert shingle_hashes("").size == 0
    assert shingle_hashes(" … — !!! \n").size == 0


def test_page_lines_are_not_story_words() -> None:
    story = "Ministers of Chile and Peru met in Lima on Monday to discuss the lithium trade."
    paged = (
        " date 2025-10-14 Chile and Peru ministers meet\n"
        "Ministers shake hands in Lima. (Martin Mejia/AP Photo)\n"
        "By ANA GOMEZ and LUIS PEREZ\n" + story
    )
    assert words(paged) == words("Chile and Peru ministers meet\n" + story)


def test_a_sentence_with_an_agency_name_in_brackets_stays() -> None:
    text = "The ministry (quoted by Reuters) said talks would resume."
    assert "ministry" in words(text)
    assert "reuters" in words(text)


def test_a_wire_copy_under_other_captions_and_bylines_is_a_near_duplicate() -> None:
    body = " ".join(
        f"Paragraph {i} of the wire story says the delegations of Chile and Peru agreed on point {i}."
        for i in range(30)
    )
    first = "Ministers in Lima. (Martin Mejia/AP Photo)\nBy ANA GOMEZ\n" + body
    second = (
        "The ministers before their talks at the palace in Lima, Peru, on Monday, Oct. 13, 2025."
        " (Pool via Reuters)\n" + body
    )
    match = verdict(signature(second), second, [("first", signature(first), first)])
    assert match is not None
    assert match.duplicate_of == "first"
