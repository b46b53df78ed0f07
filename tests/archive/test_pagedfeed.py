"""Feeds with archive pages (RFC 5005): walk back until the window is passed; limits and loops."""

from __future__ import annotations

from datetime import UTC, datetime

from monitor.archive.base import Broken, DateWindow, Event, Found, HttpAccess, Skipped
from monitor.archive.options import SourceOptions
from monitor.archive.pagedfeed import PagedFeedSource, paging_links
from monitor.drivers.backfill import run_backfill
from monitor.pipeline.services import Services
from tests.archive.conftest import TEST_SETTINGS
from tests.support.http_server import LocalHTTPServer, Reply

WINDOW = DateWindow(datetime(2024, 10, 1, tzinfo=UTC), datetime(2024, 11, 1, tzinfo=UTC))
ATOM = "application/atom+xml; charset=utf-8"

# page path -> (entry days as MM-DD, prev-archive target, next-archive target)
PAGES: dict[str, tuple[list[str], str | None, str | None]] = {
    "/feed.xml": (["11-05", "11-03"], "/archive/3.xml", None),
    "/archive/3.xml": (["10-25", "10-20"], "/archive/2.xml", "/feed.xml"),
    "/archive/2.xml": (["10-10", "10-05"], "/archive/1.xml", "/archive/3.xml"),
    "/archive/1.xml": (["09-20", "09-15"], "/archive/0.xml", "/archive/2.xml"),
    "/archive/0.xml": (["08-01"], None, "/archive/1.xml"),
}


def atom(base: str, path: str, days: list[str], prev: str | None, nxt: str | None) -> bytes:
    links = f'<link rel="self" href="{base}{path}"/><link rel="current" href="{base}/feed.xml"/>'
    if prev:
        links += f'<link rel="prev-archive" href="{base}{prev}"/>'
    if nxt:
        links += f'<link rel="next-archive" href="{base}{nxt}"/>'
    entries = "".join(
        f"<entry><id>urn:test:{day}</id><title>Meldung vom {day}</title>"
        f'<link href="{base}/articles/{day}"/><updated>2024-{day}T09:00:00Z</updated>'
        f"<summary>Kurzfassung: Soldaten aus Nordkorea in Russland, Stand {day}.</summary></entry>"
        for day in days
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Archiv</title><id>urn:test:feed</id><updated>2024-11-05T09:00:00Z</updated>{links}{entries}"
        f"</feed>"
    ).encode()


def serve_archive(server: LocalHTTPServer, pages: dict[str, tuple[list[str], str | None, str | None]]) -> str:
    for path, (days, prev, nxt) in pages.items():
        server.route(path, Reply(body=atom(server.base_url, path, days, prev, nxt), content_type=ATOM))
    return server.base_url


def source(services: Services, url: str, **options: int) -> PagedFeedSource:
    return PagedFeedSource(
        url,
        SourceOptions(language="de", **options),  # type: ignore[arg-type]
        HttpAccess(lambda: services.client, TEST_SETTINGS.max_body_bytes),
    )


def read(src: PagedFeedSource, window: DateWindow = WINDOW) -> list[Event]:
    return list(src.read(window, None, lambda url: False))


def days_found(events: list[Event]) -> list[str]:
    return [(e.entry.url or "").rsplit("/", 1)[-1] for e in events if isinstance(e, Found)]


