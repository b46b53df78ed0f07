"""The outbox on SQLite and PostgreSQL: exclusive claims, leases, the sweeper, racing runners."""

from __future__ import annotations

import os
import random
import select as io_select
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from monitor.config.channels import WebhookChannelSpec
from monitor.delivery.outbox_driver import deliver_due, deliver_one, retry_delay, sweep_stale
from monitor.store import outbox
from tests.alerting.factory import F, all_deliveries, process
from tests.delivery.alerts import SECRET, SETTINGS, config_with, raise_some, webhook_channel
from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply

ENV = {"HOOK_SECRET": SECRET}
ROOT = Path(__file__).resolve().parents[2]


def counting_receiver(server: LocalHTTPServer, delay: float = 0.0) -> tuple[str, Counter[str]]:
    seen: Counter[str] = Counter()
    lock = threading.Lock()

    def route(request: RecordedRequest) -> Reply:
        with lock:
            seen[request.header("webhook-id") or "?"] += 1
        return Reply(status=204, delay=delay)

    return server.route("/hook", route), seen


def test_a_claim_is_exclusive_and_only_its_holder_records(db_engine: Engine, tmp_path: Path) -> None:
    config = config_with(tmp_path, webhook_channel("http://127.0.0.1:9/hook"))
    now = datetime.now(UTC)
    raise_some(db_engine, config, now)
    delivery_id = all_deliveries(db_engine)[0]["id"]
    lease = timedelta(minutes=1)
    with db_engine.begin() as conn:
        assert outbox.claim(conn, delivery_id, "a", now, lease)
    with db_engine.begin() as conn:
        assert not outbox.claim(conn, delivery_id, "b", now, lease)
        assert not outbox.record_sent(conn, delivery_id, "b", now)
        assert outbox.sweep(conn, now) == 0  # the lease is still running
    with db_engine.begin() as conn:
        assert outbox.sweep(conn, now + timedelta(minutes=2)) == 1
        assert not outbox.record_sent(conn, delivery_id, "a", now)  # "a" lost its claim
        assert outbox.claim(conn, delivery_id, "b", now + timedelta(minutes=2), lease)
        assert outbox.record_sent(conn, delivery_id, "b", now + timedelta(minutes=2))
    row = next(r for r in all_deliveries(db_engine) if r["id"] == delivery_id)
    assert (row["status"], row["attempts"], row["claimed_by"]) == ("sent", 2, None)


def test_not_due_yet_is_not_claimed(db_engine: Engine, tmp_path: Path) -> None:
    config = config_with(tmp_path, webhook_channel("http://127.0.0.1:9/hook"))
    now = datetime.now(UTC)
    raise_some(db_engine, config, now)
    with db_engine.begin() as conn:
        assert outbox.due_ids(conn, now - timedelta(seconds=1)) == []
        assert len(outbox.due_ids(conn, now)) == 3


def test_racing_runners_send_each_delivery_once(
    db_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    url, seen = counting_receiver(http_server, delay=0.02)
    config = config_with(tmp_path, webhook_channel(url))
    for i in range(8):
        process(
            db_engine,
            config,
            f"https://x/{i}",
            f"2024-10-{i + 1:02d}",
            [F("nk-troops-to-russia", 1000.0 * (i + 1), source=f"source-{i}")],
        )
    total = len(all_deliveries(db_engine))
    assert total >= 8
    errors: list[BaseException] = []

    def runner(name: str) -> None:
        try:
            for _ in range(5):
                deliver_due(db_engine, config, worker_id=name, settings=SETTINGS, environ=ENV, limit=5)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=runner, args=(f"runner-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert {row["status"] for row in all_deliveries(db_engine)} == {"sent"}
    assert len(seen) == total and set(seen.values()) == {1}


def test_deliver_one_sends_a_delivery_once(db_engine: Engine, tmp_path: Path, http_server) -> None:
    url, seen = counting_receiver(http_server)
    config = config_with(tmp_path, webhook_channel(url))
    raise_some(db_engine, config, datetime.now(UTC))
    delivery_id = all_deliveries(db_engine)[0]["id"]
    first = deliver_one(db_engine, config, delivery_id, worker_id="celery-1", settings=SETTINGS, environ=ENV)
    second = deliver_one(db_engine, config, delivery_id, worker_id="celery-2", settings=SETTINGS, environ=ENV)
    assert (first.sent, second.claimed) == (1, 0)
    assert sum(seen.values()) == 1


def test_a_runner_killed_after_claiming_is_recovered_by_the_sweeper(
    db_engine: Engine, tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    url, seen = counting_receiver(http_server)
    config = config_with(tmp_path, webhook_channel(url))
    raise_some(db_engine, config, datetime.now(UTC))
    database_url = db_engine.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.delivery.claim_and_die", database_url, str(config.path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = io_select.select([child.stdout], [], [], 30)
        assert ready, "the child never claimed"
        assert child.stdout is not None and child.stdout.readline().strip() == "claimed 3"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    rows = all_deliveries(db_engine)
    assert {(r["status"], r["claimed_by"]) for r in rows} == {("sending", "doomed")}
    # while the lease runs, nobody else may take the rows
    assert deliver_due(db_engine, config, worker_id="rescuer", settings=SETTINGS, environ=ENV).claimed == 0
    assert sweep_stale(db_engine) == 0
    time.sleep(1.1)
    assert sweep_stale(db_engine) == 3
    report = deliver_due(db_engine, config, worker_id="rescuer", settings=SETTINGS, environ=ENV)
    assert report.sent == 3
    assert len(seen) == 3 and set(seen.values()) == {1}
    assert {(r["status"], r["attempts"]) for r in all_deliveries(db_engine)} == {("sent", 2)}


SPEC = WebhookChannelSpec(
    id="h", type="webhook", url="http://x", secret_env="S", retry_base_seconds=10, retry_max_seconds=100
)


@pytest.mark.parametrize(
    ("attempt", "low", "high"), [(1, 5, 10), (2, 10, 20), (3, 20, 40), (5, 50, 100), (9, 50, 100)]
)
def test_retry_delay_doubles_with_jitter_up_to_the_cap(attempt: int, low: float, high: float) -> None:
    rng = random.Random(7)
    delays = [retry_delay(attempt, SPEC, rng=rng) for _ in range(200)]
    assert all(low <= d <= high for d in delays)
    assert max(delays) - min(delays) > (high - low) / 2  # jitter spreads them


def test_retry_after_replaces_the_backoff() -> None:
    assert retry_delay(1, SPEC, retry_after=1.0) == 1.0
    assert retry_delay(6, SPEC, retry_after=0.0) == 0.0
    assert retry_delay(1, SPEC, retry_after=10**9) == 24 * 3600
