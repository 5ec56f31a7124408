"""Progress: a bar with an ETA on a terminal, periodic log lines (never `\\r` frames) elsewhere."""

import io
import logging
from collections.abc import Iterator

import pytest

from service.core.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _clock(times: list[float]) -> Iterator[float]:
    yield from times


def test_off_a_terminal_progress_is_a_log_line_per_interval_and_one_at_the_end(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # started at 0, then one reading per item, then the final line's
    ticks = _clock([0.0, 3.0, 6.0, 11.0, 14.0, 25.0, 26.0])
    stream = io.StringIO()

    with (
        caplog.at_level(logging.INFO, logger="service.core.progress"),
        progress("work", 5, stream=stream, interval_s=10.0, clock=lambda: next(ticks)) as advance,
    ):
        for _ in range(5):
            advance()

    lines = [(r.getMessage(), r.done, r.total, r.eta_s) for r in caplog.records]  # type: ignore[attr-defined]
    # at 11 s, 3 of 5 done: 11 / 3 s an item, two to go
    assert lines == [("work.progress", 3, 5, 7.3), ("work.progress", 5, 5, 0.0)]
    assert stream.getvalue() == ""  # nothing drawn, no \r


def test_on_a_terminal_progress_is_a_bar_with_an_eta() -> None:
    terminal = _Terminal()

    with progress("work", 3, stream=terminal) as advance:
        for _ in range(3):
            advance()

    drawn = terminal.getvalue()
    assert "work" in drawn
    assert "3/3" in drawn
    assert "eta" in drawn
