"""Date expressions in news prose, resolved against the publication date.

A small resolver for a closed set of forms rather than `dateparser`: importing dateparser costs
far more than the whole extraction budget, and news needs only these forms.
"""

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from service.extraction.alternation import by_first_letter
from service.extraction.records import DatePrecision

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
             "christmas day": (12, 25), "christmas": (12, 25)}  # fmt: skip

# word lists grouped by first letter for a faster scan (see `by_first_letter`)
_MONTH_NAMES = by_first_letter(
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec",
    ignorecase=True,
)
_MON = rf"(?P<mon>{_MONTH_NAMES})"
# re-wrapped copy doubles spaces ("Jan.  3"); a date never spans a line
_SP = r"[ \t\u00a0]{1,3}"
_NUM = r"(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "md",
        re.compile(
            rf"\b{_MON}\.?{_SP}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:|\d|,\d)(?:,?{_SP}(?P<year>\d{{4}})\b)?"
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?{_MON}\b\.?(?:,?{_SP}(?P<year>\d{{4}})\b)?"
        ),
    ),
    (
        "part",
        re.compile(
            rf"\b(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)[ -]{_MON}\b(?: (?P<year>\d{{4}})\b)?",
            re.IGNORECASE,
        ),
    ),
    ("my", re.compile(rf"\b(?:(?:in|since|until|by|from){_SP})?{_MON}{_SP}(?P<year>\d{{4}})\b")),
    (
        "m",
        re.compile(
            # "in Mar-a-Lago" names no month
            rf"\b(?:in|since|until|by|from|last|next|this|early|late|mid-|end of)[ -]{_MON}\b(?![ -]\d|-\w)"
        ),
    ),
    ("holiday", re.compile(r"\b(?P<h>New Year['’]s (?:Day|Eve)|Christmas(?: Eve| Day)?)\b")),
    (
        "weekday",
        re.compile(
            r"\b(?P<rel>last |next |this |on |this coming |coming )?(?P<wd>"
            + by_first_letter("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
            + r")\b",
        ),
    ),
    (
        "day",
        re.compile(
            r"\b(?P<w>"
            + by_first_letter(
                "today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow",
                ignorecase=True,
            )
            + r")\b",
            re.IGNORECASE,
        ),
    ),
    ("in_days", re.compile(rf"\bin {_NUM} days?\b", re.IGNORECASE)),
    ("days_ago", re.compile(rf"\b{_NUM} days? ago\b", re.IGNORECASE)),
    (
        "days_later",
        re.compile(
            rf"\b{_NUM} (?P<unit>days?|weeks?) (?P<dir>later|earlier|after|before)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<p>"
            + by_first_letter(
                "next week|next month|later this month|this month|last week|last month|"
                "later this week|this week",
                ignorecase=True,
            )
            + r")\b",
            re.IGNORECASE,
        ),
    ),
]
_FUTURE_WORDS = by_first_letter(
    r"will|shall|is to|are to|to be held|scheduled|set to|set for|plans? to|planning to|"
    r"expected to|due to|upcoming|forthcoming|is going to|are going to|next|"
    # "the two leaders agreed to hold consultations in the autumn": a meeting decided on
    r"agreed to hold|agreed to meet|agreed to resume|decided to hold|to meet again",
    ignorecase=True,
)
_FUTURE_CUE = re.compile(rf"\b(?:{_FUTURE_WORDS})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: date | None
    precision: DatePrecision
    relative: bool  # resolved against the publication date ("today", "on Saturday")
    offset_days: int | None = None  # "two days later": relative to the date in context


def closest_day(month: int, day: int, published: date) -> date | None:
    """The day of that month and day nearest the publication date (a year is rarely printed)."""
    return _closest_year(month, day, published)


def _closest_year(month: int, day: int, published: date) -> date | None:
    best: date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_future(text: str) -> bool:
    return bool(_FUTURE_CUE.search(text))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)


