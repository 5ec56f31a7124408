"""Direct quotes and who said them: same-sentence, dash-line and carried-over attributions."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from service.extraction.dates import find_dates
from service.extraction.gazetteer import title_words
from service.extraction.persons import SPEECH_VERBS
from service.extraction.quote_marks import Quote, quotes_in
from service.extraction.records import Channel, Span, StatementMention
from service.extraction.segmentation import Layout, Sentence

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b", re.IGNORECASE)
# "the Ukrainian leader", "The Chilean Foreign Minister": a title is capitalised or not
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?\s+(?i:leader|president|prime minister|"
    r"premier|chancellor|foreign minister|defen[cs]e minister|minister|head of state|king|"
    r"secretary[- ]general)\b"
)
_LABEL = re.compile(r"\s*[A-Z][A-Z.'’ ,-]{4,80}?\s*:\s*")
# between a speech verb and the name it introduces: a title at most ("said Defence Minister")
_TITLE_GAP = re.compile(r"\s+(?:[\w.'’-]+\s+){0,6}?")
# "told A", "urged A": the name after these is the one spoken to
# "wrote The Post", "said the Kremlin", "reported Xinhua": an institution right after the verb
_NAMED_SOURCE_AFTER = re.compile(r"\s+(?:the\s+|The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*[,.]")
_ADDRESSEE_VERB = re.compile(
    r"(?i:told|tells|telling|asked|asks|asking|urged|urges|urging|warned|warns|warning|replied)$"
)
# an inverted attribution ends with its speaker: "said A.", "said A, who…", "said A on Monday"
_INVERTED_END = re.compile(
    r"\s*(?:[,.;:!?—–)]|$|\s(?:in|on|at|during|after|before|who|according|late|earlier)\b)"
)
_WHO_BETWEEN = re.compile(r",?\s+who\s+(?:(?:also|later|then|had|has|have)\s+)?")
_GAP_WORD = re.compile(r"[\w.'’-]+")
_ARTICLES = frozenset({"the", "a", "an", "by", "to"})
_TITLE_JOINERS = frozenset({"of", "the", "for", "and"})
_OWNER_AFTER = re.compile(r"['’]s?\b")
_OWNED_BODY = re.compile(
    r"['’]s?\s+(?:office|press\s+(?:office|service)|administration|"
    r"government|cabinet|team|camp|campaign)\b",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|to|by|of|for|on|from|against|about|at|than|and)\s+(?:[\w'’-]+\s+){0,5}$"
)
_CAPTION = re.compile(
    r"\((?:[^()]{0,80}/)?[^()]{0,60}\b(?:AP|Reuters|AFP|Getty Images|Photo|Pool|EPA|Xinhua|TASS)"
    r"\b[^()]{0,40}\)"
)
_CREDIT_LINE = re.compile(
    r"\s*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w .'’-]{1,40}\s*"
)
_QUOTE_OPEN_BEFORE = re.compile(r"[“\"«][^”\"»]*$")
_BARE_VERB = re.compile(rf"[\s,”\"’]*(?:{SPEECH_VERBS})\b\s*(?:that\b|[:,]|[“\"]|$)", re.IGNORECASE)
# after a label's name: its outlet or role, then the colon ("Maria Lopez, El Pais: ")
_LABEL_TAIL = re.compile(r"(?:,[^:“\"\n]{1,80})?\s*:\s*")
# a label before a paragraph's quote: a few words, or a name and its outlet ("Q:", "A, B:")
_LABEL_HEAD = re.compile(
    r"\s*(?:[\w.'’-]+(?:\s+[\w.'’-]+){0,2}|[^“\"\n:,]{1,50},[^“\"\n:]{1,60})\s*:\s*"
)
_PARTICIPLE_LEAD = re.compile(rf"[\s,]*(?P<verb>{SPEECH_VERBS})\b", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[.!?;:\n]\s|[”\"]\s")
# "the official said", "the US secretary stated", "the head of state told"
_ROLE_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:[A-Za-z.]+\s+){0,2}?(?P<head>(?i:official|secretary|minister|president|"
    r"premier|chancellor|envoy|diplomat|spokesman|spokeswoman|spokesperson|head of state|adviser|"
    r"advisor|ambassador|commander|general|negotiator|aide|"
    # heads of state by rank, not office: "the emir said", "the king told", "the pontiff added"
    r"emir|king|queen|sultan|pope|pontiff|monarch|prince|princess))\b"
)
# an anaphor's word for the titles it stands for: "the pontiff" is whoever the story titled Pope
_ROLE_SYNONYMS = {
    "pontiff": ("pope",),
    "monarch": ("king", "queen", "emir", "sultan"),
}
_ROLE_SUBJECT_GAP = re.compile(r"\s+(?:(?:also|then|later|again|has|had|have)\s+)?")
# how many paragraphs back a role anaphor ("the president said") looks for its holder
_ROLE_REACH = 8
_ANY_TITLE = frozenset({"official", "head of state"})
# titles written short before a name ("Gen. X"), which an anaphor spells out ("the general")
_ABBREVIATED_TITLES = {
    "gen.": "general",
    "adm.": "admiral",
    "sen.": "senator",
    "gov.": "governor",
    "rep.": "representative",
    "amb.": "ambassador",
}


def _unabbreviated(title: str) -> str:
    return " ".join(_ABBREVIATED_TITLES.get(word, word) for word in title.split())


# the speaker as a pronoun: a subject ("he said"), or the object of a verb that reports someone
# else's words ("the ministry quoted him as saying", "according to her")
_PRONOUN = re.compile(
    r"\b(?:he|she)\b|\b(?:quot(?:ed|es|ing)\s+(?:him|her)\s+as|according\s+to\s+(?:him|her))\b",
    re.IGNORECASE,
)
_CHANNELS: list[tuple[Channel, re.Pattern[str]]] = [
    ("x", re.compile(r"\bon X\b|\bX post\b|\bpost on X\b|\btweet|\bTwitter\b|\bwrote on X\b")),
    ("telegram", re.compile(r"\bTelegram\b")),
    (
        "press_conference",
        re.compile(
            r"press conference|news conference|told reporters|briefing|press point|told journalists",
            re.IGNORECASE,
        ),
    ),
    (
        "interview",
        re.compile(
            # an outlet is capitalised: "told him" is no interview
            r"\binterview\b|\btold (?:the )?(?-i:[A-Z])[\w]+(?: (?-i:[A-Z])[\w]+)?\b(?! that)",
            re.IGNORECASE,
        ),
    ),
    ("statement", re.compile(r"\bstatement\b|\bcommuniqu[ée]\b|press release", re.IGNORECASE)),
]
_END = re.compile(r"[.!?](?=\s|$)|[“«\"]")
_START = re.compile(r"[.!?] |[”\"]")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Rev|Adm|Maj|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs)|\b[A-Z]|\.[A-Za-z])$"
)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the period at `dot` the end of "Mr.", "Jan.", an initial or "U.S." rather than a sentence?"""
    return text[dot] == "." and bool(_ABBREVIATION.search(text, max(0, dot - 6), dot))


