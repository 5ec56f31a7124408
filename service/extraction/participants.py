"""Who takes part in a meeting, read from the words around its trigger: lists, cues, modes, hosts."""

import re
from dataclasses import dataclass

from service.extraction.alternation import by_first_letter
from service.extraction.gazetteer import title_words
from service.extraction.records import Mode, ParticipantType, ParticipationRole


@dataclass(frozen=True, slots=True)
class Ref:
    """One mention of a possible participant in the text."""

    start: int
    end: int
    key: str
    type: ParticipantType
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    ref: Ref
    mode: Mode
    role: ParticipationRole


# plural or collective nouns: "the Ukrainian leader" is one person, not the country taking part
# (word lists grouped by first letter for a faster scan; see `by_first_letter`)
_ROLE_WORDS = (
    r"representatives|officials|delegations?|delegates|partners|envoys|team|counterparts|"
    r"leaders|ministers|diplomats|negotiators|mediators|advis[eo]rs|side|government|military|"
    r"chiefs|generals|commanders|lawmakers|members|experts|troops|forces|allies|authorities"
)
_ROLE_NOUN = f"(?:{by_first_letter(_ROLE_WORDS)})"
_NOUN_AFTER = re.compile(rf"^(?:['’]s)?\s+(?:[a-z-]+\s+){{0,2}}{_ROLE_NOUN}\b")
_INTRO_HEADS = by_first_letter(_ROLE_WORDS + "|heads?|members?", ignorecase=True)
_INTRO_WORDS = by_first_letter(
    r"including|includes|include|alongside|along with|together with|joined by|attended by|"
    r"hosted by|between|among them|as well as|such as|like|participants?:?",
    ignorecase=True,
)
_INTRO_BEFORE = re.compile(
    rf"(?:{_INTRO_HEADS})\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}(?:and\s+)?(?:the\s+)?$"
    rf"|(?:{_INTRO_WORDS})\s+(?:[\w’'-]+\s+){{0,3}}"
    r"(?:and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_PARTICIPATE_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:(?:will|would|have|has|had|is|are|was|were|also|to|all|both|then|each)\s+){0,3}"
    # "A, B and C were among the leaders attending"
    r"(?:among\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:attending|present|participants|attendees|"
    r"guests|delegates|invitees)\b|"
    r"attend|attended|attending|join|joined|joining|participate|participated|participating|"
    r"take part|took part|taking part|confirmed their participation|sent|send|sending|"
    r"arrived|arrive|gathered|met|meet|be represented|were represented|was represented|"
    # "Armenia and Azerbaijan held talks": the subject of a verb that governs a meeting noun
    r"(?:held|hold|holds|holding|began|begin|opened|open|started|resumed|concluded)\s+"
    r"(?:a\s+|an\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:talks|meetings?|negotiations|"
    r"consultations|discussions|summit|call))\b"
)
_ENUM_GAP = re.compile(
    r"^(?:\s*,\s*(?:and\s+|as well as\s+|&\s+)?|\s+and\s+|\s+as well as\s+|\s*&\s*|\s*/\s*)(?:the\s+)?$"
)
# "Putin and Chinese leader Xi Jinping": titles between two names still make a list
_PERSON_GAP = re.compile(
    # "Ferdinand Marcos Jr. and …": the period of a suffix the name's span leaves out
    r"^\.?(?:\s*,\s*|\s+)(?:and\s+|as well as\s+)?(?:(?:[A-Z][\w.'’-]*|leader|president|prime|minister|"
    r"chancellor|king|counterpart|secretary|foreign|defen[cs]e|general|envoy|of|the)\s+){0,5}$"
)
_BLOCKING_BEFORE = re.compile(
    r"\b(?:for|against|about|over|into|on|toward|towards|in|of|to|with)\s+(?:the\s+)?$"
)
# between a subject and its verb: the body its title is of ("President A of Kenya hosted") and
# the day ("A on Thursday met", "A yesterday received", "A late on Monday evening welcomed")
OF_BODY = r"\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}(?=\s)"
DAY_BETWEEN = (
    r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
    r"overnight)(?:\s+(?:morning|afternoon|evening|night))?|(?:this|last|next)\s+(?:week|month)|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)(?=\s)"
)
_SUBJECT_VERB = re.compile(
    # "A, who met B in Rome on Monday, said": the relative pronoun's verb is the name's
    r"^(?:,[^.;:]{0,200},)?"
    # "President A of Kenya on Thursday hosted B": the title's country and the day come between
    rf"(?:{OF_BODY})?(?:{DAY_BETWEEN})?"
    r"\s*(?:,\s*who\s+)?(?:(?:has|have|had|will|would|also|personally|then|later|"
    r"reportedly|briefly|first|again|is|was|last|previously|recently|already|jointly|together|"
    r"finally|formally|officially|are|were|to|expected|set|due|scheduled|going|planning|invited)\s+){0,4}"
    r"(?P<verb>met|meets|meet|meeting|hosted|hosts|host|hosting|greeted|greets|welcomed|welcomes|"
    r"received|receives|held|holds|hold|spoke|speaks|talked|talks|visited|visits|arrived|arrives|"
    r"attended|attends|attend|attending|joined|joins|join|joining|participating|participate|"
    r"traveled|travelled|travels|travel|visit|"
    r"phoned|sat down|chaired|chairs|chair|chairing|co-chaired|presided|opened|opens)\b"
)
# "and his wife, first lady B": a list's last member named in apposition to a noun of the link,
# whose closing comma stands between the list and its verb ("…, first lady B, hosted C")
OPENED_APPOSITION = re.compile(
    r"(?:\band\b|\bas well as\b|\balong with\b|&)\s+(?:his|her|their|the)\s+[\w-]+"
    r"(?:\s+[\w-]+)?\s*,\s*[^,]*$",
    re.IGNORECASE,
)
_CLOSING_COMMA = re.compile(r"\s*,(?=\s)")
# the person right after a meeting verb is its other party: "Scholz met Prime Minister Kishida"
_OBJECT_OF_VERB = re.compile(
    r"^(?:met|meets|meet|meeting|hosted|hosts|will host|host|hosting|received|receives|welcomed|"
    r"welcomes|greeted|greets|phoned|called|visited|visits)\s+(?:[\w.'’-]+\s+){0,5}$"
)
# "met his counterpart from Ivory Coast, Alassane Ouattara": the counterpart named after the
# country that says whose counterpart is the verb's object
_COUNTERPART_OF_VERB = re.compile(
    r"^(?:met|meets|meet|meeting|hosted|hosts|will host|host|hosting|received|receives|welcomed|"
    r"welcomes|greeted|greets|phoned|called|visited|visits)\s+(?:his|her|their)\s+"
    r"(?:[\w-]+\s+)?counterparts?\s+(?:from|of)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}?"
    r"[\w.'’-]+,\s+$"
)
HOST_VERB = re.compile(
    r"^(?:opened|opens|chaired|chairs|chair|chairing|co-chaired|presided|hosted|hosts|host|hosting|greeted|greets|welcomed|welcomes|received|receives)$"
)
_WITH_BEFORE = re.compile(r"^[^;:]{0,40}\b(?:with|hosted by|attended by|joined by)\b[^;:]{0,80}$")
_VIRTUAL = re.compile(
    r"\b(?:online|virtually|remotely|via video(?:[- ]?link| conference|conference)?|by video(?:[- ]?link| conference|conference)?|"
    r"video[- ]?link|videoconference|video conference|by (?:tele)?phone|via (?:tele)?phone|phone call|video call|"
    r"virtual (?:meeting|summit|talks|conference|session))\b",
    re.IGNORECASE,
)
_IN_PERSON = re.compile(
    r"\b(?:"
    + by_first_letter(
        r"arriv\w*|converg\w*|gather\w*|in[- ]person|travel\w*|visit\w*|met|meet|greet\w*|"
        r"in [A-Z][a-z]+|at the"
    )
    + r")\b"
)

