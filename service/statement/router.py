"""HTTP routes for reading statements."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, DateParam, Page
from service.statement import reading
from service.statement.schemas import Channel, StatementRead, StatementSummary

router = APIRouter(prefix="/v1/statements", tags=["statements"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]


@router.get("", response_model=Page[StatementSummary], responses=problem_responses(401, 403, 422))
async def list_statements(
    reads: ReadsDep,
    _: Reader,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    speaker: uuid.UUID | None = None,
    meeting: uuid.UUID | None = None,
    from_: Annotated[
        DateParam | None, Query(alias="from", description="Earliest date said")
    ] = None,
    to: Annotated[DateParam | None, Query(description="Latest date said")] = None,
    channel: Channel | None = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Full-text search")
    ] = None,
) -> Page[StatementSummary]:
    """List statements, newest first, filtered by speaker, meeting, date range or channel."""
    filters = {
        "speaker": speaker,
        "meeting": meeting,
        "from": from_,
        "to": to,
        "channel": channel,
        "q": q,
    }
    return await reads(
        lambda session: reading.list_page(session, limit=limit, cursor=cursor, filters=filters)
    )


@router.get(
    "/{statement_id}",
    response_model=StatementRead,
    responses=problem_responses(401, 403, 404, 422),
)
async def get_statement(statement_id: uuid.UUID, reads: ReadsDep, _: Reader) -> StatementRead:
    """Fetch one statement with every article's wording of it."""
    return await reads(lambda session: reading.get(session, statement_id))
