"""Signatures: shape, stored form, and how well they estimate Jaccard similarity."""

import random

import numpy as np
import pytest

from service.dedup.minhash import FORMAT_VERSION, NUM_PERM, Signature, signature, similarity
from service.dedup.shingles import shingle_hashes

TEXT = "Delegations from twelve countries met in Kyiv on Saturday for talks on security."


def test_signature_has_one_32_bit_minimum_per_permutation() -> None:
    sig = signature(TEXT)
    assert sig.values.shape == (NUM_PERM,)
    assert sig.values.dtype == np.uint32


def test_signature_round_trips_through_bytes() -> None:
    sig = signature(TEXT)
    data = sig.to_bytes()
    assert len(data) == 1 + 4 * NUM_PERM
    assert data[0] == FORMAT_VERSION
    assert Signature.from_bytes(data) == sig


@pytest.mark.parametrize(
    "data",
    [b"", bytes([FORMAT_VERSION]) + b"\0" * 4, bytes([FORMAT_VERSION + 1]) + b"\0" * 4 * NUM_PERM],
)
def test_from_bytes_rejects_another_format(data: bytes) -> None:
    with pytest.raises(ValueError, match="signature"):
        Signature.from_bytes(data)


def test_identical_texts_are_fully_similar() -> None:
    assert similarity(signature(TEXT), signature(TEXT.upper())) == 1.0


def test_empty_text_is_similar_to_nothing() -> None:
    empty = signature("  — … ")
    assert empty.empty
    assert similarity(empty, empty) == 0.0
    assert similarity(empty, signature(TEXT)) == 0.0


def test_short_texts_get_signatures() -> None:
    assert not signature("Kyiv").empty
    assert similarity(signature("Kyiv talks"), signature("KYIV TALKS!")) == 1.0


def test_very_long_text_is_hashed_in_chunks_like_a_short_one() -> None:
    # more shingles than one work chunk: the result must equal the minimum over all of them
    long_text = " ".join(f"w{i}" for i in range(10_000))
    half = " ".join(f"w{i}" for i in range(5_000))
    assert np.all(signature(long_text).values <= signature(half).values)


def _exact(a: str, b: str) -> float:
    x, y = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
    return len(x & y) / len(x | y)


def test_estimate_tracks_exact_jaccard() -> None:
    rng = random.Random(5)
    errors = []
    for _ in range(60):
        base = [f"w{rng.randrange(5000)}" for _ in range(400)]
        edited = [w if rng.random() > rng.uniform(0.02, 0.3) else "x" for w in base]
        a, b = " ".join(base), " ".join(edited)
        errors.append(similarity(signature(a), signature(b)) - _exact(a, b))
    # standard error of a 128-permutation estimate is at most 0.044
    assert max(abs(e) for e in errors) < 0.16
    assert abs(sum(errors) / len(errors)) < 0.02
