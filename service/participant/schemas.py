"""Response shapes for participants, and the small reference other resources embed."""

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

ParticipantType = Literal["person", "country", "organization"]


class ParticipantRef(BaseModel):
    """Enough of a participant to render it without a second call."""

    id: uuid.UUID
    name: str
    type: ParticipantType


class ParticipantSummary(ParticipantRef):
    """A participant in a list."""


class RoleRead(BaseModel):
    title: str
    affiliation: ParticipantRef | None
    first_seen: date
    last_seen: date
    sources: list[uuid.UUID] = Field(description="Articles in which the role is stated.")


class ParticipantRead(ParticipantRef):
    aliases: list[str]
    identifiers: dict[str, str] = Field(examples=[{"iso3166_alpha2": "GB"}])
    roles: list[RoleRead]
    meeting_count: int
    statement_count: int
