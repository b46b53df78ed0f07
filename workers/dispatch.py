"""What beat runs every few seconds: find the work the database says is due and queue it.

The schedule lives in the database (``feeds.next_poll_at``), not in beat: ten
thousand feeds need one beat entry, this one. Each pass

1. queues every feed that is due and not queued yet (a marker per feed),
2. queues again the pending articles nobody has queued for a while: after a
   Redis restart the queue is gone but the rows are not (the database is the
   source of truth),
3. hands deliveries whose worker died mid-send back to the outbox, and
4. queues one ``deliver_due`` (retries come due on their own clock).

It is a plain function over the pipeline, the markers and an :class:`Enqueue`
port, so it runs (and is tested) without Celery.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.exc import IntegrityError

from monitor.clock import utcnow
from monitor.delivery.outbox_driver import sweep_stale
from monitor.pipeline.alerts import judge_held
from monitor.pipeline.poll import due_feeds, sync_feeds
from monitor.pipeline.services import Services
from monitor.store import articles as article_rows
from workers.coordination import QueueMarkers

log = logging.getLogger("workers.dispatch")


class Enqueue(Protocol):
    def poll(self, feed_id: str) -> None: ...

    def process(self, article_ids: Sequence[int]) -> None: ...

    def deliver(self) -> None: ...


@dataclass
class DispatchReport:
    feeds_queued: list[str] = field(default_factory=list)
    articles_requeued: list[int] = field(default_factory=list)
    deliveries_swept: int = 0
    alerts_released: int = 0
    deliver_queued: bool = False
    synced: bool = False

    def describe(self) -> str:
        return (
            f"{len(self.feeds_queued)} feeds queued, "
            f"{len(self.articles_requeued)} lost articles queued again, "
            f"{self.deliveries_swept} stale deliveries swept"
        )


def sync_feeds_once(services: Services, now: datetime) -> bool:
    """Make the feeds table match feeds.yaml; False when another dispatcher raced us (next pass retries)."""
    try:
        sync_feeds(services, now)
    except IntegrityError:
        log.info("feeds table changed under us while syncing; trying again next pass")
        return False
    return True


def dispatch(
    services: Services,
    markers: QueueMarkers,
    enqueue: Enqueue,
    *,
    requeue_after: float,
    now: datetime | None = None,
    sync: bool = False,
    feed_limit: int = 1000,
) -> DispatchReport:
    """One pass; ``sync`` first makes the feeds table match feeds.yaml (once per process)."""
    now = now or utcnow()
    report = DispatchReport()
    if sync:
        report.synced = sync_feeds_once(services, now)

    due = due_feeds(services, now, limit=feed_limit)
    for feed_id in markers.claim_many("feed", due, requeue_after):
        enqueue.poll(str(feed_id))
        report.feeds_queued.append(str(feed_id))

    with services.engine.connect() as conn:
        stale = article_rows.stale_pending_ids(conn, now - timedelta(seconds=requeue_after))
    lost = [int(str(i)) for i in markers.claim_many("article", stale, requeue_after)]
    if lost:
        enqueue.process(lost)
        report.articles_requeued = lost
        log.warning(
            "%d pending articles were in no queue (lost with a broker restart?): queued again", len(lost)
        )

    # observations held back for an article that failed or was lost meanwhile
    report.alerts_released = len(
        judge_held(services.engine, services.config, hold_seconds=services.settings.judge_hold_seconds)
    )
    report.deliveries_swept = sweep_deliveries(services, now)
    # one deliver_due waiting in the queue is enough; the task clears the marker when it starts
    if markers.claim("deliver", "due", requeue_after):
        enqueue.deliver()
        report.deliver_queued = True
    return report


def sweep_deliveries(services: Services, now: datetime) -> int:
    return sweep_stale(services.engine, now)
