"""HTTP routes for reading participants."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep, SessionDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, Cursor, Limit, Page
from service.core.sql_reads import SqlReadsDep
from service.meeting import reading as meeting_reading
from service.meeting.schemas import MeetingPage
from service.participant import curation, reading
from service.participant.schemas import (
    AliasCreate,
    MergeRequest,
    ParticipantPage,
    ParticipantRead,
    ParticipantSummary,
    ParticipantType,
)
from service.statement import reading as statement_reading
from service.statement.schemas import StatementPage, StatementSummary

router = APIRouter(prefix="/v1/participants", tags=["participants"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]
Admin = Annotated[Principal, Depends(require(Scope.ADMIN))]
ParticipantId = Annotated[uuid.UUID, Path(description="The participant's id.")]


@router.get(
    "",
    summary="List or search participants",
    response_model=ParticipantPage,
    responses=problem_responses(401, 403, 422),
)
async def list_participants(
    reads: ReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    type: Annotated[
        ParticipantType | None, Query(description="Only persons, countries or organisations.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Fuzzy name search over names and aliases (accents and spelling "
            "tolerant: `zelenski` finds Volodymyr Zelenskyy); common abbreviations such as "
            "`UK`, `U.S.` or `UAE` find the country or organisation they stand for.",
            examples=["zelenski"],
        ),
    ] = None,
) -> Page[ParticipantSummary]:
    """List participants by name, or search them fuzzily with `q` (best match first)."""
    return await reads(
        lambda session: reading.list_page(
            session, limit=limit, cursor=cursor, type_=type.value if type else None, q=q
        )
    )


@router.get(
    "/{participant_id:uuid}",
    summary="Get a participant",
    response_model=ParticipantRead,
    responses=problem_responses(401, 403, 404),
)
async def get_participant(
    participant_id: ParticipantId, reads: ReadsDep, _: Reader
) -> ParticipantRead:
    """Fetch one participant with aliases, identifiers, roles and counts."""
    return await reads(lambda session: reading.get(session, participant_id))


@router.get(
    "/{participant_id:uuid}/meetings",
    summary="List a participant's meetings",
    response_model=MeetingPage,
    responses=problem_responses(401, 403, 404, 422),
)
async def list_participant_meetings(
    participant_id: ParticipantId,
    reads: SqlReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Meetings this participant took part in, newest first."""
    await reading.ensure_listed(reads, participant_id)
    page = await meeting_reading.list_page(
        reads, limit=limit, cursor=cursor, filters={"participant": participant_id}
    )
    return Response(page, media_type="application/json")


@router.get(
    "/{participant_id:uuid}/statements",
    summary="List a participant's statements",
    response_model=StatementPage,
    responses=problem_responses(401, 403, 404, 422),
)
async def list_participant_statements(
    participant_id: ParticipantId,
    reads: ReadsDep,
    _: Reader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[StatementSummary]:
    """Statements this participant made, newest first."""

    def work(session: Session) -> Page[StatementSummary]:
        reading.ensure_exists(session, participant_id)
        return statement_reading.list_page(
            session, limit=limit, cursor=cursor, filters={"speaker": participant_id}
        )

    return await reads(work)


@router.post(
    "/{participant_id:uuid}/merge",
    summary="Merge a participant into another",
    response_model=ParticipantRead,
    responses=problem_responses(401, 403, 404, 409, 415, 422),
)
def merge_participant(
    participant_id: ParticipantId, body: MergeRequest, session: SessionDep, _: Admin
) -> ParticipantRead:
    """Merge this participant into `into`: every reference moves to the survivor, which is returned."""
    curation.merge(session, participant_id, body.into)
    return reading.get(session, body.into)


@router.post(
    "/{participant_id:uuid}/aliases",
    summary="Add an alias to a participant",
    response_model=ParticipantRead,
    responses=problem_responses(401, 403, 404, 409, 415, 422),
)
def add_participant_alias(
    participant_id: ParticipantId, body: AliasCreate, session: SessionDep, _: Admin
) -> ParticipantRead:
    """Add a spelling under which this participant is recognised and found."""
    curation.add_alias(session, participant_id, body.alias)
    return reading.get(session, participant_id)
