"""The embedded runner: the whole service in one process, no Redis, no PostgreSQL.

One loop: poll the feeds that are due (a few at a time, at most
``per_host_concurrency`` per host), process the new articles oldest first,
deliver the alerts that are due, then sleep until the next feed is due.
The Celery workers drive the same pipeline functions.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy.exc import OperationalError

from monitor.clock import utcnow
from monitor.delivery.outbox_driver import deliver_due, sweep_stale
from monitor.drivers.reload import ConfigWatcher
from monitor.http.deadline import cut_in_flight
from monitor.pipeline import poll as polling
from monitor.pipeline.alerts import judge_held
from monitor.pipeline.poll import PollOutcome, due_feeds, sync_feeds
from monitor.pipeline.process import ProcessOutcome, pending_articles, process_article
from monitor.pipeline.services import Services, worker_name
from monitor.retry import backoff
from monitor.store import feeds as feed_rows

log = logging.getLogger("monitor.drivers.embedded")

POLL_THREADS = 4
# due feeds asked for at a time; a pass polls page after page until none is due
DUE_PAGE = 1000
IDLE_SLEEP_MAX = 5.0
RETRY_BASE_SECONDS = 30.0
RETRY_MAX_SECONDS = 3600.0
DB_ERROR_PAUSE = 10.0
# how long in-flight requests may go on after a stop before they are cut
STOP_GRACE_SECONDS = 5.0


@dataclass
class PassReport:
    polls: list[PollOutcome] = field(default_factory=list)
    processed: list[ProcessOutcome] = field(default_factory=list)
    delivered: int = 0
    delivery_failures: int = 0


class HostLimiter:
    """At most ``limit`` concurrent requests per host inside this process."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._guard = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(self._limit)
        )

    def slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).hostname or "local"
        with self._guard:
            return self._semaphores[host]


