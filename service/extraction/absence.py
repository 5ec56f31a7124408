"""Who did not take part: boycotts, refusals, "no X officials were present", "without X".

A report names the absent as often as the present ("Xi skips the summit", "No Ukrainian officials
were present", "neither Lula nor Modi attended", "talks without Kyiv"). Those names sit next to
the same meeting words as the participants', so they are read here and struck from the meeting
of their story instead of being added to it.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

from service.extraction.alternation import by_first_letter
from service.extraction.participants import Ref
from service.extraction.segmentation import Layout

# the absent party comes before the cue: "X boycotted", "X did not attend", "X skips"
_AFTER_PARTY = re.compile(
    r"\b(?:did not|didn['’]t|does not|doesn['’]t|will not|won['’]t|would not|could not|"
    r"cannot|can['’]t|declined to|refused to|chose not to|decided not to|is not expected to|"
    r"are not expected to|was not|were not|is not|are not)\s+(?:\w+\s+){0,1}"
    r"(?:attend|attending|join|joining|take part|participate|participating|travel|come|go|be "
    r"present|present|be there|there|invited|represented)\b|"
    r"\b(?:skip|skips|skipped|skipping|boycott|boycotts|boycotted|boycotting|snubbed|snubs|"
    r"stayed away|stays away|pulled out of|withdrew from|absent from|was absent|were absent|"
    r"is absent|are absent|sat out|sits out|missed|misses)\b",
    re.IGNORECASE,
)
# the absent party comes after the cue: "without X", "in the absence of X", "excluding X"
_BEFORE_PARTY = re.compile(
    r"\b(?:without|in the absence of|excluding|except for|apart from|absent)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "No Ukrainian officials were present": the demonym right after "no"
_NO_DEMONYM = re.compile(r"\bno\s+(?:other\s+|senior\s+|top\s+)?$", re.IGNORECASE)
_NEITHER = re.compile(r"\bneither\b(?P<list>[^.;:]{1,160}?)\bnor\b(?P<last>[^.;:,]{1,80})", re.I)
# any of the cues above, found in one pass before the per-sentence work
_ANY_CUE = re.compile(
    r"\b(?:"
    + by_first_letter(
        r"not|cannot|declined|refused|skip\w*|boycott\w*|snub\w*|stay\w* away|pulled out|"
        r"withdrew|absent|absence|sat out|sits out|miss\w*|without|excluding|except|"
        r"apart from|no|neither|No|Neither|Without"
    )
    + r")\b|n['’]t\b"
)
_REPORTING = re.compile(r"\b(?:said|says|told \w+|that|according to|announced|confirmed)\b")
_CLAUSE = re.compile(r"[.;:!?]|,\s+(?:but|while|and|as|who|which)\s|\s(?:but|while|whereas)\s")


@dataclass(frozen=True, slots=True)
class Absence:
    """A party the text says was (or will be) away, and where it says so."""

    key: str
    paragraph: int
    segment: int


def _clause_start(text: str, start: int, at: int) -> int:
    cut = start
    for m in _CLAUSE.finditer(text, start, at):
        cut = m.end()
    return cut


def absences(layout: Layout, refs: list[Ref]) -> list[Absence]:
    text = layout.masked
    out: list[Absence] = []
    cues = [m.start() for m in _ANY_CUE.finditer(text)]
    if not cues:
        return out  # most reports name no one away: one scan, then nothing per sentence
    starts = [r.start for r in refs]  # refs come sorted by start
    for sentence in layout.sentences:
        s, e = sentence.start, sentence.end
        if bisect_left(cues, s) == bisect_left(cues, e):
            continue  # no cue in this sentence
        inside = [r for r in refs[bisect_left(starts, s) : bisect_left(starts, e)] if r.end <= e]
        if not inside:
            continue
        keys: set[str] = set()
        for m in _AFTER_PARTY.finditer(text, s, e):
            head = _clause_start(text, s, m.start())
            # "Trump said Xi would not attend": the absent one is the reported subject
            for said in _REPORTING.finditer(text, head, m.start()):
                head = said.end()
            keys |= {r.key for r in inside if head <= r.start and r.end <= m.start()}
        for r in inside:
            before = text[max(s, r.start - 30) : r.start]
            if _BEFORE_PARTY.search(before) or (r.demonym and _NO_DEMONYM.search(before)):
                keys.add(r.key)
        for m in _NEITHER.finditer(text, s, e):
            keys |= {r.key for r in inside if m.start("list") <= r.start and r.end <= m.end()}
        out += [Absence(k, sentence.paragraph, sentence.segment) for k in sorted(keys)]
    return out
