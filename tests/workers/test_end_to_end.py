"""Real Celery worker processes on Redis and PostgreSQL: from a feed on 127.0.0.1 to a signed webhook."""

from __future__ import annotations

import json
import subprocess
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook

from monitor.config import Settings, load_config
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.services import Services
from monitor.store.schema import deliveries
from tests.workers.conftest import RedisSpace
from tests.workers.harness import (
    HOOK_SECRET,
    MONITOR,
    World,
    cluster,
    cluster_env,
    ledger,
    processed_count,
    wait_until,
    world_of,
    write_config,
)
from workers.app import create_app
from workers.settings import WorkerSettings

pytestmark = pytest.mark.services


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with world_of(tmp_path) as made:
        yield made


def test_feed_to_signed_webhook(world: World, redis_space: RedisSpace) -> None:
    feed_url = world.site.add_feed("nachrichten", 3)
    config = write_config(
        world.tmp / "feeds.yaml",
        [{"id": "nachrichten", "url": feed_url, "language": "de", "poll_interval": "10m"}],
        hook_url=world.server.url("/hook"),
    )
    env = cluster_env(
        broker_url=redis_space.url, prefix=redis_space.prefix, database_url=world.database_url, config=config
    )
    with cluster(env, world.tmp) as running:
        worker = running.worker("w1")
        running.beat()
        wait_until(lambda: processed_count(world.engine) == 3, 60, "3 articles processed")
        wait_until(lambda: ledger(world.engine).delivery_status.get("sent", 0) >= 1, 30, "a delivery sent")

    hooks = world.server.requests_to("/hook")
    assert hooks, "no webhook arrived"
    verifier = Webhook(HOOK_SECRET)
    with world.engine.connect() as conn:
        sent_ids = set(conn.scalars(select(deliveries.c.message_id).where(deliveries.c.status == "sent")))
    for request in hooks:
        payload = verifier.verify(request.body, request.headers)  # raises on a bad signature
        assert request.header("webhook-id") in sent_ids
        assert "nk-troops-to-russia" in json.dumps(payload)
    # every page fetched once, the feed polled once (it is not due again for 10 minutes)
    assert world.server.hits("/nachrichten.xml") == 1
    assert all(world.server.hits(f"/nachrichten/a{i}.html") == 1 for i in range(3))
    # log lines say which task and which article they belong to
    log = worker.log()
    assert "task=monitor.process[" in log and "article=" in log
    assert "task=monitor.poll[" in log and "feed=nachrichten" in log


def test_two_workers_never_poll_one_feed_at_once(world: World, redis_space: RedisSpace) -> None:
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    lock = threading.Lock()

    def record(feed_id: str, began: float, ended: float) -> None:
        with lock:
            spans[feed_id].append((began, ended))

    feed_ids = [f"feed-{i}" for i in range(4)]
    specs = [
        {
            "id": f,
            "url": world.site.add_feed(f, 1, feed_delay=0.6, on_poll=record),
            "language": "de",
            "poll_interval": "10m",
            "fetch_page": False,
        }
        for f in feed_ids
    ]
    config = write_config(world.tmp / "feeds.yaml", specs, hook_url=None)
    env = cluster_env(
        broker_url=redis_space.url, prefix=redis_space.prefix, database_url=world.database_url, config=config
    )
    services = Services.create(load_config(config), Settings(), engine=world.engine)
    sync_feeds(services)
    sender = create_app(WorkerSettings(broker_url=redis_space.url, key_prefix=redis_space.prefix))
    with cluster(env, world.tmp) as running:
        workers = [running.worker(name, queues="poll,process", concurrency=2) for name in ("w1", "w2")]
        # every feed asked for four times in a row: the four processes take the same feed together
        for feed_id in feed_ids:
            for _ in range(4):
                sender.send_task("monitor.poll", args=[feed_id], queue="poll")
        wait_until(lambda: all(spans.get(f) for f in feed_ids), 30, "every feed polled")
        wait_until(
            lambda: processed_count(world.engine) == len(feed_ids), 30, "the feeds' articles processed"
        )
    sender.close()
    for feed_id in feed_ids:
        ordered = sorted(spans[feed_id])
        for (_, first_end), (second_start, _) in zip(ordered, ordered[1:], strict=False):
            assert second_start >= first_end, f"{feed_id} polled by two workers at once: {ordered}"
    assert sum(len(s) for s in spans.values()) < 4 * len(feed_ids)  # the duplicates were turned away
    assert any(": 'locked'" in w.log() for w in workers)  # ... some by the lock of a poll in progress


def test_backfill_runs_on_the_backfill_queue(world: World, redis_space: RedisSpace) -> None:
    """`monitor queue-backfill` hands a manifest folder to the workers; chunks resume at the checkpoint."""
    archive = world.tmp / "archive"
    archive.mkdir()
    lines = []
    for i in range(5):
        (archive / f"a{i}.txt").write_text(
            f"Nach Angaben aus Seoul hat Nordkorea weitere {2000 + i * 500} Soldaten nach Russland entsandt. "
            "Die Truppen sollen in der Region Kursk eingesetzt werden.",
            encoding="utf-8",
        )
        lines.append(
            json.dumps(
                {
                    "file": f"a{i}.txt",
                    "url": f"https://archive.example/{i}",
                    "published": f"2024-10-{10 + i}",
                    "language": "de",
                    "outlet": "Archiv",
                }
            )
        )
    (archive / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config(world.tmp / "feeds.yaml", [], hook_url=world.server.url("/hook"))
    env = cluster_env(
        broker_url=redis_space.url, prefix=redis_space.prefix, database_url=world.database_url, config=config
    )
    env["MONITOR_BACKFILL_CHUNK"] = "2"  # five entries: three backfill tasks, each resuming the last
    with cluster(env, world.tmp) as running:
        worker = running.worker("historian", queues="backfill", concurrency=1)
        queued = subprocess.run(
            [MONITOR, "queue-backfill", str(archive), "--since", "2024-10-01"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert queued.returncode == 0, queued.stderr
        wait_until(lambda: processed_count(world.engine) == 5, 60, "the archive processed")
    book = ledger(world.engine)
    assert book.articles == 5 and book.alerts >= 1
    assert book.deliveries == 0  # a backfill's alerts are historical: stored, not sent
    assert not world.server.requests_to("/hook")
    assert worker.log().count("Task monitor.backfill[") >= 3 * 2  # received + succeeded, per chunk


def test_per_host_limit_holds_across_worker_processes(world: World, redis_space: RedisSpace) -> None:
    """Four processes, one host allowing one request at a time: the others defer, nobody blocks."""
    world.site.page_delay = 0.4
    feed_url = world.site.add_feed("langsam", 6)
    config = write_config(
        world.tmp / "feeds.yaml",
        [{"id": "langsam", "url": feed_url, "language": "de", "poll_interval": "10m"}],
        hook_url=None,
        per_host_concurrency=1,
    )
    env = cluster_env(
        broker_url=redis_space.url, prefix=redis_space.prefix, database_url=world.database_url, config=config
    )
    with cluster(env, world.tmp) as running:
        workers = [running.worker(name, queues="poll,process", concurrency=2) for name in ("w1", "w2")]
        running.beat()
        wait_until(lambda: processed_count(world.engine) == 6, 60, "six articles processed")
    assert world.site.peak_in_flight == 1
    assert any(": 'deferred'" in w.log() for w in workers)
