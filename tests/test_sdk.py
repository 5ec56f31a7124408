"""SDKs generated from the committed OpenAPI document work against the live service."""

import enum as enum_module
import importlib
import inspect
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.factories import seed_payloads

REPO = Path(__file__).resolve().parents[1]
OPENAPI = REPO / "openapi" / "openapi.json"
BIN = Path(sys.executable).parent

Auth = Callable[..., dict[str, str]]


@pytest.fixture(scope="module")
def parley_client(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """Generate the Python client with openapi-python-client and install it into a temp dir."""
    work = tmp_path_factory.mktemp("sdk")
    subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(OPENAPI),
            "--meta",
            "setup",
            "--output-path",
            str(work / "client"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    site = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(work / "client"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sys.path.insert(0, str(site))
    try:
        return importlib.import_module("parley_client")
    finally:
        sys.path.remove(str(site))


def _api(module: str) -> Any:
    return importlib.import_module(f"parley_client.api.{module}")


def test_generated_python_client_drives_the_service(
    parley_client: ModuleType, live_server: str, committed_auth: Auth
) -> None:
    token = committed_auth()["Authorization"].removeprefix("Bearer ")
    models = importlib.import_module("parley_client.models")
    # closed at the end: a leaked keep-alive socket would warn in some later test
    with parley_client.AuthenticatedClient(base_url=live_server, token=token) as client:
        for payload in seed_payloads():
            result = _api("articles.ingest_article").sync(
                client=client, body=models.ArticleCreate.from_dict(payload)
            )
            assert result.outcome.value == "created"

        meetings: list[Any] = []
        cursor: Any = parley_client.types.UNSET
        while True:
            page = _api("meetings.list_meetings").sync(client=client, limit=2, cursor=cursor)
            meetings += page.data
            if not page.next_cursor:
                break
            cursor = page.next_cursor
        assert meetings
        detail = _api("meetings.get_meeting").sync(client=client, meeting_id=meetings[0].id)
        assert detail.participants

        found = _api("participants.list_participants").sync(client=client, q="zelenski")
        person = _api("participants.get_participant").sync(
            client=client, participant_id=found.data[0].id
        )
        assert "Zelensk" in person.name

        # the feed holds back changes while older transactions run anywhere on the server
        # (other test workers'): poll briefly
        kinds: set[str] = set()
        deadline = time.monotonic() + 30
        while not kinds >= {"article", "meeting", "participant"} and time.monotonic() < deadline:
            changes = _api("changes.list_changes").sync(client=client, limit=200)
            kinds = {c.entity_type.value for c in changes.data}
            time.sleep(0.1)
        assert kinds >= {"article", "meeting", "participant"}
        # the next page starts after the last change read, not over from the start
        later = _api("changes.list_changes").sync(client=client, cursor=changes.data[-1].position)
        assert changes.data[0].position not in {c.position for c in later.data}

        problem = _api("articles.get_article").sync(
            client=client, article_id="00000000-0000-0000-0000-000000000000"
        )
        assert problem.status == 404


def test_generated_python_client_has_pleasant_names(parley_client: ModuleType) -> None:
    """Named enums shared by fields and filters, one model per batch item, no Type0 / Type1
    unions, no empty models, modules grouped by tag."""
    package = Path(str(parley_client.__file__)).parent
    sources = {
        path.relative_to(package).as_posix(): path.read_text() for path in package.rglob("*.py")
    }
    assert not [name for name, text in sources.items() if re.search(r"Type\d", text)]
    models = importlib.import_module("parley_client.models")
    assert {m.value for m in models.MeetingKind} >= {"summit", "bilateral", "call"}
    for enum in ("MeetingStatus", "ParticipantType", "Channel", "EntityType", "ChangeOp"):
        assert issubclass(getattr(models, enum), enum_module.Enum), enum
    # one class per enum: no MeetingSummaryKind, ListMeetingsKind…
    assert not [
        name
        for name in dir(models)
        if name.endswith(("Kind", "Status")) and name not in {"MeetingKind", "MeetingStatus"}
    ]
    assert "articles: list[ArticleCreate]" in sources["models/batch_create.py"]
    filters = inspect.signature(_api("meetings.list_meetings").sync).parameters
    unset = parley_client.types.Unset
    assert filters["kind"].annotation == models.MeetingKind | unset
    assert filters["status"].annotation == models.MeetingStatus | unset
    assert {"cursor", "after"} <= set(
        inspect.signature(_api("changes.list_changes").sync).parameters
    )
    assert {p.parent.name for p in (package / "api").glob("*/*.py")} >= {
        "articles",
        "meetings",
        "participants",
        "statements",
        "changes",
        "health",
    }
    for name, text in sources.items():
        if name.startswith("models/") and "@_attrs_define" in text:
            # an empty model: no field but a catch-all of anything (a typed map such as
            # `identifiers`, dict[str, str], is a real model)
            fields = re.findall(r"^    (\w+): ", text, re.M)
            catch_all = "additional_properties: dict[str, Any]" in text
            assert not (fields == ["additional_properties"] and catch_all), name


def _run(args: list[str], cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, timeout=600)


@pytest.mark.skipif(shutil.which("npx") is None, reason="npm is not installed here")
def test_typescript_types_compile(tmp_path: Path) -> None:
    """TypeScript types generated from the same document type-check with tsc."""
    (tmp_path / "package.json").write_text('{"private": true}')
    _run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "openapi-typescript@7",
            "typescript@5",
        ],
        tmp_path,
    )
    _run(["npx", "openapi-typescript", str(OPENAPI), "-o", "schema.d.ts"], tmp_path)
    (tmp_path / "use.ts").write_text(
        'import type { components, paths } from "./schema";\n'
        'type Meeting = components["schemas"]["MeetingRead"];\n'
        'type List = paths["/v1/meetings"]["get"]["responses"][200]["content"]["application/json"];\n'
        'const m: Pick<Meeting, "id" | "kind"> = { id: "x", kind: "summit" };\n'
        "const l: List | null = null;\n"
        "console.log(m, l);\n"
    )
    _run(
        ["npx", "tsc", "--noEmit", "--strict", "--skipLibCheck", "use.ts", "schema.d.ts"], tmp_path
    )
