"""Sitemaps: robots.txt -> index -> (news) sitemaps, filtered to the window, pages fetched by the pipeline."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

from sqlalchemy import select

from monitor.archive.base import DateWindow, Found, HttpAccess, Skipped
from monitor.archive.options import SourceOptions
from monitor.archive.pagedfeed import PagedFeedSource
from monitor.archive.resolve import open_source
from monitor.archive.sitemap import SitemapSource
from monitor.drivers.backfill import run_backfill
from monitor.pipeline.services import Services
from monitor.store.schema import articles
from tests.archive.conftest import TEST_SETTINGS
from tests.archive.warcs import article_html
from tests.support.http_server import LocalHTTPServer, Reply, sequence

WINDOW = DateWindow(datetime(2024, 10, 1, tzinfo=UTC), datetime(2024, 11, 1, tzinfo=UTC))
XML = "application/xml; charset=utf-8"


def urlset(base: str, items: list[tuple[str, str | None]], *, news: bool = False) -> bytes:
    rows = []
    for path, when in items:
        if news:
            rows.append(
                f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Testblatt"
                f"</news:name><news:language>de</news:language></news:publication>"
                f"<news:publication_date>{when}</news:publication_date><news:title>Titel {path}"
                f"</news:title></news:news></url>"
            )
        else:
            lastmod = f"<lastmod>{when}</lastmod>" if when else ""
            rows.append(f"<url><loc>{base}{path}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(rows) + "</urlset>"
    ).encode()


def site(server: LocalHTTPServer) -> str:
    base = server.base_url
    server.route(
        "/robots.txt",
        Reply(body=f"User-agent: *\nDisallow: /private\nSitemap: {base}/sitemap_index.xml\n".encode()),
    )
    index = (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-2024-09.xml</loc><lastmod>2024-09-30T23:00:00Z</lastmod></sitemap>"
        f"<sitemap><loc>{base}/news-sitemap.xml.gz</loc><lastmod>2024-10-25</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemap-2024-10.xml</loc><lastmod>2024-10-31</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemap_index.xml</loc></sitemap>"  # lists itself: a loop
        f"</sitemapindex>"
    )
    server.route("/sitemap_index.xml", Reply(body=index.encode(), content_type=XML))
    server.route(
        "/sitemap-2024-09.xml", Reply(body=urlset(base, [("/articles/old", "2024-09-12")]), content_type=XML)
    )
    news = urlset(
        base,
        [
            ("/articles/n1", "2024-10-14T08:00:00+02:00"),
            ("/articles/n2", "2024-10-24T17:30:00Z"),
            ("/articles/n0", "2024-09-28T10:00:00Z"),
        ],
        news=True,
    )
    server.route("/news-sitemap.xml.gz", Reply(body=gzip.compress(news), content_type="application/x-gzip"))
    monthly = urlset(
        base,
        [
            ("/articles/m1", "2024-10-02"),
            ("/articles/m2", "2024-10-30T12:00:00+01:00"),
            ("/articles/m3", "2024-11-02"),
            ("/articles/m4", None),
        ],
    )
    server.route("/sitemap-2024-10.xml", Reply(body=monthly, content_type=XML))
    text = "Soldaten aus Nordkorea sollen in Russland an der Front stehen, berichten Behörden in Kiew. " * 3
    server.route_prefix(
        "/articles/",
        lambda request: Reply(
            body=article_html(request.path.rsplit("/", 1)[-1], text).encode(),
            content_type="text/html; charset=utf-8",
        ),
    )
    return base


def http_access(services: Services) -> HttpAccess:
    return HttpAccess(lambda: services.client, TEST_SETTINGS.max_body_bytes)


def test_index_news_and_lastmod_sitemaps_are_filtered_to_the_window(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = site(http_server)
    source = SitemapSource(f"{base}/robots.txt", SourceOptions(), http_access(services))
    events = list(source.read(WINDOW, None, lambda url: False))
    found = {e.entry.url: e.entry for e in events if isinstance(e, Found)}
    assert sorted(found) == [f"{base}/articles/{name}" for name in ("m1", "m2", "n1", "n2")]
    n1 = found[f"{base}/articles/n1"]
    assert n1.published == datetime(2024, 10, 14, 6, 0, tzinfo=UTC)
    assert (n1.title, n1.language, n1.outlet) == ("Titel /articles/n1", "de", "Testblatt")
    assert found[f"{base}/articles/m2"].published == datetime(2024, 10, 30, 11, 0, tzinfo=UTC)
    reasons = sorted(e.reason for e in events if isinstance(e, Skipped))
    assert reasons == [
        "outside window",
        "outside window",
        "sitemap listed twice",
        "sitemap not modified in the window",
        "undated (a window is set)",
    ]
    assert http_server.hits("/sitemap-2024-09.xml") == 0  # never fetched: last modified before the window


def test_sitemap_resume_skips_finished_sitemaps(services: Services, http_server: LocalHTTPServer) -> None:
    base = site(http_server)
    source = SitemapSource(f"{base}/sitemap_index.xml", SourceOptions(), http_access(services))
    events = list(source.read(WINDOW, None, lambda url: False))
    last_news = max(
        i for i, e in enumerate(events) if e.cursor.get("current") == f"{base}/news-sitemap.xml.gz"
    )
    news_hits = http_server.hits("/news-sitemap.xml.gz")
    rest = list(source.read(WINDOW, events[last_news].cursor, lambda url: False))
    assert [getattr(e, "entry", None) for e in rest if isinstance(e, Found)] == [
        e.entry for e in events[last_news + 1 :] if isinstance(e, Found)
    ]
    # the resumed read opens the unfinished news sitemap again but skips its finished items
    assert http_server.hits("/news-sitemap.xml.gz") == news_hits + 1


def test_sitemap_backfill_fetches_pages_through_the_pipeline(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = site(http_server)
    summary = run_backfill(services, f"{base}/robots.txt", since=WINDOW.since, until=WINDOW.until)
    assert summary.source == f"sitemap:{base}/robots.txt"
    assert summary.counts.new == 4 and summary.counts.processed == 4 and summary.pending == 0
    with services.engine.connect() as conn:
        rows = list(conn.execute(select(articles.c.url, articles.c.text_source, articles.c.text)))
    assert {row.text_source for row in rows} == {"page"}
    assert all("Nordkorea" in (row.text or "") for row in rows)
    assert all(http_server.hits(f"/articles/{name}") == 1 for name in ("m1", "m2", "n1", "n2"))


def test_broken_sitemaps_are_reported_not_fatal(services: Services, http_server: LocalHTTPServer) -> None:
    base = http_server.base_url
    http_server.route(
        "/index.xml",
        Reply(
            body=(
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/missing.xml</loc>'
                f"</sitemap><sitemap><loc>{base}/html.xml</loc></sitemap><sitemap><loc>{base}/ok.xml</loc></sitemap>"
                "</sitemapindex>"
            ).encode(),
            content_type=XML,
        ),
    )
    http_server.route("/html.xml", Reply(body=b"<html><body>moved</body></html>", content_type="text/html"))
    http_server.route("/ok.xml", Reply(body=urlset(base, [("/articles/ok", "2024-10-10")]), content_type=XML))
    events = list(
        SitemapSource(f"{base}/index.xml", SourceOptions(), http_access(services)).read(
            WINDOW, None, lambda url: False
        )
    )
    problems = [e.reason for e in events if not isinstance(e, Found | Skipped)]
    assert len(problems) == 2 and "HTTP 404" in problems[0] and "not a sitemap" in problems[1]
    assert [e.entry.url for e in events if isinstance(e, Found)] == [f"{base}/articles/ok"]


def test_urls_are_routed_by_shape(services: Services) -> None:
    http = http_access(services)
    assert isinstance(
        open_source("https://x.example/sitemap_news.xml.gz", SourceOptions(), http), SitemapSource
    )
    assert isinstance(open_source("https://x.example/robots.txt", SourceOptions(), http), SitemapSource)
    assert isinstance(open_source("https://x.example/feed.atom", SourceOptions(), http), PagedFeedSource)
    assert isinstance(open_source("sitemap:https://x.example/map", SourceOptions(), http), SitemapSource)


def test_a_sitemap_that_fails_for_a_passing_reason_is_read_again_next_time(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = http_server.base_url
    index = (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/a.xml</loc></sitemap><sitemap><loc>{base}/b.xml</loc></sitemap></sitemapindex>"
    )
    http_server.route("/index.xml", Reply(body=index.encode(), content_type=XML))
    http_server.route("/a.xml", Reply(body=urlset(base, [("/articles/a1", "2024-10-10")]), content_type=XML))
    http_server.route(
        "/b.xml",
        sequence(
            Reply(status=503, body=b"busy"),
            Reply(body=urlset(base, [("/articles/b1", "2024-10-11")]), content_type=XML),
        ),
    )
    for name in ("a1", "b1"):
        page = article_html(
            f"Bericht {name}", "Nordkorea schickt nach Angaben aus Seoul weitere Soldaten nach Russland."
        )
        http_server.route(f"/articles/{name}", Reply(body=page.encode(), content_type="text/html"))

    first = run_backfill(services, f"sitemap:{base}/index.xml", since=WINDOW.since, until=WINDOW.until)
    second = run_backfill(services, f"sitemap:{base}/index.xml", since=WINDOW.since, until=WINDOW.until)
    third = run_backfill(services, f"sitemap:{base}/index.xml", since=WINDOW.since, until=WINDOW.until)

    assert first.status == "incomplete" and first.counts.new == 1
    # counts are totals over the runs of one backfill: b1 is new, a1 was read again but not stored twice
    assert second.status == "complete" and second.counts.new == 2 and second.counts.existing == 1
    # a run after completion reads nothing and says so, instead of repeating the totals as its own
    assert third.status == "complete" and third.already_complete and third.counts.found == 0
    with services.engine.connect() as conn:
        urls = sorted(conn.scalars(select(articles.c.url)))
    assert urls == [f"{base}/articles/a1", f"{base}/articles/b1"]
