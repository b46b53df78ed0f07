"""Process one pending article: (fetch page -> extract) -> analyze -> store -> alerts.

    poll feed -> new entries (monitor.pipeline.poll) -> process (here) -> alerts -> outbox

Every function takes ids, does one unit of work and is safe to repeat: the
embedded runner and the Celery tasks are two thin drivers of these functions.
The database is the source of truth; queues only carry ids derived from it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import DataError, IntegrityError, ProgrammingError

from monitor.archive.records import PageMemo, read_archived_page
from monitor.clock import utcnow
from monitor.errors import ExtractionError, FetchError, MonitorError, RateLimitedError
from monitor.http.redact import redact_url, redact_urls_in
from monitor.ingest.canonical import canonical_url
from monitor.ingest.fetch import fetch_page
from monitor.models import Analysis
from monitor.pipeline.alerts import claim_widening, judge_ready, raise_alerts
from monitor.pipeline.event_window import within_event_window
from monitor.pipeline.services import MAX_ATTEMPTS, Services
from monitor.pipeline.timing import timed
from monitor.store import articles as article_rows
from monitor.store.db import reading

if TYPE_CHECKING:
    pass

log = logging.getLogger("monitor.pipeline.process")


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
    # where the page says it lives (rel=canonical, else the URL after redirects)
    canonical_url: str | None = None


def fetches_page(*, fetch_page: bool, has_archive_content: bool, url: str) -> bool:
    """Whether processing an article requests its page: archive content is used as
    it is, and only feed entries of a ``fetch_page`` feed with a web link are fetched."""
    return fetch_page and not has_archive_content and url.startswith(("http://", "https://"))


def needs_page(article: article_rows.ArticleRow) -> bool:
    """(The Celery driver asks this too, to take a per-host slot before processing.)"""
    return fetches_page(
        fetch_page=article.fetch_page,
        has_archive_content=bool(article.raw_text or article.raw_html or article.archive_record),
        url=article.url,
    )


@timed("fetch_extract")
def article_text(
    services: Services, article: article_rows.ArticleRow, pages: PageMemo | None = None
) -> ArticleText:
    """The article's text: archive text, archive HTML, the fetched page, or the
    feed's own content when the page can't be had (the reason is recorded).
    ``pages``: archived pages the caller read already (a backfill in this process)."""
    # late import: trafilatura takes ~0.3 s to import; processes that never extract don't pay
    from monitor.ingest.extract import extract_page

    # the date only matters when the feed or archive gave none
    want_date = article.published is None
    if article.raw_text:
        return ArticleText(article.raw_text, None, None, article.language, "archive")
    archived_html = article.raw_html
    if archived_html is None and article.archive_record:
        # the page stayed in its archive file: read the one record back, unless it is in hand
        archived_html = pages.take(article.archive_record) if pages is not None else None
        if archived_html is None:
            archived_html = read_archived_page(
                article.archive_record, max_bytes=services.settings.max_body_bytes
            )
    if archived_html:
        # title, date and language were read from the page when the backfill stored it
        known = bool(article.title and article.published and article.language)
        page = extract_page(archived_html, article.url, find_date=want_date, metadata=not known)
        return ArticleText(
            page.text, page.title, page.published, page.language, "archive", canonical_url=page.canonical_url
        )
    reason: str | None = None
    if needs_page(article):
        try:
            fetched = fetch_page(services.client, article.url, max_bytes=services.settings.max_body_bytes)
            page = extract_page(fetched.html, fetched.url, find_date=want_date)
            declared = page.canonical_url or fetched.url
            return ArticleText(
                page.text, page.title, page.published, page.language, "page", canonical_url=declared
            )
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


@timed("analyze")
def analyze_text(
    services: Services, text: str, language: str | None, title: str | None, published: date | None = None
) -> Analysis:
    return services.claim_engine.analyze(text, language=language, title=title, published=published)


def process_article(
    services: Services,
    article_id: int,
    now: datetime | None = None,
    *,
    historical: bool | None = None,
    pages: PageMemo | None = None,
) -> ProcessOutcome:
    """Fetch, extract, analyze, store and detect one article, exactly once.

    The article row is claimed by a conditional update inside the transaction
    that stores its results, so two workers racing on one id store it once.
    Every failure counts an attempt; after MAX_ATTEMPTS the article is failed
    (and visible in ``monitor articles --status failed``), never stuck pending.
    Database outages (OperationalError) propagate: the caller retries later.
    """
    with reading(services.engine) as conn:
        article = article_rows.get_article(conn, article_id)
    if article is None:
        return ProcessOutcome(article_id, "missing")
    return process_row(services, article, now, historical=historical, pages=pages)


def process_row(
    services: Services,
    article: article_rows.ArticleRow,
    now: datetime | None = None,
    *,
    historical: bool | None = None,
    pages: PageMemo | None = None,
) -> ProcessOutcome:
    """:func:`process_article` on a row the caller read already (the Celery task reads it
    once, to decide on a politeness slot, instead of once for that and once here)."""
    now = now or utcnow()
    article_id = article.id
    if article.status in ("processed", "duplicate"):
        return ProcessOutcome(article_id, "already", title=article.title)
    try:
        content = article_text(services, article, pages)
        # only a date the feed or page gave: the discovery time says nothing of when it was written
        written = article.published or content.published
        analysis = analyze_text(
            services,
            content.text,
            content.language or article.language,
            article.title,
            written.date() if written is not None else None,
        )
        analysis = within_event_window(analysis, services.config.claims, written)
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
    article: article_rows.ArticleRow,
    error: str,
    *,
    permanent: bool,
    retry_after: float | None = None,
) -> ProcessOutcome:
    # the one door to articles.error: whatever the message quotes, no URL secret gets through
    error = redact_urls_in(error)
    with services.engine.begin() as conn:
        article_rows.mark_failed(
            conn, article.id, error=error, permanent=permanent, max_attempts=MAX_ATTEMPTS
        )
    final = permanent or article.attempts + 1 >= MAX_ATTEMPTS
    status = "failed" if final else "retry"
    log.warning("article %d %s: %s", article.id, status, error)
    return ProcessOutcome(article.id, status, error=error, title=article.title, retry_after=retry_after)


@timed("store_detect")
def _store_results(
    services: Services,
    article: article_rows.ArticleRow,
    content: ArticleText,
    analysis: Analysis,
    now: datetime,
    historical: bool | None,
) -> ProcessOutcome:
    """Store text, mentions, observations, alerts and their deliveries in one transaction."""
    article_id = article.id
    published = article.published or content.published or article.discovered_at
    move_to = _canonical_move(article, content)
    url = move_to or article.url
    with services.engine.begin() as conn:
        claimed = article_rows.mark_processed(
            conn,
            article_id,
            text=content.text,
            title=content.title if not article.title else None,
            published=published if article.published is None else None,
            language=analysis.language or content.language or article.language,
            text_source=content.source,
            fallback_reason=content.fallback_reason,
            now=now,
            move_to=move_to,
        )
        if not claimed:
            original = article_rows.url_holder(conn, article_id, move_to) if move_to else None
            if original is None:  # another worker processed it first
                conn.rollback()
                return ProcessOutcome(article_id, "already", title=article.title)
            # one story reached through two links whose page names the same canonical
            # URL: counted once, under the article stored first
            article_rows.mark_duplicate(
                conn, article_id, of=original, note=redact_url(content.canonical_url or ""), now=now
            )
            log.info("article %d: the same page as article %d (rel=canonical)", article_id, original)
            return ProcessOutcome(article_id, "already", title=article.title)
        stored = article_rows.save_analysis(
            conn,
            article_id,
            analysis,
            published=published,
            speaks_for=services.speaks_for,
            outlet=article.outlet,
            url=url,
            historical=article.historical if historical is None else historical,
            widening=claim_widening(services.config),
        )
        hold = services.settings.judge_hold_seconds
        if stored:
            # the observations go on as storing returned them: nothing is read back
            alert_ids = raise_alerts(
                conn,
                stored,
                services.config,
                actors=[mention.actor_id for mention in analysis.actors],
                now=now,
                hold_seconds=hold,
            )
        else:
            # nothing of its own to judge, but observations published after it may have
            # been waiting for it (one indexed query when none are)
            alert_ids = judge_ready(conn, services.config, now=now, hold_seconds=hold)
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


def _canonical_move(article: article_rows.ArticleRow, content: ArticleText) -> str | None:
    """The canonical URL the article moves to when it is stored (None: it stays where it is),
    so later links to the same page are recognised; its alerts' dedupe keys derive from
    the URL it ends up with. Another article stored under that URL makes it a duplicate
    (decided by the claiming statement, :func:`article_rows.mark_processed`)."""
    if not content.canonical_url:
        return None
    canonical = canonical_url(content.canonical_url)
    return None if canonical == article.url else canonical


def pending_articles(
    services: Services,
    *,
    origin_prefix: str | None = None,
    limit: int = 500,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """Pending articles, oldest publication first; ``exclude``: ids waiting for a retry."""
    with services.engine.connect() as conn:
        return article_rows.pending_article_ids(
            conn, origin_prefix=origin_prefix, limit=limit, max_attempts=MAX_ATTEMPTS, exclude=exclude
        )
