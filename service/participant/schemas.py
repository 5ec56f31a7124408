"""Response shapes for participants, and the small reference other resources embed."""

import uuid
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from service.core.pagination import Page


class ParticipantType(StrEnum):
    """What a participant is: a person, a country, or an organisation."""

    PERSON = "person"
    COUNTRY = "country"
    ORGANIZATION = "organization"


class ParticipantRef(BaseModel):
    """Enough of a participant to render it without a second call."""

    id: uuid.UUID = Field(description="The participant's id (`GET /v1/participants/{id}`).")
    name: str = Field(description="The canonical name.", examples=["Volodymyr Zelenskyy"])
    type: ParticipantType = Field(description="Person, country or organisation.")


class ParticipantSummary(ParticipantRef):
    """A participant in a list."""


class MergeRequest(BaseModel):
    """Which participant absorbs the one named in the path."""

    into: uuid.UUID = Field(description="The participant that survives the merge.")


class AliasCreate(BaseModel):
    """Another spelling of a participant's name."""

    alias: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="The spelling to add; searches and later extraction recognise it.",
        examples=["Zelensky"],
    )


class RoleRead(BaseModel):
    """A title a person held according to the sources, e.g. foreign minister of a country."""

    title: str = Field(description="The title as the sources give it.", examples=["Prime Minister"])
    affiliation: ParticipantRef | None = Field(
        description="The country or organisation the title belongs to; null if not stated."
    )
    first_seen: date = Field(description="Publication date of the first article stating it.")
    last_seen: date = Field(description="Publication date of the latest article stating it.")
    sources: list[uuid.UUID] = Field(description="Articles in which the role is stated.")


class ParticipantRead(ParticipantRef):
    """A participant with aliases, identifiers, roles and counts."""

    merged_into: uuid.UUID | None = Field(
        description="Set when curation merged this participant into another: its survivor."
    )
    aliases: list[str] = Field(description="Other spellings under which it is recognised.")
    identifiers: dict[str, str] = Field(
        description="External identifiers by scheme, e.g. `iso3166_alpha2` for countries.",
        examples=[{"iso3166_alpha2": "GB"}],
    )
    roles: list[RoleRead] = Field(description="Titles held, with first and last seen dates.")
    meeting_count: int = Field(description="Meetings it took part in.")
    statement_count: int = Field(description="Statements it made.")


class ParticipantPage(Page[ParticipantSummary]):
    """A page of participants; pass `next_cursor` back as `cursor` for the next one."""
