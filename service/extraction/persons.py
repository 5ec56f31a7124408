"""Persons: titles before names, appositions, attributions, known names, and surname references."""

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from service.extraction.alternation import by_first_letter
from service.extraction.gazetteer import (
    Entry,
    Gazetteer,
    Hit,
    data_lines,
    known_person_key,
    name_prefix_words,
    strip_accents,
    title_words,
)
from service.extraction.given_names import same_given_name
from service.extraction.segmentation import BULLET

_UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LO = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
# a name word, an initial ("J."), or two initials run together before a name ("JD Vance")
# the Arabic article before a family name ("al-Ansari", "el-Tayeb", "ash-Sharaa")
_ARTICLES = "al|el|ad|ash|as|at|az|ar|an"
_TOKEN = (
    # "McCain", "MacArthur", "O'Brien", "DeSantis": a capital inside the name after its prefix
    # "Mata'afa": an inner glottal stop (never a possessive "'s")
    rf"(?:(?:Mc|Mac|O['’]|De|Di|Le|La)?[{_UP}][{_LO}]+"
    rf"(?:-[{_UP}]?[{_LO}]+|['’][{_UP}][{_LO}]+|['’][{_LO}]{{2,}})*|"
    # initials run together before a name ("K.P. Sharma Oli"), before the one initial
    rf"(?:[{_UP}]\.){{2,3}}(?=\s+[{_UP}][{_LO}])|"
    rf"[{_UP}]\.|"
    rf"[{_UP}]{{2}}(?=\s+[{_UP}][{_LO}])|"
    # an initial without its stop before a name ("S Jaishankar"); not the words "A" and "I"
    rf"(?![AI]\s)[{_UP}](?=\s+[{_UP}][{_LO}]{{2}})|"
    # Arabic family names with their article: "Majed al-Ansari", "Ahmed el-Tayeb"
    rf"(?:{_ARTICLES})-[{_UP}][{_LO}]+)"
)
_PARTICLE = (
    r"(?:von|van|der|den|de|da|di|del|della|la|le|bin|bint|ibn|al|el|dos|du|ter|Al|El|Bin|Ibn|Abu)"
)
NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_TOKEN}){{0,3}}(?:\s+[IVX]{{1,5}}\b)?"
_NAME_RE = re.compile(rf"(?<![\w.'’-]){NAME}")
_WORD = re.compile(rf"(?<![\w.])[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*(?![\w])")

