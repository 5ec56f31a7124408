"""Turning errors of every origin into `application/problem+json` responses."""

import logging
import re
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from psycopg_pool import PoolTimeout
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as SessionPoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import Scope

from service.core.db import is_retryable, is_write_conflict
from service.core.errors import (
    PROBLEM_MEDIA_TYPE,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    ServiceError,
    ServiceUnavailable,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
    field_errors,
)
from service.core.security_headers import API_POLICY, SECURITY_HEADERS

logger = logging.getLogger(__name__)


class _MethodNotAllowed(ServiceError):
    status = 405
    slug = "method-not-allowed"
    title = "Method not allowed"


class _InternalError(ServiceError):
    pass


_BY_STATUS: dict[int, type[ServiceError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: _MethodNotAllowed,
}


def problem_response(error: ServiceError, scope: Scope) -> JSONResponse:
    request_id = scope.get("state", {}).get("request_id")
    problem = error.problem(instance=scope.get("path"), request_id=request_id)
    # here too, not only in the middleware: the catch-all 500 is rendered outside it
    headers = dict(SECURITY_HEADERS) | {"Content-Security-Policy": API_POLICY} | error.headers
    if request_id:
        headers["X-Request-ID"] = request_id
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=error.status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


async def _on_service_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, ServiceError):
        raise exc
    return problem_response(exc, request.scope)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        raise exc
    errors = field_errors(exc.errors())
    if any(e.loc[:1] == ["body"] for e in errors) and not _is_json(request):
        # a form or text body is not a malformed article but the wrong kind of body
        media_type = request.headers.get("content-type", "").split(";")[0].strip()
        unsupported = UnsupportedMediaType(
            f"the body is {media_type}; send JSON with Content-Type: application/json"
        )
        return problem_response(unsupported, request.scope)
    detail = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in errors[:5])
    if any(e.code == "invalid_json" for e in errors):
        return problem_response(
            BadRequest(f"the body is not valid JSON ({detail})", errors=errors), request.scope
        )
    return problem_response(
        Unprocessable(detail or "invalid request", errors=errors), request.scope
    )


def _is_json(request: Request) -> bool:
    """No content type (read as JSON), `application/json` or a `+json` type."""
    value = request.headers.get("content-type")
    if value is None:
        return True
    media_type = value.split(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        raise exc
    kind = _BY_STATUS.get(exc.status_code)
    detail = str(exc.detail)
    if kind is None:
        generic = type(
            "HttpProblem",
            (ServiceError,),
            {"status": exc.status_code, "slug": f"http-{exc.status_code}", "title": detail},
        )
        return problem_response(generic(detail), request.scope)
    if kind is NotFound and detail == "Not Found":
        detail = f"no route for {request.url.path}"
    error = kind(detail)
    if exc.headers:
        error.headers.update(exc.headers)
    if kind is _MethodNotAllowed:
        error.detail = f"{request.method} is not allowed on {request.url.path}"
        # Starlette lists only the methods of the one route it matched; a path served by
        # several routes (GET and POST /v1/articles) must list them all
        error.headers["Allow"] = ", ".join(_allowed_methods(request.app, request.url.path))
    return problem_response(error, request.scope)


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    methods = set(_documented_methods(app, path))
    if "GET" in methods:
        methods.add("HEAD")  # HeadAsGetMiddleware
    return sorted(methods)


def _documented_methods(app: FastAPI, path: str) -> list[str]:
    paths: dict[str, dict[str, Any]] = app.openapi()["paths"]
    if path in paths:
        # a literal route wins over templated ones, as in routing (/v1/articles/batch is not
        # /v1/articles/{article_id})
        return sorted(method.upper() for method in paths[path])
    if not hasattr(app.state, "path_methods"):
        app.state.path_methods = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), operations)
            for template, operations in paths.items()
            if "{" in template
        ]
    methods = {
        method.upper()
        for pattern, operations in app.state.path_methods
        if pattern.match(path)
        for method in operations
    }
    return sorted(methods)


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    if is_write_conflict(exc):
        logger.warning("http.write_conflict", extra={"path": request.url.path})
        conflict = Conflict("a concurrent write got there first; this request was not applied")
        return problem_response(conflict, request.scope)
    if not is_retryable(exc):
        if isinstance(exc, OperationalError):
            return await _on_database_unavailable(request, exc)
        return await _on_unexpected(request, exc)
    logger.warning("http.write_conflict", extra={"path": request.url.path})
    error = ServiceUnavailable("a concurrent write conflicted with this request; retry it")
    error.headers["Retry-After"] = "1"
    return problem_response(error, request.scope)


async def _on_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Database down, unreachable, overloaded or too slow (statement timeout): the request may
    succeed later, so 503 rather than 500."""
    logger.warning(
        "http.database_unavailable", extra={"path": request.url.path, "error": repr(exc)}
    )
    error = ServiceUnavailable("the database is unavailable or too slow right now; retry later")
    error.headers["Retry-After"] = "2"
    return problem_response(error, request.scope)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("http.unhandled_error", extra={"path": request.url.path})
    error = _InternalError("an unexpected error occurred; quote the request id when reporting it")
    return problem_response(error, request.scope)


def install_problem_handlers(app: FastAPI) -> None:
    handlers: dict[Any, Any] = {
        ServiceError: _on_service_error,
        RequestValidationError: _on_validation_error,
        StarletteHTTPException: _on_http_exception,
        DBAPIError: _on_database_error,
        SessionPoolTimeout: _on_database_unavailable,
        psycopg.OperationalError: _on_database_unavailable,
        # any other error of the raw driver (the hot reads' pool): handled here rather than
        # by the catch-all, so it passes through the middleware like every other answer
        psycopg.Error: _on_unexpected,
        PoolTimeout: _on_database_unavailable,
        Exception: _on_unexpected,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)
