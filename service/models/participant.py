"""Participants (persons, countries, organisations) with their aliases, identifiers and roles."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at, updated_at, uuid_pk

PARTICIPANT_TYPES = ("person", "country", "organization")
ALIAS_ORIGINS = ("canonical", "gazetteer", "extracted", "curation")


class Participant(Base):
    """One real-world entity however it is spelled; `merged_into` points at a curated survivor."""

    __tablename__ = "participants"
    __table_args__ = (CheckConstraint(check_in("type", PARTICIPANT_TYPES), name="type"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    type: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    merged_into: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("participants.id"), index=True)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class ParticipantAlias(Base):
    """A spelling that names a participant; `normalized` is what lookups compare."""

    __tablename__ = "participant_aliases"
    __table_args__ = (
        UniqueConstraint("participant_id", "normalized"),
        CheckConstraint(check_in("origin", ALIAS_ORIGINS), name="origin"),
        # fuzzy name search and transliteration-tolerant resolution (pg_trgm)
        Index(
            "ix_participant_aliases_normalized_trgm",
            "normalized",
            postgresql_using="gin",
            postgresql_ops={"normalized": "gin_trgm_ops"},
        ),
        # an article's candidate known entities: aliases whose first word the article contains
        Index("ix_participant_aliases_first_word", text("split_part(normalized, ' ', 1)")),
    )

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    alias: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text, index=True)
    origin: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class ParticipantIdentifier(Base):
    """An external identifier (`iso3166_alpha2`, `wikidata`, …); each names one participant."""

    __tablename__ = "participant_identifiers"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)


class ParticipantRole(Base):
    """A title a person held (with the entity it was held for), as seen between two dates."""

    __tablename__ = "participant_roles"
    __table_args__ = (
        UniqueConstraint(
            "participant_id", "title", "affiliation_id", postgresql_nulls_not_distinct=True
        ),
    )

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(Text)
    affiliation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    first_seen: Mapped[date] = mapped_column(Date)
    last_seen: Mapped[date] = mapped_column(Date)
