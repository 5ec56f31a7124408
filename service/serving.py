"""Serving the API from several worker processes, each with a listening socket of its own.

uvicorn's own `--workers` shares one listening socket between the workers, and whichever
worker's event loop calls `accept` first takes the connection. Under load that is usually the
busiest one: measured with `bench/ingest_throughput.py` (two workers, four clients pushing
batches, a new connection per batch), one worker burned about four times the other's CPU, so
the two together ran at little more than one core. Here each worker binds its own socket to the
same port with `SO_REUSEPORT`, and the kernel spreads new connections over them by a hash of
each connection's addresses, whatever the workers are busy with: the same bench ran 1.26× as
many articles a second (three paired rounds, 100–117 against 78–87 articles/s).

The parent process only supervises: it starts the workers, restarts one that dies after it was
up, stops them all on SIGTERM or SIGINT (each finishes its requests in flight, as uvicorn
does), and gives up when a worker dies while starting (a port taken, a bad setting), rather
than restarting it forever. Where `SO_REUSEPORT` is missing, uvicorn's shared socket is used.
"""

import logging
import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import uvicorn

from service.core import metrics

logger = logging.getLogger(__name__)

APP = "service.main:app_factory"
# the uvicorn settings every worker runs with (host, port and workers are given apart)
SERVER_OPTIONS: dict[str, Any] = {
    "factory": True,
    "log_config": None,
    "access_log": False,
    "timeout_graceful_shutdown": 20,
}
# a worker that exits sooner than this after its start failed to start (a retry would fail too)
STARTUP_SECONDS = 15.0
# how long stopping waits for the workers' graceful shutdown before it kills them
STOP_SECONDS = SERVER_OPTIONS["timeout_graceful_shutdown"] + 10
_POLL_SECONDS = 0.5


def serve(host: str, port: int, workers: int) -> int:
    """Serve on host:port with `workers` processes until asked to stop; the exit status."""
    if workers <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, host=host, port=port, workers=workers, **SERVER_OPTIONS)
        return 0
    return _Supervisor(host, port, workers).run()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port that other sockets of this user may bind as well."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except BaseException:
        sock.close()
        raise
    return sock


def run_worker(host: str, port: int) -> None:
    """One worker process: its own socket on the shared port, and uvicorn serving on it."""
    sock = listening_socket(host, port)
    config = uvicorn.Config(APP, host=host, port=port, **SERVER_OPTIONS)
    uvicorn.Server(config).run(sockets=[sock])


class _Supervisor:
    def __init__(self, host: str, port: int, workers: int) -> None:
        self.host = host
        self.port = port
        self.count = workers
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[tuple[BaseProcess, float]] = []
        self.stopping = False

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for _ in range(self.count):
                self.workers.append(self._start())
            status = self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return status

    def _start(self) -> tuple[BaseProcess, float]:
        process = self.context.Process(
            target=run_worker, args=(self.host, self.port), name="parley-worker"
        )
        process.start()
        return process, time.monotonic()

    def _watch(self) -> int:
        while not self.stopping:
            time.sleep(_POLL_SECONDS)
            for index, (process, started) in enumerate(self.workers):
                if process.is_alive() or self.stopping:
                    continue
                if time.monotonic() - started < STARTUP_SECONDS:
                    logger.error(
                        "serve.worker_failed_to_start",
                        extra={"pid": process.pid, "exitcode": process.exitcode},
                    )
                    return 1
                logger.warning(
                    "serve.worker_restarted",
                    extra={"pid": process.pid, "exitcode": process.exitcode},
                )
                if process.pid is not None:
                    metrics.forget_process(process.pid)
                self.workers[index] = self._start()
        return 0

    def _stop(self, _signal: int, _frame: FrameType | None) -> None:
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
