"""Large inputs stay within every backend's limits (issue 12, items 3 and 4)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from monitor.models import FeedEntry
from monitor.store import articles as article_rows
from monitor.store.schema import articles

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def test_a_feed_of_70000_entries_is_stored_on_every_backend(db_engine: Engine) -> None:
    # more entries than PostgreSQL takes bind parameters in one statement (65,535)
    entries = [
        FeedEntry(entry_key=f"k{n}", url=f"https://example.org/{n}", title=f"t{n}") for n in range(70_000)
    ]
    with db_engine.begin() as conn:
        new = article_rows.insert_entries(
            conn, entries, origin="feed:big", feed_id=None, now=NOW, default_language="en", fetch_page=False
        )
    assert len(new) == 70_000 == len(set(new))
    with db_engine.begin() as conn:
        again = article_rows.insert_entries(
            conn,
            entries[-5:] + [FeedEntry(entry_key="fresh", url="https://example.org/fresh")],
            origin="feed:big",
            feed_id=None,
            now=NOW,
            default_language="en",
            fetch_page=False,
        )
        stored = conn.scalar(select(func.count()).select_from(articles))
    assert len(again) == 1 and stored == 70_001
