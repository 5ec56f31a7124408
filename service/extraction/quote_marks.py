"""Quote marks: the stretches of a paragraph that are someone's quoted words."""

import re
from dataclasses import dataclass

# a quote opened with one style of mark is often closed with the other ("…” after a straight
# opening mark, from hand-edited copy): either closes it
_OPEN_CLOSE = {"“": '”"', "«": "»", '"': '"”', "„": "“”"}


@dataclass(slots=True)
class Quote:
    open_at: int
    close_at: int  # index of the closing mark, or paragraph end when the quote runs on
    start: int
    end: int
    paragraph: int


def _single_close(text: str, i: int, end: int) -> int:
    """Where a single-quoted stretch opened at i ends: a ’ or ' not inside a word ("don’t")."""
    for j in range(i + 1, end):
        if text[j] in "’'" and not text[j - 1].isspace():
            after = text[j + 1 : j + 2]
            if not after.isalpha():
                return j
    return -1


_OPENERS = re.compile(r"[“«\"„‘']")


def quotes_in(text: str, start: int, end: int, paragraph: int) -> list[Quote]:
    found: list[Quote] = []
    i = start
    while True:
        m = _OPENERS.search(text, i, end)
        if m is None:
            return found
        i = m.start()
        ch = text[i]
        before = text[i - 1] if i > start else " "
        if ch in _OPEN_CLOSE and (ch != '"' or not before.isalnum()):
            closers = [j for c in _OPEN_CLOSE[ch] if (j := text.find(c, i + 1, end)) >= 0]
            close_at = min(closers, default=end)
            found.append(Quote(i, close_at, i + 1, close_at, paragraph))
            i = close_at + 1
            continue
        # British style: ‘…’ or '…' as the outer marks, told apart from apostrophes
        if (
            ch in "‘'"
            and (before.isspace() or before in "([—–-:")
            and text[i + 1 : i + 2].isalpha()
        ):
            j = _single_close(text, i, end)
            if j > 0:
                found.append(Quote(i, j, i + 1, j, paragraph))
                i = j + 1
                continue
        i += 1
