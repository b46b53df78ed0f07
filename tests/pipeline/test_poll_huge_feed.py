"""A feed too big to parse whole is polled and stored with a bounded number of entries in memory.

Every entry object the poll makes is counted while it lives (a finalizer per
entry), over real HTTP into SQLite and PostgreSQL. Parsing the whole document
at once held all of them at the same time; batches hold at most two batches.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import monitor.ingest.feeds
from monitor.config import Settings
from monitor.ingest.feed_stream import BATCH_ENTRIES
from monitor.ingest.feeds import STREAM_ABOVE_BYTES
from monitor.models import FeedEntry
from monitor.pipeline import poll as polling
from monitor.pipeline.services import Services
from monitor.store import feeds as feed_rows
from monitor.store.schema import articles
from tests.pipeline.conftest import make_config
from tests.support.http_server import LocalHTTPServer, Reply

NOW = datetime(2025, 4, 29, 8, 0, tzinfo=UTC)
ENTRIES = 12_000


def huge_feed_pieces(base: str) -> Iterator[bytes]:
    """The feed in pieces, so the test server does not hold it whole either."""
    yield b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    yield b"<title>Gro\xc3\x9fe Lage</title>"
    for n in range(ENTRIES):
        yield (
            f"<item><guid>e{n}</guid><title>Meldung {n} aus S\u00fcdkorea</title><link>{base}/a/{n}</link>"
            f"<description>Kurzmeldung {n} zur Lage in der Region.</description>"
            f"<pubDate>Tue, 29 Apr 2025 07:{n % 60:02d}:00 GMT</pubDate></item>"
        ).encode()
    yield b"</channel></rss>"


class LiveEntries:
    """How many FeedEntry objects exist at once (the most seen)."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0

    def made(self, entry: FeedEntry) -> FeedEntry:
        self.now += 1
        self.most = max(self.most, self.now)
        weakref.finalize(entry, self._gone)
        return entry

    def _gone(self) -> None:
        self.now -= 1


def test_a_huge_feed_is_stored_with_a_bounded_number_of_entries_in_memory(
    http_server: LocalHTTPServer, db_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = sum(len(piece) for piece in huge_feed_pieces(http_server.base_url))
    assert size > STREAM_ABOVE_BYTES
    http_server.route(
        "/huge.xml",
        lambda _request: Reply(
            chunks=huge_feed_pieces(http_server.base_url),
            content_type="application/rss+xml",
            send_length=False,
        ),
    )
    live = LiveEntries()
    made_entry = monitor.ingest.feeds.to_entry

    def counted(*args: Any, **kwargs: Any) -> FeedEntry:
        return live.made(made_entry(*args, **kwargs))

    monkeypatch.setattr(monitor.ingest.feeds, "to_entry", counted)
    text = (
        f"feeds:\n  - {{id: huge, url: '{http_server.url('/huge.xml')}', language: de, fetch_page: false}}\n"
    )
    settings = Settings(allow_private=("127.0.0.1",), read_timeout=30.0, max_body_bytes=size + 1)
    services = Services.create(make_config(text, tmp_path), settings, engine=db_engine)
    try:
        polling.sync_feeds(services, NOW)
        outcome = polling.poll(services, "huge", NOW)
    finally:
        services.close()

    assert outcome.status == "ok" and len(outcome.new_article_ids) == ENTRIES
    assert live.most <= 2 * BATCH_ENTRIES < ENTRIES
    with db_engine.connect() as conn:
        stored = conn.scalar(select(func.count()).select_from(articles).where(articles.c.feed_id == "huge"))
        sample = conn.execute(
            select(articles.c.title, articles.c.outlet).where(articles.c.entry_key == "id:e11999")
        )
        feed = feed_rows.get_feed(conn, "huge")
    assert stored == ENTRIES
    assert sample.one() == ("Meldung 11999 aus S\u00fcdkorea", "Gro\u00dfe Lage")
    assert feed is not None and feed.last_error is None and feed.title == "Gro\u00dfe Lage"
