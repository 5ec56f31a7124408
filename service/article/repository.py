"""SQL for sources and articles."""

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, func, literal, select, text, tuple_, union_all
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from service.core.combined_writes import Insert, InsertPart
from service.core.driver_sql import DriverSql
from service.models import (
    Article,
    EvidenceSpan,
    Meeting,
    MeetingParticipation,
    Participant,
    Source,
    Statement,
    StatementVariant,
)

# Core tables: the ingest's inserts skip the ORM's per-value bookkeeping
_ARTICLES = cast(Table, Article.__table__)
_SOURCES = cast(Table, Source.__table__)

_ARTICLE_SUMMARY_COLUMNS = (
    Article.id,
    Article.external_id,
    Article.url,
    Article.canonical_url,
    Article.title,
    Article.published_at,
    Article.language,
    Article.authors,
    Article.outcome,
    Article.duplicate_of,
    Article.ingested_at,
)
_SUMMARY_COLUMNS = (
    *_ARTICLE_SUMMARY_COLUMNS,
    Source.name.label("source_name"),
    Source.domain.label("source_domain"),
)


def ensure_source(session: Session, key: str, name: str | None, domain: str | None) -> Any:
    """The source with `key` (`source_id`, `source_name`, `source_domain`), created if new;
    never locks an existing source row."""
    columns = (
        Source.id.label("source_id"),
        Source.name.label("source_name"),
        Source.domain.label("source_domain"),
    )
    inserted = session.execute(
        insert(_SOURCES)
        .values(key=key, name=name, domain=domain)
        .on_conflict_do_nothing(index_elements=[Source.key])
        .returning(*columns)
    ).first()
    if inserted is not None:
        return inserted
    return session.execute(select(*columns).where(Source.key == key)).one()


# The source and the first exact duplicate (external id, then URL, then content) in one round
# trip: every ingest asks both before anything else.
_LOOKUP = DriverSql(
    text(
        """
    SELECT s.id AS source_id, s.name AS source_name, s.domain AS source_domain,
           d.reason, d.id AS duplicate_id
    FROM (SELECT 1) AS one
    LEFT JOIN sources AS s ON s.key = :key
    LEFT JOIN LATERAL (
        SELECT -2 AS rank, 'external_id' AS reason, a.id FROM articles AS a
        WHERE CAST(:external_id AS text) IS NOT NULL
          AND a.source_id = s.id AND a.external_id = :external_id
        UNION ALL
        SELECT -1, 'url', a.id FROM articles AS a
        WHERE CAST(:canonical_url AS text) IS NOT NULL AND a.canonical_url = :canonical_url
        UNION ALL
        SELECT 0, 'content', a.id FROM articles AS a WHERE a.content_hash = :content_hash
        ORDER BY rank
        LIMIT 1
    ) AS d ON true
    """
    )
)


def find_source_and_duplicate(
    session: Session,
    key: str,
    external_id: str | None,
    canonical_url: str | None,
    content_hash: bytes,
) -> Any:
    """(source_id, source_name, source_domain, reason, duplicate_id): the source with `key`
    (nulls when unknown) and the first of (external_id, url, content) matching a stored
    article (nulls when none)."""
    return _LOOKUP.one(
        session,
        {
            "key": key,
            "external_id": external_id,
            "canonical_url": canonical_url,
            "content_hash": content_hash,
        },
    )


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


_INSERT_ARTICLE = DriverSql(
    text(
        """
        INSERT INTO articles (
            id, source_id, api_key_id, external_id, url, canonical_url, title, published_at,
            language, authors, content_type, raw_body, text, content_hash, outcome, duplicate_of,
            similarity, minhash
        ) VALUES (
            :id, :source_id, :api_key_id, :external_id, :url, :canonical_url, :title,
            :published_at, :language, CAST(:authors AS text[]), :content_type, :raw_body, :text,
            :content_hash, :outcome, :duplicate_of, :similarity, :minhash
        )
        ON CONFLICT DO NOTHING
        RETURNING id, external_id, url, canonical_url, title, published_at, language, authors,
            outcome, duplicate_of, ingested_at
        """
    ),
    keep_cursor=False,  # its parameters or rows hold whole article texts
)


