"""Fixtures for the HTTP and ingest tests: a local server, a client allowed to reach it, and a tripwire.

Each test folder's conftest.py imports them (``from tests.support.loopback import *``).

The tripwire wraps ``socket.create_connection`` (what httpcore connects with):
any attempt to open a connection to an address other than 127.0.0.1 fails the
test at once, so a guard regression can never send traffic off this machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from monitor.config import Settings
from monitor.http.client import make_client
from tests.support.http_server import http_server_fixture
from tests.support.paths import CORPUS as SHARED_CORPUS

# shared/ sits beside the repository (also in CI's fresh clone)
CORPUS = SHARED_CORPUS

http_server = http_server_fixture()
shared_http_server = http_server_fixture(scope="module")

TEST_SETTINGS = Settings(
    allow_private=("127.0.0.1",),
    connect_timeout=1.0,
    read_timeout=1.0,
    max_body_bytes=1_000_000,
)


class ConnectionLog:
    def __init__(self) -> None:
        self.attempts: list[tuple[str, int]] = []


@pytest.fixture(autouse=True)
def connection_log(monkeypatch: pytest.MonkeyPatch) -> ConnectionLog:
    log = ConnectionLog()
    real_create_connection = socket.create_connection

    def guarded_create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address[0], int(address[1])
        log.attempts.append((host, port))
        if host != "127.0.0.1":
            raise AssertionError(f"test tried to connect to {host}:{port}; only 127.0.0.1 is allowed")
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    return log


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(TEST_SETTINGS) as made:
        yield made


@pytest.fixture(scope="module")
def shared_client() -> Iterator[httpx.Client]:
    with make_client(TEST_SETTINGS) as made:
        yield made
