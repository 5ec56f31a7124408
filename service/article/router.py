"""HTTP routes for pushing and reading articles."""

import functools
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from fastapi.responses import JSONResponse

from service.article import service
from service.article.schemas import (
    ArticleCreate,
    ArticlePage,
    ArticleRead,
    ArticleSummary,
    BatchCreate,
    BatchResult,
    IngestResult,
    StoredOutcome,
)
from service.core import metrics
from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep, UnitsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, Cursor, Limit, Page

router = APIRouter(prefix="/v1/articles", tags=["articles"])

Writer = Annotated[Principal, Depends(require(Scope.ARTICLES_WRITE))]
Reader = Annotated[Principal, Depends(require(Scope.READ))]
IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Any string of printable ASCII, unique per request: retries with the same "
        "key and body replay the first response (24 h); the same key with another body is a 409.",
    ),
]


@router.post(
    "",
    status_code=201,
    summary="Push an article",
    response_model=IngestResult,
    responses={
        200: {"model": IngestResult, "description": "An exact duplicate; nothing was stored."},
        201: {
            "description": "Stored: `created`, or `near_duplicate` linked to its original.",
            "headers": {"Location": {"$ref": "#/components/headers/Location"}},
        },
        **problem_responses(401, 403, 409, 413, 415, 422),
    },
)
def ingest_article(
    payload: ArticleCreate,
    principal: Writer,
    units: UnitsDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Ingest one article: validate, clean, deduplicate and store it."""
    # in a unit of its own, retried when it loses a deadlock to a concurrent ingest, as a
    # batch item is; the key is checked before the connection is taken (see the batch route)
    reply = units.run(
        functools.partial(
            service.ingest,
            payload=payload,
            api_key_id=principal.key_id,
            idempotency_key=idempotency_key,
        )
    )
    headers = {}
    article = reply.body.get("article")
    if article is not None:
        headers["Location"] = f"/v1/articles/{article['id']}"
    if reply.replayed:
        headers["Idempotent-Replayed"] = "true"
    else:
        metrics.count_ingested(str(reply.body.get("outcome", "rejected")))
    return JSONResponse(reply.body, status_code=reply.status, headers=headers)


@router.post(
    "/batch",
    summary="Push up to 100 articles",
    response_model=BatchResult,
    responses=problem_responses(401, 403, 409, 413, 415, 422),
)
def ingest_articles(
    payload: BatchCreate,
    principal: Writer,
    units: UnitsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> BatchResult | JSONResponse:
    """Ingest up to 100 articles: one result per item, in order; a bad item fails alone.

    The connection is closed after the answer (`Connection: close`), so that the client's next
    batch is spread over the server's workers afresh rather than staying with one.
    """
    # a batch is about a second of work: a new connection per batch costs nothing that shows
    response.headers["Connection"] = "close"
    # `principal` before `units`: the key is checked before the batch's connection is taken,
    # so a request never holds one connection while it waits for another
    if idempotency_key is not None:
        # every item commits alone, so a batch cut short is retried safely only under a key
        reply = service.ingest_batch_once(
            units, payload.articles, api_key_id=principal.key_id, idempotency_key=idempotency_key
        )
        headers = {"Connection": "close"}
        if reply.replayed:
            headers["Idempotent-Replayed"] = "true"
        else:
            _count_batch(reply.body)
        return JSONResponse(reply.body, status_code=reply.status, headers=headers)
    result = service.ingest_batch(units, payload.articles, api_key_id=principal.key_id)
    for item in result.results:
        metrics.count_ingested(item.result.outcome if item.result else "rejected")
    return result


def _count_batch(body: dict[str, Any]) -> None:
    for item in body["results"]:
        result = item.get("result")
        metrics.count_ingested(result["outcome"] if result else "rejected")


@router.get(
    "",
    summary="List articles",
    response_model=ArticlePage,
    responses=problem_responses(401, 403, 422),
)
async def list_articles(
    reads: ReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    outcome: Annotated[
        StoredOutcome | None, Query(description="Only new articles, or only near-duplicates.")
    ] = None,
) -> Page[ArticleSummary]:
    """List stored articles, most recently ingested first."""
    return await reads(
        lambda session: service.list_page(
            session, limit=limit, cursor=cursor, outcome=outcome.value if outcome else None
        )
    )


# the uuid converter keeps /v1/articles/batch from being read as an article id
@router.get(
    "/{article_id:uuid}",
    summary="Get an article",
    response_model=ArticleRead,
    responses=problem_responses(401, 403, 404),
)
async def get_article(
    article_id: Annotated[uuid.UUID, Path(description="The article's id.")],
    reads: ReadsDep,
    _: Reader,
) -> ArticleRead:
    """Fetch one article with its cleaned text and what was extracted from it."""
    return await reads(lambda session: service.get(session, article_id))
