"""The words that signal a meeting: triggers, kinds, series, tense and place cues."""

import re

from service.extraction.alternation import by_first_letter
from service.extraction.gazetteer import series_phrases
from service.extraction.records import MeetingKind

ANAPHOR_NOUNS = r"call|event|encounter"
_HAPPENS = r"t(?:ake|ook|akes|aking) place|w(?:as|ill be|ould be) held|is to be held|(?:is|was) held|lasted"
# "welcomed the plan", "received a letter": a thing welcomed or received is no visit
_THING_RECEIVED = (
    r"\s+(?:the|a|an|this|that|these|his|her|its|their|our)?\s*(?:[\w-]+\s+)?(?:plans?|moves?|"
    r"news|proposals?|initiatives?|announcements?|agreements?|deals?|ceasefire|truce|reports?|"
    r"letters?|messages?|awards?|prizes?|honou?rs?|invitations?|offers?|support|backing|approval|"
    r"results?|outcomes?|statements?|verdict|ruling|steps?|progress|release|votes?|aid|funding|"
    r"shipments?|deliver(?:y|ies)|criticism|assurances?|guarantees?|pledges?|commitments?|"
    r"efforts?|framework|idea|doses?|weapons|decisions?|resolution|package|loans?|grants?|"
    r"donations?|applications?|requests?|complaints?|threats?)\b"
)
THING_RECEIVED = re.compile(_THING_RECEIVED)
STRONG = re.compile(
    r"\b(?:(?:take|took|taking|takes) part in (?:the )?(?:[\w-]+ ){0,2}"
    r"(?:talks|meetings?|discussions|consultations|negotiations|summit)|for talks|"
    r"meetings?|summits?|talks|gatherings?|consultations|negotiations|discussions|"
    r"conference|videoconference|video conference|(?:phone|telephone|video|joint|conference) call|"
    r"courtesy (?:call|visit)s?|call with|visit|ministerial|get-together|(?:met|meet|meets)(?!\s+(?:with\s+)?(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|a\s+|an\s+)?(?:[\w-]+\s+)?"
    r"(?:criticism|resistance|skepticism|scepticism|opposition|protests?|silence|approval|applause|derision|"
    r"demands?|targets?|goals?|deadlines?|criteria|requirements|obligations|needs|standards?|thresholds?|"
    r"expectations|commitments?|conditions|resistance|fate|end|death|success|failure))|"
    r"(?:hosted|hosts|will host)(?!\s+(?:a|an|the|his|her|their)?\s*(?:[\w-]+\s+)?(?:fundraisers?|party|"
    r"parties|show|podcast|programs?|rally|rallies|concerts?|festival|exhibition|tournament|games|"
    r"debates?|episodes?|webinar|contest|competition)\b)|"
    r"received|receives|welcomed|welcomes|"
    r"convened|huddled with|huddle with|"
    r"convenes|convene|gathered|converged|converge|held talks|hold talks|"
    r"spoke (?:by (?:tele)?phone )?(?:with|to)|spoke by (?:tele)?phone|speak with|talked (?:with|to)|"
    r"phoned|phone conversation|telephone conversation|"
    # "The event is scheduled to take place in Tianjin", "the call took place on Monday": a word
    # that names the story's meeting only by what happens to it
    rf"{ANAPHOR_NOUNS}(?=\s+(?:[\w-]+\s+){{0,3}}(?:{_HAPPENS})))\b"
)
# "A and B signed a defence pact", "A signed a trade agreement with B": a signing together is a
# meeting of the signatories (the verb is only a candidate; see fragments._signing)
SIGNING = re.compile(r"\b(?:signed|signs|sign|will sign)\b")
_AGREEMENT = (
    r"(?:agreements?|pacts?|accords?|memorand(?:um|a)|deals?|treaty|treaties|declarations?|"
    r"MoUs?|protocols?|charter|communiqu[eé]|roadmap|contracts?|conventions?)"
)
# what was signed: an agreement noun closing the verb's object ("a defence pact", "a memorandum
# of understanding", "two trade deals"), before any clause mark
SIGNED_OBJECT = re.compile(
    r"\s+(?:(?:a|an|the|their|two|three|several|\d+)\s+)?(?:[\w-]+\s+){0,4}?" + _AGREEMENT + r"\b"
)
# "the pact signed in 1951", "an accord signed by …": a participle qualifying the agreement
SIGNED_PARTICIPLE_BEFORE = re.compile(
    _AGREEMENT + r"\s+(?:(?:was|were|is|are|been|being|had|has|have|first|jointly)\s+){0,2}$"
)
# "the two leaders signed", "both sides signed": the subject is the pair
PAIR_SUBJECT_BEFORE = re.compile(
    r"\b(?:the two|both)\s+(?:leaders|presidents|prime ministers|ministers|sides|countries|"
    r"governments|nations|men|women)\s+(?:(?:have|has|also|formally|jointly|then|later)\s+){0,2}$"
)

