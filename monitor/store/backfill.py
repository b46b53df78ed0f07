"""What a backfill stores besides articles: its checkpoints, and which of its articles wait."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, select, update

from monitor.ingest.canonical import canonical_url
from monitor.store.db import insert_ignore
from monitor.store.schema import articles, backfill_checkpoints


def url_stored(conn: Connection, url: str) -> bool:
    # articles are stored under their canonical URL (articles.entry_url)
    query = select(articles.c.id).where(articles.c.url == canonical_url(url)).limit(1)
    return conn.scalar(query) is not None


def _pending(origin: str, max_attempts: int) -> Select[tuple[int]]:
    # the exact origin, not a prefix: a prefix would also take another archive whose name
    # starts with this one's
    return select(articles.c.id).where(
        articles.c.origin == origin, articles.c.status == "pending", articles.c.attempts < max_attempts
    )


def pending_ids(conn: Connection, origin: str, max_attempts: int) -> list[int]:
    """This backfill's pending articles, oldest publication first."""
    published = func.coalesce(articles.c.published, articles.c.discovered_at)
    return list(conn.scalars(_pending(origin, max_attempts).order_by(published, articles.c.id)))


def count_pending(conn: Connection, origin: str, max_attempts: int) -> int:
    return int(conn.scalar(select(func.count()).select_from(_pending(origin, max_attempts).subquery())) or 0)


def load_checkpoint_state(conn: Connection, key: str) -> dict[str, Any] | None:
    raw = conn.scalar(select(backfill_checkpoints.c.state).where(backfill_checkpoints.c.source == key))
    return raw if isinstance(raw, dict) else None


def save_checkpoint_state(conn: Connection, key: str, state: dict[str, Any], now: datetime) -> None:
    values = {"state": state, "updated_at": now}
    table = backfill_checkpoints
    if conn.execute(update(table).where(table.c.source == key).values(**values)).rowcount == 0:
        insert_ignore(conn, table, [{"source": key, **values}])
