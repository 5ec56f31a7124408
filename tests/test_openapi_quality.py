"""The OpenAPI document generates pleasant clients: named enums, described operations,
parameters and properties, documented headers and 304s, servers and the package's version."""

from collections.abc import Iterator
from importlib import metadata
from typing import Any

import pytest

from service.main import create_app


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app().openapi()


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def _nodes(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{where}/{index}")


def test_info_version_is_the_package_version(document: dict[str, Any]) -> None:
    assert document["info"]["version"] == metadata.version("parley")


def test_servers_are_listed(document: dict[str, Any]) -> None:
    assert [server["url"] for server in document["servers"]][:1] == ["/"]


def test_every_enum_is_a_named_component(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    inline = [
        where
        for where, node in _nodes(document, "")
        if "enum" in node
        and not (where.startswith("/components/schemas/") and where.count("/") == 3)
    ]
    assert inline == []
    enums = {name for name, schema in schemas.items() if "enum" in schema}
    assert {"MeetingKind", "MeetingStatus", "ParticipantType", "Channel", "EntityType"} <= enums


def test_a_filter_and_a_field_share_their_enum(document: dict[str, Any]) -> None:
    (kind,) = [
        p for p in document["paths"]["/v1/meetings"]["get"]["parameters"] if p["name"] == "kind"
    ]
    assert kind["schema"]["$ref"] == "#/components/schemas/MeetingKind"
    field = document["components"]["schemas"]["MeetingSummary"]["properties"]["kind"]
    assert field["$ref"] == "#/components/schemas/MeetingKind"


def test_no_query_parameter_is_nullable(document: dict[str, Any]) -> None:
    nullable = [
        (path, p["name"])
        for _, path, operation in _operations(document)
        for p in operation.get("parameters", [])
        if "anyOf" in p["schema"]
    ]
    assert nullable == []


def test_a_batch_item_is_an_article_create(document: dict[str, Any]) -> None:
    articles = document["components"]["schemas"]["BatchCreate"]["properties"]["articles"]
    assert articles["items"] == {"$ref": "#/components/schemas/ArticleCreate"}


def test_every_operation_has_a_written_summary_a_description_and_a_tag(
    document: dict[str, Any],
) -> None:
    for method, path, operation in _operations(document):
        generated = operation["operationId"].replace("_", " ").title()
        assert operation.get("summary") not in (None, generated), (method, path)
        assert operation.get("description"), (method, path)
        assert operation.get("tags"), (method, path)


def test_every_parameter_is_described(document: dict[str, Any]) -> None:
    bare = [
        (path, p["name"])
        for _, path, operation in _operations(document)
        for p in operation.get("parameters", [])
        if not p.get("description")
    ]
    assert bare == []


def test_every_property_and_schema_is_described(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    bare_schemas = [name for name, schema in schemas.items() if not schema.get("description")]
    bare_properties = [
        f"{name}.{prop}"
        for name, schema in schemas.items()
        for prop, spec in schema.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert bare_schemas == []
    assert bare_properties == []


def test_gets_document_304_etag_and_request_id(document: dict[str, Any]) -> None:
    for method, path, operation in _operations(document):
        responses = operation["responses"]
        for status, response in responses.items():
            assert "X-Request-ID" in response["headers"], (method, path, status)
        if method == "get":
            assert "304" in responses, path
            assert "ETag" in responses["200"]["headers"], path
    ingest = document["paths"]["/v1/articles"]["post"]["responses"]
    assert "Location" in ingest["201"]["headers"]
    assert "Retry-After" in ingest["503"]["headers"]
    assert set(document["components"]["headers"]) >= {"ETag", "Retry-After", "X-Request-ID"}
