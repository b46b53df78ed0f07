"""The Wayback Machine CDX source against a local CDX server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from monitor.archive.options import SourceOptions
from monitor.archive.wayback import RateLimiter, parse_cdx, parse_timestamp
from monitor.drivers.backfill import run_backfill
from monitor.pipeline.services import Services
from monitor.store.schema import articles
from tests.archive.cdx_server import Snapshot, Wayback
from tests.archive.warcs import article_html
from tests.support.http_server import LocalHTTPServer

OCT_1 = datetime(2024, 10, 1, tzinfo=UTC)
NOV_1 = datetime(2024, 11, 1, tzinfo=UTC)


def page(title: str, published: str | None = None) -> bytes:
    text = f"{title}: Berichte über nordkoreanische Soldaten in Russland, Stellungnahmen aus Kiew und Seoul."
    return article_html(title, text, published=published).encode()


def archive(server: LocalHTTPServer) -> Wayback:
    wayback = Wayback(
        server,
        [
            Snapshot("https://news.example/a", "20241014090000", page("A", "2024-10-13T18:00:00Z")),
            Snapshot("https://news.example/a", "20241016090000", page("A, updated")),  # later capture of a
            Snapshot("https://news.example/b", "20241018120000", page("B")),
            Snapshot("https://news.example/z-copy", "20241022130000", page("B")),  # same content, other URL
            Snapshot("https://news.example/c", "20241021080000", page("C")),
            Snapshot(
                "https://news.example/d", "20241025080000", page("D", "2024-09-01T10:00:00Z")
            ),  # old page
            Snapshot("https://news.example/e", "20241101080000", page("E")),  # after the window
            Snapshot("https://news.example/logo.png", "20241015000000", b"\x89PNG", mimetype="image/png"),
            Snapshot("https://other.example/x", "20241015000000", page("X")),  # outside the prefix
        ],
    )
    wayback.install()
    return wayback


def options(wayback: Wayback, **extra: object) -> SourceOptions:
    values: dict[str, object] = {
        "wayback_url": wayback.base_url,
        "requests_per_second": 200.0,
        "cdx_page_size": 3,
        **extra,
    }
    return SourceOptions(**values)  # type: ignore[arg-type]


def stored(services: Services) -> dict[str, datetime | None]:
    with services.engine.connect() as conn:
        return {row.url: row.published for row in conn.execute(select(articles.c.url, articles.c.published))}


def test_captures_in_the_window_become_articles(services: Services, http_server: LocalHTTPServer) -> None:
    wayback = archive(http_server)
    summary = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert summary.status == "complete" and summary.counts.broken == []
    assert stored(services) == {
        "https://news.example/a": datetime(2024, 10, 13, 18, 0, tzinfo=UTC),  # the page's own date
        "https://news.example/b": datetime(2024, 10, 18, 12, 0, tzinfo=UTC),  # the capture time
        "https://news.example/c": datetime(2024, 10, 21, 8, 0, tzinfo=UTC),
    }
    assert summary.counts.skipped == {
        "later capture of the same URL": 1,
        "duplicate content": 1,
        "outside window": 1,
    }
    assert summary.counts.processed == 3
    # CDX paging: 6 matching captures, 3 per page -> 2 pages
    assert http_server.hits("/cdx/search/cdx") == 2
    assert all(count == 1 for count in wayback.capture_hits().values())


def test_a_second_run_downloads_nothing_again(services: Services, http_server: LocalHTTPServer) -> None:
    wayback = archive(http_server)
    run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    again = run_backfill(
        services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback), rescan=True
    )
    hits = wayback.capture_hits()
    # stored pages are not downloaded again; only the one judged outside the window is
    assert {path: n for path, n in hits.items() if n > 1} == {
        "/web/20241025080000id_/https://news.example/d": 2
    }
    assert again.counts.new == 0 and again.counts.existing == 3
    assert len(stored(services)) == 3


def test_an_interrupted_cdx_backfill_resumes_without_downloading_twice(
    services: Services, http_server: LocalHTTPServer
) -> None:
    wayback = archive(http_server)
    first = run_backfill(
        services,
        "cdx:news.example/",
        since=OCT_1,
        until=NOV_1,
        options=options(wayback),
        stop_after=1,
        batch_size=1,
    )
    assert first.status == "interrupted" and len(stored(services)) == 1
    second = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert second.resumed and len(stored(services)) == 3
    assert max(wayback.capture_hits().values()) == 1


def test_transient_errors_are_retried(services: Services, http_server: LocalHTTPServer) -> None:
    wayback = archive(http_server)
    wayback.fail_next = [503, 429]
    summary = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert summary.counts.broken == [] and len(stored(services)) == 3


def test_an_unreachable_archive_stops_with_a_reason_and_resumes_later(
    services: Services, http_server: LocalHTTPServer
) -> None:
    wayback = archive(http_server)
    wayback.fail_next = [503] * 3  # with Retry-After: 0, so the test does not wait
    summary = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert len(summary.counts.broken) == 1 and "CDX query failed" in summary.counts.broken[0]
    assert stored(services) == {}
    retried = run_backfill(
        services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback), rescan=True
    )
    assert len(stored(services)) == 3 and retried.counts.new == 3


def test_requests_respect_the_rate_limit(services: Services, http_server: LocalHTTPServer) -> None:
    wayback = archive(http_server)
    run_backfill(
        services,
        "cdx:news.example/",
        since=OCT_1,
        until=NOV_1,
        options=options(wayback, requests_per_second=20.0),
    )
    times = wayback.request_times
    assert len(times) >= 5
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    # 20 per second = one every 50 ms; the server sees arrival times, so allow scheduling slack
    assert min(gaps) >= 0.035


def test_rate_limiter_spaces_calls_evenly() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limiter.wait()
    assert slept == [0.5, 0.5, 0.5]


def test_cdx_json_and_timestamps() -> None:
    body = b'[["urlkey","timestamp","original"],["a","20241014090000","https://a"],[],["next-key"]]'
    rows, key = parse_cdx(body)
    assert rows == [{"urlkey": "a", "timestamp": "20241014090000", "original": "https://a"}]
    assert key == "next-key"
    assert parse_cdx(b"") == ([], None)
    assert parse_timestamp("202410") == datetime(2024, 10, 1, tzinfo=UTC)
    assert parse_timestamp("20241014093015") == datetime(2024, 10, 14, 9, 30, 15, tzinfo=UTC)
    assert parse_timestamp("2024x") is None


@pytest.mark.parametrize("spec", ["cdx:news.example/"])
def test_cdx_needs_the_guard_exception_for_loopback(
    services: Services, http_server: LocalHTTPServer, spec: str
) -> None:
    """The archive is reached through monitor.http.client: without allow_private, 127.0.0.1 is refused."""
    from monitor.config import Settings

    wayback = archive(http_server)
    locked = Services.create(services.config, Settings(), engine=services.engine)
    try:
        summary = run_backfill(locked, spec, options=options(wayback))
    finally:
        locked.close()
    assert "refused" in summary.counts.broken[0] and http_server.requests == []


@pytest.mark.parametrize(
    "answer",
    [b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>", b'{"error": "busy"}'],
    ids=["html-page", "json-object"],
)
def test_a_cdx_answer_that_is_no_table_leaves_the_backfill_incomplete(
    services: Services, http_server: LocalHTTPServer, answer: bytes
) -> None:
    from tests.support.http_server import Reply

    wayback = archive(http_server)
    http_server.route("/cdx/search/cdx", Reply(body=answer, content_type="text/html"))
    summary = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert summary.status == "incomplete"
    assert len(summary.counts.broken) == 1 and "CDX query failed: CDX answer" in summary.counts.broken[0]
    assert stored(services) == {}
    wayback.install()  # the archive answers properly again: the next run (no --rescan) asks again
    again = run_backfill(services, "cdx:news.example/", since=OCT_1, until=NOV_1, options=options(wayback))
    assert again.status == "complete" and len(stored(services)) == 3
