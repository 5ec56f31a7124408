"""Invisible characters in pushed articles: bidi controls removed, zero-width ones never count
as content."""

import re
import unicodedata

# embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder what a
# reader sees (a title can display spoofed) and carry no text, so stored text never keeps them.
# Removed rather than refused: partners' feeds carry them around right-to-left names, and the
# marks that matter for display (U+200E, U+200F, U+061C) are kept
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# letters by category that render as nothing: Hangul fillers
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# format characters (zero-width spaces and joiners, BOM, bidi marks), combining marks alone,
# and separators: none of them is content on its own
_NOT_CONTENT = frozenset({"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"})


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)


def is_blank(text: str) -> bool:
    """Nothing a reader would see: whitespace, zero-width and format characters, combining
    marks with nothing to combine with."""
    return all(
        char in _INVISIBLE_LETTERS or unicodedata.category(char) in _NOT_CONTENT for char in text
    )


def has_letters_or_digits(text: str) -> bool:
    return any(
        unicodedata.category(char)[0] in "LN" and char not in _INVISIBLE_LETTERS for char in text
    )
