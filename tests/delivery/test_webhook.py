"""Signed webhooks to a real HTTP receiver on 127.0.0.1, verified with the standardwebhooks package."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from standardwebhooks import Webhook

from monitor.config import Settings
from monitor.delivery.outbox_driver import DeliveryReport, deliver_due
from monitor.delivery.webhook import decode_secret, sign, signed_headers
from tests.alerting.factory import all_alerts, all_deliveries
from tests.delivery.alerts import SECRET, SETTINGS, config_with, raise_some, webhook_channel
from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply, dripping

ENV = {"HOOK_SECRET": SECRET}


def test_signature_verifies_with_the_reference_implementation() -> None:
    body = json.dumps({"data": {"value": 12000, "text": "ä & <b>"}}, ensure_ascii=False).encode()
    timestamp = int(time.time())
    headers = signed_headers(decode_secret(SECRET), "msg_abc", timestamp, body)
    assert Webhook(SECRET).verify(body, headers) == {"data": {"value": 12000, "text": "ä & <b>"}}
    assert headers["webhook-signature"].startswith("v1,")
    tampered = dict(
        headers, **{"webhook-signature": sign(decode_secret(SECRET), "msg_other", timestamp, body)}
    )
    try:
        Webhook(SECRET).verify(body, tampered)
    except Exception as exc:  # noqa: BLE001 - the package's own error type
        assert "signature" in str(exc).lower()
    else:
        raise AssertionError("a signature for another message id must not verify")


def run_until_settled(
    engine: Engine, config, *, settings: Settings = SETTINGS, seconds: float = 20
) -> DeliveryReport:
    total = DeliveryReport()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        total.add(deliver_due(engine, config, worker_id="test", settings=settings, environ=ENV))
        if all(row["status"] in ("sent", "failed") for row in all_deliveries(engine)):
            return total
        time.sleep(0.05)
    raise AssertionError(f"deliveries did not settle: {all_deliveries(engine)}")


class FlakyReceiver:
    """Fails each message's first attempts with 500, 429 (Retry-After: 1), a timeout; then accepts."""

    def __init__(self, server: LocalHTTPServer) -> None:
        self.attempts: Counter[str] = Counter()
        self.accepted: Counter[str] = Counter()
        self.times: defaultdict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.url = server.route("/hook", self)

    def __call__(self, request: RecordedRequest) -> Reply:
        message_id = request.header("webhook-id") or "?"
        with self.lock:
            self.attempts[message_id] += 1
            attempt = self.attempts[message_id]
            self.times[message_id].append(time.monotonic())
        if attempt == 1:
            return Reply(status=500, body=b"oops")
        if attempt == 2:
            return Reply(status=429, headers={"Retry-After": "1"}, body=b"slow down")
        if attempt == 3:
            return Reply(status=500, delay=1.0)  # longer than the channel timeout
        Webhook(SECRET).verify(request.body, request.headers)  # a bad signature -> 599 from the server
        with self.lock:
            self.accepted[message_id] += 1
        return Reply(status=204, body=b"")


def test_retries_until_accepted_exactly_once_with_one_message_id(
    db_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    receiver = FlakyReceiver(http_server)
    config = config_with(tmp_path, webhook_channel(receiver.url, timeout_seconds=0.4))
    alert_ids = raise_some(db_engine, config, datetime.now(UTC))
    report = run_until_settled(db_engine, config)
    rows = all_deliveries(db_engine)
    assert len(rows) == len(alert_ids) == 3
    assert report.sent == 3 and report.failed == 0 and report.retried == 9
    assert {row["status"] for row in rows} == {"sent"} and {row["attempts"] for row in rows} == {4}
    # every attempt of a delivery carried its message id; each was accepted exactly once
    assert set(receiver.attempts) == {row["message_id"] for row in rows}
    assert all(count == 4 for count in receiver.attempts.values())
    assert all(count == 1 for count in receiver.accepted.values()) and len(receiver.accepted) == 3
    for times in receiver.times.values():
        assert times[2] - times[1] >= 0.9  # Retry-After: 1 was honoured
    # the accepted bodies are the alerts, as the signed JSON envelope
    bodies = [json.loads(r.body) for r in http_server.requests_to("/hook")]
    kinds = {(b["type"], b["data"]["value"]) for b in bodies}
    assert kinds == {("alert.new_figure", 12000), ("alert.new_figure", 10000), ("alert.contradiction", 10000)}
    assert {b["data"]["id"] for b in bodies} == {a["id"] for a in all_alerts(db_engine)}


def test_client_errors_are_not_retried(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/hook", Reply(status=400, body=b"bad"))
    config = config_with(tmp_path, webhook_channel(url))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = run_until_settled(sqlite_engine, config)
    assert report.failed == 3 and report.retried == 0
    assert http_server.hits("/hook") == 3
    assert all(
        "HTTP 400" in row["last_error"] and row["attempts"] == 1 for row in all_deliveries(sqlite_engine)
    )


def test_gives_up_after_max_attempts(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/hook", Reply(status=503, body=b"down"))
    config = config_with(tmp_path, webhook_channel(url, max_attempts=3))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    run_until_settled(sqlite_engine, config)
    assert http_server.hits("/hook") == 9
    assert {(row["status"], row["attempts"]) for row in all_deliveries(sqlite_engine)} == {("failed", 3)}


def test_private_addresses_are_refused_unless_allowed(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/hook", Reply(status=204))
    config = config_with(tmp_path, webhook_channel(url))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = run_until_settled(sqlite_engine, config, settings=Settings())
    assert report.failed == 3 and http_server.hits("/hook") == 0
    assert all("private" in row["last_error"] for row in all_deliveries(sqlite_engine))


def test_missing_secret_is_a_permanent_failure(sqlite_engine: Engine, tmp_path: Path, http_server) -> None:
    url = http_server.route("/hook", Reply(status=204))
    config = config_with(tmp_path, webhook_channel(url, secret_env="NOT_SET_ANYWHERE"))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    report = run_until_settled(sqlite_engine, config)
    assert report.failed == 3 and http_server.hits("/hook") == 0
    assert "NOT_SET_ANYWHERE" in all_deliveries(sqlite_engine)[0]["last_error"]


def test_a_receiver_that_answers_byte_by_byte_is_cut_off_at_the_deadline(
    sqlite_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    # 200 bytes, one every 0.05 s: each read is quick, the whole answer takes 10 s
    url = http_server.route("/hook", dripping(b"x", pieces=200, every=0.05, content_type="text/plain"))
    config = config_with(tmp_path, webhook_channel(url, timeout_seconds=1.0, max_attempts=1))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    started = time.monotonic()
    report = deliver_due(
        sqlite_engine, config, worker_id="t", settings=SETTINGS, environ={"HOOK_SECRET": SECRET}
    )
    elapsed = time.monotonic() - started
    assert report.failed == 3
    assert elapsed < 3 * 2.5  # three deliveries, each cut off after about a second
    assert all("timeout" in row["last_error"] for row in all_deliveries(sqlite_engine))