def insert_article(session: Session, values: dict[str, Any]) -> Any:
    """Insert unless a unique key (external id, canonical URL, content hash) is taken; returns
    the stored summary columns (database defaults included), or None. `values` holds every
    column of the statement."""
    return _INSERT_ARTICLE.first(session, values)


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
    """Every record this article is evidence for, by kind, and the meetings of those
    participations."""
    rows = session.execute(
        select(
            EvidenceSpan.meeting_id,
            EvidenceSpan.participation_id,
            EvidenceSpan.role_id,
            MeetingParticipation.meeting_id.label("participation_meeting_id"),
        )
        .outerjoin(MeetingParticipation, MeetingParticipation.id == EvidenceSpan.participation_id)
        .where(EvidenceSpan.article_id == article_id)
    ).all()
    statements = session.execute(
        select(StatementVariant.statement_id).where(StatementVariant.article_id == article_id)
    ).scalars()
    return {
        "meetings": {r.meeting_id for r in rows if r.meeting_id is not None},
        "participation_meetings": {
            r.participation_meeting_id for r in rows if r.participation_meeting_id is not None
        },
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


# Fixed statement texts whatever the number of band keys, so PostgreSQL keeps them prepared;
# driven from the keys, so the planner probes the band index by key instead of hashing the whole
# table. Both paths' keys go in one statement; each candidate says which path's bands it shares.
_NEAR_DUPLICATE_CANDIDATES = DriverSql(
    text(
        """
    SELECT a.id, a.minhash, a.text, m.by_words, m.by_skeleton
    FROM (
        SELECT b.article_id,
               bool_or(b.band < :skeleton_from) AS by_words,
               bool_or(b.band >= :skeleton_from) AS by_skeleton
        FROM article_bands AS b
        JOIN unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS k(band, hash)
          ON b.band = k.band AND b.hash = k.hash
        GROUP BY b.article_id
    ) AS m
    JOIN articles AS a ON a.id = m.article_id
    ORDER BY a.published_at, a.ingested_at, a.id
    """
    ),
    keep_cursor=False,  # its parameters or rows hold whole article texts
)
_BANDS = InsertPart(
    "bands",
    "article_bands",
    """
    INSERT INTO article_bands (band, hash, article_id)
    SELECT band, hash, CAST(:article_id AS uuid)
    FROM unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS k(band, hash)
    ON CONFLICT DO NOTHING
    """,
)


def near_duplicate_candidates(
    session: Session, keys: list[tuple[int, int]], skeleton_from: int
) -> list[Any]:
    """Indexed articles sharing a band with `keys`, earliest first, with their signatures and
    texts (a band is shared almost only by near-duplicates, so these are few), and whether they
    share a word band (`by_words`: band numbers below `skeleton_from`) or a skeleton band
    (`by_skeleton`)."""
    if not keys:
        return []
    params = near_duplicate_candidates_query(keys, skeleton_from)[1]
    return _NEAR_DUPLICATE_CANDIDATES.rows(session, params)


def near_duplicate_candidates_query(
    keys: list[tuple[int, int]], skeleton_from: int
) -> tuple[str, dict[str, Any]]:
    """The SQL (psycopg paramstyle) and parameters `near_duplicate_candidates` runs, for
    benchmarks that ask PostgreSQL to EXPLAIN it."""
    params = {
        "bands": [b for b, _ in keys],
        "hashes": [h for _, h in keys],
        "skeleton_from": skeleton_from,
    }
    return _NEAR_DUPLICATE_CANDIDATES.sql, params


def bands_insert(article_id: uuid.UUID, keys: list[tuple[int, int]]) -> Insert | None:
    """The article's band keys as a part of a combined write (None when it has none)."""
    if not keys:
        return None
    return Insert(
        _BANDS,
        {"article_id": article_id, "bands": [b for b, _ in keys], "hashes": [h for _, h in keys]},
    )
