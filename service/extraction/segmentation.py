"""Page chrome, paragraphs, sentences and dateline stories, all as offsets into the stored text."""

import re
from dataclasses import dataclass, field

from service.extraction.gazetteer import Gazetteer, data_lines

# whole lines that are page furniture, never article prose
_CHROME_LINE = re.compile(
    r"^(?:trending(?: now)?|read more\b.*|show more|load more|see more|avatar|advertisement|"
    r"share(?: this(?: article| story)?)?|\d+\s*min(?:ute)?s? read|(?:edited|reviewed|written|"
    r"reported|photo|words|verified)\s*by\b.*|by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}|"
    r"published|updated\b.*|(?:(?:additional )?reporting|writing|editing|compiled) by\b.*|(?:about\s+)?\d+\s+(?:minutes?|hours?|days?)\s+ago|"
    r"(?:sign up|subscribe)\b.*|editorial\b.*|original analysis\b.*|methodology|"
    r"this article (?:includes|was|is)\b.*|.*\|\s*[\w ]*rss|follow us\b.*|"
    r"(?:senior |deputy |chief |managing |news |staff |political |foreign )*"
    r"(?:editor|reporter|correspondent|journalist|writer|columnist|contributor)s?|"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?:,? \d{1,2}:\d{2}.*)?)$",
    re.IGNORECASE,
)
# a trailing block of other stories: everything after it is chrome
_FEED_HEADER = re.compile(
    r"^(?:news feed|related(?: articles| stories| news| content)?|more (?:stories|news)\b.*|"
    r"most (?:read|popular)|recommended(?: for you)?|you may also like|latest (?:news|stories)|"
    r"top stories|more from\b.*)$",
    re.IGNORECASE,
)
_AUTHOR_BIO = re.compile(
    r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3} (?:is|was|has been) (?:a|an|the) (?:[\w-]+ ){0,3}"
    r"(?i:editor|reporter|correspondent|journalist|writer|columnist|contributor|producer)\b"
)
# list bullets: "• A • B", "🔹 A 🔹 B"
BULLET = re.compile(r"[•▪●◦■►▶✓🔹🔸◆◇]")
_TIME_START = re.compile(r"\d{1,2}[:.]\d{2}\b")
_RELATED_LINE = re.compile(r"(?:related|see also|read also|also read|read more)\s*:\s*\S", re.I)
_ALPHA = re.compile(r"[^\W\d_]+")
_GLUED_ELLIPSIS = re.compile(r"[\w)’'\"”](?:\.\.\.|…)[A-Z]")
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
# "KYIV, Ukraine –", "Honolulu, Hawaii –", "ISTANBUL (Reuters) —", and the agency form with the
# story's date, "TIANJIN, September 1. /TASS/." (the gazetteer decides whether it is a place)
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Za-z.'’\- ]{1,40}?)"
    rf"(?:, (?P<mon>{_MONTHS})\.? (?P<day>\d{{1,2}})\.? ?"
    r"/[A-Za-z-]{2,20}/\.? |"
    r"(?:, (?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    # "TOKYO, May 12 (Reuters) -": the wire's date before its name; a government's "PUTRAJAYA,
    # 12 March 2025 –" puts the day first and adds the year; Kyodo's "TOKYO, Feb. 18 Kyodo -"
    # names the agency without brackets
    rf"(?:, (?:(?P<mon2>{_MONTHS})\.? (?P<day2>\d{{1,2}})|(?P<day3>\d{{1,2}}) (?P<mon3>{_MONTHS})\.?)"
    r"(?:,? \d{4})?(?: [A-Z][A-Za-z]{2,15}(?= [–—-]))?)?"
    r"(?: \([^)\n]{1,40}\))? ?[–—-]{1,2} |"
    # "NEW DELHI: …" (South Asian dailies): a capitalised place and a colon
    r"(?P<colon>:) (?=[A-Z]))"
)
_PHOTO_POSITION = re.compile(
    r"\((?:(?:1st|2nd|3rd|[4-9]th) |second |third )?(?:[LRC]|left|right|cent(?:er|re)|front|back)\)"
)
_MONTH_NUMBERS = {
    m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())
}
# a page's own date printed before its text: never the date of what the story reports
_STAMP = re.compile(
    r"\s*(?:(?:date|published|updated|posted|last updated)\s*:?\s*)?\d{4}-\d{2}(?:-\d{2})?"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?=\s|$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’»)]*\s+")
# tokens whose trailing period does not end a sentence
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "smt",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "mt",
        "ft",
        "adm",
        "cmdr",
        "maj",
        "pres",
        "sec",
        "dept",
    ]
)

_BYLINE_NAME = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}")
_JOB_TITLE = re.compile(r"editor|reporter|correspondent|journalist|writer", re.I)
_LAST_TOKEN = re.compile(r"[\w.]+$")
_INITIAL = re.compile(r"[a-z]")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    segment: int


