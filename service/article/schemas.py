"""Request and response shapes of the article endpoints."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal
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

from service.article.invisibles import is_blank, strip_bidi_controls
from service.core.errors import Problem

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
    PLAIN = "text/plain"
    HTML = "text/html"


class SourceIn(BaseModel):
    """The outlet: a name, a domain, or both."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"anyOf": [{"required": ["name"]}, {"required": ["domain"]}]},
    )

    name: ShortLine | None = Field(default=None, examples=["Kyiv Independent"])
    domain: str | None = Field(default=None, max_length=253, examples=["kyivindependent.com"])

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        if value is not None and not _DOMAIN.match(value):
            raise ValueError("must be a domain name such as example.com")
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

    source: SourceIn
    body: Annotated[
        str,
        StringConstraints(min_length=1, max_length=MAX_BODY_CHARS),
        AfterValidator(_not_blank),
        AfterValidator(_no_controls_in_body),
    ]
    content_type: ContentType = ContentType.PLAIN
    published_at: datetime = Field(
        description="RFC 3339; a time without offset is taken as UTC. At most a day ahead."
    )
    url: str | None = Field(default=None, max_length=2048)
    title: LongLine | None = None
    language: str | None = Field(default=None, max_length=35, examples=["en"])
    authors: list[ShortLine] = Field(default_factory=list, max_length=50)
    external_id: ShortLine | None = Field(
        default=None, description="The partner's own id; pushing it again is a duplicate."
    )

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
            raise ValueError("must not contain whitespace")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError as exc:
            raise ValueError(f"is not a valid URL ({exc})") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise ValueError("must be an http or https URL")
        if not parts.hostname:
            raise ValueError("must name a host")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and not _LANGUAGE.match(value):
            raise ValueError("must be a language tag such as en or pt-BR")
        return value.lower() if value is not None else None


class Outcome(StrEnum):
    CREATED = "created"
    NEAR_DUPLICATE = "near_duplicate"
    DUPLICATE = "duplicate"


class DuplicateReason(StrEnum):
    EXTERNAL_ID = "external_id"
    URL = "url"
    CONTENT = "content"


class SourceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str | None
    domain: str | None


class ArticleSummary(BaseModel):
    """An article in a list: everything but its text."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_id: str | None
    url: str | None
    canonical_url: str | None
    source: SourceRead
    title: str | None
    published_at: datetime
    language: str | None
    authors: list[str]
    outcome: Literal["created", "near_duplicate"]
    duplicate_of: uuid.UUID | None
    ingested_at: datetime


class ArticleRead(ArticleSummary):
    """An article with its cleaned text and what was extracted from it."""

    text: str = Field(description="The cleaned text; every evidence span indexes into it.")
    meeting_ids: list[uuid.UUID]
    statement_ids: list[uuid.UUID]
    participant_ids: list[uuid.UUID]


class IngestResult(BaseModel):
    """What became of a pushed article."""

    outcome: Outcome
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
            "the same words, at least 0.7 for a near-duplicate."
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
        # documented as an ArticleCreate, yet any object is accepted here: an invalid one gets
        # its own 422 in `results` instead of failing the whole batch
        json_schema_extra={
            "items": {"anyOf": [{"$ref": "#/components/schemas/ArticleCreate"}, {"type": "object"}]}
        },
    )


class BatchItemResult(BaseModel):
    """What became of one article of a batch: an ingest result or a problem."""

    index: int
    status: int = Field(description="The status a single POST /v1/articles would have given.")
    result: IngestResult | None = None
    problem: Problem | None = None


class BatchResult(BaseModel):
    results: list[BatchItemResult]
