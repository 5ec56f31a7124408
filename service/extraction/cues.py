"""The words that signal a meeting: triggers, kinds, series, tense and place cues."""

import re

from service.extraction.gazetteer import series_phrases
from service.extraction.records import MeetingKind

STRONG = re.compile(
    r"\b(?:(?:take|took|taking|takes) part in (?:the )?(?:[\w-]+ ){0,2}"
    r"(?:talks|meetings?|discussions|consultations|negotiations|summit)|for talks|"
    r"meetings?|summits?|talks|gatherings?|consultations|negotiations|discussions|"
    r"conference|videoconference|video conference|(?:phone|telephone|video|joint|conference) call|"
    r"call with|visit|ministerial|get-together|met|meet|meets|hosted|hosts|will host|convened|"
    r"convenes|convene|gathered|converged|converge|held talks|hold talks|"
    r"spoke (?:by (?:tele)?phone )?(?:with|to)|spoke by (?:tele)?phone|speak with|talked (?:with|to)|"
    r"phoned|phone conversation|telephone conversation)\b"
)
WEAK = re.compile(
    r"\b(?:attend|attended|attending|join|joining|participate|participating|participation|"
    r"take part|taking part|delegations?|delegates|greets|greeted|welcomed)\b"
)
NOT_MEETING_BEFORE = re.compile(r"(?:press|news)\s+$", re.IGNORECASE)
ANNOUNCE = re.compile(
    r"\b(?:announced|announces|announce|said|says|posted|wrote|statement|post|announcement|"
    r"address|speech|interview|remarks|decision|message|revealed|confirmed|proposed)\b"
)
# "his office said on Sunday": that date is the announcement's, not the meeting's
ANNOUNCED_ON = re.compile(
    r"\b(?:said|says|announced|announces|told [\w ]{1,20}?|wrote|posted|stated|confirmed|reported|"
    r"statement|added)\s+(?:(?:late|early)\s+)?(?:on\s+|in\s+)?$"
)
THE_TWO = re.compile(
    r"\b(?:the two|both) (?:leaders|presidents|men|women|heads of state|prime ministers|ministers|sides)\b",
    re.IGNORECASE,
)
NEW_MARKER = re.compile(
    r"\b(?:another|next|subsequent|second|follow-up|further|separate)\s+(?:\w+[- ]){0,3}$"
)
CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|called off|postponed|scrapped)\b")
PAST = re.compile(
    r"\b(?:met|held|hosted|convened|gathered|converged|spoke|talked|discussed|took place|was|were|"
    r"had|arrived|attended|joined|agreed|phoned|called)\b"
)
KIND_CUES: list[tuple[MeetingKind, re.Pattern[str]]] = [
    (
        "advisers",
        re.compile(
            r"security advis[eo]rs?|advis[eo]r[- ]level|advis[eo]rs['’]? (?:level|meeting)|\bnsas?\b"
        ),
    ),
    (
        "military-chiefs",
        re.compile(
            r"chiefs? of (?:the )?(?:general |defen[cs]e )?staffs?|military\W+chiefs|defen[cs]e chiefs|army chiefs|chiefs of general staff"
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
            r"(?:phone|telephone|video|joint) call|call with|by (?:tele)?phone|(?:phone|telephone) conversation|phoned|held a call"
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
SPECIFIC = {"advisers", "military-chiefs", "ministerial", "call", "summit"}
PLACE_BEFORE = re.compile(r"\b(?:in|at|to|near|from)\s+(?:the\s+)?$")


def kind_of(text: str) -> MeetingKind | None:
    lowered = text.lower()
    for kind, pattern in KIND_CUES:
        if pattern.search(lowered):
            return kind
    return None


def series_of(text: str) -> str | None:
    lowered = text.lower()
    for phrase, slug in series_phrases():
        if phrase in lowered:
            return slug
    return None
