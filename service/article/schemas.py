"""Request and response shapes of the article endpoints."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from service.article.invisibles import is_blank, strip_bidi_controls
from service.core.errors import Problem
from service.core.pagination import Page

MAX_BODY_CHARS = 1_000_000
# future dates beyond clock skew and time zones are typos or garbage
MAX_FUTURE = timedelta(days=1)
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)

# C0 controls other than tab/newline/carriage return, DEL, C1 controls, and lone surrogates
# (valid JSON escapes, but not text and not storable in PostgreSQL)
_BAD_IN_BODY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$", re.I
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _invalid(code: str, reason: str) -> PydanticCustomError:
    """A validation error whose type is the `code` clients see in `errors[]`."""
    return PydanticCustomError(code, "{reason}", {"reason": reason})


def _no_controls_in_line(value: str) -> str:
    if (bad := _BAD_IN_LINE.search(value)) is not None:
        raise ValueError(f"contains a control character (U+{ord(bad.group()):04X})")
    return value


def _no_controls_in_body(value: str) -> str:
    if (bad := _BAD_IN_BODY.search(value)) is not None:
        raise ValueError(f"contains a control character (U+{ord(bad.group()):04X})")
    return value


def _not_blank(value: str) -> str:
    if is_blank(value):
        raise ValueError("must not be empty or only whitespace and invisible characters")
    return value


ShortLine = Annotated[
    str,
    StringConstraints(max_length=200),
    AfterValidator(_no_controls_in_line),
    AfterValidator(strip_bidi_controls),
    AfterValidator(_not_blank),
]
LongLine = Annotated[
    str,
    StringConstraints(max_length=1000),
    AfterValidator(_no_controls_in_line),
    AfterValidator(strip_bidi_controls),
    AfterValidator(_not_blank),
]


class ContentType(StrEnum):
    """How `body` is written: plain text, or HTML that Parley reduces to its text."""

    PLAIN = "text/plain"
    HTML = "text/html"


class SourceIn(BaseModel):
    """The outlet: a name, a domain, or both."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"anyOf": [{"required": ["name"]}, {"required": ["domain"]}]},
    )

    name: ShortLine | None = Field(
        default=None, description="The outlet's name.", examples=["Kyiv Independent"]
    )
    domain: str | None = Field(
        default=None,
        max_length=253,
        description="The outlet's domain name.",
        examples=["kyivindependent.com"],
    )

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        if value is not None and not _DOMAIN.match(value):
            raise _invalid("invalid_domain", "must be a domain name such as example.com")
        return value

    @model_validator(mode="after")
    def _named(self) -> "SourceIn":
        if self.name is None and self.domain is None:
            raise ValueError("give the source a name or a domain")
        return self


