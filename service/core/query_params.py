"""Unknown query parameters are refused: a typo such as `?participnt=…` would otherwise be
ignored and answer with every record, the costliest way to fail."""

from collections.abc import Iterator

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from service.core.errors import FieldError, Unprocessable


def _query_names(dependant: Dependant) -> Iterator[str]:
    yield from (param.alias for param in dependant.query_params)
    for sub in dependant.dependencies:
        yield from _query_names(sub)


_ACCEPTED: dict[int, frozenset[str]] = {}


def _accepted(route: APIRoute) -> frozenset[str]:
    # keyed by identity: routes live as long as the app, and are not hashable
    key = id(route)
    if key not in _ACCEPTED:
        _ACCEPTED[key] = frozenset(_query_names(route.dependant))
    return _ACCEPTED[key]


async def reject_unknown_query_parameters(request: Request) -> None:
    """App-wide dependency: a 422 naming every query parameter the matched route does not take.

    A coroutine though it awaits nothing: FastAPI runs a plain function dependency in its
    thread pool, and that hand-over to a thread and back cost every request more CPU than the
    check itself (the read benchmark lost a sixth of its throughput to it)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    accepted = _accepted(route)
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in accepted]
    if not unknown:
        return
    takes = ", ".join(sorted(accepted)) or "none"
    errors = [
        FieldError(
            loc=["query", name],
            msg=f"unknown query parameter (this route takes: {takes})",
            code="unknown_parameter",
        )
        for name in unknown
    ]
    raise Unprocessable(f"unknown query parameter: {', '.join(unknown)}", errors=errors)
