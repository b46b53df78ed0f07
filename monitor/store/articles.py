"""Article rows: entries stored once by URL, their page and text, analysis and outcome.

Every write that may be repeated (a re-polled feed, a redelivered task, a
second backfill) relies on a unique key and ``insert ... on conflict do
nothing``, so repeating it changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, and_, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from monitor.ingest.canonical import canonical_url
from monitor.models import Analysis, FeedEntry
from monitor.store.db import insert_ignore
from monitor.store.observations import PendingObservation, insert_observations
from monitor.store.schema import actor_mentions, articles, claim_observations
from monitor.text.numbers.intervals import Widening


def entry_url(origin: str, entry: FeedEntry) -> str:
    """The article's canonical URL; entries without a link get a stable URN.

    Canonical (``canonical_url``: case, default ports, tracking parameters, AMP
    variants, trailing slashes), so one article linked differently by two feeds
    hits the unique URL and is stored once."""
    if entry.url:
        return canonical_url(entry.url)
    return f"urn:monitor:{origin}:{entry.entry_key}"


# a unique index can't hold longer links (PostgreSQL's btree limit is ~2.7 KB)
MAX_URL_LENGTH = 2048


def storable_entries(entries: Sequence[FeedEntry], now: datetime) -> list[FeedEntry]:
    """Entries as the database can hold them, whatever source they come from:
    NUL characters removed (PostgreSQL refuses them in text), entries with
    absurdly long links dropped, and a publication date in the future (a
    source's mistake, which would sort after everything and fall outside every
    contradiction window) replaced by the discovery time."""
    latest = now + timedelta(days=1)
    kept: list[FeedEntry] = []
    for entry in entries:
        if entry.url and len(entry.url) > MAX_URL_LENGTH:
            continue
        if entry.published is not None and entry.published > latest:
            entry = replace(entry, published=None)
        kept.append(_without_nul(entry))
    return kept


def unstorable_count(entries: Sequence[FeedEntry]) -> int:
    """How many entries ``storable_entries`` will skip (a feed stored in batches adds them up)."""
    return sum(1 for entry in entries if entry.url and len(entry.url) > MAX_URL_LENGTH)


def unstorable_note(too_long: int) -> str | None:
    """The feed's status line for ``too_long`` skipped entries."""
    return f"{too_long} entries skipped: link longer than {MAX_URL_LENGTH} characters" if too_long else None


def _without_nul(entry: FeedEntry) -> FeedEntry:
    changes: dict[str, Any] = {
        name: value.replace("\x00", "")
        for name, value in vars(entry).items()
        if isinstance(value, str) and "\x00" in value
    }
    return replace(entry, **changes) if changes else entry


def insert_entries(
    conn: Connection,
    entries: Sequence[FeedEntry],
    *,
    origin: str,
    feed_id: str | None,
    now: datetime,
    default_language: str | None,
    fetch_page: bool,
    historical: bool = False,
    outlet: str | None = None,
) -> list[int]:
    """Store new entries as pending articles; returns the ids of those that were new.

    In batches of :data:`ENTRY_BATCH`: PostgreSQL takes at most 65,535 bind
    parameters per statement (a 70,000-entry feed in one ``IN (...)`` failed),
    and rows are built one batch at a time, so memory does not grow with the feed.
    """
    kept = storable_entries(entries, now)
    new_ids: list[int] = []
    for start in range(0, len(kept), ENTRY_BATCH):
        batch = kept[start : start + ENTRY_BATCH]
        rows = [
            _article_row(
                entry,
                origin=origin,
                feed_id=feed_id,
                now=now,
                default_language=default_language,
                fetch_page=fetch_page,
                historical=historical,
                outlet=outlet,
            )
            for entry in batch
        ]
        new_ids.extend(_insert_returning_new(conn, rows))
    return sorted(new_ids)


