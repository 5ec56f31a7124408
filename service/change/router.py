"""HTTP route of the change feed."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service.change import service
from service.change.schemas import ChangePage
from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import problem_responses
from service.core.pagination import DEFAULT_LIMIT, MAX_LIMIT

router = APIRouter(prefix="/v1/changes", tags=["changes"])


@router.get("", response_model=ChangePage, responses=problem_responses(401, 403, 422))
async def list_changes(
    reads: ReadsDep,
    _: Annotated[Principal, Depends(require(Scope.READ))],
    after: Annotated[
        str | None,
        Query(
            max_length=64,
            description="A position from a previous page (`next_cursor`); omit to start over.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> ChangePage:
    """Every create, update, merge or delete of a record, in a stable order that never skips
    a late commit; replaying it from the start visits every record's latest state."""
    return await reads(lambda session: service.read(session, after, limit))
