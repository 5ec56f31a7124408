"""The change log behind `GET /v1/changes`: one row per create, update or merge."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Identity, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at

ENTITY_TYPES = ("meeting", "participant", "statement", "article")
CHANGE_OPS = ("created", "updated", "merged", "deleted")


class Change(Base):
    """`txid` is the writing transaction's id: readers only serve changes below the oldest
    transaction still running, so a late commit with a lower `seq` is never skipped."""

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint(check_in("entity_type", ENTITY_TYPES), name="entity_type"),
        CheckConstraint(check_in("op", CHANGE_OPS), name="op"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    entity_type: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    op: Mapped[str] = mapped_column(Text)
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id()::text)::bigint"), index=True
    )
    changed_at: Mapped[datetime] = created_at()
