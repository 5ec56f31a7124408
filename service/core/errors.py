"""The service's error family and their rendering as RFC 9457 problem documents."""

from typing import Any, ClassVar

from pydantic import BaseModel, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One invalid input: where it is and what is wrong with it."""

    loc: list[str | int] = Field(description="Path to the offending field, e.g. ['body', 'url'].")
    msg: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=["urn:parley:problem:not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = Field(
        default=None, description="Present on 422: every invalid field."
    )


class ServiceError(Exception):
    """An expected failure with its HTTP status; subclasses name the situation."""

    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal server error"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}

    def problem(self, *, instance: str | None, request_id: str | None) -> Problem:
        return Problem(
            type=problem_type(self.slug),
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
            request_id=request_id,
            errors=self.errors,
        )


class BadRequest(ServiceError):
    status = 400
    slug = "bad-request"
    title = "Bad request"


class Unauthorized(ServiceError):
    status = 401
    slug = "unauthorized"
    title = "Unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(ServiceError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class NotFound(ServiceError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(ServiceError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class PayloadTooLarge(ServiceError):
    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


class Unprocessable(ServiceError):
    status = 422
    slug = "validation-error"
    title = "Invalid request"

    @classmethod
    def field(cls, loc: list[str | int], msg: str) -> "Unprocessable":
        return cls(f"{'.'.join(map(str, loc))}: {msg}", errors=[FieldError(loc=loc, msg=msg)])


class TooManyRequests(ServiceError):
    status = 429
    slug = "too-many-requests"
    title = "Too many requests"


class ServiceUnavailable(ServiceError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


def problem_type(slug: str) -> str:
    return f"urn:parley:problem:{slug}"


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries declaring problem documents for the given statuses, and
    those any operation may answer: 400 (a malformed header such as `If-None-Match`), 503 while
    the database is unreachable, and 500, which no expected outcome is but which a client must
    still be able to read. An operation that authenticates (401) may also answer 429."""
    budget = [429] if 401 in statuses else []
    statuses = tuple(dict.fromkeys([400, *statuses, *budget, 500, 503]))
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "description": _DESCRIPTIONS.get(status, "Problem"),
        }
        for status in statuses
    }


_DESCRIPTIONS = {
    400: "Malformed request, such as an `If-None-Match` that is no list of entity tags",
    401: "Missing or unknown API key",
    403: "The API key lacks the required scope",
    404: "No such resource",
    409: "Conflicting request",
    413: "Request body too large",
    422: "Validation failed; `errors` names each invalid field",
    429: "The API key is over its request budget on this server process; retry after "
    "`Retry-After` seconds",
    500: "Unexpected error; the problem's `request_id` identifies it in the service's logs",
    503: "Unavailable: the database is unreachable or too slow, or a concurrent write kept "
    "conflicting; retry (after `Retry-After` when given)",
}
