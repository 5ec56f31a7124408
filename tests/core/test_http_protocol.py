"""Request heads have a deadline, and what uvicorn's parser refuses is a problem document."""

import json
import socket
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from service.core.config import Settings
from service.core.http_protocol import ParleyHttpProtocol
from service.main import create_app
from service.serving import SERVER_OPTIONS, server_options
from tests.live_server import serving


class _QuickHeads(ParleyHttpProtocol):
    header_timeout_s = 0.5


@pytest.fixture
def server_port(committing_engine: Engine, settings: Settings) -> Iterator[int]:
    app = create_app(settings, engine=committing_engine)
    with serving(app, server_header=False, http=_QuickHeads) as port:
        yield port


def _exchange(port: int, data: bytes, *, wait: float = 5.0) -> tuple[bytes, float]:
    """Send `data`, read until the server closes; what came back and how long it took."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        started = time.monotonic()
        if data:
            sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received, time.monotonic() - started


def _problem(raw: bytes) -> tuple[int, dict[str, str], dict[str, object]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(body)


def test_an_unfinished_head_is_408_within_the_header_timeout(server_port: int) -> None:
    raw, seconds = _exchange(server_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")

    status, headers, problem = _problem(raw)
    assert status == 408
    assert headers["content-type"] == "application/problem+json"
    assert problem["type"] == "urn:parley:problem:request-timeout"
    assert seconds < 1.5


def test_a_connection_that_sends_nothing_is_closed_within_the_header_timeout(
    server_port: int,
) -> None:
    raw, seconds = _exchange(server_port, b"")

    assert raw == b""
    assert seconds < 1.5


def test_a_finished_head_is_served_as_usual(server_port: int) -> None:
    raw, _ = _exchange(
        server_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )

    assert raw.startswith(b"HTTP/1.1 200")


def test_a_header_with_a_delete_byte_is_a_400_problem(server_port: int) -> None:
    raw, _ = _exchange(server_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x7fb\r\n\r\n")

    status, headers, problem = _problem(raw)
    assert status == 400
    assert headers["content-type"] == "application/problem+json"
    assert headers["x-content-type-options"] == "nosniff"
    assert "server" not in headers
    assert problem["status"] == 400


def test_a_malformed_request_line_is_a_400_problem(server_port: int) -> None:
    raw, _ = _exchange(server_port, b"GET /healthz HTTP/9\x01\r\n\r\n")

    status, headers, _ = _problem(raw)
    assert status == 400
    assert headers["content-type"] == "application/problem+json"


def test_a_70_kb_url_is_answered_with_a_problem(server_port: int) -> None:
    url = b"/v1/meetings?q=" + b"a" * 70_000
    raw, _ = _exchange(
        server_port, b"GET " + url + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )

    status, headers, _ = _problem(raw)
    assert status in (400, 401, 422)
    assert headers["content-type"] == "application/problem+json"


def test_serving_options_carry_the_limits() -> None:
    options = server_options(Settings(keep_alive_s=7, limit_concurrency=50))

    assert options["timeout_keep_alive"] == 7
    assert options["limit_concurrency"] == 50
    assert options["http"] is ParleyHttpProtocol
    assert server_options(Settings(limit_concurrency=0))["limit_concurrency"] is None
    assert SERVER_OPTIONS["h11_max_incomplete_event_size"] == 16 * 1024
