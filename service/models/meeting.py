"""Meetings and who took part in them."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at, updated_at, uuid_pk

MEETING_KINDS = (
    "summit",
    "ministerial",
    "advisers",
    "military-chiefs",
    "bilateral",
    "call",
    "talks",
    "other",
)
MEETING_STATUSES = ("planned", "held", "cancelled")
DATE_PRECISIONS = ("day", "month", "unknown")
PARTICIPATION_ROLES = ("host", "attendee")
PARTICIPATION_MODES = ("in_person", "virtual", "unknown")


class Meeting(Base):
    """A gathering of two or more parties; one row however many articles report it."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(check_in("kind", MEETING_KINDS), name="kind"),
        CheckConstraint(check_in("status", MEETING_STATUSES), name="status"),
        CheckConstraint(check_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_order"),
        CheckConstraint("country IS NULL OR country ~ '^[A-Z]{2}$'", name="country_code"),
        # the lists' newest-first keyset order, undated meetings last
        Index(
            "ix_meetings_newest",
            text("coalesce(start_date, '-infinity'::date) DESC"),
            text("id DESC"),
        ),
        Index("ix_meetings_search_vector", "search_vector", postgresql_using="gin"),
        # an undated report's candidates among undated meetings: those first reported nearby
        Index(
            "ix_meetings_undated_reported_on",
            "reported_on",
            postgresql_where=text("start_date IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    series: Mapped[str | None] = mapped_column(Text, index=True)
    status: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text, index=True)
    # publication date of the first article reporting it: where an undated meeting sits in time
    reported_on: Mapped[date] = mapped_column(Date, server_default=text("CURRENT_DATE"))
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(
            "to_tsvector('english', title || ' ' || coalesce(city, '') || ' ' || "
            "coalesce(series, ''))",
            persisted=True,
        ),
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class MeetingParticipation(Base):
    """A participant at a meeting; its evidence spans say which articles name it."""

    __tablename__ = "meeting_participations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "participant_id"),
        CheckConstraint(check_in("role", PARTICIPATION_ROLES), name="role"),
        CheckConstraint(check_in("mode", PARTICIPATION_MODES), name="mode"),
        # a participant's meetings in the lists' order, without sorting them all
        Index(
            "ix_meeting_participations_participant_newest",
            "participant_id",
            text("coalesce(meeting_start_date, '-infinity'::date) DESC"),
            text("meeting_id DESC"),
        ),
    )

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    participant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participants.id"), index=True)
    role: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(Text)
    # the meeting's start_date, copied by database triggers (see the migration 7d41c2b9e8f0):
    # never written by the application
    meeting_start_date: Mapped[date | None] = mapped_column(Date)
