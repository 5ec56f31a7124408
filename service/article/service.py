"""Ingesting articles (clean, deduplicate, store, record the change) and reading them back."""

import functools
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from service.article import derivation, near_duplicates, repository
from service.article.cleaning import (
    canonical_url,
    content_hash,
    html_to_text,
    normalize_text,
    source_key,
)
from service.article.invisibles import has_letters_or_digits
from service.article.schemas import (
    ArticleCreate,
    ArticleRead,
    ArticleSummary,
    BatchItemResult,
    BatchResult,
    ContentType,
    DuplicateReason,
    IngestResult,
    Outcome,
    SourceRead,
)
from service.change import service as changes
from service.core import combined_writes
from service.core.db import Units, is_retryable, is_write_conflict
from service.core.errors import (
    Conflict,
    NotFound,
    ServiceError,
    ServiceUnavailable,
    Unprocessable,
    field_errors,
)
from service.core.pagination import Page, decode_keyset, keyset_page
from service.idempotency import service as idempotency

logger = logging.getLogger(__name__)


class ArticleNotFound(NotFound):
    slug = "article-not-found"
    title = "Article not found"


class ConcurrentIngest(Conflict):
    slug = "concurrent-ingest"
    title = "Concurrent ingest"


class ArticleNotStored(ServiceError):
    """A batch item stopped by an unexpected error: reported alone, the others go on."""

    slug = "article-not-stored"
    title = "Article not stored"


@dataclass(frozen=True, slots=True)
class IngestReply:
    """The HTTP status and JSON body of an ingest, and whether it is a stored replay."""

    status: int
    body: dict[str, Any]
    replayed: bool = False


def ingest(
    session: Session,
    payload: ArticleCreate,
    *,
    api_key_id: uuid.UUID | None,
    idempotency_key: str | None = None,
) -> IngestReply:
    """Ingest one article, honouring `idempotency_key` for the calling key when given."""
    if idempotency_key is not None and api_key_id is not None:
        fingerprint = idempotency.request_fingerprint(payload.model_dump_json())
        stored = idempotency.begin(session, api_key_id, idempotency_key, fingerprint)
        if stored is not None:
            return IngestReply(stored.status, stored.body, replayed=True)
    result = _ingest(session, payload, api_key_id)
    status = 200 if result.outcome is Outcome.DUPLICATE else 201
    body = result.model_dump(mode="json")
    if idempotency_key is not None and api_key_id is not None:
        idempotency.finish(session, api_key_id, idempotency_key, status, body)
    return IngestReply(status, body)


def _ingest(session: Session, payload: ArticleCreate, api_key_id: uuid.UUID | None) -> IngestResult:
    is_html = payload.content_type is ContentType.HTML
    text = html_to_text(payload.body) if is_html else normalize_text(payload.body)
    if not has_letters_or_digits(text):
        # markup, invisible characters and combining marks alone are no article
        raise Unprocessable.field(["body", "body"], "no letters or digits remain after cleaning")
    key = source_key(payload.source.name, payload.source.domain)
    url = canonical_url(payload.url) if payload.url is not None else None
    digest = content_hash(text)

    # Looked up first to answer exact duplicates cheaply and name the reason in the documented
    # order; the unique indexes below are what guarantee a single copy under concurrency.
    found = repository.find_source_and_duplicate(session, key, payload.external_id, url, digest)
    if found.duplicate_id is not None:
        return _duplicate((found.reason, found.duplicate_id))

    article_id = uuid.uuid4()
    fingerprint = near_duplicates.fingerprint(text)
    # every lock this ingest needs, in one ordered call, before its first write: concurrent
    # ingests then queue on each other instead of deadlocking
    prepared = derivation.prepare_locked(
        session,
        article_id,
        text,
        payload.published_at,
        payload.language,
        payload.published_at.date(),
        extra_keys=fingerprint.lock_keys(),
    )
    extraction, lookup = prepared.extraction, prepared.lookup
    # sources are never deleted, so one seen above is still there
    source = (
        found
        if found.source_id is not None
        else repository.ensure_source(session, key, payload.source.name, payload.source.domain)
    )
    near = near_duplicates.check(session, fingerprint)
    outcome = Outcome.CREATED if near.duplicate_of is None else Outcome.NEAR_DUPLICATE
    inserted = repository.insert_article(
        session,
        {
            "id": article_id,
            "source_id": source.source_id,
            "api_key_id": api_key_id,
            "external_id": payload.external_id,
            "url": payload.url,
            "canonical_url": url,
            "title": payload.title,
            "published_at": payload.published_at,
            "language": payload.language,
            "authors": payload.authors,
            "content_type": payload.content_type.value,
            "raw_body": payload.body if is_html else None,
            "text": text,
            "content_hash": digest,
            "outcome": outcome.value,
            "duplicate_of": near.duplicate_of,
            "similarity": near.similarity,
            "minhash": near.signature.to_bytes(),
        },
    )
    if inserted is None:
        # a concurrent push of the same article committed between the lookup and the insert
        duplicate = repository.find_exact_duplicate(
            session, source.source_id, payload.external_id, url, digest
        )
        if duplicate is None:
            raise ConcurrentIngest("a conflicting article was being written; retry the request")
        return _duplicate(duplicate)
    # the rows nothing in this transaction reads back go in one statement at the end
    writes = [near_duplicates.index(article_id, near)]
    changes.record(session, "article", article_id, "created")
    derived = derivation.fold(
        session,
        article_id,
        payload.published_at.date(),
        extraction,
        lookup,
        # a reprint adds its sources to existing records and never creates new ones
        attach_only=near.duplicate_of is not None,
        writes=writes,
    )
    writes.append(changes.pending_insert(session))
    combined_writes.write(session, writes)
    # built from what was just written rather than read back: the same values `get` returns
    article = ArticleRead(
        **_summary_fields(inserted, source),
        text=text,
        meeting_ids=derived.meeting_ids,
        statement_ids=derived.statement_ids,
        participant_ids=derived.participant_ids,
    )
    return IngestResult(
        outcome=outcome,
        article=article,
        duplicate_of=near.duplicate_of,
        similarity=near.similarity,
    )


