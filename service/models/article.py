"""Sources (outlets) and the articles partners push, cleaned and deduplicated."""

import uuid
from datetime import datetime

from sqlalchemy import (
    REAL,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, check_in, created_at, uuid_pk

ARTICLE_OUTCOMES = ("created", "near_duplicate")
CONTENT_TYPES = ("text/plain", "text/html")


class Source(Base):
    """An outlet, identified by its domain when known, else by its name."""

    __tablename__ = "sources"
    __table_args__ = (CheckConstraint("name IS NOT NULL OR domain IS NOT NULL", name="named"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class Article(Base):
    """One pushed article. Exact duplicates are never stored; near-duplicates link to the first."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint(check_in("outcome", ARTICLE_OUTCOMES), name="outcome"),
        CheckConstraint(check_in("content_type", CONTENT_TYPES), name="content_type"),
        CheckConstraint(
            "(outcome = 'near_duplicate') = (duplicate_of IS NOT NULL)", name="duplicate_link"
        ),
        Index(
            "uq_articles_source_id_external_id",
            "source_id",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
        Index(
            "uq_articles_canonical_url",
            "canonical_url",
            unique=True,
            postgresql_where=text("canonical_url IS NOT NULL"),
        ),
        Index("ix_articles_ingested_at_id", "ingested_at", "id"),
        Index("ix_articles_published_at", "published_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), index=True)
    api_key_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    external_id: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    content_type: Mapped[str] = mapped_column(Text)
    # the body as pushed, kept only when cleaning changed it (HTML), so reprocessing can re-clean
    raw_body: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    outcome: Mapped[str] = mapped_column(Text)
    duplicate_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("articles.id"), index=True)
    similarity: Mapped[float | None] = mapped_column(REAL)
    # MinHash signature (service.dedup), to verify near-duplicate candidates against
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    ingested_at: Mapped[datetime] = created_at()
