"""Meeting fragments: each trigger phrase with the date, place, kind and parties around it."""

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from service.extraction.chains import governed_noun, object_run, runs, subject_run
from service.extraction.cues import (
    ALL_MEMBERS,
    ANNOUNCE,
    ANNOUNCED_ON,
    CANCELLED,
    EVENT_BEFORE,
    FORWARD_REFERENCE,
    HYPOTHETICAL,
    MEMBERSHIP,
    MOVES_ON,
    NEW_MARKER,
    NOT_MEETING_BEFORE,
    NOUN,
    PAIR_SUBJECT_BEFORE,
    PAST,
    PLACE_BEFORE,
    REFERENCE_BEFORE,
    REFERENCE_NAMED_BEFORE,
    REFERENCE_PHRASE_BEFORE,
    REFERRED_PLACE_BEFORE,
    SIGNED_OBJECT,
    SIGNED_PARTICIPLE_BEFORE,
    SIGNING,
    STRONG,
    THEY_PREPARE,
    THING_RECEIVED,
    WEAK,
    WHO_KINDS,
    kind_of,
    series_of,
)
from service.extraction.dates import DateMention, find_dates, is_future
from service.extraction.gazetteer import Hit
from service.extraction.participants import (
    HOST_VERB,
    Found,
    Ref,
    context_mode,
    find_participants,
    people_named_by,
)
from service.extraction.quote_marks import quotes_in
from service.extraction.records import MeetingKind, Mode, ParticipationRole
from service.extraction.segmentation import BULLET, Layout, Sentence

# compiled once here rather than looked up in re's cache on every call
_ADJACENT_BEFORE = re.compile(r"(?:the\s+)?(?:current\s+)?")
_HOSTS_AFTER = re.compile(
    r"\s+(?:(?:plans|wants|is set|is due|looks|is|will|to)\s+(?:to\s+)?){0,2}(?:hold|host)\b"
)
# "peace in Gaza", "the war in Sudan", "aid for Haiti": what the talks are about, not where
_NOT_PLACE_BEFORE = re.compile(
    r"\b(?:war|peace|ceasefire|truce|conflict|crisis|fighting|situation|violence|hostages?|"
    r"people|aid|reconstruction)\s+(?:in|on|for|of|against)\s+(?:the\s+)?$|"
    r"\b(?:deal|plan|future|security|elections?)\s+(?:on|for|of|against)\s+(?:the\s+)?$|"
    r"\bfrom\s+(?:the\s+)?$"
)
# "security in Europe", "elections in Venezuela": a topic of a whole country or region; before a
# city the same words leave the place to the verb ("signed a deal in Lima", "talks on border
# security in Hanoi")
_TOPIC_IN_BEFORE = re.compile(r"\b(?:deal|plan|future|security|elections?)\s+in\s+(?:the\s+)?$")


def _not_place(before: str, kind: str) -> bool:
    """Whether the words before a place make it what a meeting is about, not where it is."""
    if _NOT_PLACE_BEFORE.search(before):
        return True
    return kind not in ("city", "venue") and _TOPIC_IN_BEFORE.search(before) is not None


