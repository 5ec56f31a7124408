"""Several workers, each listening on the port itself once its app has started: they all
serve, a dead one comes back, a server whose workers cannot start stops, a port another
process holds is refused, and SIGTERM (or the parent's death) stops every worker."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import httpx
import psutil
import pytest
from sqlalchemy import Engine

from service.serving import SERVER_OPTIONS, worker_socket


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


class _Started(NamedTuple):
    server: subprocess.Popen[str]
    port: int
    log: Path


Start = Callable[..., _Started]


@pytest.fixture
def start(served_url: str, tmp_path: Path) -> Iterator[Start]:
    """Starts `serving.serve` with 2 workers (on a free port unless given, extra environment
    as keywords); after the test, whatever is left of each server is killed, workers included."""
    servers: list[subprocess.Popen[str]] = []

    def started(port: int | None = None, **env: str) -> _Started:
        port = port or _free_port()
        log = tmp_path / f"serve-{len(servers)}.log"
        servers.append(_serve(served_url, port, 2, log, **env))
        return _Started(servers[-1], port, log)

    yield started
    for server in servers:
        try:
            tree = [psutil.Process(server.pid), *psutil.Process(server.pid).children(True)]
        except psutil.NoSuchProcess:
            tree = []
        for process in reversed(tree):
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        server.wait(timeout=30)


def _wait_listeners(
    server: subprocess.Popen[str], port: int, count: int, log: Path, gone: int | None = None
) -> set[int]:
    """The server's worker pids once `count` of them listen (and `gone` is not one of them)."""
    deadline = time.monotonic() + 60
    while True:
        found = _listeners(server, port)
        if len(found) == count and gone not in found:
            return found
        assert server.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"{len(found)} workers listen, not {count}"
        time.sleep(0.2)


def test_each_worker_listens_itself_and_sigterm_stops_them_all(start: Start) -> None:
    server, port, log = start()
    # a socket per worker (not one shared, which the parent would hold too): the kernel
    # spreads connections over them
    workers = _wait_listeners(server, port, 2, log)
    assert psutil.Process(server.pid).net_connections(kind="tcp") == []
    _wait_ready(f"http://127.0.0.1:{port}", server, log)
    served = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
    assert "server" not in served.headers  # no banner naming what serves the API
    assert served.headers["x-content-type-options"] == "nosniff"
    processes = [psutil.Process(pid) for pid in workers]
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    _gone, alive = psutil.wait_procs(processes, timeout=10)
    assert alive == []


def test_workers_stop_when_the_parent_is_killed(start: Start) -> None:
    server, port, log = start()
    processes = [psutil.Process(pid) for pid in _wait_listeners(server, port, 2, log)]
    server.kill()
    server.wait(timeout=30)
    _gone, alive = psutil.wait_procs(processes, timeout=60)
    assert alive == []


def test_a_worker_that_dies_after_starting_is_replaced(start: Start) -> None:
    server, port, log = start(TEST_STARTUP_SECONDS="0.5")
    victim = min(_wait_listeners(server, port, 2, log))
    os.kill(victim, signal.SIGKILL)
    # a worker listens only once its app has started: the replacement is serving
    _wait_listeners(server, port, 2, log, gone=victim)
    _wait_ready(f"http://127.0.0.1:{port}", server, log)
    assert "serve.worker_restarted" in log.read_text()
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0


def test_a_server_whose_workers_cannot_start_stops(start: Start) -> None:
    # a bad setting fails every worker's app at startup: restarting them would fail forever
    server, _port, log = start(PARLEY_POOL_SIZE="many")
    assert server.wait(timeout=60) == 1
    assert "serve.worker_failed_to_start" in log.read_text()


def test_a_port_another_server_listens_on_is_refused(start: Start) -> None:
    # even one that allows SO_REUSEPORT (another Parley, say): sharing it would split traffic
    with worker_socket("127.0.0.1", 0) as other:
        other.listen()
        server, _port, log = start(port=other.getsockname()[1])
        assert server.wait(timeout=60) == 1
    assert "serve.port_unavailable" in log.read_text()


def test_worker_sockets_share_a_port() -> None:
    with worker_socket("127.0.0.1", 0) as first:
        port = first.getsockname()[1]
        first.listen()
        with worker_socket("127.0.0.1", port) as second:
            second.listen()
            assert second.getsockname()[1] == port


def test_every_way_of_serving_drops_the_server_banner() -> None:
    # the single-worker path (uvicorn.run) and each worker (uvicorn.Config) share these options
    assert SERVER_OPTIONS["server_header"] is False
