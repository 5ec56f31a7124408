"""Runs of named people beside a cue word: who a meeting or attendance phrase is about.

News lists the people at a meeting as one long run, each with a title or a caption note in
between ("A, second left, meets with Foreign Minister B, National Security Adviser C, third left,
and the president's envoy D"). The run that ends just before a cue is its subject; the run that
starts just after it is its object. A person in the possessive ("the president's envoy D") only
qualifies the next name, and a run never crosses a clause ("…, who said", "; ").
"""

import itertools
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from service.extraction.gazetteer import title_words
from service.extraction.participants import (
    DAY_BETWEEN,
    OF_BODY,
    OPENED_APPOSITION,
    Ref,
    governed,
)

# between two members of a run: a title or caption note, never another clause
_LINK_MAX_WORDS = 12
# between the run and its cue
_CUE_MAX_WORDS = 6
_CLAUSE_STOP = re.compile(
    r"(?<![A-Z])\.(?=\s|$)|[;:!?()\[\]\n“”\"]|[—–]\s|\b(?:said|says|told|tells|who|whom|which|that|after|before|when|"
    r"while|but|because|if|than|against|versus|vs|during|amid|since|until|whose)\b",
    re.IGNORECASE,
)
_CONJUNCTION_WORDS = r"\band\b|\bas well as\b|\balong with\b|&"
_CONJUNCTION = re.compile(_CONJUNCTION_WORDS, re.IGNORECASE)
_JOIN = re.compile(rf",|{_CONJUNCTION_WORDS}", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\b")
_WORDS = re.compile(r"[\w'’.-]+")
# an apposition between a subject and its verb: "B, chief of staff to the president, joined"
_APPOSITION = re.compile(r"^\s*,[^,]{1,90},\s*")
# the country or body a title's holder is "of" before the verb: "President A of Kenya hosted B"
_OF_PLACE = re.compile(rf"^{OF_BODY}")
_DAY_BETWEEN = re.compile(DAY_BETWEEN)
# the company a run ends with before its verb: "A, B and other Chinese officials attended"
_COMPANY = re.compile(
    r"\s*,?\s*(?:and|as well as|along with)\s+(?:other|several|senior|top|some)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:officials|ministers|aides|members|delegates|dignitaries|diplomats|"
    r"envoys|advisers|advisors|representatives|leaders|negotiators)\b\s*"
)


def _tokens(gap: str) -> list[str]:
    return _WORDS.findall(gap)


def _words(text: str) -> int:
    return len(_tokens(text))


def _possessive(text: str, ref: Ref) -> bool:
    return bool(_POSSESSIVE.match(text, ref.end, ref.end + 3))


def _linked(text: str, a: Ref, b: Ref) -> bool:
    gap = text[a.end : b.start]
    if _CLAUSE_STOP.search(gap) or _words(gap) > _LINK_MAX_WORDS:
        return False
    return bool(_JOIN.search(gap))


def runs(text: str, persons: Sequence[Ref], start: int, end: int) -> list[list[Ref]]:
    """The runs of people in text[start:end], possessive owners left out."""
    inside = [p for p in persons if start <= p.start and p.end <= end]
    out: list[list[Ref]] = []
    for ref in inside:
        if _possessive(text, ref):
            continue
        if out and governed(text, out[-1][-1].end, ref):
            continue  # "A, chief of staff to President B, …": B only says whose A is
        if out and _linked(text, out[-1][-1], ref):
            out[-1].append(ref)
        else:
            out.append([ref])
    # "after his talks with A, B flew home": commas alone make no list, a conjunction does
    split: list[list[Ref]] = []
    for run in out:
        gaps = [text[a.end : b.start] for a, b in itertools.pairwise(run)]
        # three or more names by commas alone are a list all the same (a caption's roll call)
        # ("A, B and other officials attended": the company's "and" closes the list)
        if (
            len(run) == 2
            and not any(_CONJUNCTION.search(g) for g in gaps)
            and not _COMPANY.match(text, run[-1].end)
        ):
            split.extend([ref] for ref in run)
        else:
            split.append(run)
    return split


def _by_length(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: -len(w)))


