"""Bad input and passing failures: counted, retried later, never stuck, never fatal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from monitor.drivers.embedded import EmbeddedRunner
from monitor.pipeline import poll as polling
from monitor.pipeline import process as processing
from monitor.pipeline.poll import sync_feeds
from monitor.pipeline.process import process_article
from monitor.pipeline.services import MAX_ATTEMPTS, Services
from monitor.store import articles as article_rows
from monitor.store import feeds as feed_rows
from monitor.store.schema import articles
from tests.support.http_server import LocalHTTPServer, Reply, sequence

NOW = datetime(2024, 10, 18, 12, 0, tzinfo=UTC)

PAGE = (
    "<html><head><title>T</title></head><body><article><p>North Korea has sent soldiers to Russia, "
    "officials in Seoul said on Friday, and more are expected to follow in the coming weeks.</p>"
    "<p>Analysts say the move marks a new stage of the war.</p></article></body></html>"
)


def config(url: str, fetch_page: bool = True) -> str:
    return f"""
feeds:
  - id: news
    url: {url}
    language: en
    poll_interval: 10m
    fetch_page: {str(fetch_page).lower()}
watchlist:
  - id: north-korea
    names:
      en: [North Korea]
claims: []
"""


def rss(base: str, summary: str = "North Korea: the short teaser of the feed.", guid: str = "1") -> bytes:
    item = (
        f"<item><guid>{guid}</guid><title>Story</title><link>{base}/story</link>"
        f"<description>{summary}</description></item>"
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}</channel></rss>'.encode()


def one_article(services: Services) -> int:
    sync_feeds(services, NOW)
    (article_id,) = polling.poll(services, "news", NOW).new_article_ids
    return article_id


def test_an_article_that_breaks_a_stage_fails_after_its_attempts_instead_of_staying_pending(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.route("/feed.xml", Reply(body=rss(http_server.base_url), content_type="application/rss+xml"))
    services = services_for(config(http_server.url("/feed.xml"), fetch_page=False))
    article_id = one_article(services)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(processing, "analyze_text", broken)
    outcomes = [process_article(services, article_id, NOW) for _ in range(MAX_ATTEMPTS)]
    assert [o.status for o in outcomes] == ["retry"] * (MAX_ATTEMPTS - 1) + ["failed"]
    with services.engine.connect() as conn:
        article = article_rows.get_article(conn, article_id)
        assert article_rows.pending_article_ids(conn) == []
    assert article is not None and article.status == "failed" and "OverflowError" in (article.error or "")


def test_a_passing_page_failure_is_retried_before_the_teaser_is_kept(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route("/feed.xml", Reply(body=rss(base), content_type="application/rss+xml"))
    http_server.route(
        "/story",
        sequence(Reply(status=503, body=b"busy"), Reply(body=PAGE.encode(), content_type="text/html")),
    )
    services = services_for(config(http_server.url("/feed.xml")))
    article_id = one_article(services)

    first = process_article(services, article_id, NOW)
    second = process_article(services, article_id, NOW)
    assert (first.status, second.status) == ("retry", "processed")
    with services.engine.connect() as conn:
        article = conn.execute(select(articles.c.text_source, articles.c.text)).one()
    assert article.text_source == "page" and "Analysts say" in article.text


def test_the_teaser_is_kept_when_the_page_never_comes_back(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route("/feed.xml", Reply(body=rss(base), content_type="application/rss+xml"))
    http_server.route("/story", Reply(status=503, body=b"busy"))
    services = services_for(config(http_server.url("/feed.xml")))
    article_id = one_article(services)

    statuses = [process_article(services, article_id, NOW).status for _ in range(MAX_ATTEMPTS)]
    assert statuses == ["retry"] * (MAX_ATTEMPTS - 1) + ["processed"]
    with services.engine.connect() as conn:
        article = conn.execute(select(articles.c.text_source, articles.c.fallback_reason)).one()
    assert article.text_source == "feed" and "503" in (article.fallback_reason or "")


def test_the_runner_waits_before_trying_a_failed_article_again(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    http_server.route("/feed.xml", Reply(body=rss(base), content_type="application/rss+xml"))
    http_server.route("/story", Reply(status=503, body=b"busy", headers={"Retry-After": "600"}))
    services = services_for(config(http_server.url("/feed.xml")))
    runner = EmbeddedRunner(services)

    first = runner.run_once(NOW)
    second = runner.run_once(NOW)
    assert [o.status for o in first.processed] == ["retry"]
    assert second.processed == []  # still waiting: no hammering of a failing site
    assert http_server.hits("/story") == 1


def test_entries_with_nul_characters_and_absurd_links_do_not_block_the_feed(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    base = http_server.base_url
    items = (
        f"<item><guid>a&#0;b</guid><title>Null&#0; title</title><link>{base}/a</link>"
        "<description>North Korea text</description></item>"
        f"<item><guid>long</guid><title>Long</title><link>{base}/{'x' * 3000}</link></item>"
        f"<item><guid>ok</guid><title>Fine</title><link>{base}/ok</link></item>"
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    http_server.route("/feed.xml", Reply(body=body.encode(), content_type="application/rss+xml"))
    services = services_for(config(http_server.url("/feed.xml"), fetch_page=False))
    sync_feeds(services, NOW)
    outcome = polling.poll(services, "news", NOW)
    assert outcome.status == "ok"
    with services.engine.connect() as conn:
        titles = sorted(conn.scalars(select(articles.c.title)))
        feed = feed_rows.get_feed(conn, "news")
        count = conn.scalar(select(func.count()).select_from(articles))
    assert count == 2 and "Fine" in titles and all("\x00" not in t for t in titles)
    assert feed is not None and "longer than" in (feed.last_error or "")


def test_a_future_publication_date_falls_back_to_the_discovery_time(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services]
) -> None:
    item = (
        f"<item><guid>f</guid><title>From the future</title><link>{http_server.base_url}/f</link>"
        "<description>North Korea text</description><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>"
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}</channel></rss>'
    http_server.route("/feed.xml", Reply(body=body.encode(), content_type="application/rss+xml"))
    services = services_for(config(http_server.url("/feed.xml"), fetch_page=False))
    article_id = one_article(services)
    with services.engine.connect() as conn:
        article = article_rows.get_article(conn, article_id)
    assert article is not None and article.published is None


def test_a_poll_that_breaks_unexpectedly_is_recorded_and_backs_off(
    http_server: LocalHTTPServer, services_for: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    import monitor.ingest.feeds

    http_server.route("/feed.xml", Reply(body=rss(http_server.base_url), content_type="application/rss+xml"))
    services = services_for(config(http_server.url("/feed.xml"), fetch_page=False))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(monitor.ingest.feeds, "open_feed", broken)
    sync_feeds(services, NOW)
    outcome = polling.poll(services, "news", NOW)
    assert outcome.status == "error" and "OverflowError" in (outcome.error or "")
    with services.engine.connect() as conn:
        feed = feed_rows.get_feed(conn, "news")
    assert feed is not None and feed.consecutive_errors == 1 and feed.next_poll_at > NOW
    with services.engine.begin() as conn:
        assert feed_rows.lock_feed(conn, "news", "other", NOW, ttl=60)
