"""Access to the real services the integration tests use.

Without MONITOR_REQUIRE_SERVICES a missing PostgreSQL or Redis skips the test
(a newcomer's laptop); with MONITOR_REQUIRE_SERVICES=1 (CI) it fails the test,
so a broken service can never turn into a green run.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

POSTGRES_ADMIN_URL = os.environ.get(
    "MONITOR_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REDIS_HOST = os.environ.get("MONITOR_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("MONITOR_TEST_REDIS_PORT", "6379"))


def services_required() -> bool:
    return os.environ.get("MONITOR_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def unavailable(what: str) -> None:
    """Fail under MONITOR_REQUIRE_SERVICES=1, otherwise skip."""
    message = f"{what} is not reachable"
    if services_required():
        pytest.fail(f"{message} and MONITOR_REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create an empty database for one test (or module) and drop it afterwards.

    Each user gets its own database, so parallel runs never see each other's rows.
    """
    from sqlalchemy import create_engine, text

    if not port_open("127.0.0.1", 5432):
        unavailable("PostgreSQL on 127.0.0.1:5432")
    name = f"monitor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure here means the service is unusable
        admin.dispose()
        unavailable(f"PostgreSQL ({exc.__class__.__name__}: {exc})")
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def require_redis() -> None:
    if not port_open(REDIS_HOST, REDIS_PORT):
        unavailable(f"Redis on {REDIS_HOST}:{REDIS_PORT}")