@cache
def _lexicon() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(governing verbs longest first, auxiliaries, prepositions and those of meeting nouns,
    longest first)."""
    data = resources.files("service.extraction").joinpath("data")
    verbs = json.loads(data.joinpath("meeting_verbs.json").read_text("utf-8"))
    return (
        _by_length(verbs["governing"]),
        frozenset(verbs["auxiliaries"]),
        _by_length(verbs["prepositions"]),
        _by_length(verbs["noun_prepositions"]),
    )


_DETERMINERS = frozenset("the a an their his her its our this that".split())


def _strip_phrase(words: list[str], phrases: tuple[str, ...]) -> list[str] | None:
    """`words` without a leading phrase of `phrases`, or None when none leads."""
    lowered = [w.lower() for w in words]
    for phrase in phrases:
        parts = phrase.split()
        if lowered[: len(parts)] == parts:
            return words[len(parts) :]
    return None


def _title_like(words: list[str]) -> bool:
    titles = title_words()
    for word in words:
        bare = _POSSESSIVE.sub("", word).rstrip(".")
        if not bare:
            continue
        if bare[:1].isupper() or bare.lower() in titles or bare.lower() in _DETERMINERS:
            continue
        return False
    return True


def _skip_time(words: list[str]) -> list[str]:
    """The words after a day that opens them: "on Thursday (met)", "late on Monday evening"."""
    rest = " " + " ".join(words) + " "
    day = _DAY_BETWEEN.match(rest)
    return _tokens(rest[day.end() :]) if day else words


def _subject_gap(gap: str, noun_cue: bool) -> bool:
    if _CLAUSE_STOP.search(gap) or "," in gap:
        return False
    governing, auxiliaries, _, _ = _lexicon()
    words = _tokens(gap)
    while words and (words[0].lower() in auxiliaries or words[0].lower().endswith("ly")):
        words = words[1:]
    # wire style puts the day between the subject and its verb: "A on Thursday met B",
    # "A will on Monday host B", "A yesterday received B"
    timed = _skip_time(words)
    if noun_cue and words and not timed:
        return True  # "A on Thursday held talks with B": the day alone parts A from its cue
    words = timed
    while words and (words[0].lower() in auxiliaries or words[0].lower().endswith("ly")):
        words = words[1:]
    if not noun_cue:
        return not words
    rest = _strip_phrase(words, governing)
    return rest is not None and len(rest) <= 3 and not any(w[:1].isupper() for w in rest)


def _object_gap(gap: str, noun_cue: bool) -> bool:
    if _CLAUSE_STOP.search(gap) or _words(gap) > _CUE_MAX_WORDS + 2:
        return False
    words = _tokens(gap)
    if not noun_cue:
        # a passive cue may put a phrase before its agent: "joined on the U.S. side by A"
        lowered = [w.lower() for w in words]
        if "by" in lowered[1:6]:
            words = words[lowered.index("by") :]
    rest = _strip_phrase(words, _lexicon()[3] if noun_cue else _lexicon()[2])
    if rest is None:
        if noun_cue and words:
            return False  # "talks on A" is about A; "talks with A" is with A
        rest = words
    return len(rest) <= _CUE_MAX_WORDS and _title_like(rest)


def subject_run(
    text: str, run_list: list[list[Ref]], cue: tuple[int, int], noun_cue: bool
) -> list[Ref]:
    """The run that ends right before the cue ("A and B joined", "A, the envoy, arrived",
    "A and B held talks")."""
    before = [r for r in run_list if r[-1].end <= cue[0]]
    if not before:
        return []
    last = before[-1]
    gap = text[last[-1].end : cue[0]]
    apposition = (
        _APPOSITION.match(gap)
        or _COMPANY.match(gap)
        or _OF_PLACE.match(gap)
        or _closing_apposition(text, last, gap)
    )
    if apposition:
        gap = gap[apposition.end() :]
    return last if _subject_gap(gap, noun_cue) else []


_COMMA = re.compile(r"\s*,\s*")


def _closing_apposition(text: str, run: list[Ref], gap: str) -> re.Match[str] | None:
    """The comma that closes an apposition the run's last member stands in: "A and his wife,
    first lady B, hosted C"."""
    if len(run) < 2:
        return None
    comma = _COMMA.match(gap)
    if comma is None:
        return None
    link = text[run[-2].end : run[-1].start]
    return comma if OPENED_APPOSITION.search(link) else None


def object_run(
    text: str, run_list: list[list[Ref]], cue: tuple[int, int], noun_cue: bool
) -> list[Ref]:
    """The run that starts right after the cue ("included A, B and C", "led by A", "met
    Foreign Minister A", "talks with A")."""
    after = [r for r in run_list if r[0].start >= cue[1]]
    if not after:
        return []
    first = after[0]
    gap = text[cue[1] : first[0].start]
    visited = _CALLED_ON.match(gap) if _COURTESY.search(text, cue[0], cue[1]) else None
    if visited is not None:
        # "paid a courtesy call on Minister A": A was visited, the noun's object as a verb's
        return first if _object_gap(gap[visited.end() :], False) else []
    return first if _object_gap(gap, noun_cue) else []


# a courtesy call is paid "on" the one visited ("a call on A" alone is an appeal to A)
_COURTESY = re.compile(r"courtesy\s+(?:call|visit)s?$")
_CALLED_ON = re.compile(r"\s+on(?=\s)")


@cache
def _governing_before() -> re.Pattern[str]:
    governing = "|".join(re.escape(v) for v in _lexicon()[0])
    # up to three modifiers between the verb and its noun: "held two rounds of talks",
    # "began their bilateral meetings"; a reporting verb in between starts another clause
    return re.compile(
        rf"\b(?:{governing})\s+(?:(?!(?:said|says|that|which|who|would|could|to)\b)"
        r"[a-z][\w’'-]*\s+){0,3}$"
    )


def governed_noun(text: str, start: int, cue_start: int) -> bool:
    """Whether the meeting noun at `cue_start` is the object of a verb that governs a
    meeting ("A held bilateral talks", "kicked off their negotiations"): an event, not a
    process named in passing ("the peace talks")."""
    return _governing_before().search(text, max(start, cue_start - 60), cue_start) is not None
