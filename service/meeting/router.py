"""HTTP routes for reading meetings."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, Cursor, DateParam, Limit, Page
from service.core.sql_reads import SqlReadsDep
from service.meeting import reading
from service.meeting.schemas import MeetingKind, MeetingPage, MeetingRead, MeetingStatus
from service.statement import reading as statement_reading
from service.statement.schemas import StatementPage, StatementSummary

router = APIRouter(prefix="/v1/meetings", tags=["meetings"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]
MeetingId = Annotated[uuid.UUID, Path(description="The meeting's id.")]


@router.get(
    "",
    summary="List meetings",
    response_model=MeetingPage,
    responses=problem_responses(401, 403, 422),
)
async def list_meetings(
    reads: SqlReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    from_: Annotated[
        DateParam | None,
        Query(alias="from", description="Earliest start date, YYYY-MM-DD (inclusive)."),
    ] = None,
    to: Annotated[
        DateParam | None, Query(description="Latest start date, YYYY-MM-DD (inclusive).")
    ] = None,
    participant: Annotated[
        uuid.UUID | None, Query(description="Only meetings this participant took part in.")
    ] = None,
    country: Annotated[
        str | None,
        Query(
            pattern="^[A-Za-z]{2}$",
            description="ISO 3166 alpha-2 code of the host country, any case.",
            examples=["FR"],
        ),
    ] = None,
    city: Annotated[
        str | None,
        Query(
            max_length=200,
            description="The city, ignoring case and accents.",
            examples=["Kyiv"],
        ),
    ] = None,
    kind: Annotated[MeetingKind | None, Query(description="Only meetings of this kind.")] = None,
    series: Annotated[
        str | None,
        Query(max_length=200, description="Only meetings of this series.", examples=["Ramstein"]),
    ] = None,
    status: Annotated[
        MeetingStatus | None, Query(description="Only planned, held or cancelled meetings.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Full-text search over titles, places and participants' names.",
        ),
    ] = None,
) -> Response:
    """List meetings, newest first, filtered by date range, participant, place, kind, series or status."""
    filters = {
        "from": from_,
        "to": to,
        "participant": participant,
        "country": country.upper() if country else None,
        "city": city,
        "kind": kind.value if kind else None,
        "series": series,
        "status": status.value if status else None,
        "q": q,
    }
    page = await reading.list_page(reads, limit=limit, cursor=cursor, filters=filters)
    return Response(page, media_type="application/json")


@router.get(
    "/{meeting_id:uuid}",
    summary="Get a meeting",
    response_model=MeetingRead,
    responses=problem_responses(401, 403, 404),
)
async def get_meeting(meeting_id: MeetingId, reads: SqlReadsDep, _: Reader) -> Response:
    """Fetch one meeting with its participants (and the articles naming each) and its sources."""
    return Response(await reading.get(reads, meeting_id), media_type="application/json")


@router.get(
    "/{meeting_id:uuid}/statements",
    summary="List a meeting's statements",
    response_model=StatementPage,
    responses=problem_responses(401, 403, 404, 422),
)
async def list_meeting_statements(
    meeting_id: MeetingId,
    reads: ReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[StatementSummary]:
    """Statements made at or about this meeting, newest first."""

    def work(session: Session) -> Page[StatementSummary]:
        reading.ensure_exists(session, meeting_id)
        return statement_reading.list_page(
            session, limit=limit, cursor=cursor, filters={"meeting": meeting_id}
        )

    return await reads(work)
