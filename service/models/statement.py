"""Statements (direct quotes) and each article's wording of them."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at, updated_at, uuid_pk

CHANNELS = ("x", "telegram", "press_conference", "interview", "statement", "unknown")


class Statement(Base):
    """One utterance, however many articles quote it."""

    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint(check_in("channel", CHANNELS), name="channel"),
        Index("ix_statements_search_vector", "search_vector", postgresql_using="gin"),
        # a quote's candidates among undated statements: those first reported nearby
        Index(
            "ix_statements_undated_reported_on",
            "reported_on",
            postgresql_where=sql_text("said_on IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    text: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("participants.id"), index=True)
    said_on: Mapped[date | None] = mapped_column(Date, index=True)
    # publication date of the first article quoting it: where an undated statement sits in time
    reported_on: Mapped[date] = mapped_column(Date, server_default=sql_text("CURRENT_DATE"))
    channel: Mapped[str] = mapped_column(Text)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR, Computed("to_tsvector('english', text)", persisted=True)
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class StatementVariant(Base):
    """One article's wording of a statement, with its [start, end) span in the article text."""

    __tablename__ = "statement_variants"
    __table_args__ = (
        UniqueConstraint("statement_id", "article_id", "span_start"),
        CheckConstraint("span_start >= 0 AND span_end > span_start", name="span"),
    )

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    statement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    article_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
