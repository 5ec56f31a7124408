"""HTTP route of the change feed."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service.change import service
from service.change.schemas import ChangePage
from service.core.auth import Principal, Scope, require
from service.core.db import ReadsDep
from service.core.errors import Unprocessable, problem_responses
from service.core.pagination import DEFAULT_LIMIT, Limit

router = APIRouter(prefix="/v1/changes", tags=["changes"])


@router.get(
    "",
    summary="Read the change feed",
    response_model=ChangePage,
    responses=problem_responses(401, 403, 422),
)
async def list_changes(
    reads: ReadsDep,
    _: Annotated[Principal, Depends(require(Scope.READ))],
    cursor: Annotated[
        str | None,
        Query(
            max_length=64,
            description="The `next_cursor` of the previous page (or a change's `position`); "
            "omit to start from the beginning.",
            examples=["812-40"],
        ),
    ] = None,
    after: Annotated[
        str | None,
        Query(
            max_length=64,
            deprecated=True,
            description="The older name of `cursor`, still accepted; give one or the other.",
        ),
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
) -> ChangePage:
    """Every create, update, merge or delete of a record, in a stable order that never skips
    a late commit; replaying it from the start visits every record's latest state. An empty
    page still has a `next_cursor`: keep it and poll again."""
    if cursor is not None and after is not None and cursor != after:
        raise Unprocessable.field(
            ["query", "after"], "give `cursor` or its older name `after`, not both", "conflict"
        )
    position = cursor if cursor is not None else after
    name = "cursor" if cursor is not None else "after"
    return await reads(lambda session: service.read(session, position, limit, name=name))
