"""Response shapes for meetings."""

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from service.core.pagination import Page
from service.participant.schemas import ParticipantRef


class MeetingKind(StrEnum):
    """What sort of meeting: a summit of leaders, a ministerial, a meeting of advisers or of
    military chiefs, a bilateral, a call, talks, or other."""

    SUMMIT = "summit"
    MINISTERIAL = "ministerial"
    ADVISERS = "advisers"
    MILITARY_CHIEFS = "military-chiefs"
    BILATERAL = "bilateral"
    CALL = "call"
    TALKS = "talks"
    OTHER = "other"


class MeetingStatus(StrEnum):
    """Whether the meeting is announced, took place, or was called off."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class DatePrecision(StrEnum):
    """How precisely the sources date the meeting: to the day, to the month, or not at all."""

    DAY = "day"
    MONTH = "month"
    UNKNOWN = "unknown"


class ParticipationRole(StrEnum):
    """A participant's part in a meeting."""

    HOST = "host"
    ATTENDEE = "attendee"


class ParticipationMode(StrEnum):
    """How a participant attended."""

    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    UNKNOWN = "unknown"


class MeetingRef(BaseModel):
    """Enough of a meeting to name it without a second call."""

    id: uuid.UUID = Field(description="The meeting's id.")
    title: str = Field(description="A readable title, e.g. `Zelenskyy – Starmer in London`.")
    start_date: date | None = Field(description="First day of the meeting; null when undated.")


class ArticleRef(BaseModel):
    """An article that reports a meeting."""

    id: uuid.UUID = Field(description="The article's id (`GET /v1/articles/{article_id}`).")
    title: str | None = Field(description="The article's headline.")
    source_name: str | None = Field(description="The outlet that published it.")
    published_at: datetime = Field(description="When the outlet published it (UTC).")


class ParticipationRead(BaseModel):
    """One participant of a meeting, and the articles that say so."""

    participant: ParticipantRef = Field(description="Who took part.")
    role: ParticipationRole = Field(description="Host or attendee.")
    mode: ParticipationMode = Field(description="In person, virtually, or not said.")
    source_count: int = Field(description="How many articles name this participant here.")
    sources: list[uuid.UUID] = Field(
        description="Ids of the articles naming this participant at this meeting: sources that "
        "disagree show up as different lists."
    )


class MeetingSummary(BaseModel):
    """A meeting in a list."""

    id: uuid.UUID = Field(description="The meeting's id.")
    title: str = Field(description="A readable title, e.g. `Zelenskyy – Starmer in London`.")
    kind: MeetingKind = Field(description="What sort of meeting.")
    series: str | None = Field(
        description="The recurring format it belongs to, e.g. `Ramstein`; null if none."
    )
    status: MeetingStatus = Field(description="Planned, held or cancelled.")
    start_date: date | None = Field(description="First day; null when the sources give none.")
    end_date: date | None = Field(description="Last day; equals `start_date` for one-day meetings.")
    date_precision: DatePrecision = Field(description="How precise the dates are.")
    city: str | None = Field(description="Where it took place, e.g. `Kyiv`.")
    country: str | None = Field(
        description="ISO 3166 alpha-2 code of the host country.", examples=["UA"]
    )
    participant_count: int = Field(description="How many participants took part.")


class MeetingRead(MeetingSummary):
    """A meeting with its participants, its sources and its statement count."""

    participants: list[ParticipationRead] = Field(
        description="Every participant, with role, mode and the articles naming each."
    )
    sources: list[ArticleRef] = Field(description="The articles that report this meeting.")
    statement_count: int = Field(
        description="Statements tied to this meeting (`GET /v1/meetings/{meeting_id}/statements`)."
    )


class MeetingPage(Page[MeetingSummary]):
    """A page of meetings; pass `next_cursor` back as `cursor` for the next one."""
