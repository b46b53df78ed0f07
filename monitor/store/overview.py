"""Counts for status displays: articles and deliveries by status, the feeds that fail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, func, select

from monitor.store.schema import articles, deliveries, feeds


@dataclass(frozen=True)
class FailingFeed:
    feed_id: str
    consecutive_errors: int
    last_error: str | None
    next_poll_at: datetime


def _by_status(conn: Connection, table: Table) -> dict[str, int]:
    query = select(table.c.status, func.count()).group_by(table.c.status)
    return {str(status): int(count) for status, count in conn.execute(query)}


def article_counts(conn: Connection) -> dict[str, int]:
    return _by_status(conn, articles)


def delivery_counts(conn: Connection) -> dict[str, int]:
    return _by_status(conn, deliveries)


def failing_feeds(conn: Connection, limit: int = 20) -> list[FailingFeed]:
    """Active feeds with errors, the most failing first."""
    rows = conn.execute(
        select(feeds.c.id, feeds.c.consecutive_errors, feeds.c.last_error, feeds.c.next_poll_at)
        .where(feeds.c.active, feeds.c.consecutive_errors > 0)
        .order_by(feeds.c.consecutive_errors.desc())
        .limit(limit)
    )
    return [FailingFeed(r.id, int(r.consecutive_errors), r.last_error, r.next_poll_at) for r in rows]
