"""Polling through the pipeline: state in the database, only new entries go on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from monitor.pipeline import poll as polling
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.services import Services
from monitor.store import feeds as feed_rows
from monitor.store.schema import articles
from tests.support.http_server import LocalHTTPServer, Reply, conditional, sequence

NOW = datetime(2025, 4, 29, 8, 0, tzinfo=UTC)


def rss(*items: tuple[str, str]) -> bytes:
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>https://news.example/{guid}</link>"
        f"<description>{title} - text of the entry.</description>"
        f"<pubDate>Tue, 29 Apr 2025 07:00:00 GMT</pubDate></item>"
        for guid, title in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{body}</channel></rss>'.encode()
    )


def config_for(url: str) -> str:
    return f"""
feeds:
  - id: news
    url: {url}
    language: en
    poll_interval: 10m
    fetch_page: false
"""


def count_articles(services: Services) -> int:
    with services.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(articles)) or 0)


def test_polling_the_same_feed_twice_adds_nothing(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route("/feed.xml", conditional(rss(("a", "First"), ("b", "Second")), etag='"v1"'))
    services = services_for(config_for(http_server.url("/feed.xml")))
    sync_feeds(services, NOW)

    first = polling.poll(services, "news", NOW)
    second = polling.poll(services, "news", NOW + timedelta(minutes=11))

    assert first.status == "ok" and len(first.new_article_ids) == 2
    assert second.status == "not_modified" and second.new_article_ids == []
    assert count_articles(services) == 2
    conditional_request = http_server.requests_to("/feed.xml")[1]
    assert conditional_request.header("If-None-Match") == '"v1"'


def test_a_changed_feed_adds_only_its_new_entries(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route(
        "/feed.xml",
        sequence(
            Reply(body=rss(("a", "First")), content_type="application/rss+xml"),
            Reply(body=rss(("b", "Second"), ("a", "First")), content_type="application/rss+xml"),
        ),
    )
    services = services_for(config_for(http_server.url("/feed.xml")))
    sync_feeds(services, NOW)
    first = polling.poll(services, "news", NOW)
    second = polling.poll(services, "news", NOW + timedelta(minutes=11))
    assert len(first.new_article_ids) == 1
    assert len(second.new_article_ids) == 1
    assert set(first.new_article_ids).isdisjoint(second.new_article_ids)
    assert count_articles(services) == 2


def test_a_failing_feed_keeps_its_entries_and_backs_off(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route(
        "/feed.xml",
        sequence(
            Reply(body=rss(("a", "First"), ("b", "Second")), content_type="application/rss+xml"),
            Reply(status=500, body=b"broken"),
            Reply(status=500, body=b"broken"),
        ),
    )
    services = services_for(config_for(http_server.url("/feed.xml")))
    sync_feeds(services, NOW)
    ok = polling.poll(services, "news", NOW)
    fail1 = polling.poll(services, "news", NOW + timedelta(minutes=11))
    fail2 = polling.poll(services, "news", NOW + timedelta(minutes=40))

    assert ok.status == "ok" and fail1.status == "error" and fail2.status == "error"
    assert count_articles(services) == 2
    with services.engine.connect() as conn:
        feed = feed_rows.get_feed(conn, "news")
    assert feed is not None and feed.consecutive_errors == 2 and "500" in (feed.last_error or "")
    assert fail1.next_poll_at is not None and fail2.next_poll_at is not None
    gap1 = fail1.next_poll_at - (NOW + timedelta(minutes=11))
    gap2 = fail2.next_poll_at - (NOW + timedelta(minutes=40))
    assert gap2 > gap1 > timedelta(minutes=10)  # backs off beyond the normal interval, and grows


def test_rate_limited_feed_waits_at_least_retry_after(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route("/feed.xml", Reply(status=429, headers={"Retry-After": "7200"}, body=b"slow down"))
    services = services_for(config_for(http_server.url("/feed.xml")))
    sync_feeds(services, NOW)
    outcome = polling.poll(services, "news", NOW)
    assert outcome.status == "error"
    assert outcome.next_poll_at is not None and outcome.next_poll_at >= NOW + timedelta(seconds=7200)


def test_a_feed_locked_by_another_poller_is_skipped(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route("/feed.xml", Reply(body=rss(("a", "First")), content_type="application/rss+xml"))
    services = services_for(config_for(http_server.url("/feed.xml")))
    sync_feeds(services, NOW)
    with services.engine.begin() as conn:
        assert feed_rows.lock_feed(conn, "news", "someone-else", NOW, ttl=60)
    outcome = polling.poll(services, "news", NOW + timedelta(seconds=5), owner="me")
    assert outcome.status == "locked"
    assert http_server.hits("/feed.xml") == 0
