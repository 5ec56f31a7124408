"""Both pools' database connections carry the TCP liveness settings (keepalive probes and
`tcp_user_timeout`), so a network cut without a reset cannot hold a query for ever: checked on
the kernel's socket of a connection over TCP (through the test proxy)."""

import asyncio
import socket
from typing import Any

import pytest

from service.core.config import Settings
from service.core.connect_gate import ConnectGate
from service.core.db import create_db_engine
from service.core.sql_reads import create_read_pool
from tests.db_proxy import DatabaseProxy


@pytest.fixture
def tcp_settings(settings: Settings) -> Settings:
    # values apart from the defaults, to see that the settings (not libpq's or the kernel's
    # defaults) reach the socket
    return settings.model_copy(
        update={
            "db_keepalives_idle_s": 7,
            "db_keepalives_interval_s": 3,
            "db_keepalives_count": 4,
            "db_tcp_user_timeout_ms": 9_000,
        }
    )


WANTED = {
    "SO_KEEPALIVE": 1,
    "TCP_KEEPIDLE": 7,
    "TCP_KEEPINTVL": 3,
    "TCP_KEEPCNT": 4,
    "TCP_USER_TIMEOUT": 9_000,
}


def _socket_options(fileno: int) -> dict[str, int]:
    sock = socket.socket(fileno=fileno)
    try:
        return {
            "SO_KEEPALIVE": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
            "TCP_KEEPIDLE": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
            "TCP_KEEPINTVL": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
            "TCP_KEEPCNT": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
            "TCP_USER_TIMEOUT": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT),
        }
    finally:
        sock.detach()  # the connection's socket stays open


def test_the_sqlalchemy_pools_connections_probe_a_silent_database(
    proxy: DatabaseProxy, tcp_settings: Settings
) -> None:
    engine = create_db_engine(proxy.url(), tcp_settings)
    try:
        with engine.connect() as connection:
            driver: Any = connection.connection.driver_connection
            options = _socket_options(driver.fileno())
            parameters = driver.info.get_parameters()
    finally:
        engine.dispose()

    assert options == WANTED
    assert parameters["tcp_user_timeout"] == "9000"


def test_the_hot_reads_pools_connections_probe_a_silent_database(
    proxy: DatabaseProxy, tcp_settings: Settings
) -> None:
    async def scenario() -> tuple[dict[str, int], dict[str, str]]:
        pool = create_read_pool(proxy.url(), tcp_settings, ConnectGate(1.0))
        try:
            async with pool.connection() as conn:
                return _socket_options(conn.fileno()), conn.info.get_parameters()
        finally:
            await pool.close()

    options, parameters = asyncio.run(scenario())

    assert options == WANTED
    assert parameters["keepalives_idle"] == "7"
