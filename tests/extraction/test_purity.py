"""The extraction package stays pure, ships its data, and is fast on a long article."""

import ast
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import service.extraction
from service.extraction import extract

PACKAGE = Path(service.extraction.__file__).parent
FORBIDDEN = ("sqlalchemy", "fastapi", "starlette", "pydantic", "psycopg", "dateparser")


def test_no_framework_or_other_service_imports() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
                if name.startswith("service"):
                    assert name.startswith("service.extraction"), f"{path.name} imports {name}"


def test_data_files_ship_with_the_package() -> None:
    data = resources.files("service.extraction").joinpath("data")
    for name in (
        "countries.json",
        "organizations.json",
        "places.json",
        "series.json",
        "not_names.txt",
    ):
        assert data.joinpath(name).is_file(), name


def test_a_long_article_stays_within_budget() -> None:
    paragraph = (
        "KYIV, Ukraine – National security advisers from Germany, France, Italy and Poland met in "
        "Kyiv on Saturday with officials from NATO and the European Commission, while American "
        'partners joined online. "We have a busy working day ahead of us today," said Rustem '
        "Umerov, Secretary of the NSDC. The leaders will meet in Paris on January 6.\n"
    )
    text = (paragraph * 20)[:5000]
    published = datetime(2026, 1, 3, 12, tzinfo=UTC)
    extract(text, published)
    start = time.perf_counter()
    for i in range(5):
        extract(f"{text}\n{i}", published)
    # generous: bench/extraction.py measures the real p95; this only catches a runaway pattern
    assert (time.perf_counter() - start) / 5 < 0.25