_AWAY_PERIOD = re.compile(r"(?i:(?:last|next|previous|past|coming) (?:week|month|year))")
_RECEIVING = re.compile(r"welcomed|welcomes|received|receives|greeted|greets")
_CLAUSE_END = re.compile(r"[.;:!?]|,\s")
_RECEIVED_GROUP = re.compile(
    r"\s+(?:them|him|her|the\s+(?:[\w-]+\s+){0,2}(?:delegations?|leaders?|ministers?|guests|"
    r"visitors|envoys?|officials|president|premier|king|queen|chancellor|counterparts?))\b"
)
# a plural pronoun or "the two" before the cue stands for the pair the sentence opens with
_THEIR_BEFORE = re.compile(
    r"\b(?:their|they|the two(?:\s+(?:leaders|men|women|presidents|ministers|sides))?)\s+"
    r"(?:[\w-]+\s+){0,3}$"
)
# "… on Tuesday, the Vatican said, their second meeting": a reporting aside between a date and
# the trigger claims neither
_REPORTING_ASIDE = re.compile(
    r",\s+(?:[\w.'’-]+\s+){1,4}(?:said|says|reported|stated|added)\s*,\s*(?:[\w'’-]+\s+){0,3}"
)
_SAME_DAY_AFTER = re.compile(
    r"\b(?:after|following|during|at the (?:end|close|conclusion) of)\s+(?:the\s+|their\s+)?$"
)
_AFTER_BEFORE = re.compile(r"\b(?:after|following|since)\s+(?:\w+\s+){0,2}$")
_ONE_PHRASE = re.compile(
    r"(?!.*\b(?:said|says|which|who|that|was|were|is|are|has|have|had|will|would)\b)"
    r"(?:[^.;:!?]|(?<=[A-Z])\.)*",  # "U.S." does not end the phrase
    re.DOTALL,
)
# "During the call, A said he looked forward to visiting Seoul next month": a date after a
# reported clause dates what was said, not the meeting the sentence opened with
_REPORTED_CLAUSE = re.compile(
    r"\b(?:said|says|told\s+(?:him|her|them|reporters|\w+)|added|stressed|noted|insisted|"
    r"promised|pledged|vowed)\s+(?:that\s+)?(?:he|she|they|we|it|I)\b"
)
_PRONOUN_START = re.compile(r"(?:He|She)\b")
_ANNOUNCEMENT_AFTER = re.compile(
    r"\s+(?:statement|post|announcement|address|speech|interview|remarks|message|decision)"
)
_EVENT_NAMED_AFTER = re.compile(
    r"\s*(?:\([A-Z][\w.&-]*\)\s*)?(?:[Ss]ummit|[Mm]eeting|[Cc]onference|[Ff]orum|[Mm]inisterial)\b"
)
# plural nouns that also name a process ("the peace talks"); an event when a verb governs them
_PROCESS_NOUNS = frozenset({"talks", "negotiations", "discussions", "consultations"})
# between "a day after" and the verb of its clause: its subject ("Trump", "the two leaders")
_SUBJECT_GAP = re.compile(r"\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,4}")
_PRONOUN_VERB = re.compile(r"^(?:He|She)\s+(?:\w+\s+){0,3}$")
_CLAUSE_PRONOUN_VERB = re.compile(
    r"(?:[,;]\s*|\b(?:where|when|and|then)\s+)(?:he|she)\s+(?:\w+\s+){0,3}$"
)
# between the last signatory and the verb: "A and B have signed", "A and B on Monday signed"
_SIGNER_GAP = re.compile(
    r"(?:['’]s)?\s+(?:(?:have|has|had|also|formally|jointly|then|later|will|on\s+\w+day)\s+){0,3}"
)
_SIGNER_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_WITH = re.compile(r"\bwith\s+")


@dataclass(slots=True)
class Fragment:
    trigger: tuple[int, int]
    window: tuple[int, int]
    sentence: Sentence
    weak: bool
    dm: DateMention | None = None
    date_value: date | None = None
    city: str | None = None
    country: str | None = None
    kind: MeetingKind | None = None
    series: str | None = None
    future: bool = False
    past: bool = False
    cancelled: bool = False
    new_marker: bool = False
    # "later met", "also met", "went on to meet": maybe the next meeting (see `MOVES_ON`);
    # "same_day" for "later"/"then"
    moves_on: str | None = None
    hypothetical: bool = False
    relative_only: bool = False
    spoken_date: bool = False  # dated by a relative date inside a quote ("our meeting today")
    anchor: bool = False  # the earlier event of "a day after Boric met Arce"
    # named in passing ("preparations for the BRICS summit"): another event than the sentence's
    reference: bool = False
    # dated by "last week", "next month": a stretch that does not hold the report's own day
    away_from_report: bool = False
    participants: list[Found] = field(default_factory=list)
    # a party named as a group of people ("Hamas negotiators", "Qatari mediators"): people met
    groups: bool = False
    # "A and B signed a pact": the signatories met to sign it
    signing: bool = False


_TITLES_GAP = re.compile(r"(?:\s*,\s*|\s+)(?:and|as well as)\s+(?:[\w.'’-]+\s+){0,5}")


def _joined_by_titles(gap: str) -> bool:
    """ "A and Japanese Prime Minister B": an "and" and a title between two people."""
    return _TITLES_GAP.fullmatch(gap) is not None and not any(c in gap for c in ";:")