# compiled once here rather than looked up in re's cache on every call
_CLAUSE_BREAK = re.compile(r"[,;.!?]|\s(?:but|while)\s")
_HOSTED_BY = re.compile(r"\bhosted by\s+(?:[\w.'’-]+\s+){0,4}$")
_LED_BY = re.compile(r"\b(?:led|headed) by\s+(?:[\w.'’-]+\s+){0,4}$")
_HELD_WHAT = re.compile(r"\s*(?:a |the )?(?:[\w-]+ )?(?:talks|call|meeting|summit|conversation)")
_DELEGATION_AFTER = re.compile(r"\s+(?:the|a)\s+delegation")
_WITH_TRIGGER = re.compile(r"^[^;:,]{0,40}\bwith\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,2}$")


_GOVERNED = re.compile(
    r"\b(?P<word>[A-Za-z]+?)s?\s+(?:to|of|for|under)\s+(?:the\s+)?"
    r"(?P<between>(?:[A-Z][\w.'’-]*\s+|(?:vice|deputy|prime)\s+){0,4})$"
)
_OWNER = re.compile(r"['’]s?$")
# words that name whom a dependent serves ("chief of staff to President B", "envoy of Prime
# Minister C"), where a portfolio ("of State", "for Foreign Affairs") names no one
_OFFICE_HOLDERS = frozenset(
    {
        "president",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "leader",
        "premier",
        "emir",
        "sultan",
        "pope",
        "secretary",
        "governor",
        "mayor",
        "chairman",
        "chair",
        "director",
        "commander",
        "general",
        "ambassador",
        "envoy",
        "speaker",
        "vice",
        "deputy",
    }
)


