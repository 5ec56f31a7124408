"""Response shapes for statements."""

import uuid
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from service.core.pagination import Page
from service.meeting.schemas import MeetingRef
from service.participant.schemas import ParticipantRef


class Channel(StrEnum):
    """Where a statement was made."""

    X = "x"
    TELEGRAM = "telegram"
    PRESS_CONFERENCE = "press_conference"
    INTERVIEW = "interview"
    STATEMENT = "statement"
    UNKNOWN = "unknown"


class VariantRead(BaseModel):
    """One article's wording of a statement."""

    text: str = Field(description="The words as this article quotes them.")
    article_id: uuid.UUID = Field(description="The article quoting them.")
    span: tuple[int, int] = Field(description="[start, end) offsets into the article's `text`.")


class StatementSummary(BaseModel):
    """A statement in a list: who said what, when, and where."""

    id: uuid.UUID = Field(description="The statement's id.")
    text: str = Field(description="The words said, as first reported.")
    speaker: ParticipantRef | None = Field(description="Who said it; null if no source says.")
    said_on: date | None = Field(description="The day it was said; null when undated.")
    channel: Channel = Field(description="Where it was said.")
    meeting: MeetingRef | None = Field(description="The meeting it was said at or about.")
    variant_count: int = Field(description="How many articles quote it.")


class StatementRead(StatementSummary):
    """A statement with every article's wording of it."""

    variants: list[VariantRead] = Field(description="Each article's wording, with its span.")


class StatementPage(Page[StatementSummary]):
    """A page of statements; pass `next_cursor` back as `cursor` for the next one."""
