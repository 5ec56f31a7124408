"""HTTP routes for reading meetings."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, DateParam, Page
from service.core.sql_reads import SqlReadsDep
from service.meeting import reading
from service.meeting.schemas import MeetingKind, MeetingRead, MeetingStatus, MeetingSummary
from service.statement import reading as statement_reading
from service.statement.schemas import StatementSummary

router = APIRouter(prefix="/v1/meetings", tags=["meetings"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]


@router.get("", response_model=Page[MeetingSummary], responses=problem_responses(401, 403, 422))
async def list_meetings(
    reads: SqlReadsDep,
    _: Reader,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    from_: Annotated[
        DateParam | None, Query(alias="from", description="Earliest start date")
    ] = None,
    to: Annotated[DateParam | None, Query(description="Latest start date")] = None,
    participant: uuid.UUID | None = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    city: Annotated[str | None, Query(max_length=200)] = None,
    kind: MeetingKind | None = None,
    series: Annotated[str | None, Query(max_length=200)] = None,
    status: MeetingStatus | None = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Full-text search")
    ] = None,
) -> Response:
    """List meetings, newest first, filtered by date range, participant, place, kind, series or status."""
    filters = {
        "from": from_,
        "to": to,
        "participant": participant,
        "country": country.upper() if country else None,
        "city": city,
        "kind": kind,
        "series": series,
        "status": status,
        "q": q,
    }
    page = await reading.list_page(reads, limit=limit, cursor=cursor, filters=filters)
    return Response(page, media_type="application/json")


@router.get(
    "/{meeting_id}", response_model=MeetingRead, responses=problem_responses(401, 403, 404, 422)
)
async def get_meeting(meeting_id: uuid.UUID, reads: SqlReadsDep, _: Reader) -> Response:
    """Fetch one meeting with its participants (and the articles naming each) and its sources."""
    return Response(await reading.get(reads, meeting_id), media_type="application/json")


@router.get(
    "/{meeting_id}/statements",
    response_model=Page[StatementSummary],
    responses=problem_responses(401, 403, 404, 422),
)
async def list_meeting_statements(
    meeting_id: uuid.UUID,
    reads: ReadsDep,
    _: Reader,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Page[StatementSummary]:
    """Statements made about this meeting, newest first."""

    def work(session: Session) -> Page[StatementSummary]:
        reading.ensure_exists(session, meeting_id)
        return statement_reading.list_page(
            session, limit=limit, cursor=cursor, filters={"meeting": meeting_id}
        )

    return await reads(work)
