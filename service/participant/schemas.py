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


class MergeRequest(BaseModel):
    into: uuid.UUID = Field(description="The participant that survives the merge.")


class AliasCreate(BaseModel):
    alias: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")


class RoleRead(BaseModel):
    title: str
    affiliation: ParticipantRef | None
    first_seen: date
    last_seen: date
    sources: list[uuid.UUID] = Field(description="Articles in which the role is stated.")


class ParticipantRead(ParticipantRef):
    merged_into: uuid.UUID | None = Field(
        description="Set when curation merged this participant into another: its survivor."
    )
    aliases: list[str]
    identifiers: dict[str, str] = Field(examples=[{"iso3166_alpha2": "GB"}])
    roles: list[RoleRead]
    meeting_count: int
    statement_count: int