def governed(text: str, start: int, ref: Ref) -> bool:
    """Whether a title's preposition right before `ref` makes it a dependent ("chief of staff
    to President B", "envoy of Prime Minister C"), not one of a list. The body of a title
    ("Secretary-General of NATO B") is no one B depends on: B holds that title."""
    m = _GOVERNED.search(text, max(start, ref.start - 80), ref.start)
    if m is None or m["word"].lower() not in title_words():
        return False
    titles = title_words()
    between = m["between"].split()
    if not all(w.lower().rstrip(".") in titles or _OWNER.search(w) for w in between):
        return False
    if between and not any(w.lower().rstrip(".") in _OFFICE_HOLDERS for w in between):
        # "Secretary of State B", "Minister for Foreign Affairs B": the preposition's object is
        # a portfolio, so the phrase is B's own title; what stands before it still decides
        return governed(text, start, Ref(m.start(), ref.end, ref.key, ref.type))
    return True


# "the conflict between A and B", "a ceasefire deal between A and B": the talks' subject, also
# right after a quote that ends in the noun ('"the strong bonds of friendship" between A and B')
_TOPIC_BEFORE = re.compile(
    r"\b(?:wars?|conflicts?|ceasefire|truce|peace|deal|agreement|accord|treaty|dispute|tensions|"
    r"relations|ties|rivalry|border|hostilities|fighting|swap|exchange|normali[sz]ation|"
    r"reconciliation|standoff|feud|accusations|disputes|rifts?|rows?|spats?|clash(?:es)?|"
    r"frictions?|differences|disagreements?|competition|cooperation|partnership|trade|gap|"
    r"divide|distrust|mistrust|friendship|bonds|links|solidarity|brotherhood|investment|"
    r"connectivity|understanding|trust)[\"”’']?\s+between\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the Russia-Ukraine conflict", "U.S.-led", "Russian-backed": a hyphenated modifier names no
# party, unless the compound heads the meeting itself ("US-China trade talks")
_COMPOUND_REST = re.compile(r"(?:-[\w.'’]+)+")
_MEETING_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:talks|summit|summits|meeting|meetings|negotiations|call|dialogue|"
    r"consultations|ministerial|conference)\b"
)


