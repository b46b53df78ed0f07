"""Streamed parsing (monitor.ingest.feed_stream) gives exactly what feedparser gives for the whole body.

Each case parses one body twice: as today (``parse_feed``: feedparser on the
whole document) and through ``read_feed`` with the streaming threshold at 0,
so every streamable body takes the batch path. Entries (keys, titles, links,
dates, summaries, languages), feed title and warnings must be equal.
"""

from __future__ import annotations

import gzip
import io

import httpx
import pytest

from monitor.errors import TooLargeError
from monitor.ingest import feed_stream
from monitor.ingest.feeds import STREAM_ABOVE_BYTES, FeedState, open_feed, parse_feed, read_feed
from monitor.models import FeedEntry
from tests.ingest.test_feed_corpus import FEEDS, SKIP_NAMES, declared_headers
from tests.support.http_server import LocalHTTPServer, Reply

RSS_TYPE = {"Content-Type": "application/rss+xml"}


def both_ways(
    body: bytes, headers: dict[str, str], url: str = "http://news.test/feed.xml"
) -> tuple[tuple[list[FeedEntry], str | None, str | None], tuple[list[FeedEntry], str | None, str | None]]:
    whole = parse_feed(body, url=url, language="en", headers=headers)
    feed = read_feed(io.BytesIO(body), len(body), url=url, language="en", headers=headers, stream_above=0)
    entries = [entry for batch in feed.batches() for entry in batch]
    return whole, (entries, feed.title, feed.bozo_reason)


def streams(body: bytes) -> bool:
    return feed_stream.scan(io.BytesIO(body)) is not None


def generated_rss(entries: int, *, markup: bool = False) -> bytes:
    """Entries of every shape the keys and dates depend on, umlauts, and one invalid UTF-8 byte.

    ``markup`` adds HTML in titles and summaries (feedparser then takes ~10x longer per entry).
    """
    items = []
    for n in range(entries):
        guid = f"<guid>tag:news.test,2025:{n}</guid>" if n % 3 else ""
        link = f"<link>/artikel/{n}?x=1&amp;y=2</link>" if n % 5 else ""
        day = 1 + n % 28
        date = (
            f"<pubDate>Tue, {day:02d} Apr 2025 {n % 24:02d}:{n % 60:02d}:00 +0200</pubDate>" if n % 7 else ""
        )
        title = f"Meldung {n}: S\u00fcdkorea {'&amp; ' if n % 10 == 1 else ''}Gr\u00f6\u00dfe {n % 11}"
        summary = f"Kurzmeldung {n} zur Lage."
        if markup:
            title += " &lt;b&gt;fett&lt;/b&gt;"
            summary = f"<![CDATA[<p>Kurzmeldung <em>{n}</em> zur Lage.</p><script>x()</script>]]>"
        items.append(
            f"<item>{guid}<title>{title}</title>{link}{date}<description>{summary}</description></item>"
        )
        if n == entries // 2:
            items.append("<item><title>Stray \udcff byte</title></item>")
    channel = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Gro\u00dfe Lage</title><language>de-DE</language>"
        + "".join(items)
        + "</channel></rss>"
    )
    return channel.encode("utf-8", "surrogateescape")


def test_markup_in_a_generated_feed_comes_out_the_same_streamed() -> None:
    (whole, _, bozo), (streamed, _, streamed_bozo) = both_ways(generated_rss(600, markup=True), RSS_TYPE)
    assert len(whole) == 601 and streamed == whole and streamed_bozo == bozo
    assert streamed[1].title.endswith("fett") and "x()" not in streamed[1].summary


def test_every_streamable_corpus_feed_gives_the_same_entries_as_feedparser() -> None:
    files = sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.name not in SKIP_NAMES)
    compared = 0
    for path in files:
        body = path.read_bytes()
        headers = declared_headers(body)
        headers.setdefault("Content-Type", "application/xml")
        if path.suffix == ".json" or not streams(body):
            continue
        try:
            whole, streamed = both_ways(body, headers, url="http://corpus.test/" + path.name)
        except Exception as exc:  # noqa: BLE001 - say which file
            raise AssertionError(f"{path}: {exc}") from exc
        assert streamed == whole, path
        compared += 1
    # about half the corpus is well-formed UTF-8 RSS 2.0 / Atom; the rest stays with feedparser
    assert compared >= 900


def test_the_biggest_corpus_feed_streams_in_batches_with_the_same_entries() -> None:
    path = FEEDS / "wellformed" / "sanitize" / "large_atom_feed_that_needs_css_sanitisation.xml"
    body = path.read_bytes()
    envelope = feed_stream.scan(io.BytesIO(body))
    assert envelope is not None
    documents = list(feed_stream.entry_documents(io.BytesIO(body), envelope, batch=2))
    assert len(documents) >= 2
    whole, streamed = both_ways(body, {"Content-Type": "application/atom+xml"})
    assert whole[0] and streamed == whole


