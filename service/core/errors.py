"""The service's error family and their rendering as RFC 9457 problem documents."""

from typing import Any, ClassVar

from pydantic import BaseModel, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One invalid input: where it is, what is wrong with it, and a code to act on."""

    loc: list[str | int] = Field(description="Path to the offending field, e.g. ['body', 'url'].")
    msg: str = Field(description="What is wrong, for people.", examples=["Field required"])
    code: str = Field(
        default="invalid",
        description="What is wrong, for programs: e.g. `missing`, `too_long`, `too_short`, "
        "`invalid_url`, `invalid_uuid`, `invalid_date`, `not_in_enum`, `unknown_parameter`, "
        "`invalid_cursor`, `invalid`.",
        examples=["missing"],
    )
    pointer: str | None = Field(
        default=None,
        description="RFC 6901 JSON Pointer to the field within the request body; absent for "
        "query parameters and headers.",
        examples=["/source/name"],
    )


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(
        description="A URN naming the kind of problem; stable, to branch on.",
        examples=["urn:parley:problem:not-found"],
    )
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.", examples=[404])
    detail: str = Field(description="What went wrong with this request, for people.")
    instance: str | None = Field(default=None, description="The path that was requested.")
    request_id: str | None = Field(
        default=None, description="The request's id (`X-Request-ID`): quote it when reporting."
    )
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


class UnsupportedMediaType(ServiceError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported media type"


class Unprocessable(ServiceError):
    status = 422
    slug = "validation-error"
    title = "Invalid request"

    @classmethod
    def field(cls, loc: list[str | int], msg: str, code: str = "invalid") -> "Unprocessable":
        error = FieldError(loc=loc, msg=msg, code=code)
        return cls(f"{'.'.join(map(str, loc))}: {msg}", errors=[error])


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
    those any operation may answer: 400 (a malformed header such as `If-None-Match`), 422 (an
    unknown or invalid query parameter), 503 while
    the database is unreachable, and 500, which no expected outcome is but which a client must
    still be able to read. An operation that authenticates (401) may also answer 429."""
    budget = {429} if 401 in statuses else set()
    statuses = tuple(sorted({400, 422, *statuses, *budget, 500, 503}))
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "description": _DESCRIPTIONS.get(status, "Problem"),
        }
        for status in statuses
    }


_DESCRIPTIONS = {
    400: "Malformed request: a body that is not JSON, or an `If-None-Match` that is no list of "
    "entity tags",
    401: "Missing or unknown API key",
    403: "The API key lacks the required scope",
    404: "No such resource",
    409: "Conflicting request",
    413: "Request body too large",
    415: "The body is not JSON: send `Content-Type: application/json`",
    422: "Validation failed (an unknown query parameter included); `errors` names each invalid "
    "field with a `code`",
    429: "The API key is over its request budget on this server process; retry after "
    "`Retry-After` seconds",
    500: "Unexpected error; the problem's `request_id` identifies it in the service's logs",
    503: "Unavailable: the database is unreachable or too slow, or a concurrent write kept "
    "conflicting; retry (after `Retry-After` when given)",
}


# pydantic's error types, as the codes clients branch on (`FieldError.code`)
_CODES = {
    "missing": "missing",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "string_too_short": "too_short",
    "too_short": "too_short",
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than": "too_large",
    "less_than_equal": "too_large",
    "enum": "not_in_enum",
    "literal_error": "not_in_enum",
    "uuid_parsing": "invalid_uuid",
    "uuid_type": "invalid_uuid",
    "date_parsing": "invalid_date",
    "date_from_datetime_parsing": "invalid_date",
    "date_from_datetime_inexact": "invalid_date",
    "datetime_parsing": "invalid_datetime",
    "datetime_from_date_parsing": "invalid_datetime",
    "string_pattern_mismatch": "pattern_mismatch",
    "extra_forbidden": "unknown_field",
    "json_invalid": "invalid_json",
    "int_parsing": "not_an_integer",
    "int_type": "not_an_integer",
    "string_type": "not_a_string",
    "list_type": "not_a_list",
    "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "dict_type": "not_an_object",
}


def error_code(pydantic_type: str) -> str:
    """The code of a pydantic error type; a validator's own `PydanticCustomError` type (such
    as `invalid_url`) is its code."""
    if pydantic_type in _CODES:
        return _CODES[pydantic_type]
    return "invalid" if pydantic_type in ("value_error", "assertion_error") else pydantic_type


def json_pointer(loc: list[str | int]) -> str | None:
    """The RFC 6901 pointer into the body of a `["body", …]` location, else None."""
    if not loc or loc[0] != "body":
        return None
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in loc[1:])


def field_errors(errors: Any, prefix: tuple[str | int, ...] = ()) -> list[FieldError]:
    """FieldErrors from pydantic's `errors()` (each location under `prefix`)."""
    out: list[FieldError] = []
    for err in errors:
        loc = [*prefix, *(part for part in err.get("loc", ()) if isinstance(part, str | int))]
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        code = error_code(str(err.get("type", "value_error")))
        out.append(FieldError(loc=loc, msg=msg, code=code, pointer=json_pointer(loc)))
    return out