def _insert_returning_new(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert article rows, skipping known ones; the ids of the rows that were new.

    ``ON CONFLICT DO NOTHING RETURNING id`` returns exactly the inserted rows, in one
    statement per batch (no lookups before and after, whose cost grew with the table).
    """
    dialect = conn.dialect.name
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - other backends
        keys = [r["entry_key"] for r in rows]
        same = and_(articles.c.origin == rows[0]["origin"], articles.c.entry_key.in_(keys))
        before = set(conn.scalars(select(articles.c.id).where(same)))
        insert_ignore(conn, articles, rows)
        return sorted(set(conn.scalars(select(articles.c.id).where(same))) - before)
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(articles).on_conflict_do_nothing().returning(articles.c.id)
    return [int(row_id) for row_id in conn.execute(stmt, rows).scalars()]


# entries per statement: 16 columns x 1,000 rows stays far below every backend's
# bind-parameter limit (PostgreSQL 65,535; SQLite 32,766)
ENTRY_BATCH = 1000


def _holds_page(entry: FeedEntry) -> bool:
    """The archive gave the page (or where it lies): nothing to fetch."""
    return entry.html is not None or entry.text is not None or bool(entry.archive_record)


def _article_row(
    entry: FeedEntry,
    *,
    origin: str,
    feed_id: str | None,
    now: datetime,
    default_language: str | None,
    fetch_page: bool,
    historical: bool,
    outlet: str | None,
) -> dict[str, Any]:
    return {
        "feed_id": feed_id,
        "origin": origin,
        "entry_key": entry.entry_key,
        "url": entry_url(origin, entry),
        "title": entry.title or "",
        "published": entry.published,
        "discovered_at": now,
        "language": entry.language or default_language,
        "outlet": entry.outlet or outlet,
        "summary": entry.summary or "",
        "raw_html": entry.html,
        "raw_text": entry.text,
        "archive_record": entry.archive_record,
        "fetch_page": fetch_page and not _holds_page(entry),
        "status": "pending",
        "attempts": 0,
        "historical": historical,
    }


@dataclass(frozen=True)
class ArticleRow:
    id: int
    feed_id: str | None
    origin: str
    entry_key: str
    url: str
    title: str
    published: datetime | None
    discovered_at: datetime
    language: str | None
    outlet: str | None
    summary: str
    raw_html: str | None
    raw_text: str | None
    archive_record: str | None
    fetch_page: bool
    text: str | None
    status: str
    attempts: int
    error: str | None
    historical: bool


def get_article(conn: Connection, article_id: int) -> ArticleRow | None:
    cols = [articles.c[name] for name in ArticleRow.__dataclass_fields__]
    row = conn.execute(select(*cols).where(articles.c.id == article_id)).first()
    return ArticleRow(**row._mapping) if row is not None else None


def pending_article_ids(
    conn: Connection,
    *,
    origin_prefix: str | None = None,
    limit: int = 500,
    max_attempts: int = 5,
    exclude: Iterable[int] = (),
) -> list[int]:
    """Pending articles oldest publication first, so history is built in time order.
    ``exclude``: ids the caller will not try now (waiting for a retry)."""
    query = select(articles.c.id).where(articles.c.status == "pending", articles.c.attempts < max_attempts)
    if origin_prefix is not None:
        query = query.where(articles.c.origin.startswith(origin_prefix, autoescape=True))
    skip = list(exclude)
    if skip:
        query = query.where(articles.c.id.not_in(skip))
    published = func.coalesce(articles.c.published, articles.c.discovered_at)
    return list(conn.scalars(query.order_by(published, articles.c.id).limit(limit)))


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def mark_processed(
    conn: Connection,
    article_id: int,
    *,
    text: str,
    title: str | None,
    published: datetime | None,
    language: str | None,
    text_source: str,
    fallback_reason: str | None,
    now: datetime,
    move_to: str | None = None,
) -> bool:
    """Claim the article's processing in this transaction. False when another worker
    already processed it: the caller must then roll back and store nothing.

    ``move_to``: the URL the page declares canonical; the article moves there in the
    same statement, and only if no other article holds that URL (False then too:
    :func:`url_holder` tells the two cases apart). One statement instead of a move
    and a claim: a round trip less per article."""
    values: dict[str, Any] = {
        "text": text,
        "content_hash": content_hash(text),
        "text_source": text_source,
        "fallback_reason": fallback_reason,
        "status": "processed",
        "processed_at": now,
        "error": None,
        "raw_html": None,
        "raw_text": None,
        "language": language,
    }
    if title:
        values["title"] = title
    if published is not None:
        values["published"] = published
    claim = update(articles).where(articles.c.id == article_id, articles.c.status != "processed")
    if move_to is not None:
        values["url"] = move_to
        claim = claim.where(~_held_by_another(article_id, move_to))
    result = conn.execute(claim.values(**values))
    return result.rowcount == 1


def article_texts(conn: Connection, article_ids: Sequence[int]) -> dict[int, str]:
    """The stored main text of each processed article (for comparing texts across outlets)."""
    if not article_ids:
        return {}
    query = select(articles.c.id, articles.c.text).where(
        articles.c.id.in_(list(article_ids)), articles.c.text.isnot(None)
    )
    rows = conn.execute(query)
    return {int(row.id): str(row.text) for row in rows}


# built once: a fresh alias computes its column collection again on first use, which cost more
# per processed article than the whole statement's execution
_OTHER = articles.alias("other")


def _held_by_another(article_id: int, url: str) -> Any:
    return select(_OTHER.c.id).where(_OTHER.c.url == url, _OTHER.c.id != article_id).exists()


def url_holder(conn: Connection, article_id: int, url: str) -> int | None:
    """The other article stored under ``url`` (None: none, or only this one)."""
    found: int | None = conn.scalar(
        select(articles.c.id).where(articles.c.url == url, articles.c.id != article_id).limit(1)
    )
    return found


def mark_duplicate(conn: Connection, article_id: int, *, of: int, note: str, now: datetime) -> bool:
    """The article is a page already stored as article ``of`` (same rel=canonical): it is
    kept, marked ``duplicate``, and contributes no observations of its own."""
    result = conn.execute(
        update(articles)
        .where(articles.c.id == article_id, articles.c.status == "pending")
        .values(
            status="duplicate",
            error=f"the same page as article {of}: {note}",
            processed_at=now,
            raw_html=None,
            raw_text=None,
        )
    )
    return result.rowcount == 1


def mark_failed(conn: Connection, article_id: int, *, error: str, permanent: bool, max_attempts: int) -> None:
    """Count a failed attempt; a permanent error, or the last attempt, ends as failed."""
    attempts = articles.c.attempts + 1
    status: Any = "failed" if permanent else _case_failed(attempts, max_attempts)
    conn.execute(
        update(articles)
        .where(articles.c.id == article_id, articles.c.status == "pending")
        .values(attempts=attempts, error=error[:2000], status=status)
    )


def _case_failed(attempts: Any, max_attempts: int) -> Any:
    return case((attempts >= max_attempts, "failed"), else_="pending")


def save_analysis(
    conn: Connection,
    article_id: int,
    analysis: Analysis,
    *,
    published: datetime,
    speaks_for: Mapping[str, str],
    outlet: str | None = None,
    url: str = "",
    historical: bool = False,
    widening: Mapping[str, Widening] | None = None,
) -> list[PendingObservation]:
    """Store mentions and observations of one article; returns the observations in sentence
    order, ids, spans and voices included, ready for the alert stage.

    ``speaks_for`` maps a source actor id to the actor it speaks for (peskov -> russia);
    ``outlet`` and ``url`` are the article's (the voice of an unattributed finding is its
    outlet), ``widening`` the span widening per claim id.
    """
    if analysis.actors:
        insert_ignore(
            conn,
            actor_mentions,
            [{"article_id": article_id, "actor_id": m.actor_id, "count": m.count} for m in analysis.actors],
        )
    rows: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for finding in analysis.claims:
        key = observation_key(
            finding.claim, finding.value, finding.polarity, finding.source, finding.qualifier
        )
        if key in seen:
            # the same statement recalled and made now: it is made now (the key stays the same, so
            # alerts keep their dedupe keys)
            seen[key]["recalled"] = seen[key]["recalled"] and finding.recalled
            continue
        source = finding.source
        rows.append(
            {
                "claim_id": finding.claim,
                "observation_key": key,
                "value": finding.value,
                "low": finding.low,
                "high": finding.high,
                "qualifier": finding.qualifier,
                "polarity": finding.polarity,
                "source": source,
                "speaks_for": speaks_for.get(source, source) if source else None,
                "sentence": finding.sentence[:4000],
                "published": published,
                "recalled": finding.recalled,
            }
        )
        seen[key] = rows[-1]
    return insert_observations(
        conn, article_id, rows, outlet=outlet, url=url, historical=historical, widening=widening or {}
    )


def observation_key(
    claim: str, value: float | None, polarity: str | None, source: str | None, qualifier: str
) -> str:
    raw = f"{claim}|{value!r}|{polarity}|{source}|{qualifier}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def list_articles(conn: Connection, limit: int = 50, status: str | None = None) -> list[Any]:
    query = select(
        articles.c.id,
        articles.c.title,
        articles.c.url,
        articles.c.published,
        articles.c.language,
        articles.c.status,
        articles.c.text_source,
        articles.c.fallback_reason,
        articles.c.error,
        articles.c.origin,
    )
    if status:
        query = query.where(articles.c.status == status)
    published = func.coalesce(articles.c.published, articles.c.discovered_at)
    return list(conn.execute(query.order_by(published.desc(), articles.c.id.desc()).limit(limit)))


def article_counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(articles.c.status, func.count()).group_by(articles.c.status))
    return {status: count for status, count in rows}


def mentions_and_claims(
    conn: Connection, article_ids: Sequence[int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Per article: number of actors mentioned and number of claim observations."""
    if not article_ids:
        return {}, {}

    def per_article(table: Table) -> dict[int, int]:
        rows = conn.execute(
            select(table.c.article_id, func.count())
            .where(table.c.article_id.in_(article_ids))
            .group_by(table.c.article_id)
        )
        return {int(article_id): int(count) for article_id, count in rows}

    return per_article(actor_mentions), per_article(claim_observations)


def stale_pending_ids(conn: Connection, older_than: datetime) -> list[int]:
    """Pending articles discovered before ``older_than``: the queue lost them (a Redis restart)."""
    query = select(articles.c.id).where(
        and_(articles.c.status == "pending", articles.c.discovered_at < older_than)
    )
    return list(conn.scalars(query.order_by(articles.c.id).limit(5000)))
