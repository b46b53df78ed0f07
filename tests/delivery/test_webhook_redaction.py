"""A webhook URL is a credential: failed deliveries must not store or log its token."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from monitor.config import Settings
from monitor.delivery.outbox_driver import deliver_due
from tests.alerting.factory import all_deliveries
from tests.delivery.alerts import SECRET, SETTINGS, config_with, raise_some, webhook_channel
from tests.support.http_server import LocalHTTPServer, Reply

TOKEN = "xoxbQ7fK2mZp9LwR4tYc8VnB"
SIGNATURE = "sig9f8e7d6c5b4a"
PASSWORD = "hunter2pw"
SECRETS = (TOKEN, SIGNATURE, PASSWORD)


def hook_path() -> str:
    return f"/services/T000/B000/{TOKEN}"


def with_secrets(base_url: str) -> str:
    """``http://127.0.0.1:port`` -> the same with user:password, a path token and a signed query."""
    scheme, _, host = base_url.partition("://")
    return f"{scheme}://hook-user:{PASSWORD}@{host}{hook_path()}?sig={SIGNATURE}"


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there once the probe is closed


def assert_no_secret(text: str) -> None:
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{leaked} leaked into {text!r}"


@pytest.mark.parametrize("failure", ["http_403", "connection_refused", "private_address"])
def test_failed_webhook_keeps_its_token_out_of_last_error_and_logs(
    failure: str,
    sqlite_engine: Engine,
    tmp_path: Path,
    http_server: LocalHTTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    http_server.route(hook_path(), Reply(status=403 if failure == "http_403" else 204))
    base = closed_port_url() if failure == "connection_refused" else http_server.base_url
    url = with_secrets(base)
    config = config_with(tmp_path, webhook_channel(url, max_attempts=1))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    settings = Settings() if failure == "private_address" else SETTINGS

    with caplog.at_level(logging.DEBUG):
        report = deliver_due(
            sqlite_engine, config, worker_id="t", settings=settings, environ={"HOOK_SECRET": SECRET}
        )

    rows = all_deliveries(sqlite_engine)
    assert report.failed == len(rows) == 3
    expected_word = {
        "http_403": "HTTP 403",
        "connection_refused": "ConnectError",
        "private_address": "private",
    }
    for row in rows:
        error = row["last_error"]
        assert expected_word[failure] in error
        # still says where it went: host, the path's start, the query key
        assert "/services/T000/B000/xoxb…" in error and "sig=***" in error and "***@" in error
        assert_no_secret(error)
    assert_no_secret("\n".join(record.getMessage() for record in caplog.records))
    if failure == "http_403":
        assert http_server.hits(hook_path()) == 3  # the request really went out, with the real URL
