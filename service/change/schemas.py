"""Response shapes of the change feed."""

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class EntityType(StrEnum):
    """The kind of record a change is about."""

    MEETING = "meeting"
    PARTICIPANT = "participant"
    STATEMENT = "statement"
    ARTICLE = "article"


class ChangeOp(StrEnum):
    """What happened to the record: re-read it (`updated`, `created`), follow its
    `merged_into` (`merged`), or forget it (`deleted`)."""

    CREATED = "created"
    UPDATED = "updated"
    MERGED = "merged"
    DELETED = "deleted"


class ChangeRead(BaseModel):
    """One change to one record."""

    position: str = Field(
        description="Opaque feed position; pass it as `cursor` to resume after this change.",
        examples=["812-40"],
    )
    seq: int = Field(description="The change's sequence number (not its order in the feed).")
    entity_type: EntityType = Field(description="The kind of record changed.")
    entity_id: uuid.UUID = Field(description="The record's id; read it at its own route.")
    op: ChangeOp = Field(description="What happened to it.")
    changed_at: datetime = Field(description="When the change was written (UTC).")


class ChangePage(BaseModel):
    """A page of the feed. `next_cursor` is never null: keep it and poll again later."""

    data: list[ChangeRead] = Field(description="The changes, oldest first.")
    next_cursor: str = Field(description="Pass as `cursor` to read what comes next.")