@dataclass(frozen=True, slots=True)
class _Raw:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]

    def __getitem__(self, name: str) -> str:
        return self.groups.get(name) or ""


_MONTH_KINDS = frozenset({"md", "dm", "part", "my", "m"})
_MONTH_WORD = re.compile(rf"\b{_MON}\b")
_DAY_KINDS = frozenset({"in_days", "days_ago", "days_later"})
_DAY_WORD = re.compile(r" (?:days?|weeks?)\b")
# a pattern runs only when one of its words occurs: most articles have no "days ago" at all
_NEEDS = {
    "holiday": ("new year", "christmas"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "day": ("today", "tonight", "this ", "yesterday", "tomorrow"),
    "in_days": (" day",),
    "days_ago": (" day",),
    "days_later": (" day", " week"),
    "period": ("week", "month"),
}


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[_Raw, ...]:
    """Every date-like match in the text, found once per text and shared by all lookups."""
    found: list[_Raw] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    # the month-name patterns only run around month names: one scan instead of five
    windows = [
        (max(0, m.start() - 45), min(len(text), m.end() + 25)) for m in _MONTH_WORD.finditer(text)
    ]
    day_windows = [
        (max(0, m.start() - 15), min(len(text), m.end() + 10)) for m in _DAY_WORD.finditer(text)
    ]
    for kind, pattern in _PATTERNS:
        needs = _NEEDS.get(kind)
        if needs and not any(word in lowered for word in needs):
            continue
        spans = (
            windows
            if kind in _MONTH_KINDS
            else day_windows
            if kind in _DAY_KINDS
            else [(0, len(text))]
        )
        seen: set[tuple[int, int]] = set()
        for lo, hi in spans:
            for m in pattern.finditer(text, lo, hi):
                if (m.start(), m.end()) in seen or any(
                    m.start() < e and s < m.end() for s, e in taken
                ):
                    continue
                seen.add((m.start(), m.end()))
                found.append(_Raw(kind, m.start(), m.end(), m.groupdict()))
                taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda r: r.start))


def _resolve(kind: str, m: _Raw, published: date, future: bool) -> DateMention | None:
    s, e = m.start, m.end
    if kind == "iso":
        value = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        return DateMention(s, e, value, "day", False) if value else None
    if kind in ("md", "dm"):
        month, day = _MONTHS[m["mon"].lower()], int(m["day"])
        if m["mon"] == "May" and kind == "md" and not m["year"] and day > 31:
            return None
        if m["year"]:
            value = _safe(int(m["year"]), month, day)
        else:
            value = _closest_year(month, day, published)
        return DateMention(s, e, value, "day", False) if value else None
    if kind == "m":
        month = _MONTHS[m["mon"].lower()]
        anchor = date(published.year, month, 1)
        this_month = published.replace(day=1)
        if future and anchor < this_month:
            anchor = anchor.replace(year=anchor.year + 1)
        elif not future and anchor > this_month:
            anchor = anchor.replace(year=anchor.year - 1)
        return DateMention(s, e, anchor, "month", False)
    if kind in ("part", "my"):
        month = _MONTHS[m["mon"].lower()]
        year = (
            int(m["year"]) if m["year"] else (_closest_year(month, 1, published) or published).year
        )
        return DateMention(s, e, date(year, month, 1), "month", False)
    if kind == "holiday":
        month, day = _HOLIDAYS[m["h"].lower().replace("’", "'")]
        return DateMention(s, e, _closest_year(month, day, published), "day", False)
    if kind == "weekday":
        target = _WEEKDAYS.index(m["wd"].lower())
        rel = (m["rel"] or "").strip().lower()
        if rel == "next" or (rel in ("coming", "this coming")) or (future and rel != "last"):
            ahead = (target - published.weekday()) % 7
            if rel == "next" and ahead == 0:
                ahead = 7
            value = published + timedelta(days=ahead)
        else:
            value = published - timedelta(days=(published.weekday() - target) % 7)
        return DateMention(s, e, value, "day", True)
    if kind == "day":
        word = m["w"].lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return DateMention(s, e, published + timedelta(days=delta), "day", True)
    if kind == "in_days":
        return DateMention(s, e, published + timedelta(days=_number(m["n"])), "day", True)
    if kind == "days_ago":
        return DateMention(s, e, published - timedelta(days=_number(m["n"])), "day", True)
    if kind == "days_later":
        sign = 1 if m["dir"].lower() in ("later", "after") else -1
        days = _number(m["n"]) * (7 if m["unit"].lower().startswith("week") else 1)
        return DateMention(s, e, None, "day", True, offset_days=sign * days)
    phrase = m["p"].lower()
    if phrase in ("this week", "later this week"):
        return DateMention(s, e, published.replace(day=1), "month", True)
    shift = {"next week": 7, "last week": -7}.get(phrase)
    if shift is not None:
        return DateMention(s, e, (published + timedelta(days=shift)).replace(day=1), "month", True)
    if phrase in ("next month",):
        first = (published.replace(day=28) + timedelta(days=4)).replace(day=1)
        return DateMention(s, e, first, "month", True)
    if phrase == "last month":
        return DateMention(
            s, e, (published.replace(day=1) - timedelta(days=1)).replace(day=1), "month", True
        )
    return DateMention(s, e, published.replace(day=1), "month", True)


