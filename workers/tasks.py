"""The tasks: ids in, one pipeline call, fan-out after the pipeline's transaction committed.

Every task is safe to run twice (late acks redeliver after a crash): the
pipeline claims its rows with unique keys and conditional updates. Transient
infrastructure errors (database or Redis unreachable) retry with exponential
backoff; a task that finds its host's politeness budget spent schedules
itself again with a countdown instead of blocking the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import redis
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from monitor.clock import utcnow
from monitor.delivery.outbox_driver import deliver_due as deliver
from monitor.drivers.backfill import run_backfill
from monitor.pipeline import poll as polling
from monitor.pipeline import process as processing
from monitor.pipeline.process import ProcessOutcome, needs_page
from monitor.pipeline.services import MAX_ATTEMPTS, worker_name
from monitor.retry import backoff
from monitor.store import articles as article_rows
from monitor.store import feeds as feed_rows
from monitor.store.db import reading
from workers.app import app, settings, task
from workers.dispatch import dispatch
from workers.logs import log_context
from workers.politeness import Grant, host_of
from workers.runtime import Runtime, get_runtime

log = logging.getLogger("workers.tasks")

TRANSIENT = (OperationalError, InterfaceError, PoolTimeoutError, redis.ConnectionError, redis.TimeoutError)
RETRYING: dict[str, Any] = {
    "bind": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": int(settings.max_retry_delay),
    "retry_jitter": True,
    "max_retries": 12,
}
# runs of one article that never came back (the process died) before it is given up
MAX_VANISHED_RUNS = 3
# a backfill chunk may run long, but must end well before Redis would hand its message to another worker
BACKFILL_TIME_LIMIT = max(settings.time_limit, min(2100.0, settings.visibility_timeout * 0.6))
BACKFILL_SOFT_TIME_LIMIT = BACKFILL_TIME_LIMIT - min(60.0, BACKFILL_TIME_LIMIT * 0.1)


@task(name="monitor.dispatch", bind=True)
def dispatch_due(self: Task) -> dict[str, int]:
    rt = get_runtime()
    report = dispatch(
        rt.services,
        rt.markers,
        CeleryEnqueue(rt),
        requeue_after=rt.settings.requeue_after,
        sync=not rt.feeds_synced,
    )
    rt.feeds_synced = rt.feeds_synced or report.synced
    rt.redis.set(rt.settings.key("dispatch", "last"), utcnow().isoformat())
    if report.feeds_queued or report.articles_requeued or report.deliveries_swept:
        log.info("dispatch: %s", report.describe())
    return {"feeds": len(report.feeds_queued), "requeued": len(report.articles_requeued)}


@task(name="monitor.poll", **RETRYING)
def poll_feed(self: Task, feed_id: str) -> str:
    rt = get_runtime()
    with log_context(feed=feed_id):
        url = feed_url(rt, feed_id)
        if url is None or not feed_is_due(rt, feed_id):
            return "skipped"  # removed from feeds.yaml, or a duplicate message of a poll already done
        grant = rt.limiter.try_acquire(host_of(url))
        if not grant.granted:
            return defer(self, grant)
        try:
            outcome = polling.poll(rt.services, feed_id)
        finally:
            rt.limiter.release(grant)
        rt.markers.clear("feed", feed_id)
        enqueue_process(rt, outcome.new_article_ids)
        return outcome.status


@task(name="monitor.process", **RETRYING)
def process_article(self: Task, article_id: int) -> str:
    rt = get_runtime()
    with log_context(article=article_id):
        article = read_article(rt, article_id)
        if article is None:
            return "missing"  # deleted
        if article.status != "pending":
            return article.status  # processed or failed already (a duplicate message)
        grant = rt.limiter.try_acquire(host_of(article.url) if needs_page(article) else None)
        if not grant.granted:
            return defer(self, grant)
        try:
            outcome = run_guarded(rt, article)
        finally:
            rt.limiter.release(grant)
        if outcome.alert_ids:
            enqueue_deliver(rt)
        if outcome.status == "retry":
            return retry_later(self, rt, article_id)
        return outcome.status


@task(name="monitor.deliver_due", **RETRYING)
def deliver_due(self: Task, limit: int = 100) -> dict[str, int]:
    rt = get_runtime()
    rt.markers.clear("deliver", "due")  # alerts raised from now on queue another run
    report = deliver(
        rt.services.engine,
        rt.services.config,
        worker_id=worker_name(),
        limit=limit,
        settings=rt.services.settings,
    )
    if report.claimed >= limit:
        enqueue_deliver(rt)  # more may be due: continue in a fresh task
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed}


@task(
    name="monitor.backfill",
    soft_time_limit=BACKFILL_SOFT_TIME_LIMIT,
    time_limit=BACKFILL_TIME_LIMIT,
    **RETRYING,
)
def backfill(
    self: Task, source: str, since: str | None = None, until: str | None = None, deliver: bool = False
) -> str:
    rt = get_runtime()
    with log_context(backfill=source):
        summary = run_backfill(
            rt.services,
            source,
            since=_date(since),
            until=_date(until),
            deliver=deliver,
            process=lambda article_id: enqueue_process(rt, [article_id], queue="backfill"),
            stop_after=rt.settings.backfill_chunk,
        )
        if summary.status == "interrupted":  # a chunk is done: the next task resumes at the checkpoint
            self.apply_async(args=(source, since, until, deliver))
        return summary.status


# ---------------------------------------------------------------- helpers the tasks share


class CeleryEnqueue:
    """The dispatcher's port onto the queues."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    def poll(self, feed_id: str) -> None:
        poll_feed.apply_async((feed_id,), expires=self._rt.settings.requeue_after)

    def process(self, article_ids: Sequence[int]) -> None:
        _publish_process(article_ids, "process")

    def deliver(self) -> None:
        deliver_due.apply_async()


