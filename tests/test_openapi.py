"""The committed OpenAPI document is exactly what the app serves."""

import json
from pathlib import Path

from fastapi.testclient import TestClient

from service.cli import OPENAPI_PATH, render_openapi
from service.main import create_app


def test_committed_openapi_matches_the_app() -> None:
    served = render_openapi(create_app().openapi())

    assert Path(OPENAPI_PATH).read_text(encoding="utf-8") == served, (
        "openapi/openapi.json is stale: run `parley openapi` and commit the result"
    )


def test_the_app_serves_its_document(client: TestClient) -> None:
    served = client.get("/openapi.json").json()

    assert served == json.loads(Path(OPENAPI_PATH).read_text(encoding="utf-8"))


def test_operation_ids_are_stable_names() -> None:
    paths = create_app().openapi()["paths"]

    ids = {op["operationId"] for ops in paths.values() for op in ops.values()}

    assert {"ingest_article", "list_articles", "get_article", "healthz", "readyz"} <= ids


def test_every_v1_operation_declares_problem_responses() -> None:
    paths = create_app().openapi()["paths"]

    for path, operations in paths.items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            for status in ("401", "403", "422"):
                content = operation["responses"][status]["content"]
                assert "application/problem+json" in content, (method, path, status)
