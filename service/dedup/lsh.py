"""LSH band keys of a signature for the indexed band table, and the near-duplicate verdict."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from service.dedup.alignment import ALIGNMENT_THRESHOLD, can_align, word_ids, word_similarity
from service.dedup.minhash import Signature, similarity

BANDS = 42
ROWS = 3
"""42 bands of 3 minima (126 of the 128): see `service.dedup` for the choice."""

THRESHOLD = 0.38
"""Estimated Jaccard similarity at or above which a text is a near-duplicate."""

K = TypeVar("K")


def band_keys(sig: Signature) -> list[tuple[int, int]]:
    """(band index, band hash) per band; the hash is a signed 64-bit int for a BIGINT column.

    Two texts share a key in some band with probability 1 - (1 - J**3)**42 for Jaccard J:
    0.91 at J = 0.38 (the weakest labelled reprint), 0.29 at 0.2, 0.0003 at 0.02 (unrelated
    news). A text with no words has no keys, so empty texts never match each other.
    """
    if sig.empty:
        return []
    rows = sig.values[: BANDS * ROWS].astype("<u4").reshape(BANDS, ROWS)
    keys = []
    for band in range(BANDS):
        # blake2b over the band number and its minima: stable across processes and versions
        digest = hashlib.blake2b(
            band.to_bytes(2, "little") + rows[band].tobytes(), digest_size=8, person=b"parley-lsh"
        ).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    """A near-duplicate verdict: the article this text duplicates, and their word similarity
    (`alignment.word_similarity`: at least ALIGNMENT_THRESHOLD from `verdict`, at least
    `paraphrase.WORD_FLOOR` from `paraphrase.paraphrase_verdict`)."""

    duplicate_of: K
    similarity: float


def verdict(
    sig: Signature, text: str, candidates: Iterable[tuple[K, Signature, str]]
) -> Match[K] | None:
    """The first candidate, in the order given, whose estimated Jaccard similarity reaches
    THRESHOLD and whose words line up with `text`'s to ALIGNMENT_THRESHOLD.

    Candidates are (key, signature, text). Pass them earliest first (e.g. ordered by ingested_at,
    id) so the match is the earliest article of its group; a candidate that is itself a
    near-duplicate should be replaced by the article it duplicates, or left out of the band table
    altogether.
    """
    ids: list[int] | None = None
    for key, other, other_text in candidates:
        if similarity(sig, other) < THRESHOLD:
            continue
        ids = word_ids(text) if ids is None else ids
        other_ids = word_ids(other_text)
        if not can_align(ids, other_ids):
            continue
        score = word_similarity(ids, other_ids)
        if score >= ALIGNMENT_THRESHOLD:
            return Match(key, score)
    return None
