"""The change log behind `GET /v1/changes`: one row per create, update or merge."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Identity, Index, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at

ENTITY_TYPES = ("meeting", "participant", "statement", "article")
CHANGE_OPS = ("created", "updated", "merged", "deleted")


class Change(Base):
    """A record was created, updated, merged or deleted.

    The feed is ordered by (txid, seq), where `txid` is the writing transaction's id, and only
    serves changes of transactions older than the oldest one still running. Every transaction
    that commits later has a larger txid than anything already served, so a consumer resuming
    from its last position can never skip a late commit (a plain `seq` order could: sequence
    values are taken at insert, not at commit).
    """

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint(check_in("entity_type", ENTITY_TYPES), name="entity_type"),
        CheckConstraint(check_in("op", CHANGE_OPS), name="op"),
        Index("ix_changes_txid_seq", "txid", "seq"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    entity_type: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    op: Mapped[str] = mapped_column(Text)
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("(pg_current_xact_id()::text)::bigint")
    )
    changed_at: Mapped[datetime] = created_at()
