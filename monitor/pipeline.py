"""The one place that runs the stages in order.

    poll feed -> new entries -> (fetch page -> extract) -> analyze -> store -> detect -> outbox

Every function takes ids, does one unit of work and is safe to repeat: the
embedded runner and the Celery tasks are two thin drivers of these functions.
The database is the source of truth; queues only carry ids derived from it.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, IntegrityError, ProgrammingError

from monitor.config import Config, Settings
from monitor.errors import ExtractionError, FetchError, MonitorError, RateLimitedError
from monitor.http import redact_url, redact_urls_in
from monitor.models import Analysis, FeedEntry
from monitor.store import repo
from monitor.store.db import make_engine

if TYPE_CHECKING:
    from monitor.config import FeedSpec
    from monitor.feeds import PollResult
    from monitor.text.engine import ClaimEngine

log = logging.getLogger("monitor.pipeline")

MAX_ATTEMPTS = 5
POLL_LOCK_SECONDS = 300.0


def utcnow() -> datetime:
    return datetime.now(UTC)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Services:
    """What a process builds once and reuses for every unit of work."""

    config: Config
    settings: Settings
    engine: Engine
    _client: httpx.Client | None = field(default=None, repr=False)

    @classmethod
    def create(cls, config: Config, settings: Settings, engine: Engine | None = None) -> Services:
        return cls(config=config, settings=settings, engine=engine or make_engine(settings.database_url))

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            from monitor.http import make_client

            self._client = make_client(self.settings)
        return self._client

    @cached_property
    def claim_engine(self) -> ClaimEngine:
        from monitor.text.engine import ClaimEngine

        return ClaimEngine.from_config(self.config.watchlist, self.config.claims)

    @cached_property
    def speaks_for(self) -> dict[str, str]:
        return {a.id: a.speaks_for for a in self.config.watchlist if a.speaks_for}

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


# ---------------------------------------------------------------- polling


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
        repo.sync_feeds(conn, [(f.id, config.resolve_feed_url(f)) for f in config.feeds], now)


def due_feeds(services: Services, now: datetime | None = None, limit: int = 1000) -> list[str]:
    with services.engine.connect() as conn:
        return repo.due_feed_ids(conn, now or utcnow(), limit)


def poll(
    services: Services, feed_id: str, now: datetime | None = None, owner: str | None = None
) -> PollOutcome:
    """Poll one feed (conditional GET) and store its new entries as pending articles."""
    from monitor.feeds import FeedState, next_poll_delay, poll_feed

    now = now or utcnow()
    owner = owner or worker_name()
    spec = services.config.feed(feed_id)
    settings = services.config.settings
    with services.engine.begin() as conn:
        if not repo.lock_feed(conn, feed_id, owner, now, POLL_LOCK_SECONDS):
            return PollOutcome(feed_id, "locked", [])
        row = repo.get_feed(conn, feed_id)
    assert row is not None
    url = services.config.resolve_feed_url(spec)
    try:
        result = poll_feed(
            services.client,
            url,
            FeedState(etag=row.etag, last_modified=row.last_modified),
            language=spec.language,
            max_bytes=services.settings.max_body_bytes,
        )
    except Exception as exc:  # noqa: BLE001 - every failure is a failed poll with backoff
        error = str(exc)
        if not isinstance(exc, MonitorError):
            log.exception("poll %s: unexpected error", feed_id)
            error = f"internal error: {type(exc).__name__}: {exc}"
        # our errors come redacted; a library's message might still quote a feed URL with its token
        error = redact_urls_in(error)
        retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
        delay = next_poll_delay(
            spec.poll_interval,
            row.consecutive_errors + 1,
            retry_after=retry_after,
            max_backoff=settings.max_backoff,
        )
        next_at = now + timedelta(seconds=delay)
        with services.engine.begin() as conn:
            repo.record_poll_failure(conn, feed_id, now=now, next_poll_at=next_at, error=error)
        log.warning("poll %s failed: %s (retry in %s)", feed_id, error, _human_delay(delay))
        return PollOutcome(feed_id, "error", [], error=error, next_poll_at=next_at)

    next_at = now + timedelta(seconds=next_poll_delay(spec.poll_interval, 0))
    warning = "; ".join(filter(None, [result.bozo_reason, repo.unstorable_note(result.entries)])) or None
    try:
        new_ids = _store_poll(services, spec, feed_id, result, now, next_at, warning)
    except (DataError, IntegrityError, ProgrammingError) as exc:
        # the feed parsed but its entries can't be stored: a failed poll, with
        # backoff, instead of a feed that stays locked and silent
        log.exception("poll %s: cannot store the entries", feed_id)
        error = redact_urls_in(f"cannot store the entries: {type(exc).__name__}: {exc}")
        delay = next_poll_delay(
            spec.poll_interval, row.consecutive_errors + 1, max_backoff=settings.max_backoff
        )
        with services.engine.begin() as conn:
            repo.record_poll_failure(
                conn, feed_id, now=now, next_poll_at=now + timedelta(seconds=delay), error=error
            )
        return PollOutcome(feed_id, "error", [], error=error)
    status = "not_modified" if result.not_modified else "ok"
    if result.not_modified:
        log.info("poll %s: not modified", feed_id)
    else:
        log.info("poll %s: %d entries, %d new", feed_id, len(result.entries), len(new_ids))
    return PollOutcome(feed_id, status, new_ids, next_poll_at=next_at)


def _store_poll(
    services: Services,
    spec: FeedSpec,
    feed_id: str,
    result: PollResult,
    now: datetime,
    next_at: datetime,
    warning: str | None,
) -> list[int]:
    with services.engine.begin() as conn:
        new_ids = repo.insert_entries(
            conn,
            result.entries,
            origin=f"feed:{feed_id}",
            feed_id=feed_id,
            now=now,
            default_language=spec.language,
            fetch_page=spec.fetch_page,
            outlet=spec.outlet or result.title,
        )
        repo.record_poll_success(
            conn,
            feed_id,
            now=now,
            next_poll_at=next_at,
            etag=result.state.etag,
            last_modified=result.state.last_modified,
            title=result.title,
            status="not_modified" if result.not_modified else "ok",
            new_entries=len(new_ids),
            warning=warning,
        )
    return new_ids


def _human_delay(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m"
    return f"{seconds / 3600:.1f}h"


# ---------------------------------------------------------------- processing


@dataclass(frozen=True)
class ProcessOutcome:
    article_id: int
    status: str  # processed | already | failed | retry | missing
    actors: int = 0
    claims: int = 0
    alert_ids: list[int] = field(default_factory=list)
    error: str | None = None
    title: str = ""
    # for "retry": not before this many seconds (a server's Retry-After)
    retry_after: float | None = None


@dataclass(frozen=True)
class ArticleText:
    text: str
    title: str | None
    published: datetime | None
    language: str | None
    source: str  # page | feed | archive
    fallback_reason: str | None = None


def fetches_page(*, fetch_page: bool, has_archive_content: bool, url: str) -> bool:
    """Whether processing an article requests its page: archive content is used as
    it is, and only feed entries of a ``fetch_page`` feed with a web link are fetched.
    (The Celery driver asks this too, to take a per-host slot before processing.)"""
    return fetch_page and not has_archive_content and url.startswith(("http://", "https://"))


def needs_page(article: repo.ArticleRow) -> bool:
    return fetches_page(
        fetch_page=article.fetch_page,
        has_archive_content=bool(article.raw_text or article.raw_html),
        url=article.url,
    )


def article_text(services: Services, article: repo.ArticleRow) -> ArticleText:
    """The article's text: archive text, archive HTML, the fetched page, or the
    feed's own content when the page can't be had (the reason is recorded)."""
    from monitor.extract import extract_page

    # the date only matters when the feed or archive gave none
    want_date = article.published is None
    if article.raw_text:
        return ArticleText(article.raw_text, None, None, article.language, "archive")
    if article.raw_html:
        page = extract_page(article.raw_html, article.url, find_date=want_date)
        return ArticleText(page.text, page.title, page.published, page.language, "archive")
    reason: str | None = None
    if needs_page(article):
        from monitor.fetch import fetch_page

        try:
            fetched = fetch_page(services.client, article.url, max_bytes=services.settings.max_body_bytes)
            page = extract_page(fetched.html, fetched.url, find_date=want_date)
            return ArticleText(page.text, page.title, page.published, page.language, "page")
        except FetchError as exc:
            # a passing failure (timeout, 5xx, 429) is tried again later; the
            # feed's teaser is stored only when the page is gone for good or
            # this was the last attempt, so a blip never costs the full text
            last_attempt = article.attempts + 1 >= MAX_ATTEMPTS
            if not exc.permanent and (not article.summary or not last_attempt):
                raise
            reason = f"page not fetched: {exc}"
        except ExtractionError as exc:
            reason = f"page not extracted: {exc}"
    if not article.summary.strip():
        raise ExtractionError(reason or "the entry has no content and no page to fetch")
    return ArticleText(article.summary, None, None, article.language, "feed", reason)


def analyze_text(services: Services, text: str, language: str | None, title: str | None) -> Analysis:
    return services.claim_engine.analyze(text, language=language, title=title)


def process_article(
    services: Services,
    article_id: int,
    now: datetime | None = None,
    *,
    historical: bool | None = None,
) -> ProcessOutcome:
    """Fetch, extract, analyze, store and detect one article, exactly once.

    The article row is claimed by a conditional update inside the transaction
    that stores its results, so two workers racing on one id store it once.
    Every failure counts an attempt; after MAX_ATTEMPTS the article is failed
    (and visible in ``monitor articles --status failed``), never stuck pending.
    Database outages (OperationalError) propagate: the caller retries later.
    """
    now = now or utcnow()
    with services.engine.connect() as conn:
        article = repo.get_article(conn, article_id)
    if article is None:
        return ProcessOutcome(article_id, "missing")
    if article.status == "processed":
        return ProcessOutcome(article_id, "already", title=article.title)
    try:
        content = article_text(services, article)
        analysis = analyze_text(services, content.text, content.language or article.language, article.title)
    except MonitorError as exc:
        retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
        return _failed_attempt(services, article, str(exc), permanent=exc.permanent, retry_after=retry_after)
    except Exception as exc:  # noqa: BLE001 - a page that breaks a library, or a bug in a stage
        # counted like any failure, so one poisonous article can't stay pending
        # for ever and hold up the ones behind it
        log.exception("article %d: unexpected error", article_id)
        return _failed_attempt(
            services, article, f"internal error: {type(exc).__name__}: {exc}", permanent=False
        )

    try:
        return _store_results(services, article, content, analysis, now, historical)
    except (DataError, IntegrityError, ProgrammingError) as exc:
        # the row can't be stored as it is (a value too long for a column, ...):
        # retrying the same data won't help, but the attempt is counted and kept
        log.exception("article %d: cannot store the results", article_id)
        return _failed_attempt(
            services, article, f"storage error: {type(exc).__name__}: {exc}", permanent=False
        )


def _failed_attempt(
    services: Services,
    article: repo.ArticleRow,
    error: str,
    *,
    permanent: bool,
    retry_after: float | None = None,
) -> ProcessOutcome:
    # the one door to articles.error: whatever the message quotes, no URL secret gets through
    error = redact_urls_in(error)
    with services.engine.begin() as conn:
        repo.mark_failed(conn, article.id, error=error, permanent=permanent, max_attempts=MAX_ATTEMPTS)
    final = permanent or article.attempts + 1 >= MAX_ATTEMPTS
    status = "failed" if final else "retry"
    log.warning("article %d %s: %s", article.id, status, error)
    return ProcessOutcome(article.id, status, error=error, title=article.title, retry_after=retry_after)


def _store_results(
    services: Services,
    article: repo.ArticleRow,
    content: ArticleText,
    analysis: Analysis,
    now: datetime,
    historical: bool | None,
) -> ProcessOutcome:
    """Store text, mentions, observations, alerts and their deliveries in one transaction."""
    from monitor.alerting import raise_alerts

    article_id = article.id
    published = article.published or content.published or article.discovered_at
    with services.engine.begin() as conn:
        claimed = repo.mark_processed(
            conn,
            article_id,
            text=content.text,
            title=content.title if not article.title else None,
            published=published if article.published is None else None,
            language=analysis.language or content.language or article.language,
            text_source=content.source,
            fallback_reason=content.fallback_reason,
            now=now,
        )
        if not claimed:
            conn.rollback()
            return ProcessOutcome(article_id, "already", title=article.title)
        repo.save_analysis(conn, article_id, analysis, published=published, speaks_for=services.speaks_for)
        # most articles state no tracked claim: nothing to judge, no queries
        alert_ids = (
            raise_alerts(
                conn,
                article_id,
                services.config,
                historical=article.historical if historical is None else historical,
                now=now,
            )
            if analysis.claims
            else []
        )
    title = article.title or content.title or article.url
    log.info(
        "article %d %r: %d actors, %d claims, %d alerts (%s)",
        article_id,
        (article.title or content.title or redact_url(article.url))[:80],
        len(analysis.actors),
        len(analysis.claims),
        len(alert_ids),
        content.source if not content.fallback_reason else f"feed text; {content.fallback_reason}",
    )
    return ProcessOutcome(
        article_id, "processed", len(analysis.actors), len(analysis.claims), alert_ids, title=title
    )


def pending_articles(
    services: Services,
    *,
    origin_prefix: str | None = None,
    limit: int = 500,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """Pending articles, oldest publication first; ``exclude``: ids waiting for a retry."""
    with services.engine.connect() as conn:
        return repo.pending_article_ids(
            conn, origin_prefix=origin_prefix, limit=limit, max_attempts=MAX_ATTEMPTS, exclude=exclude
        )


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
        return repo.insert_entries(
            conn,
            entries,
            origin=origin,
            feed_id=None,
            now=now or utcnow(),
            default_language=default_language,
            fetch_page=fetch_page,
            historical=historical,
        )
