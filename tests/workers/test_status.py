"""`python -m workers.status` / `monitor queues`: what operators and the beat healthcheck read."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from monitor.clock import utcnow
from monitor.store.db import make_engine, upgrade
from tests.support.services import fresh_postgres_database
from tests.workers.conftest import RedisSpace
from workers import status
from workers.app import create_app
from workers.settings import WorkerSettings

pytestmark = pytest.mark.services


@pytest.fixture
def database_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        engine: Engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, redis_space: RedisSpace, database_url: str) -> RedisSpace:
    monkeypatch.setenv("MONITOR_BROKER_URL", redis_space.url)
    monkeypatch.setenv("MONITOR_REDIS_PREFIX", redis_space.prefix)
    monkeypatch.setenv("MONITOR_DATABASE_URL", database_url)
    return redis_space


def test_queue_lengths_count_what_celery_queued(env: RedisSpace, capsys: pytest.CaptureFixture[str]) -> None:
    sender = create_app(WorkerSettings(broker_url=env.url, key_prefix=env.prefix))
    for feed_id in ("a", "b"):
        sender.send_task("monitor.poll", args=[feed_id], queue="poll")
    sender.send_task("monitor.process", args=[1], queue="process", priority=9)  # kept in a priority list
    sender.close()
    assert status.main(["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["queues"] == {"poll": 2, "process": 1, "deliver": 0, "backfill": 0}
    assert report["articles"] == {} and report["failing_feeds"] == []


def test_healthcheck_fails_without_a_recent_dispatch(
    env: RedisSpace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status.main(["--max-dispatch-age", "60"]) == 1
    assert "dispatch: last pass never" in capsys.readouterr().out
    env.client.set(env.prefix + "dispatch:last", utcnow().isoformat())
    assert status.main(["--max-dispatch-age", "60"]) == 0
    assert "dispatch: last pass 0s ago" in capsys.readouterr().out


def test_a_long_feed_error_is_shortened_at_a_word_not_mid_word() -> None:
    error = "cannot resolve feeds.unreachable.invalid: " + " ".join(f"detail{i}" for i in range(60))
    report = status.Status(
        queues={"poll": 0},
        unacked=0,
        last_dispatch=None,
        dispatch_age_seconds=None,
        failing_feeds=[{"feed": "x", "errors": 3, "last_error": error, "next_poll_at": "2026-01-01T00:00"}],
    )
    line = next(line for line in status.render(report).splitlines() if line.startswith("  x:"))
    shown = line.split("2026-01-01T00:00: ", 1)[1]
    assert shown.endswith(" [...]")
    kept = shown.removesuffix(" [...]").split()
    assert kept == error.split()[: len(kept)]  # every word shown is whole
    assert len(shown) <= status.ERROR_WIDTH
