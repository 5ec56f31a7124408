"""A bounded schemathesis run over every operation, with a valid admin key and seeded data:
no 5xx, and every response conforms to the OpenAPI document."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx

from service.core.auth import Scope
from tests.factories import seed_payloads

# every check but the ones turned off by design there; `make fuzz` (bench/fuzz.py) reads it too
CONFIG = Path(__file__).resolve().parents[1] / "bench" / "schemathesis.toml"


def test_schemathesis_finds_no_server_error_or_schema_violation(
    live_server: str, committed_auth: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    headers = committed_auth(Scope.ADMIN)
    for payload in seed_payloads():
        assert httpx.post(
            f"{live_server}/v1/articles", json=payload, headers=headers, timeout=60
        ).is_success

    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(CONFIG),
            "run",
            f"{live_server}/openapi.json",
            "--header",
            f"Authorization: {headers['Authorization']}",
            "--max-examples",
            "25",
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            "20260103",
            "--generation-database",
            "none",
            "--no-color",
            "--request-timeout",
            "30",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )

    failures = result.stdout.split("FAILURES")[-1].split("WARNINGS")[0]
    assert result.returncode == 0, failures[:8000]
