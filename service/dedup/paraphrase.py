"""The second near-duplicate path, for paraphrased copies: MinHash bands over skeleton shingles,
and the verdict on the candidates they retrieve (skeleton alignment and a word-alignment floor).

The first path (`lsh`) retrieves by 3-word shingles, which a paraphraser destroys; this one
retrieves by pairs of consecutive skeleton tokens (`skeleton`), which it keeps. Its band keys go
into the same band table under band numbers from BAND_OFFSET on, so the two paths never share a
key. See `service.dedup` for how every parameter was chosen.
"""

import hashlib
from collections.abc import Iterable
from typing import TypeVar

from rapidfuzz.distance import LCSseq

from service.dedup.alignment import word_ids, word_similarity
from service.dedup.lsh import Match
from service.dedup.minhash import minima, permutations
from service.dedup.shingles import token_shingles
from service.dedup.skeleton import skeleton, skeleton_ids

SKELETON_SHINGLE_SIZE = 2
"""Skeleton tokens per shingle."""

SKELETON_BANDS = 48
SKELETON_ROWS = 4
"""48 bands of 4 minima, over a signature of exactly that many."""

BAND_OFFSET = 1000
"""Band number of the first skeleton band in the band table (word bands are 0–41; the column is
a smallint with no other constraint)."""

MIN_SKELETON = 20
"""Fewest skeleton tokens a text needs for this path: below, a handful of common names decides."""

SKELETON_THRESHOLD = 0.74
"""2·LCS / (|a| + |b|) of the two skeletons at or above which a candidate may be a paraphrase."""

WORD_FLOOR = 0.50
"""Word alignment (`alignment.word_similarity`) a paraphrase must also reach."""

K = TypeVar("K")

_A, _B = permutations(SKELETON_BANDS * SKELETON_ROWS)


def skeleton_keys(tokens: list[str]) -> list[tuple[int, int]]:
    """(band number, signed 64-bit band hash) per skeleton band; none for a skeleton shorter
    than MIN_SKELETON.

    Two skeletons share a key with probability 1 - (1 - J**4)**48 for the Jaccard similarity J
    of their shingle sets: 0.92 at 0.475 (the dev set's paraphrase), 0.024 at 0.15, 8e-6 at 0.02.
    """
    if len(tokens) < MIN_SKELETON:
        return []
    values = minima(token_shingles(tokens, SKELETON_SHINGLE_SIZE), _A, _B)
    rows = values.astype("<u4").reshape(SKELETON_BANDS, SKELETON_ROWS)
    keys = []
    for band in range(SKELETON_BANDS):
        # its own blake2b personalisation: a skeleton key never equals a word key by design
        digest = hashlib.blake2b(
            band.to_bytes(2, "little") + rows[band].tobytes(), digest_size=8, person=b"parley-skel"
        ).digest()
        keys.append((BAND_OFFSET + band, int.from_bytes(digest, "little", signed=True)))
    return keys


def paraphrase_keys(text: str) -> list[tuple[int, int]]:
    """The text's skeleton band keys (see `skeleton_keys`)."""
    return skeleton_keys(skeleton(text))


def skeleton_similarity(a: list[int], b: list[int]) -> float:
    """2·LCS / (|a| + |b|) of two skeleton id sequences; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    return 2 * LCSseq.similarity(a, b) / (len(a) + len(b))


def paraphrase_verdict(
    text: str,
    candidates: Iterable[tuple[K, str]],
    *,
    skeleton_threshold: float = SKELETON_THRESHOLD,
    word_floor: float = WORD_FLOOR,
) -> Match[K] | None:
    """The first candidate, in the order given, whose skeleton aligns with `text`'s to
    SKELETON_THRESHOLD and whose words align to WORD_FLOOR; its `similarity` is the word
    alignment. Candidates are (key, text), earliest first, as for `lsh.verdict`.

    The floor is what keeps other outlets out: their reports of one event name the same people
    in the same order (their skeletons align up to 0.69 in the synthetic corpus) but share few
    words beyond the quotes (≤ 0.46), where a paraphrase keeps over half of them.
    """
    tokens = skeleton(text)
    if len(tokens) < MIN_SKELETON:
        return None
    ids = skeleton_ids(tokens)
    words: list[int] | None = None
    for key, other_text in candidates:
        other = skeleton_ids(skeleton(other_text))
        # the shorter skeleton wholly inside the longer is the best case
        if 2 * min(len(ids), len(other)) < skeleton_threshold * (len(ids) + len(other)):
            continue
        if skeleton_similarity(ids, other) < skeleton_threshold:
            continue
        words = word_ids(text) if words is None else words
        score = word_similarity(words, word_ids(other_text))
        if score >= word_floor:
            return Match(key, score)
    return None
