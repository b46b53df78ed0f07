"""Poll one feed and store its new entries as pending articles; archive entries take the same path."""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import DataError, IntegrityError, ProgrammingError

from monitor.clock import utcnow
from monitor.config import FeedSpec
from monitor.errors import MonitorError, RateLimitedError
from monitor.http.redact import redact_urls_in
from monitor.ingest import feeds
from monitor.ingest.feeds import FeedPoll, FeedState, next_poll_delay
from monitor.models import FeedEntry
from monitor.pipeline.services import Services, worker_name
from monitor.pipeline.timing import timed
from monitor.store import articles as article_rows
from monitor.store import feeds as feed_rows

log = logging.getLogger("monitor.pipeline.poll")

POLL_LOCK_SECONDS = 300.0


@dataclass(frozen=True)
class PollOutcome:
    feed_id: str
    status: str  # ok | not_modified | error | locked | stopped
    new_article_ids: list[int]
    error: str | None = None
    next_poll_at: datetime | None = None


def sync_feeds(services: Services, now: datetime | None = None) -> None:
    now = now or utcnow()
    config = services.config
    with services.engine.begin() as conn:
        feed_rows.sync_feeds(conn, [(f.id, config.resolve_feed_url(f)) for f in config.feeds], now)


def due_feeds(services: Services, now: datetime | None = None, limit: int = 1000) -> list[str]:
    with services.engine.connect() as conn:
        return feed_rows.due_feed_ids(conn, now or utcnow(), limit)


@timed("poll")
def poll(
    services: Services, feed_id: str, now: datetime | None = None, owner: str | None = None
) -> PollOutcome:
    """Poll one feed (conditional GET) and store its new entries as pending articles.

    A huge feed is read and stored batch by batch (``feeds.open_feed``), so
    memory does not grow with the number of entries.
    """
    now = now or utcnow()
    owner = owner or worker_name()
    spec = services.config.feed(feed_id)
    settings = services.config.politeness
    with services.engine.begin() as conn:
        if not feed_rows.lock_feed(conn, feed_id, owner, now, POLL_LOCK_SECONDS):
            return PollOutcome(feed_id, "locked", [])
        row = feed_rows.get_feed(conn, feed_id)
    assert row is not None
    url = services.config.resolve_feed_url(spec)
    with ExitStack() as stack:
        try:
            polled = stack.enter_context(
                feeds.open_feed(
                    services.client,
                    url,
                    FeedState(etag=row.etag, last_modified=row.last_modified),
                    language=spec.language,
                    max_bytes=services.settings.max_body_bytes,
                )
            )
        except Exception as exc:  # noqa: BLE001 - every failure is a failed poll with backoff
            return _failed(services, spec, feed_id, row.consecutive_errors, now, exc)

        next_at = now + timedelta(seconds=next_poll_delay(spec.poll_interval, 0))
        try:
            new_ids, seen = _store_poll(services, spec, feed_id, polled, now, next_at)
        except MonitorError as exc:  # a later batch of a streamed feed that could not be read
            return _failed(services, spec, feed_id, row.consecutive_errors, now, exc)
        except (DataError, IntegrityError, ProgrammingError) as exc:
            # the feed parsed but its entries can't be stored: a failed poll, with
            # backoff, instead of a feed that stays locked and silent
            log.exception("poll %s: cannot store the entries", feed_id)
            error = redact_urls_in(f"cannot store the entries: {type(exc).__name__}: {exc}")
            delay = next_poll_delay(
                spec.poll_interval, row.consecutive_errors + 1, max_backoff=settings.max_backoff
            )
            with services.engine.begin() as conn:
                feed_rows.record_poll_failure(
                    conn, feed_id, now=now, next_poll_at=now + timedelta(seconds=delay), error=error
                )
            return PollOutcome(feed_id, "error", [], error=error)
    status = "not_modified" if polled.not_modified else "ok"
    if polled.not_modified:
        log.info("poll %s: not modified", feed_id)
    else:
        log.info("poll %s: %d entries, %d new", feed_id, seen, len(new_ids))
    return PollOutcome(feed_id, status, new_ids, next_poll_at=next_at)


def _failed(
    services: Services, spec: FeedSpec, feed_id: str, errors_before: int, now: datetime, exc: Exception
) -> PollOutcome:
    """Record a poll that failed to fetch or parse: backoff, error on the feed row."""
    error = str(exc)
    if not isinstance(exc, MonitorError):
        log.error("poll %s: unexpected error", feed_id, exc_info=exc)
        error = f"internal error: {type(exc).__name__}: {exc}"
    # our errors come redacted; a library's message might still quote a feed URL with its token
    error = redact_urls_in(error)
    retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
    delay = next_poll_delay(
        spec.poll_interval,
        errors_before + 1,
        retry_after=retry_after,
        max_backoff=services.config.politeness.max_backoff,
    )
    next_at = now + timedelta(seconds=delay)
    with services.engine.begin() as conn:
        feed_rows.record_poll_failure(conn, feed_id, now=now, next_poll_at=next_at, error=error)
    log.warning("poll %s failed: %s (retry in %s)", feed_id, error, _human_delay(delay))
    return PollOutcome(feed_id, "error", [], error=error, next_poll_at=next_at)


def _store_poll(
    services: Services,
    spec: FeedSpec,
    feed_id: str,
    polled: FeedPoll,
    now: datetime,
    next_at: datetime,
) -> tuple[list[int], int]:
    """Store the entries batch by batch in one transaction -> (new article ids, entries seen)."""
    feed = polled.feed
    new_ids: list[int] = []
    seen = too_long = 0
    with services.engine.begin() as conn:
        for batch in feed.batches() if feed is not None else ():
            seen += len(batch)
            too_long += article_rows.unstorable_count(batch)
            new_ids.extend(
                article_rows.insert_entries(
                    conn,
                    batch,
                    origin=f"feed:{feed_id}",
                    feed_id=feed_id,
                    now=now,
                    default_language=spec.language,
                    fetch_page=spec.fetch_page,
                    outlet=spec.outlet or (feed.title if feed is not None else None),
                )
            )
        notes = [feed.bozo_reason if feed is not None else None, article_rows.unstorable_note(too_long)]
        feed_rows.record_poll_success(
            conn,
            feed_id,
            now=now,
            next_poll_at=next_at,
            etag=polled.state.etag,
            last_modified=polled.state.last_modified,
            title=feed.title if feed is not None else None,
            status="not_modified" if polled.not_modified else "ok",
            new_entries=len(new_ids),
            warning="; ".join(filter(None, notes)) or None,
        )
    return sorted(new_ids), seen


def _human_delay(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m"
    return f"{seconds / 3600:.1f}h"


def ingest_entries(
    services: Services,
    entries: list[FeedEntry],
    *,
    origin: str,
    historical: bool,
    default_language: str | None = None,
    fetch_page: bool = False,
    now: datetime | None = None,
) -> list[int]:
    """Store archive entries as pending articles (the same path as a feed's new entries)."""
    with services.engine.begin() as conn:
        return article_rows.insert_entries(
            conn,
            entries,
            origin=origin,
            feed_id=None,
            now=now or utcnow(),
            default_language=default_language,
            fetch_page=fetch_page,
            historical=historical,
        )