def test_archive_pages_are_followed_until_the_window_is_passed(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = serve_archive(http_server, PAGES)
    events = read(source(services, f"{base}/feed.xml"))
    assert days_found(events) == ["10-25", "10-20", "10-10", "10-05"]
    assert sum(isinstance(e, Skipped) and e.reason == "outside window" for e in events) == 4
    assert [e for e in events if isinstance(e, Broken)] == []
    assert http_server.hits("/archive/1.xml") == 1  # read: it might still hold entries of the window
    assert http_server.hits("/archive/0.xml") == 0  # not read: archive 1 was all before the window
    entry = next(e.entry for e in events if isinstance(e, Found))
    assert entry.entry_key == "id:urn:test:10-25" or entry.entry_key.endswith("urn:test:10-25")
    assert entry.language == "de" and "Nordkorea" in entry.summary


def test_starting_from_an_old_archive_page_walks_forward(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = serve_archive(http_server, PAGES)
    events = read(source(services, f"{base}/archive/1.xml"))
    assert days_found(events) == ["10-10", "10-05", "10-25", "10-20"]
    assert http_server.hits("/archive/0.xml") == 0
    assert http_server.hits("/feed.xml") == 1  # read, then the walk stops: all of it is after the window


def test_a_loop_is_detected_and_reported(services: Services, http_server: LocalHTTPServer) -> None:
    looping = dict(PAGES)
    looping["/archive/1.xml"] = (["09-20"], "/archive/3.xml", None)  # points back into the chain
    base = serve_archive(http_server, looping)
    events = read(source(services, f"{base}/feed.xml"), DateWindow())
    problems = [e.reason for e in events if isinstance(e, Broken)]
    assert len(problems) == 1 and "loops back" in problems[0] and "/archive/3.xml" in problems[0]
    assert all(http_server.hits(path) == 1 for path in ("/feed.xml", "/archive/3.xml", "/archive/2.xml"))


def test_the_page_limit_stops_the_walk(services: Services, http_server: LocalHTTPServer) -> None:
    base = serve_archive(http_server, PAGES)
    events = read(source(services, f"{base}/feed.xml", max_pages=2), DateWindow())
    problems = [e.reason for e in events if isinstance(e, Broken)]
    assert len(problems) == 1 and "page limit" in problems[0]
    assert http_server.hits("/archive/2.xml") == 0


def test_rss_paged_with_atom_next_links(services: Services, http_server: LocalHTTPServer) -> None:
    base = http_server.base_url

    def rss(page: int, nxt: int | None) -> bytes:
        link = f'<atom:link rel="next" href="{base}/rss?page={nxt}"/>' if nxt else ""
        item = (
            f"<item><guid>p{page}</guid><title>Seite {page}</title><link>{base}/articles/p{page}</link>"
            f"<pubDate>Mon, {10 + page:02d} Oct 2024 08:00:00 GMT</pubDate></item>"
        )
        return (
            f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>R</title>'
            f"<link>{base}/</link>{link}{item}</channel></rss>"
        ).encode()

    http_server.route(
        "/rss",
        lambda request: Reply(
            body=rss(
                int(request.query.split("=")[1]) if request.query else 1,
                {"": 2, "page=2": 3}.get(request.query),
            ),
            content_type="application/rss+xml",
        ),
    )
    events = read(source(services, f"{base}/rss"))
    assert days_found(events) == ["p1", "p2", "p3"]
    assert paging_links(rss(1, 2), base) == {"next": [f"{base}/rss?page=2"]}


def test_paged_feed_backfill_is_resumable_and_idempotent(
    services: Services, http_server: LocalHTTPServer
) -> None:
    base = serve_archive(http_server, PAGES)
    spec = f"feed:{base}/feed.xml"
    options = SourceOptions(language="de")
    first = run_backfill(
        services,
        spec,
        since=WINDOW.since,
        until=WINDOW.until,
        stop_after=1,
        batch_size=1,
        options=options,
        process=lambda article_id: None,
    )
    assert first.status == "interrupted" and first.counts.new == 1
    second = run_backfill(
        services,
        spec,
        since=WINDOW.since,
        until=WINDOW.until,
        options=options,
        process=lambda article_id: None,
    )
    assert second.resumed and second.counts.new == 4 and second.counts.existing == 0
    assert http_server.hits("/archive/3.xml") == 2  # the page it stopped in is read again, no other
    assert http_server.hits("/archive/2.xml") == 1
    third = run_backfill(
        services,
        spec,
        since=WINDOW.since,
        until=WINDOW.until,
        options=options,
        rescan=True,
        process=lambda article_id: None,
    )
    assert third.counts.new == 0 and third.counts.existing == 4