def _duplicate(duplicate: tuple[str, uuid.UUID]) -> IngestResult:
    reason, existing_id = duplicate
    return IngestResult(
        outcome=Outcome.DUPLICATE,
        article=None,
        duplicate_of=existing_id,
        reason=DuplicateReason(reason),
    )


def ingest_batch(
    units: Units, items: list[dict[str, Any]], *, api_key_id: uuid.UUID | None
) -> BatchResult:
    """Ingest each item in a transaction of its own: a bad item is reported alone (invalid, or
    failed in the database), locks are held for one article at a time, and later items see
    earlier ones (duplicates within the batch are found too)."""
    results = []
    for index, item in enumerate(items):
        try:
            payload = ArticleCreate.model_validate(item)
        except ValidationError as exc:
            error = Unprocessable(
                f"article {index} is invalid",
                errors=field_errors(exc.errors(), ("body", "articles", index)),
            )
            results.append(_failed(index, error))
            continue
        try:
            reply = units.run(functools.partial(_ingest_in, payload=payload, api_key_id=api_key_id))
        except ServiceError as error:
            results.append(_failed(index, error))
            continue
        except Exception as exc:  # one item's failure must not sink the batch
            results.append(_failed(index, _item_failure(index, exc)))
            continue
        status = 200 if reply.outcome is Outcome.DUPLICATE else 201
        results.append(BatchItemResult(index=index, status=status, result=reply))
    return BatchResult(results=results)


def ingest_batch_once(
    units: Units, items: list[dict[str, Any]], *, api_key_id: uuid.UUID, idempotency_key: str
) -> IngestReply:
    """`ingest_batch` under an `Idempotency-Key`: the first complete answer is stored and
    replayed, the key with another batch is a 409, and so is a retry while the first still runs.

    Items commit one by one, so a batch cut short (its worker killed) leaves some stored and no
    answer; its key, never answered, is taken over by the retry, whose items already stored come
    back as duplicates. An answer with an item that failed for a passing reason (a conflict, the
    database) is not stored either: replaying it would make that item's failure permanent.
    """
    fingerprint = batch_fingerprint(items)
    stored = units.run(
        functools.partial(
            idempotency.begin_held,
            api_key_id=api_key_id,
            key=idempotency_key,
            fingerprint=fingerprint,
        )
    )
    if stored is not None:
        return IngestReply(stored.status, stored.body, replayed=True)
    try:
        result = ingest_batch(units, items, api_key_id=api_key_id)
        body = result.model_dump(mode="json")
        if all(_is_final(item.status) for item in result.results):
            units.run(
                functools.partial(
                    idempotency.finish,
                    api_key_id=api_key_id,
                    key=idempotency_key,
                    status=200,
                    body=body,
                )
            )
    finally:
        units.run(
            functools.partial(idempotency.release, api_key_id=api_key_id, key=idempotency_key)
        )
    return IngestReply(200, body)


