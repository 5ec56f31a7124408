"""Response shapes for meetings."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from service.participant.schemas import ParticipantRef

MeetingKind = Literal[
    "summit", "ministerial", "advisers", "military-chiefs", "bilateral", "call", "talks", "other"
]
MeetingStatus = Literal["planned", "held", "cancelled"]


class MeetingRef(BaseModel):
    id: uuid.UUID
    title: str
    start_date: date | None


class ArticleRef(BaseModel):
    id: uuid.UUID
    title: str | None
    source_name: str | None
    published_at: datetime


class ParticipationRead(BaseModel):
    participant: ParticipantRef
    role: Literal["host", "attendee"]
    mode: Literal["in_person", "virtual", "unknown"]
    source_count: int = Field(description="How many articles name this participant here.")
    sources: list[uuid.UUID]


class MeetingSummary(BaseModel):
    id: uuid.UUID
    title: str
    kind: MeetingKind
    series: str | None
    status: MeetingStatus
    start_date: date | None
    end_date: date | None
    date_precision: Literal["day", "month", "unknown"]
    city: str | None
    country: str | None = Field(description="ISO 3166 alpha-2")
    participant_count: int


class MeetingRead(MeetingSummary):
    participants: list[ParticipationRead]
    sources: list[ArticleRef]
    statement_count: int
