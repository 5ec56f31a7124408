"""Several workers, each listening on the port itself: they all serve, a dead one comes back, a
worker that cannot start stops the server, and SIGTERM stops them all."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from sqlalchemy import Engine

from service.serving import listening_socket


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(
    database_url: str, port: int, workers: int, log: Path, **env: str
) -> subprocess.Popen[str]:
    """`serving.serve` in a process of its own (`STARTUP_SECONDS` may be set through env)."""
    code = (
        "import os, sys\n"
        "from service import serving\n"
        "serving.STARTUP_SECONDS = float(os.environ.get('TEST_STARTUP_SECONDS', '15'))\n"
        f"sys.exit(serving.serve('127.0.0.1', {port}, {workers}))\n"
    )
    with log.open("w") as sink:
        return subprocess.Popen(
            [sys.executable, "-c", code],
            env={**os.environ, "PARLEY_DATABASE_URL": database_url, **env},
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )


def _wait_ready(base: str, server: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, log.read_text()
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the workers did not become ready"
        time.sleep(0.2)


def _listeners(server: subprocess.Popen[str], port: int) -> set[int]:
    """The pids of the server's processes holding a listening socket on `port`."""
    found = set()
    for child in psutil.Process(server.pid).children():
        try:
            connections = child.net_connections(kind="tcp")
        except psutil.Error:
            continue
        if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in connections):
            found.add(child.pid)
    return found


@pytest.fixture
def served_url(database_url: str, engine: Engine) -> str:
    """The test database, migrated (the `engine` fixture migrates it), for servers to use."""
    return database_url


@pytest.fixture
def stopped() -> Iterator[list[subprocess.Popen[str]]]:
    servers: list[subprocess.Popen[str]] = []
    yield servers
    for server in servers:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)


def test_each_worker_listens_itself_and_sigterm_stops_them_all(
    served_url: str, tmp_path: Path, stopped: list[subprocess.Popen[str]]
) -> None:
    port, log = _free_port(), tmp_path / "serve.log"
    server = _serve(served_url, port, 2, log)
    stopped.append(server)
    _wait_ready(f"http://127.0.0.1:{port}", server, log)
    workers = _listeners(server, port)
    # a socket per worker (not one shared): the kernel spreads connections over them
    assert len(workers) == 2
    assert psutil.Process(server.pid).net_connections(kind="tcp") == []
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    assert not any(
        psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie" for pid in workers
    )


def test_a_worker_that_dies_after_starting_is_replaced(
    served_url: str, tmp_path: Path, stopped: list[subprocess.Popen[str]]
) -> None:
    port, log = _free_port(), tmp_path / "serve.log"
    server = _serve(served_url, port, 2, log, TEST_STARTUP_SECONDS="0.5")
    stopped.append(server)
    base = f"http://127.0.0.1:{port}"
    _wait_ready(base, server, log)
    first = _listeners(server, port)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:
        now = _listeners(server, port)
        if len(now) == 2 and victim not in now:
            break
        assert server.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the dead worker was not replaced"
        time.sleep(0.2)
    _wait_ready(base, server, log)
    assert "serve.worker_restarted" in log.read_text()
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0


def test_workers_that_cannot_bind_stop_the_server(
    served_url: str, tmp_path: Path, stopped: list[subprocess.Popen[str]]
) -> None:
    # a socket without SO_REUSEPORT holds the port: no worker can bind it
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        log = tmp_path / "serve.log"
        server = _serve(served_url, port, 2, log)
        stopped.append(server)
        assert server.wait(timeout=60) == 1
    assert "serve.worker_failed_to_start" in log.read_text()


def test_listening_sockets_share_a_port() -> None:
    first = listening_socket("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        second = listening_socket("127.0.0.1", port)
        second.close()
    finally:
        first.close()
