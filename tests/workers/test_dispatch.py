"""The dispatcher without Celery: real database (SQLite, PostgreSQL), real Redis, a recording queue port."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from monitor.clock import utcnow
from monitor.config import Settings, parse_config
from monitor.models import FeedEntry
from monitor.pipeline.poll import ingest_entries
from monitor.pipeline.services import Services
from monitor.store import outbox
from monitor.store.schema import alerts, articles, claim_observations, feeds
from tests.support.db import engine_fixture
from tests.workers.conftest import RedisSpace
from workers.coordination import QueueMarkers
from workers.dispatch import dispatch

db_engine = engine_fixture()

CONFIG = """
feeds:
  - {id: alpha, url: "http://127.0.0.1:9/alpha.xml", poll_interval: 60}
  - {id: beta, url: "http://127.0.0.1:9/beta.xml", poll_interval: 60}
"""


class Recorder:
    def __init__(self) -> None:
        self.polls: list[str] = []
        self.processed: list[int] = []
        self.delivers = 0

    def poll(self, feed_id: str) -> None:
        self.polls.append(feed_id)

    def process(self, article_ids: Sequence[int]) -> None:
        self.processed.extend(article_ids)

    def deliver(self) -> None:
        self.delivers += 1


@pytest.fixture
def services(db_engine: Engine, tmp_path: Path) -> Iterator[Services]:
    path = tmp_path / "feeds.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    made = Services.create(parse_config(CONFIG, path), Settings(), engine=db_engine)
    yield made
    made.close()


def test_due_feeds_are_queued_once(services: Services, redis_space: RedisSpace) -> None:
    markers, queue = QueueMarkers(redis_space.client, redis_space.prefix), Recorder()
    first = dispatch(services, markers, queue, requeue_after=60, sync=True)
    assert first.synced
    assert sorted(first.feeds_queued) == ["alpha", "beta"] == sorted(queue.polls)
    dispatch(services, markers, queue, requeue_after=60)
    assert sorted(queue.polls) == ["alpha", "beta"]  # still queued: not queued again
    markers.clear("feed", "alpha")  # what the poll task does when it ran
    with services.engine.begin() as conn:  # ... and beta's poll moved it into the future
        conn.execute(
            update(feeds)
            .where(feeds.c.id == "beta")
            .values(next_poll_at=utcnow() + timedelta(minutes=1))
        )
    markers.clear("feed", "beta")
    dispatch(services, markers, queue, requeue_after=60)
    assert sorted(queue.polls) == ["alpha", "alpha", "beta"]


def test_lost_articles_are_queued_again_once(services: Services, redis_space: RedisSpace) -> None:
    markers, queue = QueueMarkers(redis_space.client, redis_space.prefix), Recorder()
    now = utcnow()
    old = ingest_entries(
        services,
        [FeedEntry(f"k{i}", f"https://example.org/{i}", text="x") for i in range(3)],
        origin="test",
        historical=False,
        now=now - timedelta(minutes=10),
    )
    fresh = ingest_entries(
        services,
        [FeedEntry("new", "https://example.org/new", text="x")],
        origin="test",
        historical=False,
        now=now,
    )
    markers.mark_many("article", old[:1], 60)  # this one is known to be in a queue
    report = dispatch(services, markers, queue, requeue_after=300, now=now)
    assert report.articles_requeued == old[1:] == queue.processed  # fresh ones are left alone
    assert fresh[0] not in queue.processed
    dispatch(services, markers, queue, requeue_after=300, now=now)
    assert queue.processed == old[1:]  # flagged as queued now: not twice


def test_deliveries_of_a_dead_sender_are_swept_and_delivery_queued(
    services: Services, redis_space: RedisSpace
) -> None:
    markers, queue = QueueMarkers(redis_space.client, redis_space.prefix), Recorder()
    now = utcnow()
    (article_id,) = ingest_entries(
        services,
        [FeedEntry("a", "https://example.org/a", text="x")],
        origin="test",
        historical=False,
        now=now,
    )
    with services.engine.begin() as conn:
        observation_id = conn.execute(
            claim_observations.insert().values(
                article_id=article_id, claim_id="c", observation_key="k", published=now
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        alert_id = conn.execute(
            alerts.insert().values(
                dedupe_key="d",
                kind="new_figure",
                claim_id="c",
                observation_id=observation_id,
                article_id=article_id,
                published=now,
                created_at=now,
                sources=[],
                details={},
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        outbox.insert_deliveries(conn, alert_id, [outbox.NewDelivery("hook", "msg_1", now)], now)
        (delivery_id,) = outbox.due_ids(conn, now)
        assert outbox.claim(conn, delivery_id, "dead-worker", now, timedelta(seconds=30))
        conn.execute(update(articles).values(status="processed"))
    assert dispatch(services, markers, queue, requeue_after=60, now=now).deliveries_swept == 0  # lease alive
    report = dispatch(services, markers, queue, requeue_after=60, now=now + timedelta(seconds=31))
    assert report.deliveries_swept == 1
    with services.engine.connect() as conn:
        assert outbox.due_ids(conn, now + timedelta(seconds=31)) == [delivery_id]
    assert queue.delivers == 1  # one deliver_due waiting is enough, however many passes run