class EmbeddedRunner:
    def __init__(self, services: Services, *, worker_id: str | None = None) -> None:
        self.services = services
        self.worker_id = worker_id or worker_name()
        self.limiter = HostLimiter(services.config.politeness.per_host_concurrency)
        self._stop = threading.Event()
        # articles that failed for a passing reason wait before their next attempt
        # (their attempts are counted in the database; the waiting is per process)
        self._retry_at: dict[int, float] = {}
        self._retries: dict[int, int] = {}
        # (sent, failed) by the deliveries made between articles during a pass
        self._delivered_in_pass = [0, 0]
        self.watcher = ConfigWatcher(services.config)

    def reload_config(self) -> None:
        """Ask for feeds.yaml to be read again before the next pass (SIGHUP)."""
        self.watcher.request()

    def _apply_new_config(self) -> None:
        config = self.watcher.check()
        if config is None:
            return
        old = self.services
        # same database and HTTP client; the claim engine is rebuilt from the new claims
        self.services = Services(config=config, settings=old.settings, engine=old.engine, _client=old._client)
        self.limiter = HostLimiter(config.politeness.per_host_concurrency)

    def stop(self, grace: float | None = None) -> None:
        """Stop after the current article; with ``grace``, cut requests still running after it.

        A fetch can hang on a hostile server up to its total deadline (a minute);
        a stop should not wait that long, so after the grace period every open
        connection is shut down (monitor.http.deadline) and the fetch fails.
        """
        self._stop.set()
        if grace is not None:
            timer = threading.Timer(grace, cut_in_flight)
            timer.daemon = True
            timer.start()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # one pass: poll, process, deliver
    def run_once(
        self,
        now: datetime | None = None,
        on_article: Callable[[ProcessOutcome], None] | None = None,
        *,
        keep_outcomes: bool = True,
    ) -> PassReport:
        report = PassReport()
        self._apply_new_config()
        self._delivered_in_pass = [0, 0]
        sync_feeds(self.services, now)
        report.polls = self.poll_due(now)
        if self._stop.is_set():
            return report
        report.processed = self.process_pending(on_article, keep_outcomes=keep_outcomes)
        if self._stop.is_set():
            return report
        # observations held back for an article that failed in this pass (monitor.store.judging)
        judge_held(
            self.services.engine, self.services.config, hold_seconds=self.services.settings.judge_hold_seconds
        )
        delivered, failed = self.deliver()
        report.delivered = delivered + self._delivered_in_pass[0]
        report.delivery_failures = failed + self._delivered_in_pass[1]
        return report

    def poll_due(self, now: datetime | None = None) -> list[PollOutcome]:
        """Poll every feed that is due, a page of DUE_PAGE at a time (not only the first page)."""
        outcomes: list[PollOutcome] = []
        tried: set[str] = set()
        while not self._stop.is_set():
            # a polled feed is due again only later, so the next page holds new ones; a feed
            # that stays due (locked by another process) is not tried twice in one pass
            feed_ids = [f for f in due_feeds(self.services, now, limit=DUE_PAGE) if f not in tried]
            if not feed_ids:
                break
            tried.update(feed_ids)
            outcomes.extend(self._poll_page(feed_ids, now))
        return outcomes

    def _poll_page(self, feed_ids: list[str], now: datetime | None) -> list[PollOutcome]:
        config = self.services.config

        def poll_one(feed_id: str) -> PollOutcome:
            url = config.resolve_feed_url(config.feed(feed_id))
            with self.limiter.slot(url):
                if self._stop.is_set():
                    return PollOutcome(feed_id, "stopped", [])
                try:
                    return polling.poll(self.services, feed_id, now, owner=self.worker_id)
                except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the others
                    log.exception("poll %s crashed", feed_id)
                    return PollOutcome(feed_id, "error", [], error=f"internal error: {exc}")

        with ThreadPoolExecutor(max_workers=min(POLL_THREADS, len(feed_ids))) as pool:
            return list(pool.map(poll_one, feed_ids))

    def process_pending(
        self,
        on_article: Callable[[ProcessOutcome], None] | None = None,
        *,
        keep_outcomes: bool = True,
    ) -> list[ProcessOutcome]:
        """Process pending articles oldest first, one at a time.

        Pages are fetched in line: fetching the next page in a helper thread was
        measured to slow extraction more (the two share the interpreter lock)
        than it saved on a nearby server.

        Each batch query excludes only the articles waiting for a retry: a
        processed article is no longer pending, so the query (and its bind
        parameters) stays the same size however long the pass. Alerts are
        delivered right after the article that raised them, not at the end of
        the backlog. ``keep_outcomes=False`` (the long-running service) returns
        nothing, so memory does not grow with the backlog either.
        """
        outcomes: list[ProcessOutcome] = []
        # the previous batch: an article still pending without waiting for a retry
        # would come back at its head, and must not be processed in a loop
        handled: set[int] = set()
        while not self._stop.is_set():
            batch = pending_articles(self.services, limit=200, exclude=self._waiting())
            fresh = [article_id for article_id in batch if article_id not in handled]
            if not fresh:
                break
            handled = set(batch)
            for article_id in fresh:
                if self._stop.is_set():
                    break
                outcome = self._process_one(article_id)
                if keep_outcomes:
                    outcomes.append(outcome)
                if outcome.alert_ids:
                    sent, failed = self.deliver()
                    self._delivered_in_pass[0] += sent
                    self._delivered_in_pass[1] += failed
                if on_article is not None:
                    on_article(outcome)
        return outcomes

    def _process_one(self, article_id: int) -> ProcessOutcome:
        try:
            outcome = process_article(self.services, article_id)
        except Exception as exc:  # noqa: BLE001 - keep the service running; the row stays pending
            log.exception("article %d crashed", article_id)
            outcome = ProcessOutcome(article_id, "retry", error=f"internal error: {exc}")
        if outcome.status == "retry":
            self._back_off(article_id, outcome.retry_after)
        else:
            self._retry_at.pop(article_id, None)
            self._retries.pop(article_id, None)
        return outcome

    def _back_off(self, article_id: int, retry_after: float | None) -> None:
        tries = self._retries.get(article_id, 0) + 1
        self._retries[article_id] = tries
        delay = backoff(tries - 1, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS)
        self._retry_at[article_id] = time.monotonic() + max(delay, retry_after or 0.0)

    def _waiting(self) -> set[int]:
        now = time.monotonic()
        for article_id in [i for i, at in self._retry_at.items() if at <= now]:
            del self._retry_at[article_id]
        return set(self._retry_at)

    def deliver(self) -> tuple[int, int]:
        sweep_stale(self.services.engine, utcnow())
        result = deliver_due(
            self.services.engine,
            self.services.config,
            worker_id=self.worker_id,
            settings=self.services.settings,
        )
        return result.sent, result.failed

    def run_forever(self, on_article: Callable[[ProcessOutcome], None] | None = None) -> None:
        log.info(
            "monitor running (embedded): %d feeds, database %s",
            len(self.services.config.feeds),
            self.services.engine.url.render_as_string(hide_password=True),
        )
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self.run_once(on_article=on_article, keep_outcomes=False)
                pause = self._idle_seconds(started)
            except OperationalError as exc:
                # the database is locked or unreachable: nothing is lost (the work
                # is still pending in it), so wait and try again instead of dying
                log.error("database unavailable, retrying in %.0fs: %s", DB_ERROR_PAUSE, exc.orig or exc)
                pause = DB_ERROR_PAUSE
            self._stop.wait(pause)

    def _idle_seconds(self, started: float) -> float:
        with self.services.engine.connect() as conn:
            next_due = feed_rows.next_due_at(conn)
        if next_due is None:
            return IDLE_SLEEP_MAX
        wait = (next_due - utcnow()) / timedelta(seconds=1)
        # wake up regularly anyway: deliveries and retries are due on their own clock
        return max(0.2, min(IDLE_SLEEP_MAX, wait, IDLE_SLEEP_MAX - (time.monotonic() - started)))
