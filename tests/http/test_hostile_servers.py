"""Hostile servers: compression bombs are refused within the body limit, and one deadline
bounds a request from connect to last byte (issue 12, items 1 and 2).

Memory is measured with tracemalloc around the fetch alone; the bomb is built before.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import httpx
import pytest

from monitor.errors import FetchError, TooLargeError
from monitor.http.client import get
from monitor.ingest.feeds import FeedState, poll_feed
from monitor.ingest.fetch import fetch_page
from tests.http.bombs import gzip_of_zeros, slow_header_server
from tests.support.http_server import LocalHTTPServer, Reply

LIMIT = 1_000_000
EXPANDED = 256 * 1024 * 1024


@pytest.fixture(scope="module")
def nested_bomb() -> bytes:
    return gzip_of_zeros(EXPANDED, layers=2)


@pytest.fixture(scope="module")
def plain_bomb() -> bytes:
    return gzip_of_zeros(EXPANDED, layers=1)


def peak_of(call: Callable[[], object]) -> tuple[BaseException | None, int]:
    tracemalloc.start()
    raised: BaseException | None = None
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - returned for the assertions
        raised = exc
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return raised, peak


FETCHERS: dict[str, Callable[[httpx.Client, str], object]] = {
    "feed": lambda client, url: poll_feed(client, url, FeedState(), language="en", max_bytes=LIMIT),
    "page": lambda client, url: fetch_page(client, url, max_bytes=LIMIT),
    # sitemaps, paged feeds and Wayback captures all fetch through monitor.http.get
    "archive": lambda client, url: get(client, url, max_bytes=LIMIT, accept=None),
}


@pytest.mark.parametrize("layers", ["gzip, gzip", "gzip"])
@pytest.mark.parametrize("kind", sorted(FETCHERS))
def test_compression_bombs_are_refused_within_twice_the_limit(
    client: httpx.Client,
    http_server: LocalHTTPServer,
    nested_bomb: bytes,
    plain_bomb: bytes,
    layers: str,
    kind: str,
) -> None:
    body = nested_bomb if "," in layers else plain_bomb
    assert len(body) < 300_000  # a small answer ...
    url = http_server.route(
        "/bomb", Reply(body=body, headers={"Content-Encoding": layers}, content_type="text/html")
    )
    raised, peak = peak_of(lambda: FETCHERS[kind](client, url))
    assert isinstance(raised, TooLargeError), raised  # ... that would expand to 256 MiB
    assert peak <= 2 * LIMIT, f"peak {peak / 1e6:.1f} MB for a {LIMIT / 1e6:.1f} MB limit"


def test_nested_gzip_within_the_limit_is_decoded_layer_by_layer(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    import gzip

    text = "<html><body><p>Südkorea: 12.000 Soldaten</p></body></html>".encode()
    url = http_server.route(
        "/twice",
        Reply(
            body=gzip.compress(gzip.compress(text)),
            headers={"Content-Encoding": "gzip, gzip"},
            content_type="text/html; charset=utf-8",
        ),
    )
    assert fetch_page(client, url, max_bytes=LIMIT).html == text.decode()


def test_an_encoding_we_never_offered_is_a_clear_permanent_error(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route(
        "/br",
        Reply(body=b"\x8b\x02\x80hello\x03", headers={"Content-Encoding": "br"}, content_type="text/html"),
    )
    with pytest.raises(FetchError, match="unsupported Content-Encoding br") as caught:
        fetch_page(client, url, max_bytes=LIMIT)
    assert caught.value.permanent


def test_slow_headers_are_cut_at_the_total_deadline(client: httpx.Client) -> None:
    # each byte arrives well within the 1 s read timeout; only the 2 s deadline can end it
    with slow_header_server(every=0.2) as url:
        started = time.monotonic()
        with pytest.raises(FetchError, match="time"):
            get(client, url, max_bytes=LIMIT, total_timeout=2.0)
        elapsed = time.monotonic() - started
    assert 1.5 <= elapsed < 4.0, elapsed


def test_cut_in_flight_ends_a_blocked_request_in_another_thread(client: httpx.Client) -> None:
    import threading

    from monitor.http.deadline import allow_requests, cut_in_flight

    outcome: list[BaseException] = []

    def fetch() -> None:
        try:
            get(client, url, max_bytes=LIMIT, total_timeout=60.0)
        except BaseException as exc:  # noqa: BLE001 - kept for the assertion
            outcome.append(exc)

    with slow_header_server(every=0.2) as url:
        worker = threading.Thread(target=fetch)
        worker.start()
        time.sleep(1.0)
        try:
            assert cut_in_flight() >= 1
            worker.join(timeout=3)
            assert not worker.is_alive()
            assert isinstance(outcome[0], FetchError)
            # while stopping, no new request gets through either
            with pytest.raises(FetchError):
                get(client, url, max_bytes=LIMIT, total_timeout=60.0)
        finally:
            allow_requests()