def _compound(text: str, ref: Ref) -> bool | None:
    """None when `ref` stands alone; else whether its hyphenated compound heads a meeting."""
    glued_after = text[ref.end : ref.end + 1] == "-" and text[ref.end + 1 : ref.end + 2].isalpha()
    glued_before = (
        ref.start > 1 and text[ref.start - 1] == "-" and text[ref.start - 2] not in " \t\n"
    )
    if not (glued_after or glued_before):
        return None
    rest = _COMPOUND_REST.match(text, ref.end)
    end = rest.end() if rest else ref.end
    return _MEETING_AFTER.match(text, end) is not None


def _clause_after(text: str, end: int, limit: int) -> str:
    tail = text[end : min(limit, end + 120)]
    return _CLAUSE_BREAK.split(tail, maxsplit=1)[0]


def _groups(refs: list[Ref], text: str) -> list[list[Ref]]:
    """Runs of mentions joined only by commas and 'and': enumerations."""
    groups: list[list[Ref]] = []
    for ref in refs:
        gap = text[groups[-1][-1].end : ref.start] if groups else ""
        persons = ref.type == "person" and groups and groups[-1][-1].type == "person"
        if groups and (_ENUM_GAP.match(gap) or (persons and _PERSON_GAP.match(gap))):
            groups[-1].append(ref)
        else:
            groups.append([ref])
    return groups


def _person_roles(
    text: str, persons: list[Ref], trigger: tuple[int, int], ws: int, we: int
) -> dict[str, ParticipationRole]:
    """People of one list who are a meeting verb's subject or object, with host for the host."""
    roles: dict[str, ParticipationRole] = {}
    if not persons:
        return roles
    last = persons[-1]
    for ref in persons:
        if _HOSTED_BY.search(text[ws : ref.start]):
            roles[ref.key] = "host"
            continue
        if _LED_BY.search(text[ws : ref.start]):
            roles[ref.key] = "attendee"
            continue
        base = ref.end
        verb = _SUBJECT_VERB.match(text[base:we])
        if verb is None and ref is not last:
            base = last.end
            verb = _SUBJECT_VERB.match(text[base:we])
            closing = _CLOSING_COMMA.match(text, base, we)
            if (
                verb is None
                and closing is not None
                and OPENED_APPOSITION.search(text, persons[-2].end, last.start)
            ):
                base = closing.end()
                verb = _SUBJECT_VERB.match(text[base:we])
        if verb is not None:
            rest = text[base + verb.end() : we]
            if verb["verb"] in ("held", "holds", "hold", "talks") and not _HELD_WHAT.match(rest):
                continue
            host = HOST_VERB.match(verb["verb"]) or _DELEGATION_AFTER.match(rest)
            roles[ref.key] = "host" if host else "attendee"
            continue
        lead = text[trigger[0] : ref.start] if ref.start > trigger[1] else ""
        if lead and (
            _WITH_BEFORE.search(lead)
            or _OBJECT_OF_VERB.match(lead)
            or _COUNTERPART_OF_VERB.match(lead)
        ):
            roles[ref.key] = "attendee"
    if roles and len(roles) < len(persons):
        # "will host Macron and German Chancellor Merz": the list shares the object role
        first = persons[0]
        if first.key in roles and roles[first.key] == "attendee":
            for ref in persons:
                roles.setdefault(ref.key, "attendee")
    return roles


def people_named_by(text: str, ref: Ref) -> bool:
    """Whether the mention modifies a noun of people ("Hamas negotiators", "the Qatari
    delegation", "EU officials"): a group of people takes part, not a bare name."""
    return _NOUN_AFTER.match(text[ref.end : ref.end + 60]) is not None


