"""Evidence spans: the article text that supports a meeting, a participation or a role."""

import uuid

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Identity, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base


class EvidenceSpan(Base):
    """A [start, end) span of one article's text backing exactly one record."""

    __tablename__ = "evidence_spans"
    __table_args__ = (
        CheckConstraint("num_nonnulls(meeting_id, participation_id, role_id) = 1", name="target"),
        CheckConstraint("span_start >= 0 AND span_end > span_start", name="span"),
        UniqueConstraint(
            "article_id",
            "meeting_id",
            "participation_id",
            "role_id",
            "span_start",
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    article_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    participation_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_participations.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant_roles.id", ondelete="CASCADE"), index=True
    )
