"""HTTP routes for reading statements."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, Cursor, DateParam, Limit, Page
from service.statement import reading
from service.statement.schemas import Channel, StatementPage, StatementRead, StatementSummary

router = APIRouter(prefix="/v1/statements", tags=["statements"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]


@router.get(
    "",
    summary="List statements",
    response_model=StatementPage,
    responses=problem_responses(401, 403, 422),
)
async def list_statements(
    reads: ReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    speaker: Annotated[
        uuid.UUID | None, Query(description="Only statements of this participant.")
    ] = None,
    meeting: Annotated[
        uuid.UUID | None, Query(description="Only statements made at or about this meeting.")
    ] = None,
    from_: Annotated[
        DateParam | None,
        Query(alias="from", description="Earliest day said, YYYY-MM-DD (inclusive)."),
    ] = None,
    to: Annotated[
        DateParam | None, Query(description="Latest day said, YYYY-MM-DD (inclusive).")
    ] = None,
    channel: Annotated[
        Channel | None, Query(description="Only statements made on this channel.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Full-text search over the statements' words.",
            examples=["ceasefire"],
        ),
    ] = None,
) -> Page[StatementSummary]:
    """List statements, newest first, filtered by speaker, meeting, date range or channel."""
    filters = {
        "speaker": speaker,
        "meeting": meeting,
        "from": from_,
        "to": to,
        "channel": channel.value if channel else None,
        "q": q,
    }
    return await reads(
        lambda session: reading.list_page(session, limit=limit, cursor=cursor, filters=filters)
    )


@router.get(
    "/{statement_id:uuid}",
    summary="Get a statement",
    response_model=StatementRead,
    responses=problem_responses(401, 403, 404),
)
async def get_statement(
    statement_id: Annotated[uuid.UUID, Path(description="The statement's id.")],
    reads: ReadsDep,
    _: Reader,
) -> StatementRead:
    """Fetch one statement with every article's wording of it."""
    return await reads(lambda session: reading.get(session, statement_id))
