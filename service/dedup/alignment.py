"""Word alignment of two texts: the exact check a MinHash match must also pass.

MinHash estimates the Jaccard similarity of 3-word shingle sets, which one edited word lowers
three times over, so its threshold must sit low enough for heavily edited reprints (0.38) — and
that low it also passes two outlets running most of one wire story around their own paragraphs.
What tells those apart is the share of words the two texts have in common, in order: a reprint
keeps nearly all of its words in sequence however its words are scattered with edits, while an
outlet's own rewrite adds or replaces whole paragraphs.
"""

from rapidfuzz.distance import LCSseq

from service.dedup.shingles import words

ALIGNMENT_THRESHOLD = 0.70
"""Share of the two texts' words in their longest common subsequence (2·LCS / (|a| + |b|)) at or
above which a MinHash match is a near-duplicate; see `service.dedup` for how it was chosen."""

WINDOW_WORDS = 4_000
"""Longest stretch aligned in one piece. The alignment costs time in proportion to the product
of the lengths: two 4,000-word texts take about 3 ms, two 160,000-word bodies (the 1 MB limit)
took 5 s in one piece. News articles run to a few hundred or thousand words and are aligned
whole; longer texts are cut into as many proportional windows as it takes, each aligned with its
counterpart (linear time: about 0.1 s for two 1 MB bodies)."""


def word_ids(text: str) -> list[int]:
    """The text's words (as `shingles.words` folds them) as ints; equal words, equal ints."""
    # Python's salted str hash is fine here: these ints never leave the process
    return [hash(word) for word in words(text)]


def word_similarity(a: list[int], b: list[int]) -> float:
    """2·LCS / (|a| + |b|) over the two word sequences: 1.0 for the same words in the same
    order, 0.0 when either is empty.

    Exact up to WINDOW_WORDS words each. Beyond, the texts are cut into the same number of
    proportional windows and the LCS of window pairs summed: the pieces joined are a common
    subsequence, so the score is a lower bound of the exact one, never above it (words that an
    edit moved across a window boundary are missed).
    """
    if not a or not b:
        return 0.0
    windows = -(-max(len(a), len(b)) // WINDOW_WORDS)  # ceiling division
    common = 0
    for i in range(windows):
        common += LCSseq.similarity(
            a[len(a) * i // windows : len(a) * (i + 1) // windows],
            b[len(b) * i // windows : len(b) * (i + 1) // windows],
        )
    return 2 * common / (len(a) + len(b))


def can_align(a: list[int], b: list[int]) -> bool:
    """Whether the lengths alone allow `word_similarity` to reach the threshold (a shorter text
    wholly inside a longer one is the best case), so hopeless pairs skip the alignment."""
    return 2 * min(len(a), len(b)) >= ALIGNMENT_THRESHOLD * (len(a) + len(b))
