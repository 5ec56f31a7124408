"""HTTP routes for reading participants."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service.core.auth import Principal, Scope, require
from service.core.db import SessionDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from service.participant import reading
from service.participant.schemas import ParticipantRead, ParticipantSummary, ParticipantType

router = APIRouter(prefix="/v1/participants", tags=["participants"])

Reader = Annotated[Principal, Depends(require(Scope.READ))]


@router.get("", response_model=Page[ParticipantSummary], responses=problem_responses(401, 403, 422))
def list_participants(
    session: SessionDep,
    _: Reader,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    type: ParticipantType | None = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Fuzzy name search over names and aliases (accents and spelling tolerant).",
        ),
    ] = None,
) -> Page[ParticipantSummary]:
    """List participants by name, or search them fuzzily with `q` (best match first)."""
    return reading.list_page(session, limit=limit, cursor=cursor, type_=type, q=q)


@router.get(
    "/{participant_id}",
    response_model=ParticipantRead,
    responses=problem_responses(401, 403, 404, 422),
)
def get_participant(participant_id: uuid.UUID, session: SessionDep, _: Reader) -> ParticipantRead:
    """Fetch one participant with aliases, identifiers, roles and counts."""
    return reading.get(session, participant_id)