# titles that precede a name; modifiers cover "Foreign Minister", "Deputy Prime Minister"
# (word lists grouped by first letter for a faster scan; see `by_first_letter`)
_TITLE_CORE = by_first_letter(
    r"President|Vice[- ]President|Prime Minister|Chancellor|Minister|Secretary[- ]General|"
    r"Secretary of State|Secretary|King|Queen|Crown Prince|Prince|Princess|Emir|Sheikh|Pope|"
    r"Premier|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|Mayor|Ambassador|Envoy|General|"
    r"Gen\.|Admiral|Adm\.|Commissioner|High Representative|Speaker|Chairman|Chairwoman|Chair|"
    r"Leader|Spokesperson|Spokesman|Spokeswoman|Adviser|Advisor|Chief of Staff|Commander|"
    r"Director|Mr\.|Mrs\.|Ms\.|Dr\.|Mr|Mrs|Ms|Dr|Madam|Madame|Rev\.|Reverend|PM|Lord|Lady|Sir|"
    r"Dame|Tsar|Czar|Representative|CEO|Chief Executive|Director General|Director-General|"
    r"First Lady|First Gentleman"
)
# data/title_modifiers.txt, longest first so that no phrase stops at a shorter one it starts with
_TITLE_MODIFIERS = by_first_letter(
    "|".join(sorted(data_lines("title_modifiers.txt"), key=lambda w: (w[0], -len(w))))
)
_TITLE_MOD = rf"(?:(?:{_TITLE_MODIFIERS})\s+)*"
TITLE = rf"{_TITLE_MOD}(?:{_TITLE_CORE})"
_TITLE_WORD = re.compile(rf"(?:{_TITLE_CORE})|Secretary-General|Vice-President")
_LABEL_LINE = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][A-Z.'’ ,-]{4,80}?)[ \t]*:[ \t]*$")
# a paragraph a name labels, its outlet or role after a comma: "Maria Lopez, El Pais: “…”"
_NAME_LABEL = re.compile(rf"(?m)^[ \t]*(?P<name>{NAME})(?:,[^:“\"\n]{{1,80}})?:[ \t]*[“\"]")
_TITLE_OF = re.compile(rf"(?<![\w.])(?:{TITLE})\s+of\s+(?:the\s+)?")
# "Minister of Economy", "Secretary of Foreign Affairs": a field, not a body the gazetteer holds
_FIELD_AFTER_OF = re.compile(rf"(?:(?:{_TITLE_MODIFIERS})\s*)+(?:and\s+(?:[A-Z][a-z]+\s+){{1,2}})?")
_NAME_AFTER = re.compile(rf"\s*(?P<name>{NAME})")
_APPOSITION_COMMA = re.compile(r" ?, ")
_LABEL_WORD = re.compile(r"[^\s,]+")
_TITLE_MODIFIER_WORD = re.compile(rf"(?:{_TITLE_MODIFIERS})")
_TITLE_NAME = re.compile(rf"(?<![\w.])(?P<title>{TITLE}),?\s+(?P<name>{NAME})")
_LOWER_TITLES = by_first_letter(
    r"first lady|first gentleman|president|prime minister|chancellor|counterpart|foreign minister|defen[cs]e minister|minister|secretary of state|secretary-general|king|queen|ambassador|envoy|spokesperson|spokesman|spokeswoman|leader|opposition leader|chairman|chairwoman|chair|director|"
    r"adviser|advisor|aide|manager|strategist|professor|analyst|economist|senator|governor|mayor|"
    r"secretary|lawmaker|congressman|congresswoman|psychologist|journalist|editor|commander|"
    r"general|admiral|negotiator|diplomat|ambassador|official|representative|candidate|nominee|"
    r"premier|chief of staff|chief|head|deputy|lawyer|attorney|prosecutor|judge|justice"
)
_ARTICLE_PREFIX = re.compile(rf"^(?i:{_ARTICLES})[-‑]")
_LOWER_TITLE_WORD = re.compile(rf"(?:{_LOWER_TITLES})")
_LOWER_TITLE_NAME = re.compile(rf"(?<![\w.])(?P<title>(?:{_LOWER_TITLES}))\s+(?P<name>{NAME})")
_APPOSITION_TITLE = re.compile(
    r"(?!(?:with|and|who|which|as|in|at|on|for|from|but|while|after|before|during|when|where|"
    r"whose|whom|not|also|said|says|according)\b)"
    r"(?:the |a |an )?(?:[\w.’']+(?:'s|’s) )?(?:[\w-]+ ){0,4}?"
    r"(?P<head>president|vice president|prime minister|chancellor|minister|secretary|head|chief|"
    r"leader|spokesperson|spokesman|spokeswoman|adviser|advisor|ambassador|envoy|chair|chairman|"
    r"director|commissioner|governor|mayor|commander|king|queen|speaker|senator)\b",
    re.IGNORECASE,
)
# also used case-insensitively (quotes.py)
# data/speech_verbs.txt, longest first so that no word stops at a shorter one it starts with
SPEECH_VERBS = by_first_letter(
    "|".join(
        sorted(
            (
                line.strip()
                for line in resources.files("service.extraction")
                .joinpath("data", "speech_verbs.txt")
                .read_text("utf-8")
                .splitlines()
                if line.strip() and not line.startswith("#")
            ),
            key=lambda w: (w[0], -len(w)),
        )
    ),
    ignorecase=True,
)
_SAID_NAME = re.compile(rf"\b(?:{SPEECH_VERBS})\s+(?P<name>{NAME})")
_NAME_SAID = re.compile(rf"(?P<name>{NAME})\s+(?:{SPEECH_VERBS})\b")
# "Abiy, speaking through an interpreter, said": a name, an aside between commas, the verb
_ASIDE_SAID_AFTER = re.compile(rf",\s+[^,.;:\"“”]{{1,60}},\s+(?:{SPEECH_VERBS})\b")
# a full name beside a meeting verb is a person's: "Marco Rubio met …", "… hosted Anwar Ibrahim",
# "his Chinese counterpart Wang Yi"
_MEETING_VERB = (
    r"met|meets|met with|will meet|hosted|hosts|received|receives|welcomed|welcomes|"
    r"spoke with|spoke by phone with|held talks with|holds talks with|talked with"
)
# an honorific between the verb and the name ("met Smt. B", "received Haji B"):
# data/name_honorifics.txt, longest first
_HONORIFIC_BEFORE = "|".join(
    re.escape(h) for h in sorted(data_lines("name_honorifics.txt"), key=len, reverse=True)
)
_VERB_BEFORE_NAME = re.compile(
    rf"\b(?:{_MEETING_VERB}|counterparts?)\s+(?:(?:his|her|their)\s+)?"
    rf"(?:(?:{_HONORIFIC_BEFORE})\s+)?$"
)
_VERB_AFTER_NAME = re.compile(rf"\s+(?:(?:also|later|first)\s+)?(?:{_MEETING_VERB})\b")
# "A, B and other Chinese officials attended the talks", "A and B were also present": untitled
# names the report lists as at a meeting; the company they keep ("other officials") or the
# attendance verb says they are people
_COMPANY = (
    r"(?:and|as well as|along with)\s+(?:other|several|senior|top|some|two|three)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:officials|ministers|aides|members|delegates|dignitaries|diplomats|"
    r"envoys|advisers|advisors|representatives|leaders|negotiators)\b"
)
_ATTENDED_AFTER = re.compile(
    rf"\s*,?\s+(?:{_COMPANY}\s*,?\s*|(?:(?:also|all|both)\s+)?(?:attended|took part|"
    r"participated|sat in)\b|(?:were|was)\s+(?:also\s+|all\s+)?(?:present|in attendance)\b)"
)
# "A and B met in Riyadh", "A and B held talks": a list of names that shares a meeting verb
_LIST_VERB_AFTER = re.compile(
    rf"\s+(?:(?:also|later|first|jointly|have|had|will)\s+)?(?:{_MEETING_VERB}|met|meet|"
    r"held talks|hold talks|talked|spoke)\b"
)
# the glue between two names of one list
_LIST_GLUE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")

# capitalised words that are not names even after a title or before "said" (data/not_names.txt)
_NOT_NAME = frozenset(
    line.strip()
    for line in resources.files("service.extraction")
    .joinpath("data", "not_names.txt")
    .read_text("utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


_JOINERS = frozenset("And Or Of The For In On At With To From By".split())
_WHEN = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tonight Yesterday".split()
)

# compiled once here rather than looked up in re's cache on every call
_TRANSLIT_ENDING = re.compile(r"(?:iy|yy|ij|yi|i|y)$")
_PARTICLE_RE = re.compile(_PARTICLE)
_INNER_TITLES = frozenset(data_lines("name_inner_titles.txt"))
# honorifics opening a name, one or two words ("Haji", "Tan Sri"): data/name_honorifics.txt
_NAME_HONORIFICS = frozenset(tuple(h.split()) for h in data_lines("name_honorifics.txt"))


def _escaped_words(phrases: tuple[str, ...]) -> str:
    """Phrases as a grouped alternation, their spaces any run of spaces, longest first."""
    ordered = sorted(phrases, key=lambda w: (w[0], -len(w)))
    return by_first_letter("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered))


# "His Majesty Sultan Haji …", "Her Excellency …": a style of address (data/
# honorific_styles.txt), then perhaps a rank (data/honorific_ranks.txt), then the name
_STYLED_NAME = re.compile(
    rf"(?<![\w.])(?P<style>{_escaped_words(data_lines('honorific_styles.txt'))})"
    rf"(?:\s+(?P<rank>{_escaped_words(data_lines('honorific_ranks.txt'))}))?"
    rf"\s+(?P<name>{NAME})"
)
_LINE = re.compile(r"[^\n]+")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_SPACES = re.compile(r"\s+")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s{0,2}")
_RUN_GAP = re.compile(r"[ \t]+")
_OWNER_GAP = re.compile(r"['’]s?[ \t]+")
_ORGANIZATION_WORDS = frozenset(data_lines("organization_words.txt"))
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")
_GROUP_OF = re.compile(r"G\d")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;(\n]|(?<![A-Z])\.(?=\s|$)")
_TITLE_BREAK = re.compile(r"\s+(?:and|who|which|said|says|to)\s")


@dataclass(slots=True)
class PersonFound:
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str | None, tuple[int, int]]] = field(default_factory=list)
    known_key: str | None = None


@lru_cache(maxsize=4096)
def translit_fold(token: str) -> str:
    """Fold obvious transliteration variants of one word: Zelensky / Zelenskyy / Zelenskiy."""
    folded = strip_accents(token).lower().replace("’", "'")
    return _TRANSLIT_ENDING.sub("y", folded)


# the same capitalised runs recur across an article and across articles; the cleaning is pure
@lru_cache(maxsize=16384)
def _names_someone(title: str) -> bool:
    """Whether a title text holds another titled full name ("Philippine President Ferdinand
    Marcos"), not only title words ("Secretary General of NATO")."""
    for m in _TITLE_NAME.finditer(title):
        name = _clean_name(m["name"])
        if name and len(name.split()) >= 2:
            return True
    return False


def _clean_name(name: str) -> str | None:
    tokens = name.split()
    while tokens and (tokens[-1] in _WHEN or (tokens[-1].endswith(".") and len(tokens[-1]) > 2)):
        tokens.pop()
    if tokens and tokens[-1] in _NOT_NAME:
        return None  # "Fox News", "European Union", "Beige Book": an institution, not a person
    if any(t in _JOINERS for t in tokens[1:-1]):
        return None  # "Bush And First Lady": title-case prose, not one name
    prefixes = name_prefix_words()
    # "Chinese President Xi Jinping", "Special Envoy Steve Witkoff": the name is what follows
    while len(tokens) > 1 and (
        # "Datuk Seri Anwar Ibrahim", "Haji Hassanal Bolkiah": an honour, not a given name
        _opening_honorific(tokens)
        or tokens[0] in _NOT_NAME
        or _TITLE_WORD.fullmatch(tokens[0])
        or tokens[0].rstrip(".") in prefixes
        or _TITLE_MODIFIER_WORD.fullmatch(tokens[0])
        # "Analyst Rachel King" opening a sentence
        or _LOWER_TITLE_WORD.fullmatch(tokens[0].lower())
    ):
        del tokens[: _opening_honorific(tokens) or 1]
    if tokens and (
        tokens[0] in _NOT_NAME
        or _TITLE_WORD.fullmatch(tokens[0])
        or (len(tokens) == 1 and _TITLE_WORD.fullmatch(tokens[0] + "."))  # "chief Gen. X"
    ):
        return None
    # "Korean President Lee Jae-myung" (a run cut inside "South Korean President …"): a title
    # inside the run ends what stood before the name
    inner = [
        i
        for i, t in enumerate(tokens[:-1])
        if _TITLE_WORD.fullmatch(t)
        # "Hassan Sheikh Mohamud": after a given name the honorific is a name element
        and not (
            t in _INNER_TITLES
            and i > 0
            and tokens[i - 1] not in prefixes
            and tokens[i - 1] not in _NOT_NAME
        )
    ]
    if inner:
        tokens = tokens[inner[-1] + 1 :]
    while tokens and _PARTICLE_RE.fullmatch(tokens[-1]):
        tokens.pop()
    if not tokens or (all(len(t) <= 2 for t in tokens) and not _short_surname(tokens)):
        return None
    return " ".join(tokens)


def _opening_honorific(tokens: list[str]) -> int:
    """How many words of an honorific open `tokens` with a name after it ("Tan Sri" of "Tan Sri
    Aziz Hamid": 2), or 0."""
    for size in (2, 1):
        if len(tokens) > size and tuple(tokens[:size]) in _NAME_HONORIFICS:
            return size
    return 0


# capitalised two-letter words of English prose, which "He said" or "In Paris" put before a verb
_TWO_LETTER_WORDS = frozenset(
    "Am An As At Be By Do Go He Hi If In Is It Me My No Of Oh Ok On Or So To Up Us We Ye".split()
)


def _short_surname(tokens: list[str]) -> bool:
    """ "President Xi", "Premier Li", "Mr Wu": surnames of two letters are common in Chinese,
    Korean and Vietnamese names."""
    if len(tokens) != 1 or len(tokens[0]) != 2:
        return False
    word = tokens[0]
    return word[0].isupper() and word[1].islower() and word not in _TWO_LETTER_WORDS


@cache
def _reversed_apposition() -> re.Pattern[str]:
    # found from the comma (", " + a capital, after a lower-case letter) rather than from every
    # word start; the word before is checked against the title words afterwards
    return re.compile(rf"(?<=[a-z]),\s+(?P<name>{NAME})(?=\s*[,.;:]|\s+(?:and|who|said|says)\b)")


_WORD_BEFORE = re.compile(r"([a-z]+)$")
_TITLE_OF_BEFORE = re.compile(r"\b([a-z]+)\s+(?:from|of)\s+(?:the\s+)?$")


def _blank_title_case(text: str) -> str:
    """Headlines in Title Case ("Clinton Flattered Obama") would read as one long name."""
    out = text
    for m in _LINE.finditer(text):
        line = m.group(0).strip()
        if line[:1] in "—–-" or ", " in line or BULLET.search(line):
            continue  # "— Rustem Umerov, Secretary of the NSDC" signs a quote; "• A • B" lists
        if line.endswith((".", "!", "?", '"', "”", ":", ";")):
            continue  # a sentence, however many names it holds
        words = _LONG_WORD.findall(line)
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def _title_of(title: str) -> str:
    return _SPACES.sub(" ", title).strip().removeprefix("former ").removeprefix("Former ")


class PersonIndex:
    """Persons of one article, keyed by their normalised full name."""

    def __init__(self, text: str, gazetteer: Gazetteer, hits: list[Hit]) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.hits = hits
        self.found: dict[str, PersonFound] = {}
        self.affiliation_spans: set[tuple[int, int]] = set()
        self.by_end = {h.end: h for h in hits}
        self.by_start = {h.start: h for h in hits}

    # -- discovery -------------------------------------------------------------------------
    def _is_place_or_org(self, name: str) -> bool:
        entry = self.gazetteer.lookup(name)
        return entry is not None and entry.kind != "person"

    def _affiliation_before(self, title_start: int) -> Hit | None:
        for back in range(5):
            hit = self.by_end.get(title_start - back)
            if hit and _POSSESSIVE_GAP.fullmatch(self.text[hit.end : title_start]):
                return hit
        return None

    def _affiliation_after(self, name_end: int) -> Hit | None:
        m = _OF_AFTER.match(self.text[name_end : name_end + 12])
        if not m:
            return None
        return self.by_start.get(name_end + m.end())

    def _role(self, title: str, affiliation: Hit | None) -> tuple[str, str | None]:
        title = _title_of(title)
        if affiliation is None:
            return title, None
        entry = affiliation.entry
        if entry.kind == "org":
            article = "" if entry.name.isupper() or _GROUP_OF.match(entry.name) else "the "
            full = f"{title} of {article}{entry.name}" if not title.endswith(entry.name) else title
            return full, entry.key
        return title, entry.key

    def add(
        self, name: str, start: int, end: int, role: tuple[str, str | None] | None = None
    ) -> None:
        cleaned = _clean_name(name)
        if cleaned is None or self._is_place_or_org(cleaned):
            return
        offset = self.text.find(cleaned, start, end)
        start, end = (offset, offset + len(cleaned)) if offset >= 0 else (start, end)
        before = self.text[max(0, start - 6) : start]
        if role is None and _ARTICLE_BEFORE.search(before):
            return  # "the Beige Book said", "the White House said": an institution
        person = self.found.setdefault(cleaned, PersonFound(cleaned))
        if (start, end) not in person.spans:
            person.spans.append((start, end))
        if role:
            person.roles.append((role[0], role[1], (start, end)))

    def _styled_names(self, masked: str) -> str:
        """ "His Majesty Sultan Haji Aziz Rahman", "Her Excellency Lina Haddad": the name after a
        style of address, titled by the rank the style introduces. The style and the rank are
        blanked from what the other readings see, so that neither passes for a name word."""
        if not _STYLED_NAME.search(masked):
            return masked
        out = list(masked)
        for m in _STYLED_NAME.finditer(masked):
            rank = m["rank"]
            affiliation = self._affiliation_before(m.start())
            if affiliation is not None:
                self.affiliation_spans.add((affiliation.start, affiliation.end))
            role = self._role(rank, affiliation) if rank else None
            self.add(m["name"], m.start("name"), m.end("name"), role)
            end = m.end("rank") if rank else m.end("style")
            out[m.start() : end] = " " * (end - m.start())
        return "".join(out)

    def discover(self, masked: str) -> None:
        masked = self._styled_names(_blank_title_case(masked))
        for pattern in (_TITLE_NAME, _LOWER_TITLE_NAME):
            for m in pattern.finditer(masked):
                name = m["name"]
                if name.split()[0] in _NOT_NAME:
                    continue
                affiliation = self._affiliation_before(m.start())
                name_end = m.start("name") + len(name)
                if affiliation is None:
                    affiliation = self._affiliation_after(name_end)
                if affiliation is not None:
                    self.affiliation_spans.add((affiliation.start, affiliation.end))
                self.add(name, m.start("name"), name_end, self._role(m["title"], affiliation))
        self._titles_of_bodies(masked)
        self._owned_names(masked)
        self._speaker_labels(masked)
        titles = title_words()
        for m in _reversed_apposition().finditer(masked):
            # "his Ukrainian counterpart, Volodymyr Zelenskyy", "the alliance's top commander, X"
            before = _WORD_BEFORE.search(masked, max(0, m.start() - 30), m.start())
            word = before.group(1) if before else ""
            body = self.by_end.get(m.start())
            if body is not None and body.entry.kind in ("country", "org"):
                # "his counterpart from Ivory Coast, X", "the foreign minister of Chile, X"
                of = _TITLE_OF_BEFORE.search(masked, max(0, body.start - 40), body.start)
                word = of.group(1).lower() if of else word
            if word not in titles and not (word.endswith("s") and word[:-1] in titles):
                continue
            name = m["name"]
            if len(name.split()) >= 2 and name.split()[0] not in _NOT_NAME:
                self.add(name, m.start("name"), m.start("name") + len(name))
        names = list(_NAME_RE.finditer(masked))
        for m in names:
            # apposition: "Rustem Umerov, Secretary of the NSDC" / "X, Ukraine's top envoy"
            # "A, Secretary of …", and "A , Secretary of …" as lists typed by hand have it
            comma = _APPOSITION_COMMA.match(masked, m.end())
            if comma is None or len(m.group(0).split()) < 2:
                continue
            tail = masked[comma.end() - 2 : comma.end() + 158]
            clause = _CLAUSE_BREAK.split(tail[2:], maxsplit=1)[0]
            head = _APPOSITION_TITLE.match(clause)
            if head is None:
                continue
            title = clause[head.start("head") :]
            title = _TITLE_BREAK.split(title)[0].strip()
            if _names_someone(title):
                continue  # "A, Philippine President B and …": a list of titled people, no apposition
            affiliation = None
            for hit in self.hits:
                if comma.end() <= hit.start < comma.end() + len(clause):
                    # every body the title names describes the person: none is a party by it
                    affiliation = affiliation or hit
                    self.affiliation_spans.add((hit.start, hit.end))
            title_text = title[:1].upper() + title[1:]
            for hit in self.hits:
                if hit.entry.kind == "org" and hit.surface in title_text:
                    title_text = title_text.replace(hit.surface, hit.entry.name)
            role: tuple[str, str | None] = (title_text, None)
            if affiliation is not None:
                entry: Entry = affiliation.entry
                role = (title_text, entry.key)
            self.add(m.group(0), m.start(), m.end(), role)
        singles: list[tuple[str, int]] = []
        spoken = [
            (m["name"], m.start("name"))
            for pattern in (_SAID_NAME, _NAME_SAID)
            for m in pattern.finditer(masked)
        ]
        spoken += [
            (m.group(0), m.start()) for m in names if _ASIDE_SAID_AFTER.match(masked, m.end())
        ]
        for raw, at in spoken:
            name = _clean_name(raw)
            if name and len(name.split()) >= 2:
                self.add(name, at, at + len(raw))
            elif name and not self._is_place_or_org(name):
                singles.append((name, masked.find(name, at)))
        singles += [
            (p.name, p.spans[0][0]) for p in self.found.values() if len(p.name.split()) == 1
        ]
        for m in names:
            # the name matches of the whole text, each checked for a meeting verb beside it
            if not (
                _VERB_AFTER_NAME.match(masked, m.end())
                or _VERB_BEFORE_NAME.search(masked, max(0, m.start() - 40), m.start())
            ):
                continue
            if _continues_run(masked, m.start()):
                continue  # the title reading has the whole name
            name = _clean_name(m.group(0))
            if name and len(name.split()) >= 2 and self._bare_name(name):
                self.add(name, m.start(), m.end())
        self._attendance_lists(masked, names)
        self._resolve_singles(masked, singles, names)
        for hit in self.hits:
            if hit.entry.kind == "person":
                person = self.found.setdefault(hit.entry.name, PersonFound(hit.entry.name))
                person.known_key = hit.entry.key
                person.spans.append((hit.start, hit.end))
                if hit.surface != hit.entry.name:
                    person.aliases.append(hit.surface)

    def _attendance_lists(self, masked: str, names: list[re.Match[str]]) -> None:
        """Untitled full names listed before "and other officials", an attendance verb or a
        meeting verb ("A, B and other Ghanaian officials attended", "A and B were present",
        "A and B met in Riyadh") are persons."""
        chain: list[re.Match[str]] = []
        for m in names:
            if chain and _LIST_GLUE.fullmatch(masked, chain[-1].end(), m.start()):
                chain.append(m)
            else:
                chain = [m]
            if not (
                _ATTENDED_AFTER.match(masked, m.end())
                or (len(chain) >= 2 and _LIST_VERB_AFTER.match(masked, m.end()))
            ):
                continue
            for item in chain:
                if _continues_run(masked, item.start()):
                    continue  # the tail of a longer run ("… Ahmed | Aboul Gheit"), read with it
                name = _clean_name(item.group(0))
                if name and len(name.split()) >= 2 and self._bare_name(name):
                    self.add(name, item.start(), item.end())
            chain = []

    def _bare_name(self, name: str) -> bool:
        """Only name words: no title ("Prime Minister"), no demonym or country opening it
        ("Cambodian …"); those are read with their titles elsewhere."""
        words = name.split()
        titles = title_words()
        return (
            words[0] not in _NOT_NAME
            and not any(w.lower() in titles for w in words)
            and self.gazetteer.lookup(words[0]) is None
        )

    def _owned_names(self, masked: str) -> None:
        """A country's possessive before an untitled full name, "India's Narendra Modi",
        "Norway's Jonas Gahr Store": a person of that country (the country is their affiliation,
        not a party beside them); "Britain's Labour Party" is no person."""
        for hit in self.hits:
            if hit.entry.kind != "country":
                continue
            owner = _OWNER_GAP.match(masked, hit.end)
            if owner is None:
                continue
            m = _NAME_RE.match(masked, owner.end())
            if m is None:
                continue
            name = _clean_name(m.group(0))
            if (
                name is None
                or not masked.startswith(name, m.start())
                or not 2 <= len(name.split()) <= 4
                or not self._bare_name(name)
                or any(w in _ORGANIZATION_WORDS for w in name.split())
                or any(m.start() <= h.start < m.start() + len(name) for h in self.hits)
            ):
                continue
            self.affiliation_spans.add((hit.start, hit.end))
            self.add(name, m.start(), m.start() + len(name), ("", hit.entry.key))

    def _titles_of_bodies(self, masked: str) -> None:
        """A long title naming its body before the name: "First Deputy Foreign Minister of
        Ukraine Serhiy Kyslytsya", "President of the European Commission Ursula von der Leyen",
        "Minister of Economy Ana Lopez"."""
        for m in _TITLE_OF.finditer(masked):
            at = m.end()
            body = self.by_start.get(at)
            if body is not None and body.entry.kind in ("country", "org"):
                after = body.end
            else:
                field = _FIELD_AFTER_OF.match(masked, at)
                if field is None:
                    continue
                after, body = field.end(), None
            name = _NAME_AFTER.match(masked, after)
            if name is None or name["name"].split()[0] in _NOT_NAME:
                continue
            title = masked[m.start() : after].strip()
            role = (title, body.entry.key) if body is not None else (title, None)
            if body is not None:
                self.affiliation_spans.add((body.start, body.end))
            self.add(name["name"], name.start("name"), name.end("name"), role)

    def _speaker_labels(self, masked: str) -> None:
        """ "FRENCH PRESIDENT EMMANUEL MACRON:" on a line of its own introduces what follows;
        so does "Maria Lopez, El Pais:" opening a paragraph of her words."""
        for m in _NAME_LABEL.finditer(masked):
            name = m["name"]
            if len(name.split()) >= 2 and name.split()[0] not in _NOT_NAME:
                self.add(name, m.start("name"), m.end("name"))
        for m in _LABEL_LINE.finditer(masked):
            label = m["label"]
            words = label.replace(",", " ").split()
            titled = " ".join(w.capitalize() if w.isalpha() else w.title() for w in words)
            name = _clean_name(titled)
            if name is None or len(name.split()) < 2:
                continue
            spans = [w.span() for w in _LABEL_WORD.finditer(label)]
            first = spans[-len(name.split())][0] if len(spans) >= len(name.split()) else 0
            start = m.start("label") + first
            title = titled[: len(titled) - len(name)].strip(" ,")
            self.add(name, start, m.start("label") + len(label), (title, None) if title else None)

    def _resolve_singles(
        self, masked: str, singles: list[tuple[str, int]], names: list[re.Match[str]]
    ) -> None:
        """ "Conway said": find the full name the article introduced ("Kellyanne Conway")."""
        if not singles:
            return
        counts: dict[str, list[int]] = {}
        for start, run in _runs(masked, names):
            # "Vietnamese Prime Minister Pham Minh Chinh" is two name matches but one run
            name = _clean_name(run)
            if name and 2 <= len(name.split()) <= 4 and not self._is_place_or_org(name):
                # the cleaned name may not occur verbatim (a line break inside it): then the
                # match's own start, which `add` keeps when it cannot find the name
                at = masked.find(name, start)
                counts.setdefault(name, []).append(at if at >= 0 else start)
        for single, at in singles:
            fold = translit_fold(single)
            options = [
                n for n in counts if translit_fold(n.split()[-1]) == fold and self._bare_name(n)
            ]
            if options:
                best = max(options, key=lambda n: (len(counts[n]), -counts[n][0]))
                first = counts[best][0]
                self.add(best, first, first + len(best))
            if at >= 0:
                self.add(single, at, at + len(single))

    # -- consolidation ---------------------------------------------------------------------
    @staticmethod
    def _contains(name: str, canonical: dict[str, PersonFound]) -> PersonFound | None:
        """The one fuller name `name` is a short form of: its leading words, or (for one word)
        any word of it other than a particle. None when no name or several fit."""
        tokens = [translit_fold(t) for t in name.split()]
        fits = []
        for other, person in canonical.items():
            words = [translit_fold(t) for t in other.split()]
            if len(words) <= len(tokens):
                continue
            if words[: len(tokens)] == tokens or (
                len(tokens) == 1 and tokens[0] in words and not _PARTICLE_RE.fullmatch(name)
            ):
                fits.append(person)
        return fits[0] if len(fits) == 1 else None

    @staticmethod
    def _part_of(name: str, canonical: dict[str, PersonFound]) -> PersonFound | None:
        """The one fuller name `name` (two words or more) is a later part of: its tail ("Lula da
        Silva", "Sharma Oli" of "K. P. Sharma Oli") or an inner run joined by a particle ("Lula
        da Silva" of "Luiz Inacio Lula da Silva Filho"). A run of the same words, not a shared
        word: "Hun Sen" is no part of "Hun Manet", nor "Kim Yo Jong" of "Kim Jong Un". None
        when no name or several fit ("Zayed Al Nahyan" of two brothers)."""
        raw = name.split()
        if len(raw) < 2:
            return None
        tokens = [translit_fold(t) for t in raw]
        particle = any(_PARTICLE_RE.fullmatch(t) for t in raw[1:-1])
        size = len(tokens)
        fits = []
        for other, person in canonical.items():
            words = [translit_fold(t) for t in other.split()]
            for i in range(1, len(words) - size + 1):
                if words[i : i + size] == tokens and (i + size == len(words) or particle):
                    fits.append(person)
                    break
        return fits[0] if len(fits) == 1 else None

    def consolidate(self, masked: str) -> dict[str, PersonFound]:
        """Fold surname-only and spelling variants into the fullest name; find all references."""
        names = sorted(self.found, key=lambda n: (-len(n.split()), -len(n)))
        canonical: dict[str, PersonFound] = {}
        by_surname: dict[str, PersonFound] = {}
        for name in names:
            person = self.found[name]
            surname = translit_fold(name.split()[-1])
            first = translit_fold(name.split()[0])
            target = by_surname.get(surname)
            if target is not None and (
                len(name.split()) == 1
                # "Al Thani" for "Tamim bin Hamad Al Thani", "da Silva": a family name with its
                # article or particle is the surname alone, not a second person
                or (len(name.split()) == 2 and _PARTICLE_RE.fullmatch(name.split()[0]) is not None)
                or same_given_name(translit_fold(target.name.split()[0]), first)
            ):
                target.spans.extend(person.spans)
                target.roles.extend(person.roles)
                target.aliases.append(name)
                target.known_key = target.known_key or person.known_key
                continue
            longer = self._contains(name, canonical) or self._part_of(name, canonical)
            if longer is not None:
                # "Luiz Inacio Lula" in "Luiz Inacio Lula da Silva"; "Prabowo" in "Prabowo
                # Subianto"; "Lula da Silva": a short form that is the start, a word or a
                # later part of one fuller name
                longer.spans.extend(person.spans)
                longer.roles.extend(person.roles)
                longer.aliases.append(name)
                longer.known_key = longer.known_key or person.known_key
                continue
            canonical[name] = person
            by_surname.setdefault(surname, person)
        # one pass over the capitalised words, then every person looks up its surname
        words: dict[str, list[tuple[int, int, str]]] = {}
        for m in _WORD.finditer(masked):
            words.setdefault(translit_fold(m.group(0)), []).append((m.start(), m.end(), m.group(0)))
            parts = m.group(0).split("-")
            if len(parts) > 1 and all(p[:1].isupper() for p in parts):
                # "the Trump-Zelensky meeting": each side of a compound of names is a mention
                at = m.start()
                for part in parts:
                    words.setdefault(translit_fold(part), []).append((at, at + len(part), part))
                    at += len(part) + 1
        ends = {t for name in canonical for t in (name.split()[0], name.split()[-1])}
        # a short form two people of the story share ("Hun" of Hun Sen and Hun Manet, "Kim" of
        # Kim Jong Un and Kim Yo Jong) says neither of them
        short_forms: dict[str, int] = {}
        for name in canonical:
            tokens = name.split()
            if len(tokens) >= 2:
                for form in {translit_fold(tokens[0]), translit_fold(tokens[-1])}:
                    short_forms[form] = short_forms.get(form, 0) + 1
        shared = {form for form, count in short_forms.items() if count > 1}
        for person in canonical.values():
            tokens = person.name.split()
            if len(tokens) < 2:
                continue
            at = masked.find(person.name)
            while at >= 0:
                if not any(s <= at < e for s, e in person.spans):
                    person.spans.append((at, at + len(person.name)))
                at = masked.find(person.name, at + 1)
            surname = tokens[-1]
            refs = [] if translit_fold(surname) in shared else words.get(translit_fold(surname), [])
            bare = _ARTICLE_PREFIX.sub("", surname)
            if bare != surname:  # "Burhan" for "Abdel Fattah al-Burhan"
                refs = refs + words.get(translit_fold(bare), [])
            if translit_fold(tokens[0]) not in shared and (
                len(tokens[0]) <= 3 or (len(tokens) <= 3 and tokens[0] in _family_names_first())
            ):
                # family name first ("Xi Jinping", "Li Qiang", "Kim Jong Un", "Wang Yi", "Yoon
                # Suk Yeol"): "Xi", "Wang", "Yoon" are the short forms
                refs = refs + words.get(translit_fold(tokens[0]), [])
            for middle in tokens[1:-1]:
                # "Lula" of "Luiz Inacio Lula da Silva": a name's inner word stands for it when it
                # is no one else's first or last name and no place
                if (
                    len(middle) >= 3
                    and middle[:1].isupper()
                    and middle not in ends
                    and not self._is_place_or_org(middle)
                ):
                    refs = refs + words.get(translit_fold(middle), [])
            for start, end, word in refs:
                if any(s <= start < e for s, e in person.spans):
                    continue
                person.spans.append((start, end))
                if word not in (surname, tokens[0]):
                    person.aliases.append(word)
        for person in canonical.values():
            person.spans.sort()
            person.aliases = [a for a in dict.fromkeys(person.aliases) if a != person.name]
        return canonical


@cache
def _family_names_first() -> frozenset[str]:
    """Family names written before the given name (data/family_names_first.txt)."""
    return frozenset(data_lines("family_names_first.txt"))


def _runs(masked: str, names: list[re.Match[str]]) -> list[tuple[int, str]]:
    """(start, text) of each run of name matches joined only by spaces: a run longer than one
    match takes ("Vietnamese Prime Minister Pham Minh Chinh") is read whole."""
    runs: list[tuple[int, int]] = []
    for m in names:
        if runs and _RUN_GAP.fullmatch(masked, runs[-1][1], m.start()):
            runs[-1] = (runs[-1][0], m.end())
        else:
            runs.append((m.start(), m.end()))
    return [(start, masked[start:end]) for start, end in runs]


def _continues_run(masked: str, start: int) -> bool:
    """Whether a name match at `start` is the tail of a capitalised run longer than a name match
    takes ("Vietnamese Prime Minister Pham | Minh Chinh", "Secretary-General Ahmed | Aboul
    Gheit"): read whole elsewhere, not a name of its own."""
    return _CAPITAL_BEFORE.search(masked, max(0, start - 40), start) is not None


def person_key(person: PersonFound) -> str:
    return person.known_key or known_person_key(person.name)