@dataclass(slots=True)
class Segment:
    """One story of the body: the first, or one that opens with a dateline."""

    start: int
    end: int
    city: str | None = None
    country: str | None = None
    month_day: tuple[int, int] | None = None  # the dateline's date, "TIANJIN, September 1."
    lead_end: int | None = None  # where the story's first sentence starts after its dateline


@dataclass(slots=True)
class Layout:
    text: str
    masked: str  # the text with chrome blanked out (same length, so offsets stay valid)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def paragraph_of(self, offset: int) -> int:
        for i, (start, end) in enumerate(self.paragraphs):
            if start <= offset < end:
                return i
        return -1

    def segment_of(self, offset: int) -> int:
        for i, seg in enumerate(self.segments):
            if seg.start <= offset < seg.end:
                return i
        return max(len(self.segments) - 1, 0)


def _lines(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_stamp_line(line: str) -> bool:
    """A live blog's time stamp ("16:11 GMT 17.08.2025 (Updated: 16:13 GMT)"), or a "Related:"
    link: a line of the page, not of the story."""
    if _RELATED_LINE.match(line):
        return True
    if not _TIME_START.match(line) or len(line.split()) > 10:
        return False
    return not any(len(w) > 3 and w.islower() and w != "updated" for w in _ALPHA.findall(line))


def _chrome_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    chrome: set[int] = set()
    nonempty = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    in_feed = False
    for pos, i in enumerate(nonempty):
        s, e = lines[i]
        line = text[s:e].strip()
        if in_feed:
            chrome.add(i)
            continue
        if _FEED_HEADER.match(line):
            in_feed = True
            chrome.add(i)
        elif _CHROME_LINE.match(line) or _AUTHOR_BIO.match(line) or _is_stamp_line(line):
            chrome.add(i)
            if line.lower() == "avatar" and pos + 1 < len(nonempty):
                chrome.add(nonempty[pos + 1])  # the author's name under the picture
        elif len(_GLUED_ELLIPSIS.findall(line)) >= 2:
            # headlines run together ("trends...SpaceX announces…"); prose with ellipses
            # ("we have to stop … the killing") keeps its words
            chrome.add(i)
        elif (
            pos + 1 < len(nonempty)
            and len(line.split()) <= 4
            and _BYLINE_NAME.fullmatch(line)
            and _CHROME_LINE.match(text[slice(*lines[nonempty[pos + 1]])].strip())
            and _JOB_TITLE.search(text[slice(*lines[nonempty[pos + 1]])])
        ):
            chrome.add(i)  # a byline name followed by its job title
    return chrome


def _split_sentences(
    text: str, start: int, end: int, gazetteer: Gazetteer | None = None
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group(0).startswith("."):
            # only a period can follow an abbreviation: the word before is read for those alone
            before = text[cursor : m.start() + 1]
            token = _LAST_TOKEN.findall(before.rstrip('.!?…”"’»)'))
            word = token[0].lower().rstrip(".") if token else ""
            if (word in _ABBREVIATIONS or _INITIAL.fullmatch(word)) and not _ends_after(
                text, m.end(), word
            ):
                continue
            if gazetteer is not None and _name_initials(before, gazetteer):
                continue
        nxt = text[m.end() : m.end() + 1]
        if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in '“"‘«—–-'):
            continue
        sentence_end = m.end()
        while sentence_end > cursor and text[sentence_end - 1].isspace():
            sentence_end -= 1
        if sentence_end > cursor:
            out.append((cursor, sentence_end))
        cursor = m.end()
    if cursor < end and text[cursor:end].strip():
        out.append((cursor, end))
    return out


# abbreviations that may close a sentence: a country's or body's initials ("the U.S."), a
# company's or a name's suffix ("Ltd.", "Jr."); a title ("Gen.", "Mr.") or a month never does
_CLOSING = frozenset(["inc", "corp", "co", "ltd", "jr", "sr"])
_NEXT_WORD = re.compile(r"[A-Z][a-z]*(?=[\s,])")
_OPENERS = frozenset(data_lines("sentence_openers.txt"))


def _ends_after(text: str, at: int, word: str) -> bool:
    """Whether the abbreviation `word` before `at` still ends its sentence: one that may close
    a sentence, followed by a word that opens one ("of the U.S. The talks", not "U.S. President")."""
    if "." not in word and word not in _CLOSING:
        return False
    m = _NEXT_WORD.match(text, at)
    return m is not None and m.group(0) in _OPENERS


# a person's initials run together after a title or given name: "Prime Minister K.P. Sharma Oli"
_INITIALS_AFTER_WORD = re.compile(
    r"(?<![\w.])(?P<word>[A-Z][a-z]+)[ \t]+(?P<initials>(?:[A-Z]\.){2,3})$"
)


def _name_initials(before: str, gazetteer: Gazetteer) -> bool:
    """Whether `before` ends with a name's initials ("Minister K.P."), which end no sentence;
    "the U.S.", "in Washington D.C." end with a place the gazetteer knows."""
    m = _INITIALS_AFTER_WORD.search(before, max(0, len(before) - 40))
    return (
        m is not None
        and gazetteer.lookup(m["initials"]) is None
        and gazetteer.place(m["word"]) is None
    )


def _stamps(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Publication stamps that open a line ("date 2025-03-02 Headline…"): the page's date."""
    out: list[tuple[int, int]] = []
    for s, e in lines:
        m = _STAMP.match(text, s, e)
        if m:
            out.append((m.start(), m.end()))
    return out


# a meeting noun that opens a sentence, or follows its dateline's dash: "Talks between A and B
# were held …", "DOHA (Reuters) - Talks between …"
_LEAD_NOUN = re.compile(
    r"(?:[\s\"“‘']*|[^\n]{0,60}?\s[-–—]\s+)"
    r"(?P<noun>Talks|Meetings?|Summits?|Negotiations|Discussions|Consultations|Gatherings?)\b"
    r"(?=\s+(?:between|with|among|on|in|at|of|were|was|will|are|is|took|take|held|ended|began))"
)


def _lower_lead_nouns(masked: str, sentences: list[Sentence]) -> str:
    """Case is how the meeting cues tell a noun from a name; a sentence's capital is not a
    name's, so a meeting noun there is read in lower case (same length, offsets kept)."""
    chars: list[str] | None = None
    for sentence in sentences:
        m = _LEAD_NOUN.match(masked, sentence.start, sentence.end)
        if m is None:
            continue
        if chars is None:
            chars = list(masked)
        at = m.start("noun")
        chars[at] = chars[at].lower()
    return masked if chars is None else "".join(chars)


def _only_headlines(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether the lines before a dateline are a headline, a standfirst or a byline at most:
    a few lines none of which ends a sentence."""
    return len(paragraphs) <= 3 and not any(
        text[s:e].rstrip().endswith((".", "!", "?", ".”", '."')) for s, e in paragraphs
    )


def layout(text: str, gazetteer: Gazetteer) -> Layout:
    """Blank out chrome, then cut the rest into stories, paragraphs and sentences."""
    lines = _lines(text)
    chrome = _chrome_lines(text, lines)
    stamps = _stamps(text, lines)
    masked = text
    if chrome or stamps:  # without chrome the text is its own masked copy
        chars = list(text)
        for i in chrome:
            s, e = lines[i]
            chars[s:e] = " " * (e - s)
        for s, e in stamps:
            chars[s:e] = " " * (e - s)
        masked = "".join(chars)
    # "Trump (C) welcomes Zelensky (R)": a photo's position marks sit between a name and its verb
    masked = _PHOTO_POSITION.sub(lambda m: " " * len(m.group(0)), masked)
    result = Layout(text=text, masked=masked)
    result.segments.append(Segment(0, len(text)))
    for i, (s, e) in enumerate(lines):
        if i in chrome or not text[s:e].strip():
            continue
        stamp = next((b for a, b in stamps if a == s), s)
        while stamp < e and text[stamp].isspace():
            stamp += 1
        dateline = _DATELINE.match(text, stamp, e)
        if (
            dateline
            and not dateline["city"].strip().isdigit()
            # a colon after a word in title case is a label ("Read more: …"), not a dateline
            and not (dateline["colon"] and not dateline["city"].isupper())
        ):
            city_entry = gazetteer.place(dateline["city"].strip())
            region_entry = gazetteer.place(dateline["region"]) if dateline["region"] else None
            country = (region_entry.iso2 if region_entry else None) or (
                city_entry.iso2 if city_entry else None
            )
            if country or city_entry:
                city_name = city_entry.name if city_entry and city_entry.kind != "country" else None
                if city_name is None:
                    raw = dateline["city"].strip()
                    city_name = "-".join(p.capitalize() for p in raw.lower().split("-")).title()
                month = dateline["mon"] or dateline["mon2"] or dateline["mon3"]
                day = dateline["day"] or dateline["day2"] or dateline["day3"]
                month_day = (_MONTH_NUMBERS[month[:3].lower()], int(day)) if month else None
                if len(result.segments) == 1 and _only_headlines(text, result.paragraphs):
                    # a headline above the first dateline belongs to that story, not to another
                    first = result.segments[0]
                    first.city, first.country, first.month_day = city_name, country, month_day
                    first.lead_end = dateline.end()
                else:
                    result.segments[-1].end = s
                    result.segments.append(
                        Segment(s, len(text), city_name, country, month_day, dateline.end())
                    )
        paragraph = len(result.paragraphs)
        result.paragraphs.append((s, e))
        for ss, se in _split_sentences(masked, s, e, gazetteer):
            result.sentences.append(Sentence(ss, se, paragraph, len(result.segments) - 1))
    result.masked = _lower_lead_nouns(result.masked, result.sentences)
    if result.segments[0].start == result.segments[0].end and len(result.segments) > 1:
        result.segments.pop(0)
        result.sentences = [
            Sentence(x.start, x.end, x.paragraph, x.segment - 1) for x in result.sentences
        ]
    return result
