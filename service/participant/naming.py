"""Name normalisation and the guard that decides whether two person names may be one person."""

import re
import unicodedata
from functools import lru_cache

from service.extraction.given_names import fold_ending, same_given_name

# punctuation to spaces, then runs of spaces to one: one pass over runs of non-word characters
# (punctuation and white space together are exactly \W)
_NON_WORD = re.compile(r"\W+")
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


# "Faisal bin Farhan Al Saud": the father's name after bin / ibn / bint is the part every
# short form keeps ("Faisal bin Farhan"); the family name after it is often left out
_PATRONYMIC = frozenset({"bin", "ibn", "bint", "ben"})


def surname_key(normalized: str) -> str:
    """The last name with transliteration variance folded away (for Arabic names, the father's
    name after "bin")."""
    parts = normalized.split()
    if not parts:
        return ""
    for i, part in enumerate(parts[1:-1], start=1):
        if part in _PATRONYMIC:
            return _skeleton(fold_ending(parts[i + 1]))
    return _skeleton(fold_ending(parts[-1]))


# spellings one sound gets from different transliterations: Mertz / Merz, Kh / H
_SOUNDS = (("tz", "z"), ("kh", "h"), ("ph", "f"), ("y", "i"))
_LONG_ENOUGH = 5  # below this, a vowel is often all that tells two names apart (Li / Lu)
_INNER_VOWELS = re.compile(r"(?<=.)[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")


def _skeleton(surname: str) -> str:
    """Sybiha / Sibiga (Ukrainian h, Russian g), Mohammed / Mohammad, Merz / Mertz: one key.
    Only long names lose their vowels, and the first-name guard still keeps namesakes apart."""
    folded = surname
    for a, b in _SOUNDS:
        folded = folded.replace(a, b)
    if len(folded) < _LONG_ENOUGH:
        return folded
    folded = _DOUBLED.sub(r"\1", folded.replace("g", "h"))
    return _INNER_VOWELS.sub("", folded)


def first_names_compatible(a: str, b: str) -> bool:
    """Given names agree: equal, one an initial of the other, or one name has none at all.

    Two different people who share a surname ("Joe Biden" / "Hunter Biden") are never merged.
    """
    first_a, first_b = a.split()[:-1], b.split()[:-1]
    if not first_a or not first_b:
        return True
    return same_given_name(first_a[0], first_b[0])


def same_person(a: str, b: str) -> bool:
    """Whether two normalised person names can denote one person (transliteration-tolerant)."""
    return bool(a) and surname_key(a) == surname_key(b) and first_names_compatible(a, b)