class ArticleCreate(BaseModel):
    """An article as a partner pushes it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": {"name": "Kyiv Independent", "domain": "kyivindependent.com"},
                    "title": "Security advisers meet in Kyiv",
                    "published_at": "2026-01-03T09:30:00Z",
                    "body": "KYIV, Ukraine – National security advisers met in Kyiv on Jan. 3 …",
                    "language": "en",
                    "authors": ["Kateryna Hodunova"],
                    "external_id": "ki-2026-0103-17",
                }
            ]
        },
    )

    source: SourceIn = Field(description="The outlet that published the article.")
    body: Annotated[
        str,
        StringConstraints(min_length=1, max_length=MAX_BODY_CHARS),
        AfterValidator(_not_blank),
        AfterValidator(_no_controls_in_body),
    ] = Field(
        description="The article's text (or HTML, see `content_type`), at most 1,000,000 characters.",
        examples=["KYIV, Ukraine – National security advisers met in Kyiv on Jan. 3 …"],
    )
    content_type: ContentType = Field(
        default=ContentType.PLAIN, description="Whether `body` is plain text or HTML."
    )
    published_at: datetime = Field(
        description="RFC 3339; a time without offset is taken as UTC. At most a day ahead."
    )
    url: str | None = Field(
        default=None,
        max_length=2048,
        description="Where the article is published (http or https); also used to find duplicates.",
        examples=["https://kyivindependent.com/security-advisers-meet-in-kyiv/"],
    )
    title: LongLine | None = Field(
        default=None, description="The headline.", examples=["Security advisers meet in Kyiv"]
    )
    language: str | None = Field(
        default=None,
        max_length=35,
        description="BCP 47 language tag of the text.",
        examples=["en"],
    )
    authors: list[ShortLine] = Field(
        default_factory=list,
        max_length=50,
        description="Bylines, up to 50.",
        examples=[["Kateryna Hodunova"]],
    )
    external_id: ShortLine | None = Field(
        default=None, description="The partner's own id; pushing it again is a duplicate."
    )

    @field_validator("published_at", mode="before")
    @classmethod
    def _published_at_is_text(cls, value: object) -> object:
        # the document says an RFC 3339 string: a number would pass as a unix timestamp
        if not isinstance(value, str | datetime):
            raise ValueError("must be an RFC 3339 date-time such as 2026-01-05T10:00:00Z")
        return value

    @field_validator("published_at")
    @classmethod
    def _published_at(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        if value > datetime.now(UTC) + MAX_FUTURE:
            raise ValueError("is in the future")
        if value < EARLIEST:
            raise ValueError("is before 1900")
        return value.astimezone(UTC)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        _no_controls_in_line(value)
        if any(ch.isspace() for ch in value):
            raise _invalid("invalid_url", "must not contain whitespace")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError as exc:
            raise _invalid("invalid_url", f"is not a valid URL ({exc})") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise _invalid("invalid_url", "must be an http or https URL")
        if not parts.hostname:
            raise _invalid("invalid_url", "must name a host")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and not _LANGUAGE.match(value):
            raise _invalid("invalid_language", "must be a language tag such as en or pt-BR")
        return value.lower() if value is not None else None


class Outcome(StrEnum):
    """What became of a pushed article: stored as new, stored and linked to the article it
    nearly repeats, or recognised as an exact duplicate and not stored."""

    CREATED = "created"
    NEAR_DUPLICATE = "near_duplicate"
    DUPLICATE = "duplicate"


class StoredOutcome(StrEnum):
    """How a stored article entered: as new, or as a near-duplicate of an earlier one."""

    CREATED = "created"
    NEAR_DUPLICATE = "near_duplicate"


class DuplicateReason(StrEnum):
    """What made an article an exact duplicate: the partner's `external_id` within its source,
    the canonical URL, or the same text."""

    EXTERNAL_ID = "external_id"
    URL = "url"
    CONTENT = "content"


class SourceRead(BaseModel):
    """The outlet that published an article."""

    model_config = ConfigDict(from_attributes=True)

    name: str | None = Field(description="The outlet's name.")
    domain: str | None = Field(description="The outlet's domain name.")


class ArticleSummary(BaseModel):
    """An article in a list: everything but its text."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The article's id.")
    external_id: str | None = Field(description="The partner's own id, as pushed.")
    url: str | None = Field(description="The URL as pushed.")
    canonical_url: str | None = Field(
        description="The URL with tracking parameters, fragments and case differences removed."
    )
    source: SourceRead = Field(description="The outlet.")
    title: str | None = Field(description="The headline.")
    published_at: datetime = Field(description="When the outlet published it (UTC).")
    language: str | None = Field(description="Language tag, lower case.")
    authors: list[str] = Field(description="Bylines.")
    outcome: StoredOutcome = Field(description="Stored as new, or as a near-duplicate.")
    duplicate_of: uuid.UUID | None = Field(
        description="For a near-duplicate, the earliest article of its group."
    )
    ingested_at: datetime = Field(description="When Parley stored it.")


class ArticleRead(ArticleSummary):
    """An article with its cleaned text and what was extracted from it."""

    text: str = Field(description="The cleaned text; every evidence span indexes into it.")
    meeting_ids: list[uuid.UUID] = Field(description="Meetings this article reports.")
    statement_ids: list[uuid.UUID] = Field(description="Statements this article quotes.")
    participant_ids: list[uuid.UUID] = Field(description="Participants this article names.")


class IngestResult(BaseModel):
    """What became of a pushed article."""

    outcome: Outcome = Field(description="Created, near-duplicate or duplicate.")
    article: ArticleRead | None = Field(
        description="The stored article (created, near_duplicate); null for an exact duplicate."
    )
    duplicate_of: uuid.UUID | None = Field(
        description="The article this one duplicates (duplicate, near_duplicate)."
    )
    reason: DuplicateReason | None = Field(
        default=None, description="Why an exact duplicate was recognised."
    )
    similarity: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "For near-duplicates, the share of the two texts' words that line up in order with "
            "`duplicate_of`'s (2 × longest common word subsequence ÷ both word counts): 1.0 for "
            "the same words, at least 0.7 for a reprint, at least 0.5 for a paraphrased copy "
            "(whose names and numbers line up instead)."
        ),
    )


MAX_BATCH = 100


class BatchCreate(BaseModel):
    """Up to 100 articles; each is validated and ingested on its own."""

    model_config = ConfigDict(extra="forbid")

    # validated item by item in the service, so one bad article cannot sink the others
    articles: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description="The articles, 1 to 100. An invalid one fails alone: its result is a 422 "
        "problem and the others are still ingested.",
        # documented as an ArticleCreate (so that clients get one model), yet any object is
        # accepted here: an invalid one gets its own 422 in `results`
        json_schema_extra={"items": {"$ref": "#/components/schemas/ArticleCreate"}},
    )


class BatchItemResult(BaseModel):
    """What became of one article of a batch: an ingest result or a problem."""

    index: int = Field(description="The item's position in the request, from 0.")
    status: int = Field(description="The status a single POST /v1/articles would have given.")
    result: IngestResult | None = Field(
        default=None, description="What became of the article (status 200 or 201)."
    )
    problem: Problem | None = Field(
        default=None, description="Why the article was not ingested (any other status)."
    )


class BatchResult(BaseModel):
    """One result per article of the batch, in the order sent."""

    results: list[BatchItemResult] = Field(description="The items' results, in request order.")


class ArticlePage(Page[ArticleSummary]):
    """A page of articles; pass `next_cursor` back as `cursor` for the next one."""
