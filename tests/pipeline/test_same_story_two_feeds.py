"""One article reached through two feeds (each linking it its own way) is stored once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from monitor.pipeline import poll as polling
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.services import Services
from monitor.store.schema import articles
from tests.support.http_server import LocalHTTPServer, Reply

NOW = datetime(2025, 4, 29, 8, 0, tzinfo=UTC)


def rss(guid: str, link: str) -> bytes:
    item = (
        f"<item><guid>{guid}</guid><title>Seoul: troops sent</title><link>{link}</link>"
        "<description>Seoul says troops were sent.</description>"
        "<pubDate>Tue, 29 Apr 2025 07:00:00 GMT</pubDate></item>"
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}</channel></rss>'.encode()


def test_one_article_via_two_feeds_is_stored_once(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    http_server.route(
        "/politics.xml", Reply(body=rss("p-1", "https://News.Example/story-1/?utm_source=politics_rss"))
    )
    http_server.route(
        "/world.xml", Reply(body=rss("w-9", "https://news.example:443/amp/story-1?fbclid=abc#top"))
    )
    services = services_for(
        f"""
feeds:
  - {{id: politics, url: "{http_server.url('/politics.xml')}", language: en, fetch_page: false}}
  - {{id: world, url: "{http_server.url('/world.xml')}", language: en, fetch_page: false}}
"""
    )
    sync_feeds(services, NOW)
    first = polling.poll(services, "politics", NOW)
    second = polling.poll(services, "world", NOW)
    assert first.status == second.status == "ok"
    assert len(first.new_article_ids) == 1 and second.new_article_ids == []
    with services.engine.connect() as conn:
        urls = list(conn.scalars(select(articles.c.url)))
    assert urls == ["https://news.example/story-1"]
