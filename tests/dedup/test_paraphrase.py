"""The paraphrase path: a reworded copy is caught by its names and numbers, another outlet's own
report of the same event with the same names is not, and the band keys stay apart and stable."""

import json
import os
import subprocess
import sys

from service.dedup import (
    ALIGNMENT_THRESHOLD,
    BAND_OFFSET,
    BANDS,
    MIN_SKELETON,
    SKELETON_BANDS,
    WORD_FLOOR,
    MemoryBandIndex,
    band_keys,
    paraphrase_keys,
    paraphrase_verdict,
    signature,
    verdict,
)
from tests.dedup.paraphrase_texts import INDEPENDENT, ORIGINAL, PARAPHRASE

# Stored band keys must never move: a change here means every stored article needs new keys.
GOLDEN = [(1000, -2899858867839075014), (1001, -3392736680875201066)]


def test_the_word_path_misses_a_paraphrase() -> None:
    assert verdict(signature(PARAPHRASE), PARAPHRASE, [(0, signature(ORIGINAL), ORIGINAL)]) is None


def test_a_paraphrase_shares_skeleton_bands_with_its_original() -> None:
    assert set(paraphrase_keys(PARAPHRASE)) & set(paraphrase_keys(ORIGINAL))


def test_a_paraphrase_is_a_near_duplicate_with_its_word_alignment() -> None:
    match = paraphrase_verdict(PARAPHRASE, [("other", INDEPENDENT), ("original", ORIGINAL)])

    assert match is not None
    assert match.duplicate_of == "original"
    assert WORD_FLOOR <= match.similarity < ALIGNMENT_THRESHOLD


def test_another_outlets_report_with_the_same_names_is_not() -> None:
    assert paraphrase_verdict(INDEPENDENT, [("original", ORIGINAL)]) is None


def test_the_same_wording_about_another_event_is_not() -> None:
    # one template, another signing: every name, place and figure differs
    other_event = PARAPHRASE
    for old, new in (
        ("Ingrid Solberg", "Katrin Jonsdottir"),
        ("Solberg", "Jonsdottir"),
        ("Mateo Araya", "Diego Quispe"),
        ("Araya", "Quispe"),
        ("Lucia Ferrer", "Rosa Huaman"),
        ("Erik Lindqvist", "Mikko Virtanen"),
        ("Norwegian", "Icelandic"),
        ("Norway", "Iceland"),
        ("Chilean", "Peruvian"),
        ("Chile", "Peru"),
        ("Oslo", "Reykjavik"),
        ("Santiago", "Lima"),
        ("Valparaiso", "Callao"),
        ("Stockholm", "Helsinki"),
        ("Swedish", "Finnish"),
        ("Bergen", "Akureyri"),
        ("Akershus Fortress", "Harpa Hall"),
        ("Storting", "Althing"),
        ("14", "9"),
        ("120", "80"),
        ("2023", "2024"),
    ):
        other_event = other_event.replace(old, new)

    assert paraphrase_verdict(other_event, [("original", ORIGINAL)]) is None


def test_a_short_skeleton_has_no_keys_and_no_verdict() -> None:
    short = "Ingrid Solberg met Mateo Araya in Oslo on Tuesday to sign a fisheries agreement."

    assert paraphrase_keys(short) == []
    assert paraphrase_verdict(short, [("same", short)]) is None


def test_keys_use_their_own_band_numbers() -> None:
    keys = paraphrase_keys(ORIGINAL)

    assert [band for band, _ in keys] == list(range(BAND_OFFSET, BAND_OFFSET + SKELETON_BANDS))
    assert BAND_OFFSET >= BANDS
    assert BAND_OFFSET + SKELETON_BANDS < 2**15  # the band column is a smallint
    assert not {h for _, h in keys} & {h for _, h in band_keys(signature(ORIGINAL))}
    assert MIN_SKELETON > 0


def test_keys_are_pinned() -> None:
    assert paraphrase_keys(ORIGINAL)[:2] == GOLDEN


def test_keys_do_not_depend_on_the_process() -> None:
    code = (
        "import json; from service.dedup import paraphrase_keys; "
        "from tests.dedup.paraphrase_texts import ORIGINAL; "
        "print(json.dumps(paraphrase_keys(ORIGINAL)))"
    )
    here = paraphrase_keys(ORIGINAL)
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert [tuple(key) for key in json.loads(out)] == here


def test_the_memory_index_checks_both_paths_unless_told_not_to() -> None:
    both: MemoryBandIndex[str] = MemoryBandIndex()
    word_only: MemoryBandIndex[str] = MemoryBandIndex(paraphrases=False)
    for index in (both, word_only):
        index.add("original", signature(ORIGINAL), ORIGINAL)

    match = both.check(signature(PARAPHRASE), PARAPHRASE)

    assert match is not None
    assert match.duplicate_of == "original"
    assert word_only.check(signature(PARAPHRASE), PARAPHRASE) is None
    assert both.check(signature(INDEPENDENT), INDEPENDENT) is None
