"""Recording changes; every write path that creates, updates or merges a record calls this."""

import uuid
from typing import Literal

from sqlalchemy.orm import Session

from service.change import repository

EntityType = Literal["meeting", "participant", "statement", "article"]
Op = Literal["created", "updated", "merged", "deleted"]


def record(session: Session, entity_type: EntityType, entity_id: uuid.UUID, op: Op) -> None:
    repository.insert_change(session, entity_type, entity_id, op)
