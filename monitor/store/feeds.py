"""Feed rows: which feeds are due, who polls one, what the last poll found.

A poll's outcome is stored on the feed row itself (errors counted, backoff in
``next_poll_at``), so a failing feed never loses the entries it gave before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from monitor.store.schema import feeds


@dataclass(frozen=True)
class FeedRow:
    id: str
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_status: str | None
    consecutive_errors: int
    last_error: str | None
    entries_seen: int
    active: bool


def _feed_row(row: Any) -> FeedRow:
    return FeedRow(**{name: row._mapping[name] for name in FeedRow.__dataclass_fields__})


def sync_feeds(conn: Connection, specs: Iterable[tuple[str, str]], now: datetime) -> None:
    """Make the feeds table match the config: new feeds are due now, a changed URL
    starts over (its validators belong to the old URL), removed feeds go inactive."""
    wanted = dict(specs)
    existing = {row.id: row for row in conn.execute(select(feeds.c.id, feeds.c.url, feeds.c.active))}
    for feed_id, url in wanted.items():
        row = existing.get(feed_id)
        if row is None:
            conn.execute(
                feeds.insert().values(
                    id=feed_id, url=url, next_poll_at=now, consecutive_errors=0, entries_seen=0, active=True
                )
            )
        elif row.url != url or not row.active:
            conn.execute(
                update(feeds)
                .where(feeds.c.id == feed_id)
                .values(
                    url=url,
                    active=True,
                    etag=None,
                    last_modified=None,
                    next_poll_at=now,
                    consecutive_errors=0,
                    last_error=None,
                )
            )
    gone = [feed_id for feed_id in existing if feed_id not in wanted]
    if gone:
        conn.execute(update(feeds).where(feeds.c.id.in_(gone)).values(active=False))


def get_feed(conn: Connection, feed_id: str) -> FeedRow | None:
    row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
    return _feed_row(row) if row is not None else None


def list_feeds(conn: Connection) -> list[FeedRow]:
    return [_feed_row(row) for row in conn.execute(select(feeds).where(feeds.c.active).order_by(feeds.c.id))]


def due_feed_ids(conn: Connection, now: datetime, limit: int = 1000) -> list[str]:
    query = (
        select(feeds.c.id)
        .where(feeds.c.active, feeds.c.next_poll_at <= now)
        .where(or_(feeds.c.locked_until.is_(None), feeds.c.locked_until < now))
        .order_by(feeds.c.next_poll_at)
        .limit(limit)
    )
    return list(conn.scalars(query))


def next_due_at(conn: Connection) -> datetime | None:
    value: datetime | None = conn.scalar(select(func.min(feeds.c.next_poll_at)).where(feeds.c.active))
    return value


def lock_feed(conn: Connection, feed_id: str, owner: str, now: datetime, ttl: float) -> bool:
    """Take the poll lock of a feed if nobody holds a live one (a lock with expiry:
    a crashed poller's lock simply runs out)."""
    result = conn.execute(
        update(feeds)
        .where(feeds.c.id == feed_id)
        .where(or_(feeds.c.locked_until.is_(None), feeds.c.locked_until < now, feeds.c.locked_by == owner))
        .values(locked_by=owner, locked_until=now + timedelta(seconds=ttl))
    )
    return result.rowcount == 1


def record_poll_success(
    conn: Connection,
    feed_id: str,
    *,
    now: datetime,
    next_poll_at: datetime,
    etag: str | None,
    last_modified: str | None,
    title: str | None,
    status: str,
    new_entries: int,
    warning: str | None = None,
) -> None:
    values: dict[str, Any] = {
        "etag": etag,
        "last_modified": last_modified,
        "next_poll_at": next_poll_at,
        "last_polled_at": now,
        "last_success_at": now,
        "last_status": status,
        "consecutive_errors": 0,
        "last_error": warning,
        "entries_seen": feeds.c.entries_seen + new_entries,
        "locked_by": None,
        "locked_until": None,
    }
    if title:
        values["title"] = title
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))


def record_poll_failure(
    conn: Connection, feed_id: str, *, now: datetime, next_poll_at: datetime, error: str
) -> None:
    conn.execute(
        update(feeds)
        .where(feeds.c.id == feed_id)
        .values(
            last_polled_at=now,
            last_status="error",
            consecutive_errors=feeds.c.consecutive_errors + 1,
            last_error=error[:2000],
            next_poll_at=next_poll_at,
            locked_by=None,
            locked_until=None,
        )
    )