def enqueue_process(rt: Runtime, article_ids: Sequence[int], queue: str = "process") -> None:
    """Queue new articles (one message each), flagged as queued so the dispatcher leaves them be."""
    if article_ids:
        rt.markers.mark_many("article", article_ids, rt.settings.requeue_after)
        _publish_process(article_ids, queue)


def _publish_process(article_ids: Sequence[int], queue: str) -> None:
    with app.producer_or_acquire() as producer:
        for article_id in article_ids:
            process_article.apply_async((article_id,), queue=queue, producer=producer)


def enqueue_deliver(rt: Runtime) -> None:
    if rt.markers.claim("deliver", "due", rt.settings.requeue_after):
        deliver_due.apply_async()


def defer(task: Task, grant: Grant) -> str:
    """The host's budget is spent: the same task again later, on the same queue (the worker moves on)."""
    queue = (task.request.delivery_info or {}).get("routing_key")
    task.apply_async(
        args=task.request.args, kwargs=task.request.kwargs, countdown=grant.countdown(), queue=queue
    )
    log.debug("%s busy: deferred %.1fs", grant.host, grant.wait)
    return "deferred"


def retry_later(task: Task, rt: Runtime, article_id: int) -> str:
    """A transient failure (the row is still pending, its attempt counted): try again with backoff."""
    retries = int(task.request.retries or 0)
    if retries >= MAX_ATTEMPTS:
        return "retry"  # the dispatcher queues it again if it is still pending later
    countdown = backoff(retries, base=30.0, cap=rt.settings.max_retry_delay, jitter=0.5)
    rt.markers.mark_many("article", [article_id], countdown + rt.settings.requeue_after)
    raise task.retry(countdown=countdown, max_retries=MAX_ATTEMPTS)


def run_guarded(rt: Runtime, article: article_rows.ArticleRow) -> ProcessOutcome:
    """``process_article``, with the two ways a run can end without returning handled."""
    article_id = article.id
    runs = rt.crashes.enter(article_id)
    try:
        if runs > MAX_VANISHED_RUNS:
            error = f"given up: {runs - 1} earlier runs never finished (hard time limit or crash)"
            _record_failure(rt, article_id, error, permanent=True)
            return ProcessOutcome(article_id, "failed", error=error)
        return processing.process_row(rt.services, article)
    except SoftTimeLimitExceeded:
        error = f"time limit: processing took over {rt.settings.soft_time_limit:g}s"
        _record_failure(rt, article_id, error, permanent=False)
        return ProcessOutcome(article_id, "retry", error=error)
    finally:
        rt.crashes.leave(article_id)


def _record_failure(rt: Runtime, article_id: int, error: str, *, permanent: bool) -> None:
    log.warning("article %d: %s", article_id, error)
    with rt.services.engine.begin() as conn:
        article_rows.mark_failed(
            conn, article_id, error=error, permanent=permanent, max_attempts=MAX_ATTEMPTS
        )


def read_article(rt: Runtime, article_id: int) -> article_rows.ArticleRow | None:
    """The article's row, read once per task: it decides on the politeness slot and is
    what processing works on. Reading the whole row costs nothing extra when the task is
    deferred: only a row without a stored page needs a slot, and then there is no page."""
    with reading(rt.services.engine) as conn:
        return article_rows.get_article(conn, article_id)


def feed_url(rt: Runtime, feed_id: str) -> str | None:
    config = rt.services.config
    try:
        return config.resolve_feed_url(config.feed(feed_id))
    except KeyError:
        return None


def feed_is_due(rt: Runtime, feed_id: str) -> bool:
    with reading(rt.services.engine) as conn:
        row = feed_rows.get_feed(conn, feed_id)
    return row is not None and row.active and row.next_poll_at <= utcnow()


def _date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
