"""Progress of a long CLI run: a live bar with an ETA on a terminal, periodic log lines
elsewhere (a pipe, a file, a Kubernetes Job's log), where redrawn `\\r` frames would be noise."""

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

logger = logging.getLogger(__name__)

# off a terminal: one line at most this often, and one at the end
LOG_INTERVAL_S = 10.0

Advance = Callable[[], None]


@contextmanager
def progress(
    task: str,
    total: int,
    *,
    stream: TextIO | None = None,
    interval_s: float = LOG_INTERVAL_S,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Advance]:
    """Yields a function to call once per item done. `task` names the work (`reprocess`), and
    the log lines are `<task>.progress` events with done, total, elapsed_s and eta_s."""
    stream = stream if stream is not None else sys.stderr
    console = Console(file=stream)
    if console.is_terminal:
        with _bar(task, total, console) as advance:
            yield advance
        return
    with _log_lines(task, total, interval_s, clock) as advance:
        yield advance


@contextmanager
def _bar(task: str, total: int, console: Console) -> Iterator[Advance]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as bar:
        task_id = bar.add_task(task, total=total)
        yield lambda: bar.advance(task_id)


@contextmanager
def _log_lines(
    task: str, total: int, interval_s: float, clock: Callable[[], float]
) -> Iterator[Advance]:
    started = clock()
    last = started
    done = 0

    def log(now: float) -> None:
        elapsed = now - started
        # the mean pace so far: steadier than the last interval's, and cheap
        eta = elapsed / done * (total - done) if done else None
        logger.info(
            f"{task}.progress",
            extra={
                "done": done,
                "total": total,
                "elapsed_s": round(elapsed, 1),
                "eta_s": None if eta is None else round(eta, 1),
            },
        )

    def advance() -> None:
        nonlocal done, last
        done += 1
        now = clock()
        if now - last >= interval_s and done < total:
            last = now
            log(now)

    yield advance
    log(clock())
