"""Response shapes for statements."""

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from service.meeting.schemas import MeetingRef
from service.participant.schemas import ParticipantRef

Channel = Literal["x", "telegram", "press_conference", "interview", "statement", "unknown"]


class VariantRead(BaseModel):
    text: str
    article_id: uuid.UUID
    span: tuple[int, int] = Field(description="[start, end) offsets into the article's `text`.")


class StatementSummary(BaseModel):
    id: uuid.UUID
    text: str
    speaker: ParticipantRef | None
    said_on: date | None
    channel: Channel
    meeting: MeetingRef | None
    variant_count: int


class StatementRead(StatementSummary):
    variants: list[VariantRead]
