"""SQL for the change log."""

import uuid

from sqlalchemy import insert
from sqlalchemy.orm import Session

from service.models import Change


def insert_change(session: Session, entity_type: str, entity_id: uuid.UUID, op: str) -> None:
    session.execute(insert(Change).values(entity_type=entity_type, entity_id=entity_id, op=op))
