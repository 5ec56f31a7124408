"""A TCP proxy in front of the test PostgreSQL, to take the database away from one app without
stopping the server the other test workers share: `cut()` drops every connection and refuses
new ones, `blackhole()` accepts connections and never answers, `restore()` forwards again."""

import contextlib
import socket
import threading
from pathlib import Path

from sqlalchemy import make_url


def upstream_address(url: str) -> tuple[int, str | tuple[str, int]]:
    """The socket family and address of the server a SQLAlchemy URL names."""
    parsed = make_url(url)
    port = parsed.port or 5432
    if parsed.host:
        return socket.AF_INET, (parsed.host, port)
    folder = str(parsed.query["host"])
    return socket.AF_UNIX, str(Path(folder) / f".s.PGSQL.{port}")


class DatabaseProxy:
    def __init__(self, upstream_url: str) -> None:
        self.family, self.upstream = upstream_address(upstream_url)
        self.database = make_url(upstream_url).database
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._forwarding = True
        self.restore()

    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{self.database}"

    def restore(self) -> None:
        self._forwarding = True
        if self._listener is None:
            self._listen()

    def blackhole(self) -> None:
        """Connections are accepted (the kernel's backlog) and nothing ever answers them."""
        self._forwarding = False
        self._drop_connections()

    def cut(self) -> None:
        """Every connection is closed and new ones are refused, as by a stopped server."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        self._drop_connections()

    def close(self) -> None:
        self.cut()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if not self._forwarding:
                self._track(client)  # held open, never answered
                continue
            server = socket.socket(self.family, socket.SOCK_STREAM)
            try:
                server.connect(self.upstream)
            except OSError:
                client.close()
                server.close()
                continue
            self._track(client)
            self._track(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _drop_connections(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
