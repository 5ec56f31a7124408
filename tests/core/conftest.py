"""Fixtures the core tests share: a TCP proxy in front of the test database."""

from collections.abc import Iterator

import pytest

from tests.db_proxy import DatabaseProxy


@pytest.fixture
def proxy(database_url: str) -> Iterator[DatabaseProxy]:
    """The test database behind a proxy a test can cut, blackhole or inspect."""
    proxy = DatabaseProxy(database_url)
    yield proxy
    proxy.close()
