"""The LSH band index behind near-duplicate detection, kept in Postgres so every replica
shares it and a check is a handful of index lookups."""

import uuid

from sqlalchemy import BigInteger, ForeignKey, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base


class ArticleBand(Base):
    """One MinHash band of an article that starts a group (near-duplicates are not indexed)."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
