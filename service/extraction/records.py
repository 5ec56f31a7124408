"""What extraction produces: plain dataclasses with character spans into the article text.

This is the contract between the pure pipeline (`extract`) and the merge step that folds an
article's records into the database. Keys (`Mention.key`, `MeetingMention.key`) are local to
one extraction; the merge step resolves them to stored participants and meetings.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ParticipantType = Literal["person", "country", "organization"]
MeetingKind = Literal[
    "summit", "ministerial", "advisers", "military-chiefs", "bilateral", "call", "talks", "other"
]
MeetingStatus = Literal["planned", "held", "cancelled"]
DatePrecision = Literal["day", "month", "unknown"]
Mode = Literal["in_person", "virtual", "unknown"]
ParticipationRole = Literal["host", "attendee"]
Channel = Literal["x", "telegram", "press_conference", "interview", "statement", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """[start, end) character offsets into the cleaned article text."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """One entity named in the article, with every spelling and place it appears."""

    key: str  # local and stable within the extraction, e.g. "country:GB", "person:rustem umerov"
    type: ParticipantType
    name: str  # best canonical name: full name, ISO short name, organisation's usual name
    aliases: list[str] = field(default_factory=list)  # spellings seen, e.g. "Zelensky", "the U.K."
    identifiers: dict[str, str] = field(default_factory=dict)  # {"iso3166_alpha2": "GB"}
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class RoleMention:
    """A title a person is given in the article, e.g. "Secretary of the NSDC" for Umerov."""

    person_key: str
    title: str  # e.g. "President", "Secretary of the National Security and Defense Council"
    affiliation_key: str | None  # a Mention key (usually a country or organisation)
    span: Span


@dataclass(slots=True)
class ParticipationMention:
    participant_key: str
    role: ParticipationRole = "attendee"
    mode: Mode = "unknown"
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class MeetingMention:
    key: str  # local, e.g. "m0"
    title: str
    kind: MeetingKind
    status: MeetingStatus
    series: str | None = None  # slug, e.g. "coalition-of-the-willing"
    start_date: date | None = None
    end_date: date | None = None
    date_precision: DatePrecision = "unknown"
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    participants: list[ParticipationMention] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # the sentences that report the meeting


@dataclass(slots=True)
class StatementMention:
    text: str  # the quoted words exactly as in the article (without the quotation marks)
    span: Span  # of `text`
    speaker_key: str | None
    channel: Channel = "unknown"
    said_on: date | None = None
    meeting_key: str | None = None


@dataclass(slots=True)
class Extraction:
    participants: list[Mention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    meetings: list[MeetingMention] = field(default_factory=list)
    statements: list[StatementMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """A participant already stored, offered to extraction so it recognises known names."""

    type: ParticipantType
    name: str
    aliases: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
