"""Name normalisation and the guard that decides whether two person names may be one person."""

import re
import unicodedata
from functools import lru_cache

# punctuation to spaces, then runs of spaces to one: one pass over runs of non-word characters
# (punctuation and white space together are exactly \W)
_NON_WORD = re.compile(r"\W+")
# transliteration endings that vary between sources: Zelensky / Zelenskyy / Zelenskiy / Zelenskij
_SURNAME_ENDINGS = re.compile(r"(?:yy|iy|ij|yi|ii|y|i)$")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# names and aliases come back again and again; whole article texts are not worth keeping
_CACHED_UP_TO = 120


def normalize_name(name: str) -> str:
    """Lower case, no accents or punctuation, single spaces, no leading article."""
    if len(name) <= _CACHED_UP_TO:
        return _normalize_cached(name)
    return _normalize(name)


def _normalize(name: str) -> str:
    if name.isascii():
        stripped = name  # NFKD leaves ASCII as it is, and ASCII holds no combining marks
    else:
        # combining marks are never ASCII: only the non-ASCII runs need the per-character test
        stripped = _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", name))
    folded = _NON_WORD.sub(" ", stripped.casefold()).strip()
    return folded.removeprefix("the ")


_normalize_cached = lru_cache(maxsize=16384)(_normalize)


def _without_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group(0) if not unicodedata.combining(ch))


def surname_key(normalized: str) -> str:
    """The last name with transliteration-variant endings folded away."""
    parts = normalized.split()
    if not parts:
        return ""
    return _fold_ending(parts[-1])


def _fold_ending(name: str) -> str:
    stem = _SURNAME_ENDINGS.sub("", name)
    # short names carry no transliteration variance worth folding ("Li" is not "Lu")
    return stem if len(stem) >= 4 else name


def first_names_compatible(a: str, b: str) -> bool:
    """Given names agree: equal, one an initial of the other, or one name has none at all.

    Two different people who share a surname ("Joe Biden" / "Hunter Biden") are never merged.
    """
    first_a, first_b = a.split()[:-1], b.split()[:-1]
    if not first_a or not first_b:
        return True
    x, y = first_a[0], first_b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y or _fold_ending(x) == _fold_ending(y)


def same_person(a: str, b: str) -> bool:
    """Whether two normalised person names can denote one person (transliteration-tolerant)."""
    return bool(a) and surname_key(a) == surname_key(b) and first_names_compatible(a, b)
