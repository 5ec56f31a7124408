"""Word shingles of article text, hashed to 64-bit integers that are the same in every process."""

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SHINGLE_SIZE = 3
"""Words per shingle; see `service.dedup` for how it was chosen."""

# letters and digits of any script; punctuation, underscores and whitespace separate words
_WORD = re.compile(r"[^\W_]+")
# odd 64-bit constants (splitmix64's) for combining word hashes and for the final mix
_STEP = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


# lines that belong to the page, not the story: a photo caption ending in its credit
# ("… in Riyadh. (Evelyn Hockstein/Pool Photo via AP)"), a byline, a printed date stamp. Two
# copies of one wire story carry different ones, and they would count against the copy.
_PAGE_LINE = re.compile(
    r"^[^\n]*\((?:[^()\n]{0,80}/)?[^()\n]{0,60}\b(?:AP|Reuters|AFP|Getty Images|Photo|Pool|"
    r"EPA|Bloomberg|Xinhua|TASS|Anadolu|Sputnik|File)\b[^()\n]{0,40}\)[ \t]*$|"
    r"^[ \t]*(?:By|BY|Photo:|PHOTO:)[ \t]+[A-Z][^\n]{0,80}$|"
    r"^[ \t]*(?:date[ \t]+)?\d{4}-\d{2}(?:-\d{2})?[ \t]",
    re.MULTILINE,
)


def story(text: str) -> str:
    """The text without its page lines (a date stamp only loses the stamp itself)."""
    if not _PAGE_LINE.search(text):
        return text  # most texts have none: no copy
    return _PAGE_LINE.sub(lambda m: " " if m.group(0)[-1:] in " \t" else "", text)


def words(text: str) -> list[str]:
    """The text's story words (page lines left out: see `_PAGE_LINE`) with case, Unicode
    compatibility forms and punctuation folded away."""
    return _WORD.findall(unicodedata.normalize("NFKC", story(text)).casefold())


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    # blake2b, not hash(): Python salts str hashes per process, and stored band keys must not move
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> npt.NDArray[np.uint64]:
    """The distinct hashes of the text's `size`-word shingles, sorted.

    A text shorter than `size` words is one shingle of all its words, so that short texts still
    compare; a text with no words has no shingles.
    """
    return np.unique(shingle_stream(text, size))


def shingle_stream(text: str, size: int = SHINGLE_SIZE) -> npt.NDArray[np.uint64]:
    """The hashes of the text's shingles in text order, repeats included: enough for MinHash,
    whose minima are the same over a multiset as over its set, without the sort."""
    return token_shingles(words(text), size)


def token_shingles(folded: list[str], size: int) -> npt.NDArray[np.uint64]:
    """The hashes of `size`-token shingles of a folded token sequence, in order, repeats
    included (a sequence shorter than `size` is one shingle; an empty one has none)."""
    tokens = np.fromiter(map(_word_hash, folded), dtype=np.uint64, count=len(folded))
    if tokens.size == 0:
        return tokens
    width = min(size, tokens.size)
    count = tokens.size - width + 1
    combined = tokens[:count].copy()
    for offset in range(1, width):
        combined = combined * _STEP + tokens[offset : offset + count]
    # a final avalanche so that shingles differing in one word differ in every bit
    combined ^= combined >> np.uint64(30)
    combined *= _MIX1
    combined ^= combined >> np.uint64(27)
    combined *= _MIX2
    combined ^= combined >> np.uint64(31)
    return combined
