"""Serving the API from several worker processes, each with a listening socket of its own.

uvicorn's own `--workers` shares one listening socket between the workers, and whichever
worker's event loop calls `accept` first takes the connection. Under load that is usually the
busiest one: measured with `bench/ingest_throughput.py` (two workers, four clients pushing
batches, a new connection per batch), one worker burned about four times the other's CPU, so
the two together ran at little more than one core. Here each worker binds its own socket to the
same port with `SO_REUSEPORT`, and the kernel spreads new connections over them by a hash of
each connection's addresses, whatever the workers are busy with: the same bench ran 1.26× as
many articles a second (three paired rounds, 100–117 against 78–87 articles/s).

The parent process only supervises:
- before any worker starts, it checks that no other process listens on the port (a second
  instance would otherwise share the port silently, as `SO_REUSEPORT` allows);
- a worker listens only once its app has started (uvicorn calls `listen` after startup), so no
  connection waits on a worker that is still starting;
- a worker that dies is restarted, with a growing pause when restarts die young; but when a
  first worker dies while starting (a bad setting, the database unreachable) the server stops
  with status 1 instead of retrying forever;
- SIGTERM, SIGINT or SIGHUP stop every worker (each finishes its requests in flight, as uvicorn
  does); a second signal kills them at once; workers stop by themselves if the parent dies.

Only on Linux, where `SO_REUSEPORT` balances TCP connections (elsewhere it does not, or
differently), and only when the option works: otherwise uvicorn's shared socket is used. Not
kept from uvicorn's supervisor: its health pings of workers and its SIGHUP rolling restart.
"""

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import socket
import sys
import time
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import uvicorn

from service.core import metrics
from service.core.config import Settings, get_settings
from service.core.http_protocol import ParleyHttpProtocol

logger = logging.getLogger(__name__)

APP = "service.main:app_factory"
# the uvicorn settings every worker runs with (host, port and workers are given apart)
SERVER_OPTIONS: dict[str, Any] = {
    "factory": True,
    "log_config": None,
    "access_log": False,
    "timeout_graceful_shutdown": 20,
    # no `Server: uvicorn`: what runs behind the API is nobody's business
    "server_header": False,
    # a deadline for request heads, and Parley's problem document for what the parser refuses
    "http": ParleyHttpProtocol,
    # h11 is not used while httptools is installed; its bound on a request head all the same
    "h11_max_incomplete_event_size": 16 * 1024,
}


def server_options(settings: Settings) -> dict[str, Any]:
    """`SERVER_OPTIONS` with the limits read from the settings."""
    return SERVER_OPTIONS | {
        "timeout_keep_alive": settings.keep_alive_s,
        "limit_concurrency": settings.limit_concurrency or None,
    }


# a first worker that exits sooner than this after the start failed to start
STARTUP_SECONDS = 15.0
# how long stopping waits for the workers' graceful shutdown before it kills them
STOP_SECONDS = SERVER_OPTIONS["timeout_graceful_shutdown"] + 10
# pauses before restarting a worker that died young, doubling up to the last
RESTART_PAUSES = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
_POLL_SECONDS = 0.5
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


def serve(host: str, port: int, workers: int) -> int:
    """Serve on host:port with `workers` processes until asked to stop; the exit status."""
    if workers <= 1 or not _reuse_port_works():
        options = server_options(get_settings())
        uvicorn.run(APP, host=host, port=port, workers=workers, **options)
        return 0
    try:
        _check_port_free(host, port)
    except OSError as exc:
        logger.error(
            "serve.port_unavailable", extra={"host": host, "port": port, "error": str(exc)}
        )
        return 1
    return _Supervisor(host, port, workers).run()


def _reuse_port_works() -> bool:
    if sys.platform != "linux" or not hasattr(socket, "SO_REUSEPORT"):
        return False
    with socket.socket() as probe:
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        except OSError:
            return False
    return True


def _check_port_free(host: str, port: int) -> None:
    """Raise OSError when another socket holds host:port. Bound without `SO_REUSEPORT`, so a
    listener that has it still conflicts; `SO_REUSEADDR` lets closed connections' TIME_WAIT
    pass, as a listener's own bind does."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def worker_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port beside the other workers' (`SO_REUSEPORT`), not yet
    listening: the kernel gives it connections only once uvicorn listens, after startup."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def run_worker(host: str, port: int, parent: int) -> None:
    """One worker process: its own socket on the shared port, and uvicorn serving on it."""
    _stop_with_parent(parent)
    sock = worker_socket(host, port)
    config = uvicorn.Config(APP, host=host, port=port, **server_options(get_settings()))
    # uvicorn re-raises the signal that stopped it once it has shut down: a Ctrl-C is not a
    # crash to report
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])


def _stop_with_parent(parent: int) -> None:
    """Have the kernel send this process SIGTERM when the supervisor dies (even by SIGKILL)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


class _Supervisor:
    def __init__(self, host: str, port: int, workers: int) -> None:
        self.host = host
        self.port = port
        self.count = workers
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[tuple[BaseProcess, float]] = []
        self.young_deaths = 0  # restarts in a row that died young
        self.started = time.monotonic()
        self.stopping = False

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._stop) for sig in _STOP_SIGNALS}
        try:
            for _ in range(self.count):
                if self.stopping:
                    break
                self.workers.append(self._start())
            status = self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return status

    def _start(self) -> tuple[BaseProcess, float]:
        process = self.context.Process(
            target=run_worker, args=(self.host, self.port, os.getpid()), name="parley-worker"
        )
        process.start()
        return process, time.monotonic()

    def _watch(self) -> int:
        while not self.stopping:
            time.sleep(_POLL_SECONDS)
            for index, (process, started) in enumerate(self.workers):
                if process.is_alive() or self.stopping:
                    continue
                fields = {"pid": process.pid, "exitcode": process.exitcode}
                now = time.monotonic()
                if now - self.started < STARTUP_SECONDS:
                    logger.error("serve.worker_failed_to_start", extra=fields)
                    return 1
                self._forget(process)
                young = now - started < STARTUP_SECONDS
                self.young_deaths = self.young_deaths + 1 if young else 0
                pause = RESTART_PAUSES[min(self.young_deaths, len(RESTART_PAUSES) - 1)]
                logger.warning("serve.worker_restarted", extra=fields | {"pause_s": pause})
                self._sleep(pause)
                if not self.stopping:
                    self.workers[index] = self._start()
        return 0

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(_POLL_SECONDS, deadline - time.monotonic()))

    @staticmethod
    def _forget(process: BaseProcess) -> None:
        if process.pid is None:
            return
        try:
            metrics.forget_process(process.pid)
        except OSError:
            logger.exception("serve.metrics_cleanup_failed", extra={"pid": process.pid})

    def _stop(self, _signal: int, _frame: FrameType | None) -> None:
        if self.stopping:  # a second signal: no more waiting
            for process, _ in self.workers:
                if process.is_alive():
                    process.kill()
        self.stopping = True

    def _stop_all(self) -> None:
        for process, _ in self.workers:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + STOP_SECONDS
        for process, _ in self.workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
            self._forget(process)
