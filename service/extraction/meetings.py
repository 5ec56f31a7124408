"""Meetings: fragments grouped by date, place and kind into one record per real meeting."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from service.extraction.absence import Absence, absences
from service.extraction.cues import (
    EVENT_ANAPHOR,
    KIND_CUES,
    NOUN,
    SPECIFIC,
    THE_TWO,
    WHO_KINDS,
)
from service.extraction.dates import closest_day
from service.extraction.fragments import Fragment, FragmentReader
from service.extraction.gazetteer import Gazetteer, Hit, org_series
from service.extraction.participants import Found, Ref
from service.extraction.records import (
    DatePrecision,
    MeetingKind,
    MeetingMention,
    MeetingStatus,
    Mode,
    ParticipationMention,
    Span,
)
from service.extraction.segmentation import Layout

_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|their|our|this|these|those|that|its|his|her|today['’]s|yesterday['’]s|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_ORDINAL = re.compile(
    r"\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|last|previous|next|earlier|"
    r"upcoming|inaugural|founding|former|prior|future|new|another|other)\b",
    re.IGNORECASE,
)
_JUST_BEFORE = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:[Ll]eaders['’]?\s+)?")
# a party joining a meeting later: "is expected to join", "will take part", "to attend"
_JOINING = re.compile(
    r"\b(?:will|would|is|are|to|expected|due|set|plans?|planning)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:join|attend|take part|participate|be joined)\b"
)
_THE_SUMMIT = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,3}summit", re.I)


# "The leaders met …", "Both presidents then held talks": a group noun for a pair as the subject
_GROUP_SUBJECT = re.compile(
    r"\W*(?:The|Both)\s+(?:two\s+)?(?:leaders|presidents|prime ministers|heads of state|"
    r"foreign ministers|ministers)\b(?!\s+of\b)"
)
# before the first of a pair that opens its sentence: only its title words ("Kenyan President")
_PAIR_OPENING = re.compile(r"\W*(?:[A-Z][\w.'’-]*\s+){0,4}")
# between the two: "and" and the second one's title ("and Ethiopian Prime Minister")
_PAIR_GLUE = re.compile(r"\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,4}")


@dataclass(slots=True)
class Candidate:
    fragments: list[Fragment] = field(default_factory=list)
    date_value: date | None = None
    precision: DatePrecision = "unknown"
    weak_date: bool = False
    city: str | None = None
    country: str | None = None
    segment: int = 0

    def kind(self) -> MeetingKind | None:
        votes: dict[MeetingKind, int] = {}
        # an event named in passing ("discussed preparations for the summit") says nothing of the
        # kind of the meeting it was named at, unless it is all the candidate has
        voters = [f for f in self.fragments if not f.reference] or self.fragments
        for f in voters:
            if f.kind:
                votes[f.kind] = votes.get(f.kind, 0) + (2 if not f.weak else 1)
        specific = {k: v for k, v in votes.items() if k in SPECIFIC}
        pool = specific or votes
        if not pool:
            return None
        order = [k for k, _ in KIND_CUES]
        return max(pool, key=lambda k: (pool[k], -order.index(k)))

    def segments(self) -> set[int]:
        """The stories its fragments come from: a caption above a dateline and the story under
        it report one meeting."""
        return {f.sentence.segment for f in self.fragments} | {self.segment}

    def last_paragraph(self) -> int:
        return max(f.sentence.paragraph for f in self.fragments)


def _people(c: Candidate) -> set[str]:
    return {p.ref.key for f in c.fragments for p in f.participants if p.ref.type == "person"}


def _compatible(c: Candidate, f: Fragment, same_date_required: bool) -> bool:
    if f.date_value and c.date_value:
        if (f.dm and f.dm.precision == "month") or c.precision == "month":
            if (f.date_value.year, f.date_value.month) != (c.date_value.year, c.date_value.month):
                return False
        elif f.date_value != c.date_value:
            return False
    elif same_date_required:
        return False
    if f.country and c.country and f.country != c.country:
        return False
    if f.city and c.city and f.city != c.city:
        return False
    ck = c.kind()
    if f.kind and ck and (f.kind == "call") != (ck == "call"):
        return False  # a phone call is never the talks held in a room
    return not (f.kind in SPECIFIC and ck in SPECIFIC and f.kind != ck)


def _moves_away(c: Candidate, f: Fragment) -> bool:
    """ "Zhao later met Prime Minister Han" after Yoon met Zhao: a fragment that moves on and
    both adds a party and leaves one of the meeting out is the next meeting, not this one."""
    if f.moves_on is None:
        return False
    mine = {p.ref.key for p in f.participants if p.ref.type == "person"}
    if not mine:
        return False
    theirs = _people(c)
    return bool(mine - theirs) and bool(theirs - mine)


def _other_tense(c: Candidate, f: Fragment) -> bool:
    """ "The call took place hours before Merz is set to visit": in one sentence, an event told
    in the past and one told in the future are two events."""
    if f.future == f.past:
        return False
    return any(
        g.sentence == f.sentence and g.future != g.past and g.future != f.future
        for g in c.fragments
    )


class MeetingFinder:
    def __init__(
        self,
        layout: Layout,
        hits: list[Hit],
        refs: list[Ref],
        published: date,
        gazetteer: Gazetteer,
    ) -> None:
        self.layout = layout
        self.text = layout.masked
        self.published = published
        self.hits = hits
        self.refs = refs
        self.gazetteer = gazetteer

    # -- grouping --------------------------------------------------------------------------
    def _new(self, cands: list[Candidate], f: Fragment) -> Candidate:
        c = Candidate(segment=f.sentence.segment)
        self._add(c, f)
        cands.append(c)
        return c

    def _same_summit(self, c: Candidate, f: Fragment) -> bool:
        """A multi-day summit: "the G7 summit" on Sunday is the one that opened on Friday."""
        if f.new_marker or f.kind != "summit" or c.kind() != "summit" or not c.date_value:
            return False
        if not f.date_value or abs((f.date_value - c.date_value).days) > 3:
            return False
        if f.city is not None and f.city != c.city:
            return False
        series = {g.series for g in c.fragments if g.series}
        series |= {org_series().get(p.ref.key, "") for g in c.fragments for p in g.participants}
        if not (f.city is not None or (f.series and f.series in series)):
            return False
        return bool(_THE_SUMMIT.search(self.text[f.window[0] : f.window[1]]))

    def _add(self, c: Candidate, f: Fragment) -> None:
        c.fragments.append(f)
        if f.date_value and (
            c.date_value is None or (c.precision == "month" and f.dm and f.dm.precision == "day")
        ):
            c.date_value = f.date_value
            c.precision = f.dm.precision if f.dm else "day"
            c.weak_date = f.relative_only
        if f.city and c.city is None:
            c.city, c.country = f.city, f.country
        if f.country and c.country is None:
            c.country = f.country

    def group(self) -> list[Candidate]:
        frags = FragmentReader(self.layout, self.hits, self.refs, self.published).read()
        cands: list[Candidate] = []
        current: Candidate | None = None
        weak_frags: list[Fragment] = []
        by_sentence: dict[int, list[Fragment]] = {}
        for f in frags:
            by_sentence.setdefault(f.sentence.start, []).append(f)
        for sentence_frags in by_sentence.values():
            ordered = sorted(sentence_frags, key=lambda f: f.dm is None)
            sentence_cands: list[Candidate] = []
            for f in ordered:
                if f.dm is not None and f.dm.offset_days is not None:
                    base = current.date_value if current else None
                    f.date_value = base + timedelta(days=f.dm.offset_days) if base else None
                elif f.dm is not None:
                    f.date_value = f.dm.value
                    f.relative_only = f.dm.relative and (f.sentence.segment > 0 or f.spoken_date)
                if f.weak and f.date_value is None:
                    weak_frags.append(f)
                    continue
                if f.date_value is not None and f.dm is not None and f.dm.precision == "day":
                    match = next(
                        (
                            c
                            for c in cands
                            if c.precision == "day"
                            and _compatible(c, f, True)
                            and not f.new_marker
                            and not _moves_away(c, f)
                        ),
                        None,
                    ) or next((c for c in cands if self._same_summit(c, f)), None)
                    match = match or self._story_meeting(cands, f)
                    current = match or self._new(cands, f)
                    if match:
                        self._add(match, f)
                    sentence_cands.append(current)
                    continue
                sibling = next(
                    (
                        c
                        for c in sentence_cands
                        if _compatible(c, f, False)
                        and not any(g.anchor for g in c.fragments)
                        and not _other_tense(c, f)
                        and not _moves_away(c, f)
                    ),
                    None,
                )
                if sibling is not None:
                    self._add(sibling, f)
                    continue
                nearby = [
                    c
                    for c in reversed(cands)
                    if not f.new_marker
                    and f.sentence.segment in c.segments()
                    and f.sentence.paragraph - c.last_paragraph() <= 2
                    and _compatible(c, f, False)
                    and not self._tense_clash(c, f)
                    and not self._away_clash(c, f)
                    and not _other_tense(c, f)
                    # "The call came a day after A met B": the event the sentence dates its
                    # own news by is another one
                    and not any(g.anchor and g.sentence == f.sentence for g in c.fragments)
                ]
                left = [c for c in nearby if _moves_away(c, f)]
                nearby = [c for c in nearby if c not in left]
                # a dated meeting is firmer ground than one only alluded to
                recent = next((c for c in nearby if c.precision == "day"), None) or next(
                    iter(nearby), None
                )
                if recent is not None:
                    self._add(recent, f)
                    current = recent
                else:
                    current = self._new(cands, f)
                    day = next((c for c in left if c.precision == "day"), None)
                    if day is not None and f.moves_on == "same_day" and current.date_value is None:
                        # "later", "then": the next meeting of the same day
                        current.date_value, current.precision = day.date_value, "day"
                sentence_cands.append(current)
        self._attach_weak(cands, weak_frags)
        settled = self._settle(cands)
        self._date_from_dateline(settled)
        self._date_lead_call(settled)
        return settled

    def _attach_weak(self, cands: list[Candidate], weak: list[Fragment]) -> None:
        """Weak fragments join the meeting of their stretch of story; only those no meeting
        reaches, even through the others, stand alone ("A and B began their talks")."""
        pending = list(weak)
        while pending:
            left = [f for f in pending if not self._attach_one(cands, f)]
            if len(left) == len(pending):
                break
            pending = left
        for f in pending:
            if not self._attach_one(cands, f) and self._stands_alone(f):
                self._new(cands, f)

    def _attach_one(self, cands: list[Candidate], f: Fragment) -> bool:
        """Join `f` to the nearest meeting of its segment within two paragraphs, if any."""
        owner: Candidate | None = None
        distance = 10**9
        for c in cands:
            if (
                f.sentence.segment not in c.segments()
                or not _compatible(c, f, False)
                or self._tense_clash(c, f)
            ):
                continue
            for g in c.fragments:
                # a list may come before the sentence that dates the meeting, or after it
                gap = abs(f.sentence.paragraph - g.sentence.paragraph)
                if gap <= 2 and gap < distance:
                    owner, distance = c, gap
        if owner is None:
            return False
        owner.fragments.append(f)
        if f.city and owner.city is None:
            owner.city, owner.country = f.city, f.country
        return True

    def _away_clash(self, c: Candidate, f: Fragment) -> bool:
        """ "met Arab leaders last week" is not the meeting held on the report's day."""
        return f.away_from_report and c.precision == "day" and c.date_value == self.published

    def _tense_clash(self, c: Candidate, f: Fragment) -> bool:
        """ "is expected to hold meetings during the summit" cannot be the meeting the story
        dates to a month already past ("last met in October 2024"), nor "attended" one dated
        after the report."""
        if c.date_value is None:
            return False
        if f.past and not f.future:
            # "X attended as an observer" did not happen at tomorrow's meeting
            return c.precision == "day" and c.date_value > self.published
        if not f.future:
            return False
        month_start = self.published.replace(day=1)
        return c.date_value < (month_start if c.precision == "month" else self.published)

    def _background(self, c: Candidate) -> bool:
        """A meeting the story knows only by a month already over when it was written is the
        story's background ("first met in March 2022"): recalled, not reported. A month still
        running ("talks earlier this month") or to come stays: it may be dated later."""
        if c.precision != "month" or c.date_value is None:
            return False
        return c.date_value < self.published.replace(day=1)

    def _stands_alone(self, f: Fragment) -> bool:
        named = NOUN.match(self.text[f.trigger[0] : f.trigger[1]]) is not None
        return named and not f.hypothetical and len({p.ref.key for p in f.participants}) >= 2

    def _settle(self, cands: list[Candidate]) -> list[Candidate]:
        """Fold dateless and story-relative candidates into the dated meeting they describe."""
        dated = [c for c in cands if c.date_value and c.precision == "day" and not c.weak_date]
        result = list(dated)
        for c in cands:
            if c in dated:
                continue
            kind = c.kind()
            series = {f.series for f in c.fragments if f.series}
            best: Candidate | None = None
            best_score = 0
            fitting: list[Candidate] = []
            for d in dated:
                if c.country and d.country and c.country != d.country:
                    continue
                if c.city and d.city and c.city != d.city:
                    continue
                dk = d.kind()
                if kind in SPECIFIC and dk in SPECIFIC and kind != dk:
                    continue
                if (
                    c.date_value
                    and d.date_value
                    and (c.precision == "month")
                    and (
                        (c.date_value.year, c.date_value.month)
                        != (d.date_value.year, d.date_value.month)
                    )
                ):
                    continue
                fitting.append(d)
                score = 0
                score += 2 if c.city and c.city == d.city else 0
                score += 2 if kind in SPECIFIC and kind == dk else 0
                score += 1 if series and series & {f.series for f in d.fragments} else 0
                score += 1 if c.country and c.country == d.country else 0
                # "Zelensky, Trump to meet" in a headline: the same two people as the dated meeting
                score += 3 if len(_people(c) & _people(d)) >= 2 and c.kind() != "call" else 0
                if score > best_score:
                    best, best_score = d, score
            if (best is None or best_score < 3) and self._headline(c):
                # "Xi holds talks with visiting Vietnamese leader": the one dated meeting of
                # everyone the headline names
                holders = [d for d in fitting if _people(c) and _people(c) <= _people(d)]
                if len(holders) == 1:
                    best, best_score = holders[0], 3
            if (best is None or best_score < 3) and self._definite(c):
                # "the talks", "the meeting": the story's meeting, before or after it is dated
                near = [d for d in fitting if d.segments() & c.segments()]
                if near:
                    best = min(near, key=lambda d: self._paragraph_gap(c, d))
                    best_score = 3
            # a kind alone is not enough: two "summits" may be two summits
            if best is not None and (best_score >= 3 or c.weak_date):
                for f in c.fragments:
                    self._add(best, f)
                if best.city is None and c.city:
                    best.city, best.country = c.city, c.country
                continue
            result.append(c)
        return result

    def _date_from_dateline(self, cands: list[Candidate]) -> None:
        """ "TIANJIN, September 1. /TASS/. A and B …": the meeting the story opens with, left
        undated by its own words, is the dateline's day."""
        for index, segment in enumerate(self.layout.segments):
            if segment.month_day is None:
                continue
            month, day = segment.month_day
            when = closest_day(month, day, self.published)
            opening = [
                c
                for c in cands
                if c.segment == index
                and c.date_value is None
                and min(f.sentence.paragraph for f in c.fragments) == self._first_paragraph(index)
            ]
            if when is not None and len(opening) == 1:
                opening[0].date_value, opening[0].precision = when, "day"

    def _date_lead_call(self, cands: list[Candidate]) -> None:
        """ "Trump and Xi have agreed to further talks, according to summaries of their phone
        call": a call the report opens with, and dates nowhere, is the report's news of the day.
        Calls are reported within hours; a meeting in a room may be a day old, so only calls."""
        first = self._first_paragraph(0)
        if any(c.date_value and c.precision == "day" for c in cands if 0 in c.segments()):
            return
        for c in cands:
            opening = [f for f in c.fragments if f.sentence.paragraph == first and not f.weak]
            if c.date_value is not None or c.segment != 0 or not opening or c.kind() != "call":
                continue
            if any(f.future or f.hypothetical or f.cancelled for f in opening):
                continue
            if len({p.ref.key for f in c.fragments for p in f.participants}) >= 2:
                c.date_value, c.precision = self.published, "day"
                return

    def _first_paragraph(self, segment: int) -> int:
        return min((s.paragraph for s in self.layout.sentences if s.segment == segment), default=-1)

    def _refers_back(self, f: Fragment) -> bool:
        if not NOUN.match(self.text[f.trigger[0] : f.trigger[1]]):
            return False  # "the US president met": a verb's subject, not "the talks"
        before = self.text[max(0, f.trigger[0] - 40) : f.trigger[0]]
        m = _DEFINITE_BEFORE.search(before)
        # "its first summit", "the next round": another meeting of the same kind
        return m is not None and not _ORDINAL.search(m.group(0))

    def _headline(self, c: Candidate) -> bool:
        """Every trigger of the candidate is in the text's first paragraph, a headline (no
        sentence ends it)."""
        if not self.layout.paragraphs:
            return False
        start, end = self.layout.paragraphs[0]
        if self.text[start:end].rstrip().endswith((".", "!", "?")):
            return False
        return all(f.sentence.paragraph == 0 for f in c.fragments)

    def _definite(self, c: Candidate) -> bool:
        """Every trigger of the candidate refers back: "the talks", "their meeting"."""
        strong = [f for f in c.fragments if not f.weak]
        return bool(strong) and all(self._refers_back(f) for f in strong)

    def _story_meeting(self, cands: list[Candidate], f: Fragment) -> Candidate | None:
        """ "our meeting today", "the talks on Monday": a dated mention that names nobody and no
        place dates the meeting its story already reported, however far back."""
        anaphor = EVENT_ANAPHOR.match(self.text[f.trigger[0] : f.trigger[1]]) is not None
        placed = (f.city or f.country) and not anaphor  # "the event … in Tianjin" places it
        if f.participants or placed or f.new_marker or not self._refers_back(f):
            return None
        story = [
            c
            for c in cands
            if c.date_value is None
            and f.sentence.segment in c.segments()
            and any(not g.weak for g in c.fragments)
            and len({p.ref.key for g in c.fragments for p in g.participants}) >= 2
            and _compatible(c, f, False)
            and not self._tense_clash(c, f)
        ]
        return story[0] if len(story) == 1 else None

    def org_summit(self, c: Candidate) -> bool:
        """ "the CELAC summit", "the African Union summit": an organisation's summit, however
        few of its leaders a report names, is no bilateral."""
        for f in c.fragments:
            if f.kind != "summit":
                continue
            if any(
                r.type == "organization"
                and f.trigger[0] - 40 <= r.start
                and _JUST_BEFORE.fullmatch(self.text, r.end, f.trigger[0])
                for r in self.refs
            ):
                return True
        return False

    @staticmethod
    def _paragraph_gap(c: Candidate, d: Candidate) -> int:
        return min(
            abs(f.sentence.paragraph - g.sentence.paragraph)
            for f in c.fragments
            for g in d.fragments
        )

    # -- records ---------------------------------------------------------------------------
    def _status(self, c: Candidate) -> MeetingStatus:
        if any(f.cancelled for f in c.fragments):
            return "cancelled"
        held = False
        for f in c.fragments:
            when = f.date_value or (c.date_value if c.precision == "day" else None)
            if f.future:
                continue
            if (
                (when is not None and when <= self.published)
                or (when is None and f.past and c.date_value is None)
                or (f.relative_only and f.past)
            ):
                held = True
        later = c.date_value is not None and c.date_value > self.published
        if c.precision == "day" and later and not any(f.relative_only for f in c.fragments):
            # dated after its report: not held yet (a later story run in the same body, dated
            # by its own dateline, is the exception)
            return "planned"
        return "held" if held else "planned"

    def _pair_from_context(self, c: Candidate, earlier: list[Candidate]) -> None:
        """'The two leaders last spoke by phone': the pair named by the meeting just before;
        with no such meeting, 'The leaders met in Nairobi' after 'A and B agreed on Thursday
        to …': the pair the sentence before has as its subject."""
        mode: Mode = "virtual" if c.kind() == "call" else "unknown"
        have = {p.ref.key for f in c.fragments for p in f.participants if p.ref.type == "person"}
        if len(have) < 2 and _GROUP_SUBJECT.match(self.text, c.fragments[0].sentence.start):
            # "The leaders met in Nairobi during B's visit": B named again is still the pair
            subjects = self._subject_pair(c.fragments[0])
            if subjects:
                c.fragments[0].participants.extend(
                    Found(r, mode, "attendee") for r in subjects if r.key not in have
                )
                return
        if have:
            return
        if not any(
            THE_TWO.search(self.text, f.sentence.start, f.sentence.end) for f in c.fragments
        ):
            return
        for prev in reversed(earlier):
            pair = {
                p.ref.key: p
                for f in prev.fragments
                for p in f.participants
                if p.ref.type == "person"
            }
            if len(pair) == 2:
                c.fragments[0].participants.extend(
                    Found(p.ref, mode, "attendee") for p in pair.values()
                )
                return

    def _subject_pair(self, f: Fragment) -> list[Ref]:
        """The two persons opening the sentence before `f`'s, in one paragraph and one story,
        joined by 'and' ("Kenyan President A and Ethiopian Prime Minister B agreed …")."""
        sentences = self.layout.sentences
        index = sentences.index(f.sentence)
        if index == 0:
            return []
        prev = sentences[index - 1]
        if prev.segment != f.sentence.segment or prev.paragraph < f.sentence.paragraph - 1:
            return []
        persons = [r for r in self.refs if prev.start <= r.start < prev.end and r.type == "person"]
        if len({r.key for r in persons}) != 2 or len(persons) != 2:
            return []
        first, second = persons
        opening = self.text[prev.start : first.start]
        if not _PAIR_OPENING.fullmatch(opening):
            return []
        return [first, second] if _PAIR_GLUE.fullmatch(self.text, first.end, second.start) else []

    def _joins_later(self, f: Fragment) -> bool:
        """A future clause of joining, undated or dated loosely ("is expected to join the talks
        later this week", "will attend them when they resume")."""
        if not f.future or f.past or (f.dm is not None and f.dm.precision == "day"):
            return False
        return _JOINING.search(self.text, f.window[0], f.window[1]) is not None

    def _absent(self, c: Candidate, away: list[Absence]) -> set[str]:
        """Parties its story says stayed away, within a few paragraphs of the meeting."""
        paragraphs = [f.sentence.paragraph for f in c.fragments]
        return {
            a.key
            for a in away
            if a.segment in c.segments() and min(abs(a.paragraph - p) for p in paragraphs) <= 3
        }

    def meetings(self) -> list[tuple[MeetingMention, Candidate]]:
        out: list[tuple[MeetingMention, Candidate]] = []
        away = absences(self.layout, self.refs)
        ordered = sorted(self.group(), key=lambda c: min(f.trigger[0] for f in c.fragments))
        for i, c in enumerate(ordered):
            self._pair_from_context(c, ordered[:i])
        for c in ordered:
            participants: dict[str, ParticipationMention] = {}
            absent = self._absent(c, away)
            # held before the report's day: a party the report says will join has not (on the
            # day itself, or on a day it names within a multi-day summit, it may have by now)
            held_before = (
                self._status(c) == "held"
                and c.precision == "day"
                and c.date_value is not None
                and c.date_value < self.published
            )
            for f in c.fragments:
                if held_before and self._joins_later(f):
                    # "envoy X is expected to join the talks later this week": a party still to
                    # come did not attend the meeting already held
                    continue
                for found in f.participants:
                    if found.ref.key in absent:
                        continue
                    pm = participants.get(found.ref.key)
                    if pm is None:
                        pm = participants[found.ref.key] = ParticipationMention(found.ref.key)
                        pm.mode = found.mode
                    elif found.mode == "virtual" or pm.mode == "unknown":
                        pm.mode = found.mode
                    if found.role == "host":
                        pm.role = "host"
                    span = Span(found.ref.start, found.ref.end)
                    if span not in pm.spans:
                        pm.spans.append(span)
            persons = [k for k in participants if k.startswith("person:")]
            has_date = c.date_value is not None
            strong = any(not f.weak for f in c.fragments)
            named = any(NOUN.match(self.text[f.trigger[0] : f.trigger[1]]) for f in c.fragments)
            who = any(f.kind in WHO_KINDS for f in c.fragments if not f.weak)
            if not has_date and len(participants) < 2:
                continue  # a meeting is two or more parties; undated, one name is not evidence
            arrivals = [f for f in c.fragments if self.text.startswith("arriv", f.trigger[0])]
            if (
                len(participants) < 2
                and arrivals
                and all(f.reference or f in arrivals for f in c.fragments)
            ):
                continue  # "Tinubu, who arrived in Pretoria on Wednesday": one traveller
            if not participants and (c.weak_date or c.precision == "month"):
                continue  # "the first call, in February": nobody, and no day of its own
            if self._background(c):
                continue  # "they last met in Kazan in October 2024": history, not the news
            if not participants and all(
                EVENT_ANAPHOR.match(self.text[f.trigger[0] : f.trigger[1]])
                for f in c.fragments
                if not f.weak
            ):
                continue  # "the event will take place in Bali": which event, the story never says
            groups = any(f.groups or f.signing for f in c.fragments if not f.weak)
            if not named and not who and not persons and not groups:
                continue  # "the plan met resistance on Monday": a verb alone, and nobody took part
            if not (strong or (has_date and participants)) or (not has_date and not persons):
                continue
            kind = c.kind()
            others = [
                k
                for k in participants
                if not k.startswith("person:") and k != f"country:{c.country}"
            ]
            serial = any(f.series for f in c.fragments) or self.org_summit(c)
            if (
                len(persons) == 2
                and not others
                and (kind in (None, "talks", "other") or (kind == "summit" and not serial))
            ):
                kind = "bilateral"  # two leaders meeting, even when the report says "summit"
            status = self._status(c)
            city, country = c.city, c.country
            if kind == "call":
                # a call has no venue: "spoke by phone from Tokyo", the dateline's city, are where
                # one side sat, not where they met
                city = country = None
            elif city is None and status == "held":
                seg = (
                    self.layout.segments[c.segment]
                    if c.segment < len(self.layout.segments)
                    else None
                )
                if seg is not None and (seg.city or seg.country):
                    # the dateline's place, or its city when it lies in the meeting's country
                    if country is None:
                        city, country = seg.city, seg.country
                    elif seg.country == country:
                        city = seg.city
            series = next((f.series for f in c.fragments if f.series and not f.weak), None) or next(
                (f.series for f in c.fragments if f.series), None
            )
            if series is None and kind == "summit":
                series = next((org_series()[k] for k in participants if k in org_series()), None)
            if series is not None:
                # the convening organisation is not a party to its own summit (NATO at a NATO
                # summit, BRICS at the BRICS summit): its members are
                participants = {
                    k: p for k, p in participants.items() if org_series().get(k) != series
                }
                if not participants and not has_date:
                    continue
            spans: list[Span] = []
            for f in sorted(c.fragments, key=lambda f: f.sentence.start):
                span = Span(f.sentence.start, f.sentence.end)
                if span not in spans:
                    spans.append(span)
            mention = MeetingMention(
                key=f"m{len(out)}",
                title="",
                kind=kind or "other",
                status=status,
                series=series,
                start_date=c.date_value,
                date_precision="day"
                if c.precision == "day"
                else ("month" if c.date_value else "unknown"),
                city=city,
                country=country,
                participants=sorted(participants.values(), key=lambda p: p.spans[0].start),
                spans=spans,
            )
            out.append((mention, c))
        return out