# words from a stretch's start to a date's end that hold a clause of their own
_OWN_CLAUSE_WORDS = 4


def find_dates(text: str, start: int, end: int, published: date) -> list[DateMention]:
    """Every date expression in text[start:end], resolved; tense of that stretch picks the
    direction of bare weekdays ("on Saturday")."""
    future: bool | None = None  # most stretches hold no date: the tense is read when one does
    found: list[DateMention] = []
    anchors: dict[str, date] | None = None
    for raw in _scan(text):
        if start <= raw.start and raw.end <= end:
            lead = text[start : raw.end]
            if len(lead.split()) >= _OWN_CLAUSE_WORDS:
                # "Lula spoke by phone on Thursday with Macron about the upcoming summit": the
                # words up to the date hold its verb; what follows is another clause's tense
                tense = is_future(lead)
            else:  # "On Thursday, the leaders will meet": the verb comes after the date
                if future is None:
                    future = is_future(text[start:end])
                tense = future
            mention = _resolve(raw.kind, raw, published, tense)
            if mention is not None and raw.kind == "weekday" and raw["rel"].strip() in ("", "on"):
                anchors = _weekday_anchors(text, published) if anchors is None else anchors
                anchored = anchors.get(raw["wd"].lower())
                if anchored is not None:
                    mention = DateMention(mention.start, mention.end, anchored, "day", False)
            if mention is not None:
                found.append(mention)
    return found


_WEEKDAY_BEFORE_DATE = re.compile(r",?\s+(?:the\s+)?$")


@lru_cache(maxsize=8)
def _weekday_anchors(text: str, published: date) -> dict[str, date]:
    """ "Monday, June 16, 2025" printed once in a story fixes every bare "Monday" of it.

    A weekday is anchored only when the text pins it to one date: written twice with two
    dates, it is left to the publication date."""
    raws = _scan(text)
    pinned: dict[str, set[date]] = {}
    for weekday, following in itertools.pairwise(raws):
        if weekday.kind != "weekday" or following.kind not in ("md", "dm"):
            continue
        if not _WEEKDAY_BEFORE_DATE.fullmatch(text, weekday.end, following.start):
            continue
        value = _resolve(following.kind, following, published, False)
        if value is not None and value.value is not None:
            name = weekday["wd"].lower()
            if value.value.weekday() == _WEEKDAYS.index(name):
                pinned.setdefault(name, set()).add(value.value)
    return {name: days.pop() for name, days in pinned.items() if len(days) == 1}
