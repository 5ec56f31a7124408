"""The word-alignment check: scattered edits keep a reprint, whole added sections do not."""

import json
import random
from pathlib import Path

from service.dedup import ALIGNMENT_THRESHOLD, THRESHOLD, signature, similarity, verdict
from service.dedup.alignment import WINDOW_WORDS, can_align, word_ids, word_similarity

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
BODIES = [json.loads(path.read_text())["body"] for path in sorted(SEEDS.glob("*.json"))]
WIRE = BODIES[0]


def edited(text: str, share: float, seed: int) -> str:
    rng = random.Random(seed)
    tokens = text.split()
    for i in rng.sample(range(len(tokens)), round(share * len(tokens))):
        tokens[i] = rng.choice(("reportedly", "officials", "Tuesday"))
    return " ".join(tokens)


def own_section(length: int) -> str:
    """Other stories' words, as many as `length`: paragraphs an outlet wrote itself."""
    tokens = " ".join(BODIES[1:]).split()
    return " ".join(tokens[:length])


def test_same_words_in_the_same_order_are_fully_similar() -> None:
    assert word_similarity(word_ids(WIRE), word_ids(WIRE.upper().replace(",", " "))) == 1.0


def test_an_empty_text_is_similar_to_nothing() -> None:
    assert word_similarity([], word_ids(WIRE)) == 0.0
    assert word_similarity([], []) == 0.0


def test_scattered_word_edits_cost_only_the_edited_words() -> None:
    score = word_similarity(word_ids(WIRE), word_ids(edited(WIRE, 0.10, seed=1)))
    assert 0.88 <= score < 1.0


def test_lengths_alone_rule_out_a_text_three_times_longer() -> None:
    assert not can_align([1] * 100, [1] * 300)
    assert can_align([1] * 100, [1] * 120)


def test_a_wire_story_run_inside_an_outlets_own_report_is_not_a_near_duplicate() -> None:
    # the wire text plus as much of the outlet's own: shingle Jaccard about a half, which passes
    # MinHash, but a third of the words line up with nothing
    own = WIRE + "\n\n" + own_section(len(WIRE.split()))
    assert similarity(signature(WIRE), signature(own)) >= THRESHOLD
    assert word_similarity(word_ids(WIRE), word_ids(own)) < ALIGNMENT_THRESHOLD
    assert verdict(signature(own), own, [("wire", signature(WIRE), WIRE)]) is None


def test_a_heavily_edited_reprint_still_matches_with_its_word_similarity() -> None:
    reprint = edited(WIRE, 0.10, seed=2)
    match = verdict(signature(reprint), reprint, [("wire", signature(WIRE), WIRE)])
    assert match is not None
    assert match.duplicate_of == "wire"
    assert match.similarity == word_similarity(word_ids(WIRE), word_ids(reprint))


def test_outsized_texts_count_every_word_not_only_their_leads() -> None:
    wire = list(range(WINDOW_WORDS * 9 // 10))
    # a long wire story, each time with as many words of the outlet's own after it
    own_a = wire + [-1 - n for n in range(len(wire) * 2 // 3)]
    own_b = wire + [-100_000 - n for n in range(len(wire) * 2 // 3)]
    assert can_align(own_a, own_b)
    assert word_similarity(own_a, own_b) < ALIGNMENT_THRESHOLD


def test_outsized_reprints_with_scattered_edits_still_align() -> None:
    original = list(range(WINDOW_WORDS * 5 // 2))
    reprint = [-n if n % 10 == 3 else n for n in original]  # every tenth word edited
    assert 0.88 <= word_similarity(original, reprint) <= 0.9
    assert word_similarity(original, original) == 1.0