def test_a_generated_feed_above_the_threshold_gives_the_same_entries_streamed() -> None:
    # large enough to take the streamed path by size alone; 100,000 entries are compared
    # by bench/bench_reliability.py (feedparser needs minutes for them on a shared machine)
    body = generated_rss(12_000)
    assert len(body) > STREAM_ABOVE_BYTES and streams(body)
    whole, title, bozo = parse_feed(body, url="http://news.test/feed.xml", language="en", headers=RSS_TYPE)
    feed = read_feed(
        io.BytesIO(body), len(body), url="http://news.test/feed.xml", language="en", headers=RSS_TYPE
    )
    streamed = [entry for batch in feed.batches() for entry in batch]
    assert len(streamed) == len(whole) == 12_001
    assert [e.entry_key for e in streamed] == [e.entry_key for e in whole]
    assert [(e.title, e.url, e.published) for e in streamed] == [(e.title, e.url, e.published) for e in whole]
    assert streamed == whole
    assert (
        (feed.title, feed.bozo_reason)
        == (title, bozo)
        == ("Gro\u00dfe Lage", "1 invalid UTF-8 byte replaced")
    )
    # the repair is per byte: every other umlaut is intact
    assert streamed[1].title.startswith("Meldung 1: S\u00fcdkorea & Gr\u00f6\u00dfe")
    assert {e.language for e in streamed} == {"de"}
    assert {e.entry_key.partition(":")[0] for e in streamed} == {"id", "link", "hash"}


def test_atom_with_base_and_language_streams_like_feedparser() -> None:
    entries = "".join(
        f'<entry xml:lang="{"fr" if n % 2 else "de"}"><id>urn:n:{n}</id>'
        f'<title type="html">A &amp;lt;i&amp;gt;{n}</title>'
        f'<link rel="alternate" href="e/{n}"/><updated>2025-04-{1 + n % 28:02d}T10:00:00Z</updated>'
        f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Text {n}</p></div>'
        "</content></entry>"
        for n in range(400)
    )
    body = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://atom.test/news/" xml:lang="en">'
        f"<title>Atom</title>{entries}<subtitle>after the entries</subtitle></feed>"
    ).encode()
    assert streams(body)
    whole, streamed = both_ways(body, {"Content-Type": "application/atom+xml"})
    assert len(whole[0]) == 400 and streamed == whole


@pytest.mark.parametrize(
    "body",
    [
        # ill-formed: feedparser's lenient parse and its bozo warning, as before
        b'<rss version="2.0"><channel><title>T</title><item><title>A &nbsp; B</title></item>'
        b"<item><title>second</title></item></channel></rss>",
        # a DOCTYPE with entities: only feedparser expands them as it always did
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY who "Wer">]><rss version="2.0"><channel>'
        b"<item><guid>1</guid><title>&who;</title></item></channel></rss>",
        # RSS 1.0 and RSS 0.91 stay with feedparser
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b'<channel rdf:about="x"><title>R</title></channel>'
        b'<item rdf:about="i"><title>one</title></item></rdf:RDF>',
        b'<rss version="0.91"><channel><title>old</title><item><title>one</title></item></channel></rss>',
        # windows-1252: feedparser's encoding detection decides
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
        "<item><title>S\u00fcd</title></item></channel></rss>".encode("cp1252"),
    ],
)
def test_feeds_streaming_cannot_reproduce_go_to_feedparser_whole(body: bytes) -> None:
    assert not streams(body) or b"windows-1252" in body
    whole, streamed = both_ways(body, RSS_TYPE)
    assert whole[0] and streamed == whole


def test_an_ill_formed_feed_keeps_its_warning_and_its_entries() -> None:
    body = b'<rss version="2.0"><channel><title>T</title><item><guid>a</guid><title>A &nbsp; B</title></item>'
    whole, streamed = both_ways(body, RSS_TYPE)
    assert streamed == whole
    assert [e.entry_key for e in streamed[0]] == ["id:a"] and streamed[2]


def test_a_big_body_is_spooled_under_the_same_size_limit(
    http_server: LocalHTTPServer, client: httpx.Client
) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * 5_000_000)
    url = http_server.route("/bomb.xml", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(TooLargeError):
        with open_feed(client, url, FeedState(), language="en", max_bytes=1_000_000, stream_above=1000):
            pass
    body = generated_rss(1200)
    url = http_server.route("/big.xml", Reply(body=body, content_type="application/rss+xml"))
    with open_feed(client, url, FeedState(), language="en", max_bytes=len(body), stream_above=1000) as polled:
        assert polled.feed is not None
        batches = [len(batch) for batch in polled.feed.batches()]
    assert feed_stream.BATCH_ENTRIES == 500 and batches == [500, 500, 201]
