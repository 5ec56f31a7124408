"""Whether two spellings of a given name can be one person's: Steve / Steven, Serhiy / Sergey."""

import re

from rapidfuzz.distance import Levenshtein

# transliteration endings that vary between sources: Andriy / Andrii, Sergei / Sergey
_ENDINGS = re.compile(r"(?:yy|iy|ij|yi|ii|y|i)$")
_VOWELS = frozenset("aeiou")


def fold_ending(name: str) -> str:
    stem = _ENDINGS.sub("", name)
    # short names carry no transliteration variance worth folding ("Li" is not "Lu")
    return stem if len(stem) >= 4 else name


def same_given_name(x: str, y: str) -> bool:
    """Two lower-case, accent-free given names: equal, an initial of the other, a short form
    ("steve" / "steven"), or one name transliterated two ways ("serhiy" / "sergey")."""
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if x == y or fold_ending(x) == fold_ending(y):
        return True
    if x[:-1] == y[:-1] and x[-1] in _VOWELS and y[-1] in _VOWELS:
        return False  # Maria / Mario, Andrea / Andrei: two people
    short, long = sorted((x, y), key=len)
    if long.startswith(short):
        # a short form ("steve" / "steven", "alex" / "alexander"), not a feminine one
        # ("daniel" / "daniela", "paul" / "paula")
        return len(short) >= 4 and long[len(short) :] not in _VOWELS
    return min(len(x), len(y)) >= 6 and x[:2] == y[:2] and Levenshtein.distance(x, y) <= 2
