"""Opening database connections within a deadline, and not piling up attempts on a database
that is down.

libpq and psycopg round `connect_timeout` up to at least 2 s, so the deadline is kept here:
a synchronous attempt runs in a helper thread that is abandoned (and its connection, should
it come late, closed) when the deadline passes; an asynchronous one is cancelled.

Both pools of a process (SQLAlchemy's and the hot reads') open connections through one
`ConnectGate`. Once an attempt has failed, only one attempt at a time goes ahead (the probe)
and the others fail at once with the same `OperationalError` a refused connection raises, so
an outage is answered 503 in milliseconds, whatever the pools' sizes; the first attempt that
succeeds opens the gate again, so the service recovers on the first request after the
database is back, with no backoff to wait out.
"""

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import psycopg

C = TypeVar("C")
# what psycopg itself is given: its own timeout (at least 2 s) only ends an abandoned attempt
DRIVER_CONNECT_TIMEOUT_S = 2


class ConnectGate:
    """Whether the database took the last connection attempt, shared by threads and the event
    loop (its critical sections never block)."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._failing = False
        self._probing = False

    @property
    def failing(self) -> bool:
        return self._failing

    def connect(self, open_connection: Callable[[], C], close: Callable[[C], None]) -> C:
        """Run a blocking `open_connection` within the deadline."""
        self._admit()
        try:
            connection = _within(self.timeout_s, open_connection, close)
        except BaseException:
            self._done(ok=False)
            raise
        self._done(ok=True)
        return connection

    async def aconnect(self, open_connection: Callable[[], Awaitable[C]]) -> C:
        """Await `open_connection` within the deadline."""
        self._admit()
        try:
            async with asyncio.timeout(self.timeout_s):
                connection = await open_connection()
        except TimeoutError:
            self._done(ok=False)
            raise _timed_out(self.timeout_s) from None
        except BaseException:
            self._done(ok=False)
            raise
        self._done(ok=True)
        return connection

    def _admit(self) -> None:
        with self._lock:
            if not self._failing:
                return
            if self._probing:
                raise psycopg.OperationalError(
                    "the database refused the last connection attempt and another one is under way"
                )
            self._probing = True

    def _done(self, *, ok: bool) -> None:
        with self._lock:
            self._failing = not ok
            self._probing = False


def _timed_out(seconds: float) -> psycopg.OperationalError:
    return psycopg.OperationalError(f"no connection to the database within {seconds:g} s")


def _within(seconds: float, open_connection: Callable[[], C], close: Callable[[C], None]) -> C:
    outcome: dict[str, Any] = {}
    lock = threading.Lock()
    finished = threading.Event()

    def attempt() -> None:
        try:
            result = open_connection()
        except BaseException as exc:  # handed to the caller
            with lock:
                outcome["error"] = exc
        else:
            with lock:
                if outcome.get("abandoned"):
                    close(result)
                    return
                outcome["connection"] = result
        finally:
            finished.set()

    threading.Thread(target=attempt, name="parley-connect", daemon=True).start()
    finished.wait(seconds)
    with lock:
        if "connection" in outcome:
            connection: C = outcome["connection"]
            return connection
        if "error" in outcome:
            raise outcome["error"]
        outcome["abandoned"] = True
    raise _timed_out(seconds)