# the nouns of that anaphora
EVENT_ANAPHOR = re.compile(rf"^(?:{ANAPHOR_NOUNS})$")
# (word lists grouped by first letter for a faster scan; see `by_first_letter`)
WEAK = re.compile(
    r"\b(?:"
    + by_first_letter(
        r"attend|attended|attending|attends|join|joining|joined|joins|participate|participating|"
        r"participated|participates|participation|take part|taking part|took part|"
        r"delegations?|delegates|negotiators|greets|greeted|welcomed|present|arrived|arrives|"
        r"included|includes|named as|led by|headed by|represented by|accompanied by|"
        r"flanked by|pose|posed|poses|posing|sat down|chaired|co-chaired|family photo"
    )
    + r")\b"
)
# a meeting noun can stand alone; a verb ("met", "hosted") needs named parties to count
NOUN = re.compile(
    r"^(?:.*\b(?:talks|meetings?|summit|call|conference|conversation)|meetings?|summits?|talks|gatherings?|consultations|negotiations|discussions|conference|"
    r"videoconference|video conference|.*call|call with|visit|courtesy (?:call|visit)s?|ministerial|get-together|event|encounter|"
    r".*part in .*|for talks|phone conversation|telephone conversation)$"
)
# "after the talks", "on the sidelines of the summit": another event, named in passing
_REFERENCE_WORDS = (
    r"\b(?:after|before|following|ahead of|since|during|on the sidelines of|on the margins of|"
    r"at the end of|in the run-up to|preparations? for|in preparation for|preparing for|"
    r"prepare for|prepares for)\s+"
)
# "held talks on Thursday ahead of the G20 summit next month", "as they prepare for the summit":
# an event still to come, named beside the meeting the sentence reports
FORWARD_REFERENCE = re.compile(
    r"\b(?:ahead of|in the run-up to|preparations? for|in preparation for|preparing for|"
    r"prepare for|prepares for)\s+"
)
# "as they prepare for": the sentence's own parties will be there
THEY_PREPARE = re.compile(r"\b(?:as|while)\s+(?:they|the two\s+\w+)\s+(?:\w+\s+)?$")
REFERENCE_BEFORE = re.compile(
    _REFERENCE_WORDS
    + r"(?:(?:the\s+)?[\w’']+['’]s|the|an|a|this|that|their|his|her|its)?\s*(?:[\w-]+\s+){0,2}$"
)
# "on the sidelines of the ASEAN foreign ministers' meeting", "ahead of an Arab League leaders'
# summit": the noun phrase of an event named in passing, however its name mixes cases, up to the
# meeting noun (no clause mark, conjunction or verb between; used for meeting nouns only)
REFERENCE_PHRASE_BEFORE = re.compile(
    _REFERENCE_WORDS + r"(?:the|an|a|this|that|these|its|their|his|her|[\w’']+['’]s)\s+"
    r"(?:(?!(?:and|or|met|meet|held|hold|said|says|who|which|that|with|to|in|on|at|for|by)\b)"
    r"(?:[\w.&’'-]+|\([A-Z][\w.&-]*\))\s+){0,6}$"
)
# "ahead of the alliance's summit in The Hague": the place of an event named in passing; a
# meeting "on the sidelines of" or "during" an event is held where that event is, so those cues
# leave its place to the meeting
_ELSEWHERE_WORDS = (
    r"\b(?:after|before|following|ahead of|since|in the run-up to|preparations? for|"
    r"in preparation for|preparing for|prepare for|prepares for)\s+"
)
REFERRED_PLACE_BEFORE = re.compile(
    _ELSEWHERE_WORDS + r"(?:[\w’'.-]+\s+){0,5}?(?:summit|meeting|talks|conference|gathering|"
    r"visit|ministerial)\s+(?:in|at)\s+(?:the\s+)?$"
)
# "ahead of the Shanghai Cooperation Organisation (SCO) summit": the event's name of several
# words before a meeting noun
REFERENCE_NAMED_BEFORE = re.compile(
    _REFERENCE_WORDS + r"(?:the|an|a|this|that|its|[\w’']+['’]s)\s+"
    r"(?:(?:[A-Z][\w.&’'-]*|\([A-Z][\w.&-]*\)|of|and|the|\d{4})\s+){1,8}$"
)
# talk of a meeting that may never happen
HYPOTHETICAL = re.compile(
    r"\b(?:ready|willing|prepared|open|calls?|called|pushing|pushes|push|hopes?|hoping|wants?|"
    r"wanted|proposed|proposes|propose|offered|offers|seeks?|seeking|demanded|demands?|"
    r"possible|potential|any|would|could|might|readiness|willingness)\b"
    r"(?:\s+(?:for|to|a|an|the|new|direct|host|hold|\w+ing))*\s*$"
)
NOT_MEETING_BEFORE = re.compile(r"(?:press|news)\s+$", re.IGNORECASE)
ANNOUNCE = re.compile(
    r"\b(?:"
    + by_first_letter(
        r"announced|announces|announce|said|says|posted|wrote|statement|post|announcement|"
        r"address|speech|interview|remarks|decision|message|revealed|confirmed|proposed"
    )
    + r")\b"
)
# "since the pope's election in May": that date is the election's
EVENT_BEFORE = re.compile(
    r"(?:\b(?:elections?|vote|referendum|attacks?|fire|invasion|war|crash|storm|earthquake|death|"
    r"inauguration|appointment|coup|strike|explosion|shooting|floods?|ceasefire|birth)\b[^,;.]{0,25}|"
    # "talks follow a proposal by Putin on Sunday": the proposal's date, unless a meeting word
    # comes between ("a proposal to hold talks on Friday")
    r"\b(?:proposals?|offers?|requests?|appeals?|announcements?|decisions?|speech|address|"
    r"remarks|interview|ultimatum)\b(?:(?!\b(?:meet|meeting|talks|summit|visit)\b)[^,;.]){0,25}|"
    r"\bsince\s+(?:the\s+)?)$"
)
# "his office said on Sunday": that date is the announcement's, not the meeting's
ANNOUNCED_ON = re.compile(
    r"\b(?:said|says|announced|announces|told [\w ]{1,20}?|wrote|posted|stated|confirmed|reported|"
    r"statement|added)\s+(?:(?:late|early)\s+)?(?:on\s+|in\s+)?$"
)
# "attended by the heads of all 10 member states", "all of its members will take part"
ALL_MEMBERS = re.compile(
    r"\ball\s+(?:the\s+|of\s+(?:the|its)\s+)?(?:\d+\s+|[a-z]+\s+)?"
    r"(?:members|member states|member countries|member nations)\b"
)
# "The bloc now has 10 members: A, B, …", "Its members are A, B …", "comprises A, B …"
MEMBERSHIP = re.compile(
    r"\b(?:members|member states|member countries)\s*(?::|are\b|include\b)|"
    r"\b(?:comprises|consists of|is made up of|groups together)\b"
)
THE_TWO = re.compile(
    r"\b(?:the two|both) (?:leaders|presidents|men|women|heads of state|prime ministers|ministers|sides)\b",
    re.IGNORECASE,
)
NEW_MARKER = re.compile(
    r"\b(?:another|next|subsequent|second|follow-up|further|separate)\s+(?:\w+[- ]){0,3}$"
)
# "Zhao later met Han", "she then held talks with", "went on to meet": the story moves on from
# the meeting just told to the next one of the same trip; the group names which ("later" and
# "then" keep to the same day)
MOVES_ON = re.compile(
    r"\b(?:(?P<same_day>later|then|afterwards|subsequently)|also|separately|"
    r"went on to|goes on to|will go on to|is to go on to)\s+$"
)
CANCELLED = re.compile(
    r"\b(?:cancel(?:l)?ed|called off|postponed|scrapped|"
    # "A had been due to meet B on Tuesday": the pluperfect of a plan says it fell through
    r"had been (?:due|scheduled|set|slated|supposed|planned) to)\b"
)
PAST = re.compile(
    r"\b(?:"
    + by_first_letter(
        r"met|held|hosted|convened|gathered|converged|spoke|talked|discussed|took place|was|were|"
        r"had|arrived|attended|joined|agreed|phoned|called"
    )
    + r")\b"
)
KIND_CUES: list[tuple[MeetingKind, re.Pattern[str]]] = [
    # "their bilateral talks on the sidelines of the summit": the report says which
    ("bilateral", re.compile(r"\bbilateral (?:meeting|talks|summit|call|visit|discussions)\b")),
    (
        "advisers",
        re.compile(
            r"security advis[eo]rs\b|advis[eo]r[- ]level|advis[eo]rs['’]? (?:level|meeting)|\bnsas?\b"
        ),
    ),
    (
        "military-chiefs",
        re.compile(
            r"chiefs of (?:the )?(?:general |defen[cs]e )?staffs?|joint chiefs|military\W+chiefs|defen[cs]e chiefs|army chiefs|chiefs of general staff"
        ),
    ),
    (
        "ministerial",
        re.compile(
            r"(?:foreign|defen[cs]e|finance|economy|economic|trade|interior|energy|agriculture|health) ministers|ministerial|ministers['’] meeting"
        ),
    ),
    (
        "call",
        re.compile(
            r"(?:phone|telephone|video|joint) call|call with|by (?:tele)?phone|(?:phone|telephone) conversation|phoned|held a call|"
            # "held phone talks", "telephone discussions": talks over the line
            r"(?:phone|telephone|video) (?:talks|discussions|conversations)|"
            # one side meeting another over a screen: "a virtual meeting with"
            r"(?:virtual|online) (?:meeting|talks|conversation) with|"
            # "said it was a very positive call"; "a call for calm" is an appeal
            # ("a courtesy call" is a visit in person)
            r"\b(?:a|the|their|this|that|our)\s+(?:(?!courtesy\b)[\w-]+\s+){0,2}call\b"
            r"(?!\s+(?:for|on|to|by)\b)"
        ),
    ),
    (
        "summit",
        re.compile(
            r"summit|leaders['’]? level|leader[- ]level|leaders['’] meeting|heads of (?:state|government)|\bleaders\b"
        ),
    ),
    ("talks", re.compile(r"\btalks\b|negotiations|consultations")),
]
# kinds whose cue names who met ("ministers", "leaders", "advisers")
WHO_KINDS = frozenset({"advisers", "military-chiefs", "ministerial", "summit"})
SPECIFIC = {"advisers", "military-chiefs", "ministerial", "call", "summit", "bilateral"}
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|near|from|visit|visited|visiting|visits)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:city|port|capital|town|"
    r"resort|village) of\s+)?$"
)


# "National Security Adviser Mike Waltz", "Chairman of the Joint Chiefs of Staff Dan Caine":
# a cue in a title before a name says who someone is, not what kind of meeting it was
_NAME_AFTER = re.compile(r"\s+(?:[A-Z]\.\s*)?[A-Z][a-z]")


def kind_of(text: str) -> MeetingKind | None:
    lowered = text.lower()
    for kind, pattern in KIND_CUES:
        m = pattern.search(lowered)
        while m is not None:
            title_case = text[m.start()].isupper() and text[m.end() - 1 : m.end()].isalpha()
            if not (title_case and _NAME_AFTER.match(text, m.end())):
                return kind
            m = pattern.search(lowered, m.end())
    return None


def series_of(text: str) -> str | None:
    lowered = text.lower()
    for phrase, slug in series_phrases():
        if phrase in lowered:
            return slug
    return None
