"""The migrations build the schema the code expects, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Connection, Engine, insert, select, text

from monitor.models import ActorMention, Analysis, ClaimFinding, FeedEntry
from monitor.store import articles as article_rows
from monitor.store import feeds as feed_rows
from monitor.store.db import current_revision, table_names, toast_compression_available, upgrade
from monitor.store.schema import articles, claim_observations, feeds, metadata

NOW = datetime(2024, 10, 18, 9, 30, tzinfo=UTC)


def test_migrations_create_every_table(db_engine: Engine) -> None:
    assert set(metadata.tables) <= set(table_names(db_engine))
    assert current_revision(db_engine) is not None
    upgrade(db_engine)  # a second upgrade is a no-op, not an error
    assert set(metadata.tables) <= set(table_names(db_engine))


def test_datetimes_come_back_aware_and_in_utc(db_engine: Engine) -> None:
    berlin = timezone(timedelta(hours=2))
    local = datetime(2024, 10, 18, 11, 30, tzinfo=berlin)
    with db_engine.begin() as conn:
        conn.execute(
            insert(feeds).values(
                id="f", url="http://x", next_poll_at=local, consecutive_errors=0, entries_seen=0, active=True
            )
        )
        stored = conn.scalar(select(feeds.c.next_poll_at))
    assert stored == NOW
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)


def _entries(n: int, prefix: str = "e") -> list[FeedEntry]:
    return [
        FeedEntry(
            entry_key=f"{prefix}{i}",
            url=f"https://news.example/{prefix}{i}",
            title=f"Title {i}",
            published=NOW + timedelta(hours=i),
            summary=f"body {i}",
        )
        for i in range(n)
    ]


def test_inserting_the_same_entries_twice_adds_nothing(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        first = article_rows.insert_entries(
            conn, _entries(3), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
    with db_engine.begin() as conn:
        again = article_rows.insert_entries(
            conn, _entries(4), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
        total = conn.scalar(select(articles.c.id).order_by(articles.c.id.desc()).limit(1))
    assert len(first) == 3
    assert len(again) == 1  # only the fourth entry is new
    assert total == max(again)


def test_the_same_url_from_two_feeds_is_one_article(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        article_rows.insert_entries(
            conn, _entries(2), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
        from_b = article_rows.insert_entries(
            conn, _entries(2), origin="feed:b", feed_id="b", now=NOW, default_language="de", fetch_page=True
        )
    assert from_b == []


def test_pending_articles_come_oldest_publication_first(db_engine: Engine) -> None:
    entries = list(reversed(_entries(5)))
    with db_engine.begin() as conn:
        article_rows.insert_entries(
            conn, entries, origin="backfill:x", feed_id=None, now=NOW, default_language="de", fetch_page=False
        )
        ids = article_rows.pending_article_ids(conn)
        published = [article_rows.get_article(conn, i).published for i in ids]  # type: ignore[union-attr]
    assert published == sorted(published)


def test_an_article_is_processed_once(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        (article_id,) = article_rows.insert_entries(
            conn, _entries(1), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
    kwargs = dict(
        text="Text",
        title=None,
        published=None,
        language="de",
        text_source="page",
        fallback_reason=None,
        now=NOW,
    )
    with db_engine.begin() as conn:
        assert article_rows.mark_processed(conn, article_id, **kwargs)  # type: ignore[arg-type]
    with db_engine.begin() as conn:
        assert not article_rows.mark_processed(conn, article_id, **kwargs)  # type: ignore[arg-type]


def test_claiming_an_article_moves_it_to_a_free_canonical_url_only(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        first, second, third = article_rows.insert_entries(
            conn, _entries(3), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
    story = "https://news.example/story"

    def claim(conn: Connection, article_id: int, move_to: str) -> bool:
        return article_rows.mark_processed(
            conn,
            article_id,
            text="Ein Text",
            title=None,
            published=None,
            language="de",
            text_source="page",
            fallback_reason=None,
            now=NOW,
            move_to=move_to,
        )

    with db_engine.begin() as conn:
        # the URL is free: claimed and moved in one statement
        assert claim(conn, first, story)
    with db_engine.begin() as conn:
        # the URL is the first article's now: the second one is not claimed and keeps its URL
        assert not claim(conn, second, story)
        assert article_rows.url_holder(conn, second, story) == first
        # the first article holds the URL itself: no other article does
        assert article_rows.url_holder(conn, first, story) is None
        # a different free URL still works for the third one
        assert claim(conn, third, "https://news.example/other-story")
        urls = dict(conn.execute(select(articles.c.id, articles.c.url)).tuples().all())
        statuses = dict(conn.execute(select(articles.c.id, articles.c.status)).tuples().all())
    assert urls == {
        first: story,
        second: "https://news.example/e1",
        third: "https://news.example/other-story",
    }
    assert statuses == {first: "processed", second: "pending", third: "processed"}


def test_save_analysis_keeps_sentence_order_and_folds_duplicates(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        (article_id,) = article_rows.insert_entries(
            conn, _entries(1), origin="feed:a", feed_id="a", now=NOW, default_language="de", fetch_page=True
        )
        finding = ClaimFinding("troops", 12000.0, 12000.0, 12000.0, "exact", None, "nis", "s1")
        denial = ClaimFinding("deployment", None, None, None, "exact", "denied", "peskov", "s2")
        analysis = Analysis("de", [ActorMention("nis", 2)], [finding, denial, finding])
        stored = article_rows.save_analysis(
            conn, article_id, analysis, published=NOW, speaks_for={"peskov": "russia"}
        )
        ids = [pending.observation.id for pending in stored]
        rows = conn.execute(select(claim_observations).order_by(claim_observations.c.id)).all()
    assert ids == sorted(ids) and len(ids) == 2
    assert [r.claim_id for r in rows] == ["troops", "deployment"]
    assert rows[1].speaks_for == "russia" and rows[0].speaks_for == "nis"


def test_feed_lock_expires(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        feed_rows.sync_feeds(conn, [("a", "http://x/feed")], NOW)
        assert feed_rows.lock_feed(conn, "a", "w1", NOW, ttl=60)
        assert not feed_rows.lock_feed(conn, "a", "w2", NOW + timedelta(seconds=30), ttl=60)
        assert feed_rows.lock_feed(conn, "a", "w2", NOW + timedelta(seconds=61), ttl=60)


def test_sync_feeds_restarts_a_feed_whose_url_changed(db_engine: Engine) -> None:
    with db_engine.begin() as conn:
        feed_rows.sync_feeds(conn, [("a", "http://x/feed"), ("b", "http://y/feed")], NOW)
        feed_rows.record_poll_success(
            conn,
            "a",
            now=NOW,
            next_poll_at=NOW + timedelta(hours=1),
            etag='"v1"',
            last_modified=None,
            title="A",
            status="ok",
            new_entries=3,
        )
        feed_rows.sync_feeds(conn, [("a", "http://x/new-feed")], NOW)
        a = feed_rows.get_feed(conn, "a")
        b = feed_rows.get_feed(conn, "b")
    assert a is not None and a.etag is None and a.url == "http://x/new-feed" and a.next_poll_at == NOW
    assert b is not None and not b.active


def test_article_texts_use_lz4_where_the_server_was_built_with_it(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        lz4 = toast_compression_available(conn, "lz4")
        if conn.dialect.name != "postgresql":
            assert not lz4  # SQLite compresses nothing: the migration leaves it alone
            return
        assert toast_compression_available(conn, "pglz")  # every PostgreSQL 14+ has it
        assert not toast_compression_available(conn, "no-such-method")
        rows = conn.execute(
            text(
                "SELECT attname, attcompression FROM pg_attribute "
                "WHERE attrelid = 'articles'::regclass AND attname IN ('text', 'raw_html', 'summary')"
            )
        )
        methods: dict[str, str] = dict(rows.tuples().all())
    expected = "l" if lz4 else ""  # '' is the server's default (pglz)
    assert methods == {"text": expected, "raw_html": expected, "summary": ""}
