"""SQL for sources and articles."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, literal, select, tuple_, union_all
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.models import (
    Article,
    ArticleBand,
    EvidenceSpan,
    Meeting,
    MeetingParticipation,
    Participant,
    Source,
    Statement,
    StatementVariant,
)

_SUMMARY_COLUMNS = (
    Article.id,
    Article.external_id,
    Article.url,
    Article.canonical_url,
    Source.name.label("source_name"),
    Source.domain.label("source_domain"),
    Article.title,
    Article.published_at,
    Article.language,
    Article.authors,
    Article.outcome,
    Article.duplicate_of,
    Article.ingested_at,
)


def ensure_source(session: Session, key: str, name: str | None, domain: str | None) -> uuid.UUID:
    """The id of the source with `key`, created if new; never locks an existing source row."""
    inserted = session.execute(
        insert(Source)
        .values(key=key, name=name, domain=domain)
        .on_conflict_do_nothing(index_elements=[Source.key])
        .returning(Source.id)
    ).scalar()
    if inserted is not None:
        return inserted
    return session.execute(select(Source.id).where(Source.key == key)).scalar_one()


def find_source(session: Session, key: str) -> uuid.UUID | None:
    return session.execute(select(Source.id).where(Source.key == key)).scalar()


def find_exact_duplicate(
    session: Session,
    source_id: uuid.UUID | None,
    external_id: str | None,
    canonical_url: str | None,
    content_hash: bytes,
) -> tuple[str, uuid.UUID] | None:
    """The first of (external_id, url, content) that matches a stored article, in that order."""
    candidates = [
        select(literal(0).label("rank"), literal("content").label("reason"), Article.id).where(
            Article.content_hash == content_hash
        )
    ]
    if external_id is not None and source_id is not None:
        candidates.append(
            select(literal(-2), literal("external_id"), Article.id).where(
                Article.source_id == source_id, Article.external_id == external_id
            )
        )
    if canonical_url is not None:
        candidates.append(
            select(literal(-1), literal("url"), Article.id).where(
                Article.canonical_url == canonical_url
            )
        )
    query = union_all(*candidates).order_by("rank").limit(1)
    row = session.execute(query).first()
    return (row.reason, row.id) if row is not None else None


def insert_article(session: Session, values: dict[str, Any]) -> uuid.UUID | None:
    """Insert unless a unique key (external id, canonical URL, content hash) is taken."""
    return session.execute(
        insert(Article).values(**values).on_conflict_do_nothing().returning(Article.id)
    ).scalar()


def get_article(session: Session, article_id: uuid.UUID) -> Any:
    return session.execute(
        select(*_SUMMARY_COLUMNS, Article.text)
        .join(Source, Source.id == Article.source_id)
        .where(Article.id == article_id)
    ).first()


def list_articles(
    session: Session, limit: int, after: tuple[datetime, uuid.UUID] | None, outcome: str | None
) -> list[Any]:
    """Newest first, keyset-ordered by (ingested_at, id)."""
    query = select(*_SUMMARY_COLUMNS).join(Source, Source.id == Article.source_id)
    if after is not None:
        query = query.where(tuple_(Article.ingested_at, Article.id) < tuple_(*after))
    if outcome is not None:
        query = query.where(Article.outcome == outcome)
    query = query.order_by(Article.ingested_at.desc(), Article.id.desc()).limit(limit)
    return list(session.execute(query).all())


def extracted_ids(
    session: Session, article_id: uuid.UUID
) -> tuple[list[uuid.UUID], list[uuid.UUID], list[uuid.UUID]]:
    """Meeting, statement and participant ids that this article is evidence for."""
    meetings = session.execute(
        select(EvidenceSpan.meeting_id)
        .where(EvidenceSpan.article_id == article_id, EvidenceSpan.meeting_id.is_not(None))
        .distinct()
    ).scalars()
    statements = session.execute(
        select(StatementVariant.statement_id)
        .where(StatementVariant.article_id == article_id)
        .distinct()
    ).scalars()
    participants = session.execute(
        select(MeetingParticipation.participant_id)
        .join(EvidenceSpan, EvidenceSpan.participation_id == MeetingParticipation.id)
        .where(EvidenceSpan.article_id == article_id)
        .distinct()
    ).scalars()
    return (
        sorted(m for m in meetings if m is not None),
        sorted(statements),
        sorted(participants),
    )


def any_article(session: Session) -> bool:
    return session.execute(select(Article.id).limit(1)).first() is not None


def derived_targets(session: Session, article_id: uuid.UUID) -> dict[str, set[Any]]:
    """Every record this article is evidence for, by kind."""
    rows = session.execute(
        select(EvidenceSpan.meeting_id, EvidenceSpan.participation_id, EvidenceSpan.role_id).where(
            EvidenceSpan.article_id == article_id
        )
    ).all()
    statements = session.execute(
        select(StatementVariant.statement_id).where(StatementVariant.article_id == article_id)
    ).scalars()
    return {
        "meetings": {r.meeting_id for r in rows if r.meeting_id is not None},
        "participations": {r.participation_id for r in rows if r.participation_id is not None},
        "roles": {r.role_id for r in rows if r.role_id is not None},
        "statements": set(statements),
    }


def forget_derivations(session: Session, article_id: uuid.UUID) -> None:
    """Drop this article's evidence and statement variants (the records themselves stay)."""
    session.execute(delete(EvidenceSpan).where(EvidenceSpan.article_id == article_id))
    session.execute(delete(StatementVariant).where(StatementVariant.article_id == article_id))


def article_ids(session: Session) -> list[uuid.UUID]:
    return list(
        session.execute(select(Article.id).order_by(Article.ingested_at, Article.id)).scalars()
    )


def article_for_derivation(session: Session, article_id: uuid.UUID) -> Any:
    return session.execute(
        select(
            Article.id, Article.text, Article.published_at, Article.language, Article.outcome
        ).where(Article.id == article_id)
    ).first()


def corpus_counts(session: Session) -> dict[str, int]:
    counts = {}
    for name, model in (
        ("articles", Article),
        ("meetings", Meeting),
        ("participants", Participant),
        ("statements", Statement),
    ):
        counts[name] = session.execute(select(func.count()).select_from(model)).scalar_one()
    return counts


def near_duplicate_candidates(session: Session, keys: list[tuple[int, int]]) -> list[Any]:
    """Indexed articles sharing a band with `keys`, earliest first, with their signatures."""
    if not keys:
        return []
    matches = (
        select(ArticleBand.article_id)
        .where(tuple_(ArticleBand.band, ArticleBand.hash).in_(keys))
        .distinct()
        .subquery()
    )
    return list(
        session.execute(
            select(Article.id, Article.minhash)
            .join(matches, matches.c.article_id == Article.id)
            .order_by(Article.published_at, Article.ingested_at, Article.id)
        ).all()
    )


def insert_bands(session: Session, article_id: uuid.UUID, keys: list[tuple[int, int]]) -> None:
    if keys:
        session.execute(
            insert(ArticleBand)
            .values([{"band": b, "hash": h, "article_id": article_id} for b, h in keys])
            .on_conflict_do_nothing()
        )
