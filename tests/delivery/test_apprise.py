"""The Apprise channel through the real outbox, against a loopback receiver.

Apprise's ``json://host:port/path`` target POSTs a JSON body (title, message,
type) to a plain HTTP server: the same outbox, retries and failure states as
email and webhooks, with no service on the internet.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from monitor.config import Config
from monitor.delivery.apprise_channel import classify
from monitor.delivery.outbox_driver import DeliveryReport, deliver_due
from tests.alerting.factory import all_deliveries
from tests.delivery.alerts import SETTINGS, config_with, raise_some
from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply


def apprise_channel(**extra: Any) -> dict[str, Any]:
    return {
        "id": "chat",
        "type": "apprise",
        "url_env": "CHAT_URL",
        "retry_base_seconds": 0.05,
        "retry_max_seconds": 0.2,
        **extra,
    }


def json_target(server: LocalHTTPServer, path: str) -> str:
    return server.url(path).replace("http://", "json://", 1)


def settle(engine: Engine, config: Config, environ: dict[str, str], seconds: float = 30) -> DeliveryReport:
    total = DeliveryReport()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        total.add(deliver_due(engine, config, worker_id="test", settings=SETTINGS, environ=environ))
        if all(row["status"] in ("sent", "failed") for row in all_deliveries(engine)):
            return total
        time.sleep(0.05)
    raise AssertionError(f"deliveries did not settle: {all_deliveries(engine)}")


def test_each_alert_arrives_once_with_a_title_that_says_what_changed(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.route("/chat", Reply(status=200, body=b"ok"))
    config = config_with(tmp_path, apprise_channel())
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = settle(sqlite_engine, config, {"CHAT_URL": json_target(http_server, "/chat")})
    assert report.sent == 3 and report.failed == 0
    bodies = [json.loads(request.body) for request in http_server.requests_to("/chat")]
    assert sorted(body["title"] for body in bodies) == [
        "Contradiction: nk-troops-to-russia 10,000 (zelensky) vs 12,000 (nis)",
        "New figure: nk-troops-to-russia 10,000 (zelensky)",
        "New figure: nk-troops-to-russia 12,000 (nis)",
    ]
    assert any('"NIS: 12,000 <b>troops</b> & more"' in body["message"] for body in bodies)
    assert {(row["status"], row["attempts"]) for row in all_deliveries(sqlite_engine)} == {("sent", 1)}


def test_a_digest_channel_sends_one_message(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.route("/chat", Reply(status=200))
    config = config_with(tmp_path, apprise_channel(digest_minutes=1))
    raise_some(sqlite_engine, config, datetime(2020, 1, 1, tzinfo=UTC))  # the slot is long over
    report = settle(sqlite_engine, config, {"CHAT_URL": json_target(http_server, "/chat")})
    assert report.sent == 3
    (only,) = [json.loads(request.body) for request in http_server.requests_to("/chat")]
    assert only["title"] == "3 alerts (contradiction, new figure)"


def test_server_errors_are_retried_until_accepted(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    seen: dict[str, int] = {}

    def flaky(request: RecordedRequest) -> Reply:
        title = json.loads(request.body)["title"]
        seen[title] = seen.get(title, 0) + 1
        return Reply(status=503 if seen[title] < 3 else 200)

    http_server.route("/chat", flaky)
    config = config_with(tmp_path, apprise_channel())
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = settle(sqlite_engine, config, {"CHAT_URL": json_target(http_server, "/chat")})
    assert report.sent == 3 and report.retried == 6
    assert set(seen.values()) == {3}
    assert {(row["status"], row["attempts"]) for row in all_deliveries(sqlite_engine)} == {("sent", 3)}


def test_client_errors_fail_at_once_and_name_the_reason(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.route("/chat", Reply(status=400, body=b"bad"))
    config = config_with(tmp_path, apprise_channel())
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = settle(sqlite_engine, config, {"CHAT_URL": json_target(http_server, "/chat")})
    assert report.failed == 3 and report.retried == 0 and http_server.hits("/chat") == 3
    rows = all_deliveries(sqlite_engine)
    assert all(row["attempts"] == 1 and "400" in row["last_error"] for row in rows)


def test_gives_up_after_max_attempts(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    http_server.route("/chat", Reply(status=500))
    config = config_with(tmp_path, apprise_channel(max_attempts=2))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    settle(sqlite_engine, config, {"CHAT_URL": json_target(http_server, "/chat")})
    assert http_server.hits("/chat") == 6
    assert {(row["status"], row["attempts"]) for row in all_deliveries(sqlite_engine)} == {("failed", 2)}


def test_an_unset_or_unreadable_url_is_permanent_and_never_echoed(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    config = config_with(tmp_path, apprise_channel())
    raise_some(sqlite_engine, config, datetime.now(UTC))
    settle(sqlite_engine, config, {})
    assert {row["status"] for row in all_deliveries(sqlite_engine)} == {"failed"}
    assert "CHAT_URL (or CHAT_URL_FILE) is not set" in all_deliveries(sqlite_engine)[0]["last_error"]


def test_a_url_apprise_cannot_read_is_permanent_and_not_shown(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    config = config_with(tmp_path, apprise_channel())
    raise_some(sqlite_engine, config, datetime.now(UTC))
    settle(sqlite_engine, config, {"CHAT_URL": "nosuchservice://tok3n-s3cret@x"})
    rows = all_deliveries(sqlite_engine)
    assert {(row["status"], row["attempts"]) for row in rows} == {("failed", 1)}
    assert "not one Apprise understands" in rows[0]["last_error"]
    assert "tok3n-s3cret" not in rows[0]["last_error"]


def test_classify_sorts_client_errors_from_passing_ones() -> None:
    assert classify("Failed to send JSON notification: Bad Request, error=400.")
    assert not classify("Failed to send JSON notification: Service Unavailable, error=503.")
    assert not classify("Too Many Requests, error=429.")
    assert not classify("A Connection error occurred sending JSON notification.")