_MIN_WORDS = 6
_SMALL_WORDS = frozenset(
    ["of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "von", "der"]
)


@dataclass(frozen=True, slots=True)
class PersonSpan:
    start: int
    end: int
    key: str


# what `_speaker_of` answers for a named source that is no person ("wrote The Post")
_NOT_A_PERSON = PersonSpan(-1, -1, "")


def _trim(text: str, q: Quote) -> None:
    while q.start < q.end and text[q.start].isspace():
        q.start += 1
    while q.end > q.start and (text[q.end - 1].isspace() or text[q.end - 1] in ",;:"):
        q.end -= 1


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DASH_LINE = re.compile(r"\s*[—–-]\s*\S")
_DASH_PARAGRAPH = re.compile(r"\s*[—–―-]\s*\S")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_name(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() for w in content)


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _words(text))


def _channel(context: str) -> Channel:
    for channel, pattern in _CHANNELS:
        if pattern.search(context):
            return channel
    return "unknown"


class QuoteFinder:
    def __init__(
        self,
        layout: Layout,
        persons: list[PersonSpan],
        published: date,
        describe: Callable[[str], str | None] = lambda _: None,
        titles: dict[str, list[str]] | None = None,
    ) -> None:
        self.layout = layout
        self.text = layout.masked
        self.persons = sorted(persons, key=lambda p: p.start)
        self.published = published
        self.describe = describe  # "the Ukrainian leader" -> the person the article titled so
        self.titles = titles or {}  # person key -> the titles the article gives them

    def _persons_in(self, start: int, end: int) -> list[PersonSpan]:
        return [p for p in self.persons if start <= p.start and p.end <= end]

    def _role_of(self, anaphor: re.Match[str]) -> str | None:
        """The person a role anaphor stands for, its title words kept: "the vice president" is
        whoever the story titled vice president, not the last president it named."""
        head = anaphor["head"].lower()
        titles = title_words()
        words = [w.lower() for w in anaphor.group(0).split()[1:-1] if w.lower() in titles]
        if words:
            return self._role_holder(" ".join([*words, head]), anaphor.start())
        return self._role_holder(head, anaphor.start())

    def _role_holder(self, head: str, before: int) -> str | None:
        """ "the official said", "the secretary stated": the person last named before `before`
        whose title holds that word (any titled person for "official"), within the story's
        last few paragraphs."""
        limit = self.layout.paragraph_of(before) - _ROLE_REACH
        recent = [
            p
            for p in self.persons
            if p.end <= before and self.layout.paragraph_of(p.start) >= limit
        ]
        fitting: list[str] = []
        heads = _ROLE_SYNONYMS.get(head, (head,))
        for person in reversed(recent):
            titles = [_unabbreviated(t.lower()) for t in self.titles.get(person.key, [])]
            fits = titles and (head in _ANY_TITLE or any(h in t for h in heads for t in titles))
            if fits and person.key not in fitting:
                fitting.append(person.key)
        if head in _ANY_TITLE:
            # "the official" fits anyone with a title: only a story with one of them says who
            return fitting[0] if len(fitting) == 1 else None
        return fitting[0] if fitting else None

    def _pronoun_said(self, start: int, end: int) -> bool:
        verb = _SPEECH.search(self.text, start, end)
        return (
            verb is not None
            and not self._persons_in(start, end)
            and bool(_PRONOUN.search(self.text, start, end))
        )

    def _salient_subject(self, before: int) -> str | None:
        """The subject of the nearest sentence before `before` that names someone: "Zelensky
        praised the talks. “…,” he said." Captions and credit lines are not the story."""
        looked = 0
        for sentence in reversed(self.layout.sentences):
            if sentence.end > before:
                continue
            if looked == 3:
                return None
            text = self.text[sentence.start : sentence.end]
            if _CAPTION.search(text) or self._is_credit_line(sentence):
                continue
            looked += 1
            people = sorted(
                self._persons_in(sentence.start, sentence.end),
                key=lambda p: not p.key.startswith("person:"),
            )
            for p in people:
                if _OWNER_AFTER.match(self.text, p.end) and not _OWNED_BODY.match(self.text, p.end):
                    # "Zelensky's adviser said …; he": the adviser, not Zelensky; but after
                    # "Aliyev's office said …", "it quoted him" is Aliyev
                    continue
                if not self._title_lead(sentence.start, p.start) and _PREPOSITION_BEFORE.search(
                    self.text, max(sentence.start, p.start - 30), p.start
                ):
                    continue
                if _QUOTE_OPEN_BEFORE.search(self.text, sentence.start, p.start):
                    break  # a name inside someone's words is not the story's subject
                return p.key
        return None

    def _name_label(self, p_start: int, open_at: int) -> str | None:
        """A paragraph opened by a name as its label, "Maria Lopez, El Pais: “…”": hers."""
        people = self._persons_in(p_start, open_at)
        if not people or self.text[p_start : people[0].start].strip():
            return None
        if _LABEL_TAIL.fullmatch(self.text, people[0].end, open_at) is None:
            return None
        return people[0].key

    def _described_at(self, start: int, end: int) -> str | None:
        """What `describe` makes of the description spanning exactly [start, end), if any."""
        m = _DESCRIPTION.match(self.text, start, end)
        return self.describe(m.group(0)) if m is not None and m.end() == end else None

    def _title_lead(self, start: int, name_at: int) -> bool:
        """The sentence opens with the name's own title, "First Deputy Foreign Minister of Peru
        Luis Castro said": its "of" is the title's, not a preposition the name is governed by."""
        words = _GAP_WORD.findall(self.text, start, name_at)
        titles = title_words()
        return (
            bool(words)
            and any(w.lower() in titles for w in words)
            and all(w[:1].isupper() or w in _TITLE_JOINERS for w in words)
        )

    def _is_credit_line(self, sentence: Sentence) -> bool:
        """A caption's photo credit on its own line ("Brian Snyder/Reuters"), or the caption
        line just before one."""
        start, end = self.layout.paragraphs[sentence.paragraph]
        if _CREDIT_LINE.fullmatch(self.text, start, end):
            return True
        following = sentence.paragraph + 1
        if following < len(self.layout.paragraphs):
            s, e = self.layout.paragraphs[following]
            return _CREDIT_LINE.fullmatch(self.text, s, e) is not None
        return False

    def _speaker_of(self, verb: re.Match[str], people: list[PersonSpan]) -> PersonSpan | None:
        """Who a speech verb is about: the person it introduces ("said Foreign Minister A",
        "according to A"), else the subject of its clause ("A greeted B and told reporters"),
        else the nearest name."""
        if verb.group(0).lower().endswith("ing"):
            # "with spokesman A saying, …": the name right before the gerund
            before = [p for p in people if p.end <= verb.start()]
            if before and not self.text[before[-1].end : verb.start()].strip(" ,"):
                return before[-1]
        before = [p for p in people if p.end <= verb.start()]
        if before and _WHO_BETWEEN.fullmatch(self.text, before[-1].end, verb.start()):
            return before[-1]  # "was pushed back by Trump, who said Zelensky was …"
        clause = self._clause_start(verb.start())
        earlier = list(_SPEECH.finditer(self.text, clause, verb.start()))
        if earlier:
            # "When A said …, B responded": B's clause starts after the earlier verb's
            comma = self.text.find(",", earlier[-1].end(), verb.start())
            clause = comma + 1 if comma >= 0 else clause
        subjects = [
            p
            for p in people
            if clause <= p.start
            and p.end <= verb.start()
            and not _OWNER_AFTER.match(self.text, p.end)
            and not _PREPOSITION_BEFORE.search(self.text, max(clause, p.start - 30), p.start)
        ]
        if subjects:
            # "the Chinese foreign ministry's spokesperson Guo Jiakun said": the person, not
            # the institution before the name
            return next((p for p in subjects if p.key.startswith("person:")), subjects[0])
        after = [p for p in people if p.start >= verb.end()]
        if _ADDRESSEE_VERB.match(verb.group(0)):
            return None  # "telling A": A is spoken to; the speaker is named elsewhere
        if (
            after
            and self._title_between(verb.end(), after[0].start)
            and _INVERTED_END.match(self.text, after[0].end)
        ):
            return after[0]  # "said Foreign Minister A." / "said A, who …"
        if _NAMED_SOURCE_AFTER.match(self.text, verb.end()) and not (
            after and self._title_between(verb.end(), after[0].start)
        ):
            return _NOT_A_PERSON  # '…,” wrote The Post': a source it names, not a person
        if verb.group(0).lower().endswith("ing") and all(p.start >= verb.end() for p in people):
            return None  # "saying A and B were …": A is what was said about, not who said it
        return min(people, key=lambda p: min(abs(p.start - verb.end()), abs(verb.start() - p.end)))

    def _title_between(self, start: int, end: int) -> bool:
        words = _GAP_WORD.findall(self.text, start, end)
        if len(words) > 6 or not _TITLE_GAP.fullmatch(self.text, start, end):
            return False
        titles = title_words()
        return all(w[:1].isupper() or w.lower() in titles or w.lower() in _ARTICLES for w in words)

    def _clause_start(self, at: int) -> int:
        """Where the sentence or clause holding `at` begins (a quote's close ends a clause)."""
        cut = 0
        for m in _CLAUSE_MARK.finditer(self.text, max(0, at - 300), at):
            cut = m.end()
        return cut

    def _speech_subject(
        self, start: int, end: int, *, last: bool = False
    ) -> tuple[str | None, bool]:
        """(speaker, found) for a stretch holding a speech verb: the person the verb is about.
        With `last`, the verb nearest the stretch's end counts (the one before a quote)."""
        if _LABEL.fullmatch(self.text, start, end):
            # a speaker's label line ("GERMAN CHANCELLOR, FRIEDRICH MERZ:") opens their words
            people = self._persons_in(start, end)
            if people:
                return people[-1].key, True
        # only one verb counts: the first after a quote, the last before one
        verb = _SPEECH.search(self.text, start, end)
        if last and verb is not None:
            verb = list(_SPEECH.finditer(self.text, verb.start(), end))[-1]
        if verb is None:
            return None, False
        people = self._persons_in(start, end)
        if last and verb.group(0).lower().endswith("ing"):
            # "The vice president then accused him of …, asking him, “…”": the participle's
            # subject is the role the sentence opens with
            opener = _ROLE_ANAPHOR.search(self.text, start, min(verb.start(), start + 60))
            if (
                opener is not None
                and not self.text[start : opener.start()].strip(' \t\n"“”')
                and not any(opener.end() <= p.start < verb.start() for p in people[:1])
                and self.text[verb.start() - 2 : verb.start()] == ", "
            ):
                resolved = self._role_of(opener)
                if resolved:
                    return resolved, True
        subject = _ROLE_ANAPHOR.search(self.text, max(start, verb.start() - 40), verb.start())
        if (
            subject is not None
            and _ROLE_SUBJECT_GAP.fullmatch(self.text, subject.end(), verb.start())
            and not any(subject.start() <= p.start < verb.start() for p in people)
        ):
            # "The president said … Netanyahu's government": the role before the verb is its
            # subject, not the nearest name after it
            described = self._described_at(subject.start(), subject.end())
            if described is not None:
                return described or None, True
            resolved = self._role_of(subject)
            if resolved:
                return resolved, True
        if people:
            speaker = self._speaker_of(verb, people)
            if speaker is _NOT_A_PERSON:
                return None, True
            return (speaker.key, True) if speaker is not None else (None, False)
        for m in _DESCRIPTION.finditer(self.text, start, end):
            described = self.describe(m.group(0))
            if described is not None:
                return described or None, True
        anaphor = _ROLE_ANAPHOR.search(self.text, start, end)
        if anaphor is not None and verb.start() - anaphor.end() < 40:
            resolved = self._role_of(anaphor)
            if resolved:
                return resolved, True
        if _PRONOUN.search(self.text, start, end):
            return None, False  # a pronoun: resolved by the caller's carry-over
        return None, True  # an unnamed or non-person source ("officials said", "the Kremlin said")

    def find(self) -> list[StatementMention]:
        quotes: list[Quote] = []
        for index, (start, end) in enumerate(self.layout.paragraphs):
            for q in quotes_in(self.text, start, end, index):
                _trim(self.text, q)
                words = _words(self.text[q.start : q.end])
                if len(words) >= _MIN_WORDS and not _is_name(words):
                    quotes.append(q)
        norms = [_norm(self.text[q.start : q.end]) for q in quotes]
        keep = [
            q
            for i, q in enumerate(quotes)
            if not any(
                j != i and norms[i] in norms[j] and len(norms[j]) > len(norms[i])
                for j in range(len(quotes))
            )
        ]
        return self._attribute(keep)

    def _attribute(self, quotes: list[Quote]) -> list[StatementMention]:
        out: list[StatementMention] = []
        last_speaker: str | None = None
        last_event_paragraph = -10
        last_channel: dict[str, Channel] = {}
        scanned_until = 0
        for q in quotes:
            p_start, p_end = self.layout.paragraphs[q.paragraph]
            # reported speech between the previous quote and this one updates who is talking
            for sentence in self.layout.sentences:
                if scanned_until <= sentence.start and sentence.end <= q.open_at:
                    who, found = self._speech_subject(sentence.start, sentence.end)
                    if not found and self._pronoun_said(sentence.start, sentence.end):
                        # "Putin addressed the summit. He emphasised that …": he is Putin
                        who = self._salient_subject(sentence.start)
                        found = who is not None
                    if found:
                        last_speaker, last_event_paragraph = who, sentence.paragraph
                        if who:
                            last_channel.pop(who, None)
                    elif _SPEECH.search(self.text, sentence.start, sentence.end):
                        last_event_paragraph = sentence.paragraph
            scanned_until = q.close_at + 1
            tail_end = self._sentence_end(q.close_at + 1, p_end)
            tail = (q.close_at + 1, tail_end)
            head_start = self._sentence_start(q.open_at, p_start)
            participle = _PARTICIPLE_LEAD.match(self.text, head_start, q.open_at)
            if (
                participle
                and participle["verb"].lower().endswith("ing")
                and not _BARE_VERB.match(self.text, head_start, q.open_at)
            ):
                # 'A called the plan “fair,” saying partners were “…”': the participle's subject
                # opened the sentence, before the quoted words it follows ('“…,” adding, “…”'
                # is the quote before's speaker going on)
                head_start = self._sentence_start(q.open_at, p_start, past_quotes=True)
            head = (head_start, q.open_at)
            speaker: str | None = None
            found = False
            context = (head[0], tail[1])
            who, found = self._speech_subject(*tail)
            if found and who is None and head[0] < q.open_at:
                # 'Yoon told him the two countries "share …," a ministry official said': the
                # words are the named speaker's before the quote, an unnamed source reports them
                named, by_name = self._speech_subject(*head, last=True)
                if by_name and named is not None:
                    who = named
            if not found or (who is None and _BARE_VERB.match(self.text, *tail)):
                # '…," added: "…' names no one: the subject opened the sentence before the quote
                who, found = self._speech_subject(*head, last=True)
                if who is None and _BARE_VERB.match(self.text, *head):
                    found = False  # '"…," added: "…"': the speaker of the quote before
            if found:
                speaker = who
            elif (labelled := self._name_label(p_start, q.open_at)) is not None:
                speaker, found = labelled, True
            else:
                dash = self._dash_line(q, p_end)
                if dash is not None:
                    people = self._persons_in(*dash)
                    if people:
                        speaker, found = people[0].key, True
                        context = dash
            if not found and (self._pronoun_said(*tail) or self._pronoun_said(*head)):
                # "…,” he said": the person the story was just about, captions skipped
                salient = self._salient_subject(head[0] if head[0] < q.open_at else q.open_at)
                if salient is not None:
                    speaker, found = salient, True
            if (
                not found
                and _LABEL_HEAD.fullmatch(self.text, p_start, q.open_at)
                and not _SPEECH.search(self.text, p_start, q.open_at)
            ):
                found = True  # "Q:", "A reader, Leeds:": a label the story gives no one for
            if not found and q.paragraph - last_event_paragraph <= 2:
                speaker = last_speaker
            channel = _channel(self.text[context[0] : context[1]])
            if channel == "unknown" and speaker and not found:
                channel = last_channel.get(speaker, "unknown")
            elif (
                channel == "unknown"
                and found
                and self.text[context[0] : context[1]].lstrip().startswith(("—", "–", "-"))
            ):
                channel = "statement"
            if found and channel == "unknown" and speaker:
                channel = (
                    last_channel.get(speaker, "unknown")
                    if q.paragraph - last_event_paragraph <= 3
                    else "unknown"
                )
            said_on = None
            for d in find_dates(self.text, context[0], context[1], self.published):
                if not (q.start <= d.start < q.end) and d.precision == "day" and d.value:
                    said_on = d.value
                    break
            out.append(
                StatementMention(
                    text=self.layout.text[q.start : q.end],
                    span=Span(q.start, q.end),
                    speaker_key=speaker,
                    channel=channel,
                    said_on=said_on,
                )
            )
            last_speaker, last_event_paragraph = speaker, q.paragraph
            if speaker:
                last_channel[speaker] = channel
        # a quote left open at a paragraph's end goes on in the next one, where it is attributed
        for i in range(len(quotes) - 2, -1, -1):
            q, nxt = quotes[i], quotes[i + 1]
            unclosed = q.close_at == self.layout.paragraphs[q.paragraph][1]
            follows = nxt.paragraph == q.paragraph + 1 and out[i + 1].speaker_key
            if unclosed and follows and out[i].speaker_key is None:
                out[i].speaker_key = out[i + 1].speaker_key
                out[i].channel = out[i + 1].channel
        return out

    def _sentence_end(self, start: int, limit: int) -> int:
        for m in _END.finditer(self.text, start, limit):
            if m.group(0) in '“«"' or not _abbreviation_before(self.text, m.start()):
                return m.end()
        return limit

    def _sentence_start(self, end: int, limit: int, *, past_quotes: bool = False) -> int:
        cut = limit
        for m in _START.finditer(self.text, limit, end):
            closer = m.group(0)[0] in '”"'
            if closer and past_quotes:
                continue
            if closer or not _abbreviation_before(self.text, m.start()):
                cut = m.end()
        return cut

    def _dash_line(self, q: Quote, p_end: int) -> tuple[int, int] | None:
        after = self.text[q.close_at + 1 : p_end]
        if _DASH_LINE.match(after):
            return (q.close_at + 1, p_end)
        nxt = q.paragraph + 1
        if nxt < len(self.layout.paragraphs):
            s, e = self.layout.paragraphs[nxt]
            if _DASH_PARAGRAPH.match(self.text[s:e]) and e - s < 200:
                return (s, e)
        return None
