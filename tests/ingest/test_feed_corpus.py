"""Hundreds of real-world and broken feeds from feedparser's test corpus, polled over HTTP.

A deterministic spread (every 7th file in path order, plus every ill-formed
one) is served by the local server with the HTTP headers each file asks for in
its ``Header:`` lines. No file may crash the poller: each ends as entries (a
feed may legitimately have none) or as a clear ParseError / FetchError, and
whatever feedparser finds in the file directly must arrive through HTTP intact
(the one JSON Feed file is read by our own JSON Feed code instead).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import feedparser
import httpx
import pytest

from monitor.errors import FetchError, ParseError
from monitor.ingest.feeds import FeedState, poll_feed
from monitor.models import FeedEntry
from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply
from tests.support.loopback import CORPUS

FEEDS = CORPUS / "feeds" / "feedparser"
SKIP_NAMES = {"MANIFEST.md", "LICENSE.upstream", "_derived_date_vectors.json"}
_HEADER_LINE = re.compile(rb"^\s*Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.MULTILINE)


def corpus_sample() -> list[Path]:
    files = sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.name not in SKIP_NAMES)
    chosen = set(files[::7])
    chosen.update(p for p in files if "illformed" in p.parts)
    return sorted(chosen)


def declared_headers(body: bytes) -> dict[str, str]:
    """The simulated response headers a corpus file declares in its leading comment."""
    headers: dict[str, str] = {}
    for name, value in _HEADER_LINE.findall(body[:2000]):
        headers[name.decode("ascii").title()] = value.decode("latin-1")
    return headers


def serve_corpus(request: RecordedRequest) -> Reply:
    path = FEEDS / request.path.removeprefix("/corpus/")
    body = path.read_bytes()
    headers = declared_headers(body)
    content_type = headers.pop("Content-Type", "application/xml")
    # validators from the corpus would make a second poll a 304; they are not under test here
    headers.pop("Etag", None)
    headers.pop("Last-Modified", None)
    return Reply(body=body, headers=headers, content_type=content_type)


def direct_entry_count(body: bytes, headers: dict[str, str]) -> int:
    lowered = {k.lower(): v for k, v in headers.items()}
    lowered.setdefault("content-type", "application/xml")
    lowered.pop("content-location", None)
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=lowered, sanitize_html=False, resolve_relative_uris=False
    )
    return len(parsed.entries)


def check_entry(entry: FeedEntry) -> None:
    assert entry.entry_key.startswith(("id:", "link:", "hash:"))
    assert len(entry.entry_key) <= 512
    assert entry.url is None or entry.url.startswith(("http://", "https://"))
    assert entry.published is None or entry.published.utcoffset() is not None
    assert "<script" not in entry.summary.lower()


def test_a_spread_of_the_feedparser_corpus_never_crashes_the_poller(
    shared_http_server: LocalHTTPServer, shared_client: httpx.Client
) -> None:
    files = corpus_sample()
    assert len(files) >= 300
    assert sum("illformed" in f.parts for f in files) == 19
    shared_http_server.route_prefix("/corpus/", serve_corpus)

    outcomes: Counter[str] = Counter()
    mismatches: list[str] = []
    for path in files:
        relative = path.relative_to(FEEDS).as_posix()
        try:
            result = poll_feed(
                shared_client,
                shared_http_server.url("/corpus/" + relative),
                FeedState(),
                language="en",
                max_bytes=2_000_000,
            )
        except ParseError as exc:
            outcomes["parse_error"] += 1
            assert relative in str(exc)
            continue
        except FetchError:
            outcomes["fetch_error"] += 1
            continue
        outcomes["with_entries" if result.entries else "no_entries"] += 1
        outcomes["bozo"] += result.bozo_reason is not None
        for entry in result.entries:
            check_entry(entry)
        body = path.read_bytes()
        if path.suffix == ".json":  # JSON Feed: ours, not feedparser's (6.0 cannot read it)
            outcomes["json_feed"] += 1
            continue
        if len(result.entries) != direct_entry_count(body, declared_headers(body)):
            mismatches.append(relative)

    finished = (
        outcomes["with_entries"] + outcomes["no_entries"] + outcomes["parse_error"] + outcomes["fetch_error"]
    )
    assert finished == len(files), outcomes
    assert mismatches == []
    # the corpus is mostly valid feeds: most must come through with entries
    assert outcomes["with_entries"] >= len(files) // 2, outcomes
    assert outcomes["fetch_error"] == 0, outcomes
    assert outcomes["json_feed"] == 1, outcomes
    assert shared_http_server.hits("/corpus/illformed/aaa_illformed.xml") == 1


@pytest.mark.parametrize(
    ("relative", "entries"),
    [("illformed/rss_item_link_corrupted_ampersands.xml", 1), ("illformed/aaa_illformed.xml", 0)],
)
def test_ill_formed_feeds_still_give_what_they_have(
    relative: str, entries: int, shared_http_server: LocalHTTPServer, shared_client: httpx.Client
) -> None:
    shared_http_server.route_prefix("/corpus/", serve_corpus)
    url = shared_http_server.url("/corpus/" + relative)
    try:
        result = poll_feed(shared_client, url, FeedState(), language="en", max_bytes=2_000_000)
    except ParseError:
        assert entries == 0
    else:
        assert len(result.entries) == entries
        assert result.bozo_reason
