"""Response shapes of the change feed."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class ChangeRead(BaseModel):
    position: str = Field(description="Opaque feed position; pass it as `after` to resume.")
    seq: int
    entity_type: Literal["meeting", "participant", "statement", "article"]
    entity_id: uuid.UUID
    op: Literal["created", "updated", "merged", "deleted"]
    changed_at: datetime


class ChangePage(BaseModel):
    """A page of the feed. `next_cursor` is never null: keep it and poll again later."""

    data: list[ChangeRead]
    next_cursor: str = Field(description="Pass as `after` to read what comes next.")