def _blank(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with `spans` blanked out (same length, so offsets still hold)."""
    out = text[start:end]
    for a, b in spans:
        lo, hi = max(a, start) - start, min(b, end) - start
        if lo < hi:
            out = out[:lo] + " " * (hi - lo) + out[hi:]
    return out


def _moves_on(text: str, start: int, end: int) -> str | None:
    m = MOVES_ON.search(text, start, end)
    if m is None:
        return None
    return "same_day" if m.group("same_day") else "other"


def _distance(d: DateMention, f: "Fragment") -> int:
    return min(abs(d.start - f.trigger[1]), abs(f.trigger[0] - d.end))


class FragmentReader:
    """Reads every sentence for meeting triggers and what surrounds each of them."""

    def __init__(self, layout: Layout, hits: list[Hit], refs: list[Ref], published: date) -> None:
        self.layout = layout
        self.text = layout.masked
        self.published = published
        self.places = [h for h in hits if h.entry.kind in ("city", "venue", "region", "country")]
        self.refs = refs
        self.persons = [r for r in refs if r.type == "person"]
        self.person_starts = [r.start for r in self.persons]  # refs come sorted by start
        self.quoted = [
            (q.start, q.end)
            for index, (start, end) in enumerate(layout.paragraphs)
            for q in quotes_in(self.text, start, end, index)
        ]

    def _spoken(self, d: DateMention) -> bool:
        """ "we are meeting today", said in a quote: the speaker's today, which a report published
        the next morning does not share; the publication date resolves it only weakly."""
        return d.relative and any(s <= d.start < e for s, e in self.quoted)

    def _place(self, f: Fragment) -> None:
        ws, we = f.window
        ts, te = f.trigger
        # "the London talks" names a place; "... and Romania gathered" names a party
        noun_trigger = NOUN.match(self.text[ts:te]) is not None
        for hit in self.places:
            if not (ws <= hit.start and hit.end <= we):
                continue
            near = ts - 70 <= hit.start <= te + 90
            before = self.text[max(ws, hit.start - 25) : hit.start]
            adjacent_before = (
                _ADJACENT_BEFORE.fullmatch(self.text[hit.end + 1 : ts].strip()) is not None
                and 0 < ts - hit.end <= 12
                and noun_trigger
            )
            hosts = _HOSTS_AFTER.match(self.text[hit.end : hit.end + 40])
            if self.text[hit.end : hit.end + 1] == "-":
                continue  # "U.S.-led", "Russian-backed": an adjective, not a place
            if not near or not (PLACE_BEFORE.search(before) or adjacent_before or hosts):
                continue
            if _not_place(before, hit.entry.kind):
                continue
            referred = REFERRED_PLACE_BEFORE.search(self.text, max(ws, hit.start - 90), hit.start)
            if referred is not None and not referred.start() <= ts < hit.start:
                # "ahead of the G20 summit in Johannesburg, A met B in Pretoria": the place of
                # another event, unless that event is this fragment's own
                continue
            if hit.start >= te and STRONG.search(self.text, te, hit.start):
                continue  # "the meeting will prepare Putin's visit to India": the visit's place
            entry = hit.entry
            if entry.kind in ("city", "venue"):
                if f.city is None:
                    f.city, f.country = entry.name, entry.iso2
            elif f.country is None and f.city is None:
                f.country = entry.iso2

    def _sentence_place(self, frags: list[Fragment], s: int, e: int) -> None:
        """No window named a place: one "in Istanbul" anywhere in the sentence is the meeting's."""
        for hit in self.places:
            if not (s <= hit.start < e) or self.text[hit.end : hit.end + 1] == "-":
                continue
            before = self.text[max(s, hit.start - 40) : hit.start]
            if (
                hit.entry.kind in ("city", "venue")
                and PLACE_BEFORE.search(before)
                and not _not_place(before, hit.entry.kind)
                and not REFERRED_PLACE_BEFORE.search(self.text, max(s, hit.start - 90), hit.start)
            ):
                for f in frags:
                    if not f.hypothetical:
                        f.city, f.country = hit.entry.name, hit.entry.iso2
                return

    def _pronoun_subject(self, sentence: Sentence) -> Ref | None:
        """ "He spoke by phone with …": the person the previous sentence was about."""
        if not _PRONOUN_START.match(self.text[sentence.start : sentence.start + 4]):
            return None
        index = self.layout.sentences.index(sentence)
        if index == 0:
            return None
        prev = self.layout.sentences[index - 1]
        if sentence.paragraph - prev.paragraph > 1:
            return None
        people = [r for r in self.refs if r.type == "person" and prev.start <= r.start < prev.end]
        return people[0] if people else None

    def _same_day_after(self, m: re.Match[str], s: int, dates: list[DateMention]) -> bool:
        """ "A and B signed a pact on Wednesday after talks in Jakarta": talks the dated clause
        ends with are that day's news, not an earlier event named in passing."""
        if m.group(0) not in _PROCESS_NOUNS and m.group(0) not in ("meeting", "meetings"):
            return False
        if not _SAME_DAY_AFTER.search(self.text, max(s, m.start() - 32), m.start()):
            return False
        return any(
            d.precision == "day" and d.end <= m.start() and ";" not in self.text[d.end : m.start()]
            for d in dates
        )

    def _cut_between(self, a: re.Match[str], b: re.Match[str]) -> int:
        """Half-way between two triggers with no clause mark between them, never inside a name:
        "spoke by phone with French President Emmanuel Macron about the climate conference"."""
        cut = (a.end() + b.start()) // 2
        for ref in self.refs:  # sorted by start
            if ref.start >= b.start():
                break
            if ref.start < cut < ref.end:
                return ref.end
            if cut <= ref.start and ref.end <= b.start():
                # the name right after the half-way mark, still led by its title ("French
                # President | Emmanuel Macron"), goes with it when other words part it from b
                lead = self.text[cut : ref.start].split()
                rest = self.text[ref.end : b.start()].split()
                return ref.end if len(lead) <= 3 and len(rest) >= 2 else cut
        return cut

    def _lead_start(self, sentence: Sentence) -> int:
        """Where the sentence's own words start: after the dateline of a story's first one."""
        lead_end = self.layout.segments[sentence.segment].lead_end
        if lead_end is not None and sentence.start <= lead_end < sentence.end:
            return lead_end
        return sentence.start

    def _persons_between(self, start: int, end: int) -> list[Ref]:
        lo, hi = bisect_left(self.person_starts, start), bisect_left(self.person_starts, end)
        return self.persons[lo:hi]

    def _add_runs(
        self,
        frag: Fragment,
        sentence: tuple[int, int],
        is_call: bool,
    ) -> None:
        """The people listed right before or after the trigger take part, however long the list."""
        have = {p.ref.key for p in frag.participants}
        noun_cue = NOUN.match(self.text[frag.trigger[0] : frag.trigger[1]]) is not None
        # a run never spans its own cue: the subjects end before it, the objects start after
        before = runs(self.text, self._persons_between(*sentence), sentence[0], frag.trigger[0])
        after = runs(self.text, self._persons_between(*sentence), frag.trigger[1], sentence[1])
        subjects = subject_run(self.text, before, frag.trigger, noun_cue)
        found = subjects + object_run(self.text, after, frag.trigger, noun_cue)
        if subjects and HOST_VERB.match(self.text[frag.trigger[0] : frag.trigger[1]]):
            # "A and his wife, first lady B, hosted C": the whole subject run hosts
            hosts = {r.key for r in subjects}
            frag.participants = [
                replace(p, role="host") if p.ref.key in hosts else p for p in frag.participants
            ]
        if (
            not found
            and before
            and (
                _THEIR_BEFORE.search(self.text, sentence[0], frag.trigger[0])
                or _SAME_DAY_AFTER.search(self.text, sentence[0], frag.trigger[0])
            )
        ):
            # "A and B have agreed … in their phone call", "A and B pledged …, as they met":
            # the pair the sentence opens with (after its dateline, if it has one)
            first = before[0]
            opening = self.text[self._lead_start(frag.sentence) : first[0].start]
            if len(first) >= 2 and len(opening.split()) <= 4:
                found = first
        for ref in found:
            if ref.key not in have:
                have.add(ref.key)
                mode = context_mode(self.text, sentence, ref.end, is_call)
                role: ParticipationRole = (
                    "host"
                    if ref in subjects and HOST_VERB.match(self.text[slice(*frag.trigger)])
                    else "attendee"
                )
                frag.participants.append(Found(ref, mode, role))

    def _referred(self, m: re.Match[str], s: int) -> int | None:
        """Where the cue starts that names the event at `m` in passing ("after the talks", "on
        the sidelines of the ASEAN foreign ministers' meeting"), or None."""
        r = REFERENCE_BEFORE.search(self.text, max(s, m.start() - 40), m.start())
        if r is not None:
            return r.start()
        if NOUN.match(m.group(0)) is None:
            return None
        r = REFERENCE_NAMED_BEFORE.search(
            self.text, max(s, m.start() - 90), m.start()
        ) or REFERENCE_PHRASE_BEFORE.search(self.text, max(s, m.start() - 90), m.start())
        return r.start() if r is not None else None

    def _signers_before(self, m: re.Match[str], s: int) -> list[Ref]:
        """The parties listed as the subject of a signing verb ("Indonesia and Malaysia signed",
        "President A and Prime Minister B have signed"); a demonym before a title only says whose
        the person is."""
        before = [r for r in self.refs if s <= r.start and r.end <= m.start() and not r.demonym]
        if not before or not _SIGNER_GAP.fullmatch(self.text, before[-1].end, m.start()):
            return []
        out = [before[-1]]
        for r in reversed(before[:-1]):
            gap = self.text[r.end : out[0].start]
            linked = _SIGNER_JOIN.fullmatch(gap) or (
                r.type == "person" and out[0].type == "person" and _joined_by_titles(gap)
            )
            if not linked:
                break
            out.insert(0, r)
        return out

    def _signers_after(self, start: int, end: int) -> list[Ref]:
        """ "signed a trade agreement with President B and Prime Minister C": the counterparts."""
        w = _WITH.search(self.text, start, end)
        if w is None:
            return []
        after = [r for r in self.refs if w.end() <= r.start and r.end <= end and not r.demonym]
        if not after or len(self.text[w.end() : after[0].start].split()) > 4:
            return []
        out = [after[0]]
        for r in after[1:]:
            gap = self.text[out[-1].end : r.start]
            if not (_SIGNER_JOIN.fullmatch(gap) or _joined_by_titles(gap)):
                break
            out.append(r)
        return out

    def _signing(
        self, m: re.Match[str], s: int, e: int, dates: list[DateMention]
    ) -> list[Ref] | None:
        """The signatories, when `m` reports a signing together on a day or at a place ("A and
        B signed a defence pact in Manila on Monday", "A signed a deal with B"); None for a
        signing of one's own ("A signed a decree", "A has signed the treaty") or a participle
        ("the pact signed in 1951")."""
        obj = SIGNED_OBJECT.match(self.text, m.end(), min(e, m.end() + 90))
        if obj is None:
            return None
        if SIGNED_PARTICIPLE_BEFORE.search(self.text, max(s, m.start() - 40), m.start()):
            return None
        clause = _CLAUSE_END.search(self.text, obj.end(), e)
        clause_end = clause.start() if clause else e
        subjects = self._signers_before(m, s)
        pair = len({r.key for r in subjects}) >= 2 or PAIR_SUBJECT_BEFORE.search(
            self.text, max(s, m.start() - 60), m.start()
        )
        counterparts = self._signers_after(obj.end(), clause_end)
        if not (pair or (subjects and counterparts)):
            return None
        dated = any(d.precision == "day" for d in dates)
        placed = any(
            s <= h.start < e and PLACE_BEFORE.search(self.text, max(s, h.start - 12), h.start)
            for h in self.places
        )
        if not (dated or placed):
            return None
        return [*subjects, *counterparts]

    def _names_other_event(self, ref: Ref, frag: Fragment) -> bool:
        """ "Ahead of the SCO summit, A held talks with B": the organisation names another
        event, the summit, and is no party to the talks."""
        if ref.type != "organization":
            return False
        m = _EVENT_NAMED_AFTER.match(self.text, ref.end)
        return m is not None and m.end() != frag.trigger[1]

    def _anchors(self, d: DateMention, trigger_start: int) -> bool:
        """Whether "a day after" / "two days before" opens the clause of the trigger at
        `trigger_start` ("a day after Trump met"), which makes that event the offset's anchor."""
        if d.offset_days is None or d.end > trigger_start:
            return False
        if not self.text[d.start : d.end].lower().endswith(("after", "before")):
            return False
        return _SUBJECT_GAP.fullmatch(self.text, d.end, trigger_start) is not None

    def _past_if_after(self, frag: Fragment, d: DateMention) -> DateMention:
        """ "… will resume after a meeting in Rabat on Tuesday": a meeting something follows has
        happened, whatever the tense of the sentence around it."""
        before = self.text[max(frag.sentence.start, frag.trigger[0] - 40) : frag.trigger[0]]
        ahead = (d.value - self.published).days if d.value else 0
        if d.relative and 0 < ahead < 7 and _AFTER_BEFORE.search(before):
            return replace(d, value=d.value - timedelta(days=7) if d.value else None)
        return d

    def _events_ahead(
        self, strong: list[re.Match[str]], references: list[re.Match[str]], dates: list[DateMention]
    ) -> dict[int, tuple[int, bool]]:
        """Events to come named beside a reported meeting ("held talks on Thursday ahead of the
        G20 summit next month", "spoke as they prepare for the summit"), each with a date of
        its own or the sentence's parties: trigger start -> (start of its cue, whether "they"
        prepare for it)."""
        out: dict[int, tuple[int, bool]] = {}
        for r in references:
            if NOUN.match(r.group(0)) is None or r.start() < strong[0].end():
                continue
            cue = None
            for c in FORWARD_REFERENCE.finditer(
                self.text, max(strong[0].end(), r.start() - 90), r.start()
            ):
                cue = c
            if cue is None or STRONG.search(self.text, cue.end(), r.start()):
                continue
            they = THEY_PREPARE.search(
                self.text, max(strong[0].end(), cue.start() - 30), cue.start()
            )
            dated = any(r.end() <= d.start <= r.end() + 60 for d in dates)
            if they or dated:
                out[r.start()] = (they.start() if they else cue.start(), they is not None)
        return out

    def _received_party(self, frag: Fragment) -> bool:
        """Whether someone follows a welcoming verb as its object ("welcomed Prime Minister A",
        "received the Japanese delegation", "greeted them")."""
        # the clause, not the window: "received a courtesy call from A" puts A past the cut
        # between the two cues
        after = self.text[frag.trigger[1] : frag.sentence.end]
        clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        end = frag.trigger[1] + len(clause)
        if any(frag.trigger[1] <= r.start < end for r in self.refs):
            return True
        return bool(_RECEIVED_GROUP.match(clause))

    def read(self) -> list[Fragment]:
        frags: list[Fragment] = []
        for sentence in self.layout.sentences:
            s, e = sentence.start, sentence.end
            strong: list[re.Match[str]] = []
            references: list[re.Match[str]] = []
            passing: list[tuple[int, int]] = []  # the phrases naming those events, cue to noun
            dates = [
                d
                # the dateline's day is the filing's, not the meeting's ("NAIROBI, Nov. 14
                # (Reuters) - A held talks with B on Thursday"); undated, it dates the lead
                for d in find_dates(self.text, self._lead_start(sentence), e, self.published)
                if not ANNOUNCED_ON.search(self.text[max(s, d.start - 40) : d.start])
                and not EVENT_BEFORE.search(self.text[max(s, d.start - 40) : d.start])
                if not _ANNOUNCEMENT_AFTER.match(self.text[d.end : d.end + 15])
            ]
            for m in STRONG.finditer(self.text, s, e):
                if NOT_MEETING_BEFORE.search(self.text, max(s, m.start() - 40), m.start()):
                    continue
                if any(self._anchors(d, m.start()) for d in dates):
                    strong.append(m)  # "a day after Boric met Arce": dated, not named in passing
                    continue
                if self._same_day_after(m, s, dates):
                    strong.append(m)
                    continue
                # "after the talks", "on the sidelines of the summit": another event, named in passing
                referred = self._referred(m, s)
                if referred is not None:
                    references.append(m)
                    passing.append((referred, m.end()))
                else:
                    strong.append(m)
            signatories: dict[int, list[Ref]] = {}
            if "sign" in self.text[s:e]:  # most sentences sign nothing: skip the scan
                for m in SIGNING.finditer(self.text, s, e):
                    signers = self._signing(m, s, e, dates)
                    if signers is not None:
                        signatories[m.start()] = signers
                        strong.append(m)
                strong.sort(key=re.Match.start)
            weak = not strong
            ahead = self._events_ahead(strong, references, dates) if strong else {}
            triggers = (
                sorted(
                    [*strong, *(r for r in references if r.start() in ahead)], key=re.Match.start
                )
                if strong
                else references
                or [
                    w
                    for w in WEAK.finditer(self.text, s, e)
                    # "welcomed the plan": a thing welcomed names no meeting, even a weak one
                    if not (
                        _RECEIVING.fullmatch(w.group()) and THING_RECEIVED.match(self.text, w.end())
                    )
                ]
            )
            if not triggers:
                continue
            bounds = [s]
            for a, b in itertools.pairwise(triggers):
                if b.start() in ahead and ahead[b.start()][0] > a.end():
                    # "… on Thursday | ahead of the G20 summit next month": the event ahead
                    # starts its own window with its cue
                    bounds.append(ahead[b.start()][0])
                    continue
                # two clauses, two windows: cut at the last clause mark between the triggers
                between = self.text[a.end() : b.start()]
                cut = max(between.rfind(";"), between.rfind(","))
                bounds.append(a.end() + cut + 1 if cut >= 0 else self._cut_between(a, b))
            bounds.append(e)
            # one sentence, one series for all its triggers; an event named in passing beside the
            # sentence's own meeting ("met on the sidelines of the ASEAN ministers' meeting") gives
            # that meeting neither its series nor its kind
            masked = passing if strong else []
            series = series_of(_blank(self.text, s, e, masked))
            sentence_frags: list[Fragment] = []
            hollow: list[Fragment] = []
            for i, m in enumerate(triggers):
                window = (bounds[i], bounds[i + 1])
                wtext = self.text[window[0] : window[1]]
                own = [p for p in masked if p[1] != m.end()]
                kind_text = _blank(self.text, window[0], window[1], own) if own else wtext
                frag = Fragment(
                    trigger=(m.start(), m.end()),
                    window=window,
                    sentence=sentence,
                    weak=weak
                    or m.group(0) == "meetings"  # a series, not one meeting
                    or (
                        m.group(0) in _PROCESS_NOUNS and not governed_noun(self.text, s, m.start())
                    ),
                    kind=kind_of(kind_text),
                    reference=(not strong and bool(references)) or m.start() in ahead,
                    series=series,
                    future=is_future(wtext),
                    past=bool(PAST.search(wtext)),
                    cancelled=bool(CANCELLED.search(wtext)),
                    new_marker=bool(
                        NEW_MARKER.search(self.text[max(s, m.start() - 40) : m.start()])
                    ),
                    hypothetical=bool(
                        HYPOTHETICAL.search(self.text[max(s, m.start() - 40) : m.start()])
                    ),
                    moves_on=_moves_on(self.text, max(s, m.start() - 20), m.start()),
                )
                if frag.hypothetical:
                    frag.weak = True  # "ready for a meeting with Putin": not a meeting (yet)
                self._place(frag)
                sentence_frags.append(frag)
            for d in dates:
                anchored = next((f for f in sentence_frags if self._anchors(d, f.trigger[0])), None)
                if anchored is not None and d.offset_days is not None:
                    # "This comes a day after Trump met Arab leaders": the meeting is the
                    # offset's anchor, a day before the story's date, not after it
                    anchored.dm = replace(d, offset_days=-d.offset_days)
                    anchored.anchor = True
                    continue
                # "a summit in Tirana on Friday": a date follows the event it dates
                preceding = [
                    f for f in sentence_frags if f.trigger[1] <= d.start <= f.trigger[1] + 80
                ]
                pool = [f for f in (preceding or sentence_frags) if not f.hypothetical]
                if not pool:
                    continue
                best = min(pool, key=lambda f: _distance(d, f))
                lo, hi = (
                    sorted((d.end, best.trigger[0]))
                    if d.end <= best.trigger[0]
                    else sorted((best.trigger[1], d.start))
                )
                if (
                    d.end <= best.trigger[0]
                    and ANNOUNCE.search(self.text[lo:hi])
                    and not _REPORTING_ASIDE.fullmatch(self.text, lo, hi)
                ):
                    continue  # "On Dec. 30, Zelenskyy announced the meetings": the date is the announcement's
                if d.start >= best.trigger[1] and _REPORTED_CLAUSE.search(
                    self.text, best.trigger[1], d.start
                ):
                    continue
                if (
                    best.weak
                    and _distance(d, best) > 60
                    and not (_distance(d, best) <= 100 and _ONE_PHRASE.fullmatch(self.text[lo:hi]))
                ):
                    # "envoy to the peace talks ... on Jan. 3": too far to date a process, unless
                    # one phrase leads there ("a meeting of the two delegations in Jeddah on …")
                    continue
                if best.dm is None or (best.dm.precision == "month" and d.precision == "day"):
                    best.dm = self._past_if_after(best, d)
                    best.spoken_date = self._spoken(d)
                    best.away_from_report = bool(_AWAY_PERIOD.fullmatch(self.text, d.start, d.end))
            if not any(f.city or f.country for f in sentence_frags):
                self._sentence_place(sentence_frags, s, e)
            subject = self._pronoun_subject(sentence)
            for frag in sentence_frags:
                is_call = frag.kind == "call"
                frag.participants = find_participants(
                    self.text, frag.window, frag.trigger, self.refs, is_call
                )
                frag.participants = [
                    p
                    for p in frag.participants
                    if not self._names_other_event(p.ref, frag)
                    # "ahead of an Arab League summit": the organisation owns the event named
                    # in passing; it is no party to the meeting reported beside it
                    and not (
                        p.ref.type != "person"
                        and any(
                            a <= p.ref.start and p.ref.end <= b and b != frag.trigger[1]
                            for a, b in masked
                        )
                    )
                    # "his readiness to host negotiations between A and B", "ready for a meeting
                    # with Putin": a meeting that may come, whose sides attend none reported
                    and not frag.hypothetical
                ]
                if not frag.hypothetical:
                    self._add_runs(frag, (s, e), is_call)
                if subject is not None:
                    verb_m = (
                        _PRONOUN_VERB.match(self.text[s : frag.trigger[0]])
                        if frag.trigger[0] - s <= 40
                        # "He will travel to Abu Dhabi, where he is to meet B": the same pronoun
                        # as the subject of a later clause of the sentence
                        else _CLAUSE_PRONOUN_VERB.search(
                            self.text, max(s, frag.trigger[0] - 50), frag.trigger[0]
                        )
                    )
                    if verb_m and not frag.hypothetical:
                        mode: Mode = "virtual" if is_call else "unknown"
                        frag.participants.append(Found(subject, mode, "attendee"))
                verb = not NOUN.match(self.text[frag.trigger[0] : frag.trigger[1]])
                if frag.reference and ahead.get(frag.trigger[0], (0, False))[1]:
                    # "as they prepare for the summit": the pair of the sentence's meeting
                    have = {p.ref.key for p in frag.participants}
                    for g in sentence_frags:
                        if g is frag or g.reference:
                            continue
                        for p in g.participants:
                            if p.ref.key not in have:
                                have.add(p.ref.key)
                                frag.participants.append(Found(p.ref, "unknown", "attendee"))
                if _RECEIVING.fullmatch(self.text, *frag.trigger) and not self._received_party(
                    frag
                ):
                    # "welcomed progress", "received a letter": nobody was received
                    frag.participants, frag.weak = [], True
                    if THING_RECEIVED.match(self.text, frag.trigger[1]):
                        hollow.append(frag)  # a thing received: no meeting, not even the story's
                signers = signatories.get(frag.trigger[0])
                if signers is not None:
                    frag.signing = True
                    have = {p.ref.key for p in frag.participants}
                    for ref in signers:
                        if ref.key not in have:
                            have.add(ref.key)
                            mode = context_mode(self.text, frag.window, ref.end, is_call)
                            frag.participants.append(Found(ref, mode, "attendee"))
                frag.groups = any(
                    p.ref.type != "person" and people_named_by(self.text, p.ref)
                    for p in frag.participants
                )
                if (
                    verb
                    and frag.kind not in WHO_KINDS
                    and not frag.groups
                    and not frag.signing
                    and not any(p.ref.type == "person" for p in frag.participants)
                ):
                    frag.weak = True  # "received candidate status": a verb needs people or a "who"
            frags.extend(f for f in sentence_frags if not any(f is h for h in hollow))
        frags.extend(self._lists(frags))
        self._all_members(frags)
        return frags

    def _all_members(self, frags: list[Fragment]) -> None:
        """ "The bloc has 10 members: A, B, … and J." and then "the summit will be attended by
        the heads of all 10 member states": the members the story lists are the parties."""
        for f in frags:
            if f.weak or not ALL_MEMBERS.search(self.text, f.sentence.start, f.sentence.end):
                continue
            lists = [
                (abs(s.paragraph - f.sentence.paragraph), members)
                for s in self.layout.sentences
                if s.segment == f.sentence.segment
                and abs(s.paragraph - f.sentence.paragraph) <= 2
                and len(members := self._membership(s)) >= 3
            ]
            if not lists:
                continue
            known = {p.ref.key for p in f.participants}
            _, members = min(lists, key=lambda item: item[0])
            f.participants.extend(
                Found(m, "unknown", "attendee") for m in members if m.key not in known
            )

    def _membership(self, sentence: Sentence) -> list[Ref]:
        """The countries a sentence lists as an organisation's members, in order."""
        m = MEMBERSHIP.search(self.text, sentence.start, sentence.end)
        if m is None:
            return []
        return [
            r
            for r in self.refs
            if m.end() <= r.start < sentence.end and r.type == "country" and not r.demonym
        ]

    def _lists(self, frags: list[Fragment]) -> list[Fragment]:
        """Lists of officials set out after a meeting is announced: one person a bullet
        ("🔹 Finnish President A (per his office) 🔹 French President B …") or a line ("The
        delegation included:" then "A, Foreign Minister" on each line). Each list is read as
        one attendance fragment, which joins the meeting of the paragraph before it."""
        out: list[Fragment] = []
        by_paragraph = {f.sentence.paragraph for f in frags}
        paragraphs = self.layout.paragraphs
        index = 0
        while index < len(paragraphs):
            members, last = self._list_at(index)
            if len(members) >= 2 and (index - 1) in by_paragraph:
                sentence = next(s for s in self.layout.sentences if s.paragraph == index)
                start, end = paragraphs[index][0], paragraphs[last][1]
                out.append(
                    Fragment(
                        trigger=(members[0].start, members[0].start),
                        window=(start, end),
                        sentence=sentence,
                        weak=True,
                        participants=[Found(m, "unknown", "attendee") for m in members],
                    )
                )
            index = last + 1
        return out

    def _list_at(self, index: int) -> tuple[list[Ref], int]:
        """The people of the list that starts at paragraph `index` (bullets in one paragraph,
        or short lines of one name each), and the list's last paragraph."""
        start, end = self.layout.paragraphs[index]
        text = self.text[start:end]
        if len(BULLET.findall(text)) >= 2:
            bulleted = [
                r
                for item in BULLET.split(text)
                for r in self._people_in(start + text.find(item), len(item))[:1]
            ]
            return bulleted, index
        members: list[Ref] = []
        last = index
        for i in range(index, len(self.layout.paragraphs)):
            s, e = self.layout.paragraphs[i]
            people = self._people_in(s, e - s)
            if len(self.text[s:e].split()) > 12 or len(people) != 1:
                break
            members.append(people[0])
            last = i
        return (members, last) if len(members) >= 2 else ([], index)

    def _people_in(self, start: int, length: int) -> list[Ref]:
        return [p for p in self._persons_between(start, start + length) if p.end <= start + length]

    # -- grouping --------------------------------------------------------------------------
