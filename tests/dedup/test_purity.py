"""The dedup core stays pure: importing it loads no web framework, ORM or feature code."""

import json
import subprocess
import sys

FORBIDDEN = (
    "fastapi",
    "sqlalchemy",
    "psycopg",
    "service.core",
    "service.models",
    "service.article",
)


def test_importing_dedup_loads_no_framework_or_feature() -> None:
    code = "import json, sys; import service.dedup; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = json.loads(out)
    assert [m for m in loaded if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)] == []
