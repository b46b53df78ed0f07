"""Processing articles end to end in one process: fetch, extract, analyze, store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, select

from monitor.drivers.embedded import EmbeddedRunner
from monitor.pipeline import poll as polling
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.process import process_article
from monitor.pipeline.services import Services
from monitor.store import articles as article_rows
from monitor.store.schema import actor_mentions, claim_observations
from tests.support.http_server import LocalHTTPServer, Reply

NOW = datetime(2024, 10, 18, 12, 0, tzinfo=UTC)

CONFIG = """
feeds:
  - id: news
    url: {url}
    language: en
    poll_interval: 10m
    fetch_page: true
watchlist:
  - id: north-korea
    kind: country
    names:
      en: [North Korea]
  - id: russia
    kind: country
    names:
      en: [Russia]
claims: []
"""

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta property="article:published_time" content="2024-10-18T08:00:00Z"></head>
<body><header>Site navigation | Sections | Log in</header><article><h1>{title}</h1>
<p>{para}</p><p>Officials in Seoul said the movement of soldiers from North Korea to Russia had been watched
for weeks, and that more details would follow once the intelligence had been checked.</p>
<p>Analysts expect the question to dominate talks between allies in the coming days, as governments weigh
their response to what they call a dangerous escalation of the war.</p></article>
<footer>Copyright notice and imprint</footer></body></html>"""


def feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{base}{path}</link>"
        f"<description>{title}: North Korea and Russia, short summary from the feed.</description></item>"
        for guid, title, path in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


def test_new_entries_are_fetched_extracted_and_stored(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route(
        "/feed.xml",
        Reply(body=feed(base, [("1", "Troops on the move", "/a1")]), content_type="application/rss+xml"),
    )
    http_server.route(
        "/a1",
        Reply(
            body=PAGE.format(
                title="Troops on the move",
                para="North Korea has sent soldiers to Russia, "
                "according to the intelligence service in Seoul.",
            ).encode(),
            content_type="text/html; charset=utf-8",
        ),
    )
    services = services_for(CONFIG.format(url=http_server.url("/feed.xml")))
    report = EmbeddedRunner(services).run_once(NOW)

    assert [p.status for p in report.polls] == ["ok"]
    assert [o.status for o in report.processed] == ["processed"]
    article_id = report.processed[0].article_id
    with services.engine.connect() as conn:
        article = article_rows.get_article(conn, article_id)
        actors = set(
            conn.scalars(select(actor_mentions.c.actor_id).where(actor_mentions.c.article_id == article_id))
        )
    assert article is not None and article.status == "processed"
    assert article.text is not None and "intelligence service in Seoul" in article.text
    assert "Site navigation" not in article.text
    assert {"north-korea", "russia"} <= actors


def test_a_page_that_fails_falls_back_to_the_feed_content_with_a_reason(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route(
        "/feed.xml", Reply(body=feed(base, [("1", "Gone", "/missing")]), content_type="application/rss+xml")
    )
    services = services_for(CONFIG.format(url=http_server.url("/feed.xml")))
    report = EmbeddedRunner(services).run_once(NOW)

    assert [o.status for o in report.processed] == ["processed"]
    with services.engine.connect() as conn:
        rows = article_rows.list_articles(conn)
    assert rows[0].text_source == "feed"
    assert "404" in (rows[0].fallback_reason or "")


def test_processing_an_article_twice_stores_it_once(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route(
        "/feed.xml", Reply(body=feed(base, [("1", "Again", "/a1")]), content_type="application/rss+xml")
    )
    http_server.route(
        "/a1",
        Reply(
            body=PAGE.format(title="Again", para="North Korea sends troops.").encode(),
            content_type="text/html",
        ),
    )
    services = services_for(CONFIG.format(url=http_server.url("/feed.xml")))
    sync_feeds(services, NOW)
    (article_id,) = polling.poll(services, "news", NOW).new_article_ids
    first = process_article(services, article_id, NOW)
    second = process_article(services, article_id, NOW)
    assert (first.status, second.status) == ("processed", "already")
    with services.engine.connect() as conn:
        mentions = conn.scalar(select(func.count()).select_from(actor_mentions))
        observations = conn.scalar(select(func.count()).select_from(claim_observations))
    assert mentions == first.actors
    assert observations == first.claims


def test_one_broken_feed_does_not_stop_the_others(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route(
        "/good.xml", Reply(body=feed(base, [("1", "Fine", "/missing")]), content_type="application/rss+xml")
    )
    http_server.route("/bad.xml", Reply(body=b"<html>not a feed at all</html>", content_type="text/html"))
    config = (
        CONFIG.format(url=http_server.url("/good.xml"))
        .replace(
            "claims: []",
            "claims: []\n",
        )
        .replace(
            "feeds:\n", f"feeds:\n  - id: broken\n    url: {http_server.url('/bad.xml')}\n    language: en\n"
        )
    )
    services = services_for(config)
    report = EmbeddedRunner(services).run_once(NOW)
    statuses = {p.feed_id: p.status for p in report.polls}
    assert statuses == {"broken": "error", "news": "ok"}
    assert len(report.processed) == 1
