"""Signature time for a 5,000-character article: our numpy MinHash against datasketch's.

Run: `python bench/minhash_speed.py` (datasketch is not a dependency: `pip install datasketch`
to compare; without it only the numpy figures are printed).
"""

import statistics
import time
from collections.abc import Callable

import numpy as np
from gen_corpus import generate

from service.dedup.minhash import NUM_PERM, Signature, minhash, signature
from service.dedup.shingles import SHINGLE_SIZE, _word_hash, shingle_hashes, words

LENGTH = 5000


def article() -> str:
    """About 5,000 characters of generated news text, cut at a word boundary."""
    text = "\n\n".join(item.text for item in generate(4, reprints=0, other_outlets=0))
    return text[:LENGTH].rsplit(" ", 1)[0]


def cold(text: str) -> Signature:
    """A signature as the first article with unseen words pays for it."""
    _word_hash.cache_clear()
    return signature(text)


def timed(fn: Callable[[], object], runs: int = 300) -> tuple[float, float]:
    """Median and p95 milliseconds per call, after a warm-up."""
    for _ in range(20):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * len(samples))]


def main() -> None:
    text = article()
    n_words = len(words(text))
    print(f"text: {len(text)} characters, {n_words} words, {shingle_hashes(text).size} shingles")
    print(f"parameters: {SHINGLE_SIZE}-word shingles, {NUM_PERM} permutations\n")
    hashes = shingle_hashes(text)
    rows = [
        ("numpy: normalise + shingle + MinHash", lambda: signature(text)),
        ("numpy: same, word-hash cache cleared each call", lambda: cold(text)),
        ("numpy: normalise + shingle only", lambda: shingle_hashes(text)),
        ("numpy: MinHash of precomputed shingles", lambda: minhash(hashes)),
    ]
    try:
        from datasketch import MinHash
    except ImportError:
        print("datasketch not installed: skipping it (pip install datasketch)\n")
    else:
        template = MinHash(num_perm=NUM_PERM, seed=1)
        perms, scheme = template.permutations, template.scheme

        def datasketch_strings() -> object:
            # datasketch as documented: shingle strings hashed with its default SHA-1
            tokens = words(text)
            shingles = {
                " ".join(tokens[i : i + SHINGLE_SIZE])
                for i in range(len(tokens) - SHINGLE_SIZE + 1)
            }
            m = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme)
            m.update_batch([s.encode("utf-8") for s in shingles])
            return m.digest()

        def datasketch_hashes() -> object:
            # datasketch's permutation step fed our shingle hashes (top 32 bits, as its affine32
            # scheme takes): its MinHash core alone, without SHA-1 per shingle
            m = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme, hashfunc=int)
            m.update_batch((shingle_hashes(text) >> np.uint64(32)).tolist())
            return m.digest()

        top = (hashes >> np.uint64(32)).tolist()

        def datasketch_core() -> object:
            m = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme, hashfunc=int)
            m.update_batch(top)
            return m.digest()

        rows += [
            ("datasketch: shingle strings, SHA-1 (default)", datasketch_strings),
            ("datasketch: fed our shingle hashes", datasketch_hashes),
            ("datasketch: MinHash of precomputed hashes", datasketch_core),
        ]
    for label, fn in rows:
        median, p95 = timed(fn)
        print(f"{label:48s} median {median:6.3f} ms   p95 {p95:6.3f} ms")


if __name__ == "__main__":
    main()
