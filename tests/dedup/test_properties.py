"""Properties over arbitrary text: stable keys, a bounded symmetric similarity, lossless bytes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from service.dedup import (
    ALIGNMENT_THRESHOLD,
    MemoryBandIndex,
    Signature,
    band_keys,
    signature,
    similarity,
    word_ids,
    word_similarity,
)

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1), max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gets_stable_in_range_keys(text: str) -> None:
    sig = signature(text)
    keys = band_keys(sig)
    assert keys == band_keys(signature(text))
    assert all(-(2**63) <= value < 2**63 for _, value in keys)
    assert Signature.from_bytes(sig.to_bytes()) == sig


@settings(max_examples=60, deadline=None)
@given(WORDS)
def test_layout_and_case_never_matter(words: list[str]) -> None:
    plain = " ".join(words)
    noisy = "\n“" + ",\n  ".join(word.upper() for word in words) + ".” —"
    assert signature(plain) == signature(noisy)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    sig_a, sig_b = signature(a), signature(b)
    score = similarity(sig_a, sig_b)
    assert score == similarity(sig_b, sig_a)
    assert 0.0 <= score <= 1.0
    assert similarity(sig_a, sig_a) == (0.0 if sig_a.empty else 1.0)
    ids_a, ids_b = word_ids(a), word_ids(b)
    aligned = word_similarity(ids_a, ids_b)
    assert aligned == word_similarity(ids_b, ids_a)
    assert 0.0 <= aligned <= 1.0
    assert word_similarity(ids_a, ids_a) == (1.0 if ids_a else 0.0)


@settings(max_examples=40, deadline=None)
@given(
    # distinct words: a text of one repeated word has one shingle, and no sample of it is stable
    st.lists(st.integers(0, 50_000), min_size=200, max_size=600, unique=True),
    st.lists(st.integers(0, 50_000), max_size=20),
    st.floats(0.0, 0.1),
)
def test_a_long_text_with_chrome_added_and_its_end_cut_is_found(
    body: list[int], chrome: list[int], cut: float
) -> None:
    original = " ".join(f"w{n}" for n in body)
    kept = body[: len(body) - int(cut * len(body))]
    reprint = " ".join(f"w{n}" for n in kept + chrome)
    index: MemoryBandIndex[str] = MemoryBandIndex()
    index.add("original", signature(original), original)
    match = index.check(signature(reprint), reprint)
    assert match is not None
    assert match.duplicate_of == "original"
    assert match.similarity >= ALIGNMENT_THRESHOLD
