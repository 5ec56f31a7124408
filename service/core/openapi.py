"""The OpenAPI document as clients are generated from it: the package's version, servers, tag
descriptions, the response headers and 304 every answer may carry, and parameters without the
`null` branch FastAPI gives optional ones (a query parameter is absent, never null)."""

from collections.abc import Callable
from importlib import metadata
from typing import Any

from fastapi import FastAPI

from service.core.errors import Problem

SERVERS = [
    {"url": "/", "description": "The server that serves this document"},
    {"url": "http://127.0.0.1:8000", "description": "Local development (`make run`)"},
]

TAGS = [
    {"name": "articles", "description": "Push articles (one or a batch) and read them back."},
    {"name": "meetings", "description": "Who met whom, where and when, with sources."},
    {"name": "participants", "description": "Persons, countries and organisations; curation."},
    {"name": "statements", "description": "Who said what, with every article's wording."},
    {"name": "changes", "description": "The change feed: poll it to mirror Parley's records."},
    {"name": "health", "description": "Liveness and readiness probes."},
]

HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "The request's id (the caller's own `X-Request-ID` when it sent a "
        "sensible one); it is in the logs and in every problem's `request_id`.",
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "Strong entity tag of the body as sent (a gzipped body has a tag of "
        "its own); send it back as `If-None-Match` to get a 304 while nothing changed.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`private, no-cache` for lists and mutable records (revalidate with the "
        "ETag), `private, max-age=60` for an article.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer"},
    },
    "Location": {
        "description": "The path of the stored article.",
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same `Idempotency-Key`.",
        "schema": {"type": "string"},
    },
}

NOT_MODIFIED = {
    "description": "Not modified: `If-None-Match` names the current `ETag`; no body.",
    "headers": {
        "ETag": {"$ref": "#/components/headers/ETag"},
        "X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"},
    },
}


def package_version() -> str:
    """The installed package's version, which `info.version` reports."""
    try:
        return metadata.version("parley")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return "0.0.0"


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` build (once) the document described at the top of this module."""
    original: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = refine(original())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def refine(document: dict[str, Any]) -> dict[str, Any]:
    document["servers"] = SERVERS
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    # `Problem` is rendered by hand, never as a route's model: keep it in the components
    schemas.setdefault(
        "Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    components["headers"] = HEADERS
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                _drop_null(parameter)
            _document_headers(method, operation)
    return document


def _drop_null(parameter: dict[str, Any]) -> None:
    schema = parameter.get("schema", {})
    branches = schema.get("anyOf")
    if parameter.get("required") or not branches:
        return
    kept = [branch for branch in branches if branch.get("type") != "null"]
    if len(kept) == 1 and len(kept) < len(branches):
        del schema["anyOf"]
        schema.update(kept[0])


def _header(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def _document_headers(method: str, operation: dict[str, Any]) -> None:
    responses: dict[str, dict[str, Any]] = operation["responses"]
    if method == "get":
        responses.setdefault("304", NOT_MODIFIED)
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        headers.setdefault("X-Request-ID", _header("X-Request-ID"))
        if method == "get" and status.startswith("2"):
            headers.setdefault("ETag", _header("ETag"))
            headers.setdefault("Cache-Control", _header("Cache-Control"))
        if status in ("409", "503"):
            headers.setdefault("Retry-After", _header("Retry-After"))
        if (
            method == "post"
            and status.startswith("2")
            and "idempotency-key" in {p["name"] for p in operation.get("parameters", [])}
        ):
            headers.setdefault("Idempotent-Replayed", _header("Idempotent-Replayed"))
    # a stable order: 2xx, 3xx, then problems
    operation["responses"] = dict(sorted(responses.items()))