def batch_fingerprint(items: list[dict[str, Any]]) -> bytes:
    canonical = json.dumps(items, sort_keys=True, separators=(",", ":"))
    # marked as a batch: the same key on the single route is another request
    return idempotency.request_fingerprint("batch:" + canonical)


def _is_final(status: int) -> bool:
    """An item answer a retry would give again (stored, duplicate, invalid)."""
    return status < 500 and status != Conflict.status


def _item_failure(index: int, exc: Exception) -> ServiceError:
    """The problem for a batch item whose transaction failed: it was rolled back, so nothing of
    the item is stored, and a retry of the item alone is safe."""
    fields = {"index": index, "error": type(exc).__name__}
    if is_retryable(exc):
        logger.warning("article.batch_item_conflict", extra=fields)
        return ServiceUnavailable(
            "a concurrent write kept conflicting with this article; it was not stored, retry it"
        )
    if is_write_conflict(exc):
        logger.warning("article.batch_item_conflict", extra=fields)
        return ConcurrentIngest(
            "this article conflicted with data written at the same time and was not stored; "
            "retry it"
        )
    if isinstance(exc, OperationalError | PoolTimeout):
        logger.warning("article.batch_item_database_unavailable", extra=fields)
        return ServiceUnavailable(
            "the database was unavailable or too slow for this article; it was not stored, "
            "retry it later"
        )
    logger.exception("article.batch_item_failed", extra=fields)
    return ArticleNotStored(
        "an unexpected error stopped this article; it was not stored (quote the batch's "
        "request id when reporting it)"
    )


def _ingest_in(
    session: Session, *, payload: ArticleCreate, api_key_id: uuid.UUID | None
) -> IngestResult:
    return _ingest(session, payload, api_key_id)


def _failed(index: int, error: ServiceError) -> BatchItemResult:
    return BatchItemResult(
        index=index, status=error.status, problem=error.problem(instance=None, request_id=None)
    )


def reprocess(session: Session, article_id: uuid.UUID) -> None:
    """Re-extract one stored article and rebuild what it supports; an original also gets any
    band keys it lacks, so articles stored before the paraphrase path can be found by it."""
    derivation.rederive(session, article_id)
    row = repository.article_for_derivation(session, article_id)
    if row is not None and row.outcome == Outcome.CREATED.value:
        near_duplicates.reindex(session, article_id, row.text)


def corpus_counts(session: Session) -> dict[str, int]:
    return repository.corpus_counts(session)


def stored_ids(session: Session) -> list[uuid.UUID]:
    return repository.article_ids(session)


def any_stored(session: Session) -> bool:
    return repository.any_article(session)


def get(session: Session, article_id: uuid.UUID) -> ArticleRead:
    row = repository.get_article(session, article_id)
    if row is None:
        raise ArticleNotFound(f"no article with id {article_id}")
    meeting_ids, statement_ids, participant_ids = repository.extracted_ids(session, article_id)
    return ArticleRead(
        **_summary_fields(row),
        text=row.text,
        meeting_ids=meeting_ids,
        statement_ids=statement_ids,
        participant_ids=participant_ids,
    )


def list_page(
    session: Session, *, limit: int, cursor: str | None, outcome: str | None
) -> Page[ArticleSummary]:
    after = decode_keyset(cursor, "articles", datetime.fromisoformat, uuid.UUID)
    rows = repository.list_articles(session, limit + 1, after, outcome)
    items = [ArticleSummary(**_summary_fields(row)) for row in rows]
    return keyset_page(items, limit, "articles", lambda a: (a.ingested_at.isoformat(), str(a.id)))


def _summary_fields(row: Any, source: Any = None) -> dict[str, Any]:
    """A summary from an article row; the source's name and domain come from `source` when
    given, else from the row's `source_name` and `source_domain`."""
    source = row if source is None else source
    return {
        "id": row.id,
        "external_id": row.external_id,
        "url": row.url,
        "canonical_url": row.canonical_url,
        "source": SourceRead(name=source.source_name, domain=source.source_domain),
        "title": row.title,
        "published_at": row.published_at,
        "language": row.language,
        "authors": list(row.authors),
        "outcome": row.outcome,
        "duplicate_of": row.duplicate_of,
        "ingested_at": row.ingested_at,
    }
