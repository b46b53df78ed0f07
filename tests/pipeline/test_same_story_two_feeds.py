"""One article reached through two feeds (each linking it its own way) is stored once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from monitor.pipeline import poll as polling
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.process import process_article
from monitor.pipeline.services import Services
from monitor.store.schema import actor_mentions, articles
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


PAGE = """<!doctype html><html lang="en"><head><title>Seoul: troops sent</title>
<link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="2025-04-29T07:00:00Z"></head>
<body><article><h1>Seoul: troops sent</h1>
<p>North Korea has sent soldiers to Russia, officials in Seoul said on Tuesday, citing intelligence.</p>
<p>The officials said the movement had been watched for weeks and more details would follow.</p>
</article></body></html>"""


def page(canonical: str) -> Reply:
    return Reply(body=PAGE.format(canonical=canonical).encode(), content_type="text/html")


def test_a_page_whose_canonical_link_is_stored_already_is_a_duplicate(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    canonical = http_server.url("/story-1")
    for path in ("/story-1", "/m/story-1"):
        http_server.route(path, page(canonical))
    http_server.route("/a.xml", Reply(body=rss("a-1", http_server.url("/story-1"))))
    http_server.route("/b.xml", Reply(body=rss("b-1", http_server.url("/m/story-1"))))
    services = services_for(
        f"""
feeds:
  - {{id: a, url: "{http_server.url('/a.xml')}", language: en}}
  - {{id: b, url: "{http_server.url('/b.xml')}", language: en}}
watchlist:
  - {{id: north-korea, kind: country, names: {{en: [North Korea]}}}}
"""
    )
    sync_feeds(services, NOW)
    (first,) = polling.poll(services, "a", NOW).new_article_ids
    (second,) = polling.poll(services, "b", NOW).new_article_ids  # another link: not known yet
    assert process_article(services, first).status == "processed"
    assert process_article(services, second).status == "already"
    assert process_article(services, second).status == "already"  # and it stays so
    with services.engine.connect() as conn:
        rows = {row.id: row for row in conn.execute(select(articles))}
        mentioned = list(conn.scalars(select(actor_mentions.c.article_id)))
    assert rows[first].status == "processed" and rows[first].url == canonical
    assert rows[second].status == "duplicate" and f"the same page as article {first}" in rows[second].error
    assert mentioned == [first]  # the copy adds no mentions, observations or alerts of its own


def test_a_page_that_names_a_new_canonical_url_moves_there(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    canonical = http_server.url("/story-2")
    http_server.route("/m/story-2", page(canonical))
    http_server.route("/a.xml", Reply(body=rss("a-2", http_server.url("/m/story-2"))))
    services = services_for(f'feeds:\n  - {{id: a, url: "{http_server.url("/a.xml")}", language: en}}\n')
    sync_feeds(services, NOW)
    (only,) = polling.poll(services, "a", NOW).new_article_ids
    assert process_article(services, only).status == "processed"
    with services.engine.connect() as conn:
        assert list(conn.scalars(select(articles.c.url))) == [canonical]
