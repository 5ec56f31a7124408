"""Name normalisation and the guard that decides whether two person names may be one person."""

import re
import unicodedata

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# transliteration endings that vary between sources: Zelensky / Zelenskyy / Zelenskiy / Zelenskij
_SURNAME_ENDINGS = re.compile(r"(?:yy|iy|ij|yi|ii|y|i)$")


def normalize_name(name: str) -> str:
    """Lower case, no accents or punctuation, single spaces, no leading article."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _SPACES.sub(" ", _PUNCTUATION.sub(" ", stripped.casefold())).strip()
    return folded.removeprefix("the ")


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