def context_mode(text: str, window: tuple[int, int], end: int, is_call: bool) -> Mode:
    """How a party named up to `end` in text[window] takes part: online, at the venue, or unsaid."""
    if is_call or _VIRTUAL.search(_clause_after(text, end, window[1])):
        return "virtual"
    return "in_person" if _IN_PERSON.search(text, *window) else "unknown"


def find_participants(
    text: str,
    window: tuple[int, int],
    trigger: tuple[int, int],
    refs: list[Ref],
    is_call: bool,
) -> list[Found]:
    """Participants named in text[window], around a meeting trigger at `trigger`."""
    ws, we = window
    inside = [r for r in refs if ws <= r.start and r.end <= we]
    out: dict[str, Found] = {}
    in_person_context = bool(_IN_PERSON.search(text, ws, we))

    def mode_for(end: int) -> Mode:
        if is_call or _VIRTUAL.search(_clause_after(text, end, we)):
            return "virtual"
        return "in_person" if in_person_context else "unknown"

    def accept(ref: Ref, mode: Mode, role: ParticipationRole = "attendee") -> None:
        previous = out.get(ref.key)
        if previous is not None:
            mode = "virtual" if "virtual" in (mode, previous.mode) else previous.mode
            role = "host" if "host" in (role, previous.role) else role
        out[ref.key] = Found(ref, mode, role)

    for group in _groups(inside, text):
        before = text[max(ws, group[0].start - 60) : group[0].start]
        if _TOPIC_BEFORE.search(before):
            continue  # "a ceasefire between A and B": what the meeting is about, not who met
        after_last = text[group[-1].end : we]
        mode = mode_for(group[-1].end)
        introduced = bool(_INTRO_BEFORE.search(before))
        with_trigger = group[0].start > trigger[1] and bool(
            _WITH_TRIGGER.search(text[trigger[0] : group[0].start])
        )
        group_ok = (
            introduced
            or with_trigger
            or bool(_PARTICIPATE_AFTER.match(after_last))
            or bool(_NOUN_AFTER.match(after_last))
            or (len(group) >= 3 and not _BLOCKING_BEFORE.search(before))
        )
        # "A, chief of staff to President B, C and D": B is whose chief A is, not a party
        persons = [
            r
            for i, r in enumerate(group)
            if r.type == "person" and not governed(text, group[i - 1].end if i else ws, r)
        ]
        person_roles = _person_roles(text, persons, trigger, ws, we)
        for ref in persons:
            if _compound(text, ref):  # "the Trump-Zelensky meeting": each side is a party
                person_roles.setdefault(ref.key, "attendee")
        if persons and (person_roles or (len(persons) >= 2 and group_ok)):
            # a list of people shares its verb: "Putin and Chinese leader Xi held talks"
            for ref in persons:
                accept(ref, mode_for(ref.end), person_roles.get(ref.key, "attendee"))
        for ref in group:
            after = text[ref.end : we]
            if ref.type == "person":
                continue
            compound = _compound(text, ref)
            if compound is not None:
                if compound:  # "the US-China talks": each side of the compound is a party
                    accept(ref, mode_for(ref.end))
                continue
            own_noun = bool(_NOUN_AFTER.match(after))
            if ref.demonym:
                # "Danish representatives", "top American envoys"; also "French and German officials"
                if own_noun or _NOUN_AFTER.match(after_last):
                    accept(ref, mode_for(ref.end))
                continue
            own_intro = bool(_INTRO_BEFORE.search(text[max(ws, ref.start - 60) : ref.start]))
            own_participates = bool(_PARTICIPATE_AFTER.match(after))
            if own_noun or own_intro or own_participates or group_ok:
                accept(ref, mode_for(ref.end) if len(group) == 1 else mode)
    return list(out.values())
