"""poll_feed / parse_feed / next_poll_delay against a real local server and real files."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path

import httpx
import pytest

from monitor.errors import FetchError, ParseError, RateLimitedError, TooLargeError
from monitor.http.client import get
from monitor.ingest.entries import entry_key
from monitor.ingest.feeds import FeedState, PollResult, next_poll_delay, parse_feed, poll_feed
from tests.support.http_server import (
    LocalHTTPServer,
    Reply,
    conditional,
    dripping,
    gzipped,
    oversized,
    rate_limited,
    redirect,
    slow,
)
from tests.support.loopback import CORPUS

LIMIT = 1_000_000


def rss(*items: str, language: str = "", encoding: str = "utf-8", title: str = "Test feed") -> bytes:
    lang = f"<language>{language}</language>" if language else ""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://news.example/</link>{lang}{''.join(items)}</channel></rss>"
    )
    return text.encode(encoding)


def item(guid: str, title: str, *, link: str = "", extra: str = "") -> str:
    guid_tag = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    link_tag = f"<link>{link}</link>" if link else ""
    return f"<item>{guid_tag}<title>{title}</title>{link_tag}{extra}</item>"


TWO_ITEMS = rss(item("a-1", "First"), item("a-2", "Second"))


def poll(
    client: httpx.Client, url: str, state: FeedState | None = None, language: str | None = "de"
) -> PollResult:
    return poll_feed(client, url, state or FeedState(), language=language, max_bytes=LIMIT)


# ----------------------------------------------------------------- conditional GET


def test_etag_turns_the_second_poll_into_a_304_without_parsing(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", conditional(TWO_ITEMS, etag='"v1"'))
    first = poll(client, url)
    assert not first.not_modified
    assert [e.title for e in first.entries] == ["First", "Second"]
    assert first.state.etag == '"v1"'
    assert first.title == "Test feed"
    second = poll(client, url, first.state)
    assert second.not_modified
    assert second.entries == []
    assert second.state.etag == '"v1"'
    assert http_server.requests_to("/feed.xml")[1].header("if-none-match") == '"v1"'
    assert http_server.hits("/feed.xml") == 2


def test_last_modified_turns_the_second_poll_into_a_304(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    stamp = formatdate(1_730_000_000, usegmt=True)
    url = http_server.route("/feed.xml", conditional(TWO_ITEMS, last_modified=stamp))
    first = poll(client, url)
    assert first.state == FeedState(etag=None, last_modified=stamp)
    assert len(first.entries) == 2
    second = poll(client, url, first.state)
    assert second.not_modified
    assert second.state.last_modified == stamp
    assert http_server.requests_to("/feed.xml")[1].header("if-modified-since") == stamp


def test_a_changed_feed_is_parsed_again_with_its_new_validator(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", conditional(rss(item("b-1", "Newer")), etag='"v2"'))
    result = poll(client, url, FeedState(etag='"v1"'))
    assert not result.not_modified
    assert [e.entry_key for e in result.entries] == ["id:b-1"]
    assert result.state.etag == '"v2"'


def test_gzip_bodies_are_decoded(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/feed.xml", gzipped(TWO_ITEMS))
    result = poll(client, url)
    assert len(result.entries) == 2
    assert "gzip" in (http_server.requests_to("/feed.xml")[0].header("accept-encoding") or "")


def test_user_agent_is_sent(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/feed.xml", Reply(body=TWO_ITEMS, content_type="application/rss+xml"))
    poll(client, url)
    assert (http_server.requests_to("/feed.xml")[0].header("user-agent") or "").startswith("monitor/")


# ----------------------------------------------------------------- redirects


def test_redirects_are_followed_and_the_final_url_reported(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    http_server.route("/old", redirect("/older", status=301))
    http_server.route("/older", redirect(http_server.url("/feed.xml"), status=308))
    http_server.route("/feed.xml", Reply(body=TWO_ITEMS, content_type="application/rss+xml"))
    result = poll(client, http_server.url("/old"))
    assert result.final_url == http_server.url("/feed.xml")
    assert len(result.entries) == 2


def test_a_redirect_loop_is_a_transient_fetch_error(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    http_server.route("/a", redirect("/b"))
    http_server.route("/b", redirect("/a"))
    with pytest.raises(FetchError, match="loop") as raised:
        poll(client, http_server.url("/a"))
    assert not raised.value.permanent
    assert http_server.hits("/a") == 1
    assert http_server.hits("/b") == 1


def test_more_than_five_redirects_is_a_fetch_error(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    for hop in range(7):
        http_server.route(f"/r{hop}", redirect(f"/r{hop + 1}"))
    http_server.route("/r7", Reply(body=TWO_ITEMS))
    with pytest.raises(FetchError, match="redirects"):
        poll(client, http_server.url("/r0"))
    assert http_server.hits("/r5") == 1  # five redirects followed ...
    assert http_server.hits("/r6") == 0  # ... the sixth refused
    http_server.route("/r2", redirect("/r7"))  # now four hops: fine
    assert len(poll(client, http_server.url("/r0")).entries) == 2


# ----------------------------------------------------------------- status codes


def test_429_with_retry_after_seconds(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/feed.xml", rate_limited("120"))
    with pytest.raises(RateLimitedError) as raised:
        poll(client, url)
    assert raised.value.retry_after == 120.0
    assert raised.value.status == 429
    assert not raised.value.permanent


def test_429_with_retry_after_http_date(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/feed.xml", rate_limited(formatdate(time.time() + 600, usegmt=True)))
    with pytest.raises(RateLimitedError) as raised:
        poll(client, url)
    assert raised.value.retry_after is not None
    assert 590 <= raised.value.retry_after <= 600


def test_503_is_rate_limited_even_without_retry_after(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", rate_limited(None, status=503))
    with pytest.raises(RateLimitedError) as raised:
        poll(client, url)
    assert raised.value.retry_after is None
    assert raised.value.status == 503


def test_garbage_retry_after_is_ignored(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    url = http_server.route("/feed.xml", rate_limited("soon-ish"))
    with pytest.raises(RateLimitedError) as raised:
        poll(client, url)
    assert raised.value.retry_after is None


@pytest.mark.parametrize(
    ("status", "permanent"), [(500, False), (502, False), (404, True), (410, True), (403, True), (408, False)]
)
def test_error_statuses_say_whether_a_retry_can_help(
    status: int, permanent: bool, client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", Reply(status=status, body=b"nope"))
    with pytest.raises(FetchError) as raised:
        poll(client, url)
    assert type(raised.value) is FetchError
    assert raised.value.status == status
    assert raised.value.permanent is permanent


# ----------------------------------------------------------------- slow, big, wrong


def test_a_response_slower_than_the_read_timeout_is_a_transient_error(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", slow(Reply(body=TWO_ITEMS), 3.0))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timeout") as raised:
        poll(client, url)
    assert not raised.value.permanent
    assert time.monotonic() - started < 2.5  # read timeout is 1 s


def test_a_dripping_body_hits_the_total_time_limit(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/drip", dripping(b"<p>x</p>", pieces=20, every=0.15))
    started = time.monotonic()
    with pytest.raises(FetchError, match="time limit") as raised:
        get(client, url, max_bytes=LIMIT, total_timeout=0.5)
    assert not raised.value.permanent
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("declare_length", [True, False])
def test_an_oversized_feed_is_refused(
    declare_length: bool, client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/big.xml", oversized(3 * LIMIT, declare_length=declare_length))
    with pytest.raises(TooLargeError) as raised:
        poll(client, url)
    assert raised.value.permanent


def test_a_gzip_bomb_is_limited_by_its_decoded_size(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    body = b"<rss>" + b" " * (5 * LIMIT) + b"</rss>"
    url = http_server.route("/bomb.xml", gzipped(body))
    with pytest.raises(TooLargeError):
        poll(client, url)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<!DOCTYPE html><html><body><p>Just a page</p></body></html>", "text/html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"", "application/rss+xml"),
        (b'{"not": "a feed"}', "application/json"),
    ],
)
def test_a_body_that_is_not_a_feed_is_a_parse_error(
    body: bytes, content_type: str, client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/feed.xml", Reply(body=body, content_type=content_type))
    with pytest.raises(ParseError) as raised:
        poll(client, url)
    assert raised.value.permanent


# ----------------------------------------------------------------- charsets


def test_a_windows_1252_feed_declared_in_the_header(
    client: httpx.Client, http_server: LocalHTTPServer
) -> None:
    body = rss(item("c-1", "Gebühren für Öl – 5 €"), encoding="windows-1252")
    url = http_server.route(
        "/feed.xml", Reply(body=body, content_type="application/rss+xml; charset=windows-1252")
    )
    assert poll(client, url).entries[0].title == "Gebühren für Öl – 5 €"


def test_an_iso_8859_1_feed_declared_in_the_xml(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = rss(item("c-2", "Größere Truppenverbände"), encoding="iso-8859-1")
    url = http_server.route("/feed.xml", Reply(body=body, content_type="application/xml"))
    assert poll(client, url).entries[0].title == "Größere Truppenverbände"


def test_a_shift_jis_feed(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = rss(item("c-3", "北朝鮮の兵士"), encoding="shift_jis")
    url = http_server.route("/feed.xml", Reply(body=body, content_type="text/xml; charset=Shift_JIS"))
    assert poll(client, url).entries[0].title == "北朝鮮の兵士"


# ----------------------------------------------------------------- entries


def test_entry_fields_are_plain_resolved_and_utc(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    content = (
        "<content:encoded><![CDATA[<p>Erster Absatz &amp; mehr.</p><script>alert(1)</script>"
        "<p>Zweiter <b>Absatz</b> mit deutlich mehr Text als die Beschreibung.</p>]]></content:encoded>"
    )
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>'
        b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        b"<title>Nachrichten</title><language>de-DE</language>"
        + item(
            "",
            "Truppen &amp; Zahlen",
            link="/artikel/1.html",
            extra="<description>Kurz.</description><pubDate>Tue, 05 Nov 2024 14:30:00 +0200</pubDate>"
            + content,
        ).encode()
        + b"</channel></rss>"
    )
    url = http_server.route("/news/feed.xml", Reply(body=body, content_type="application/rss+xml"))
    result = poll(client, url, language="en")
    (entry,) = result.entries
    assert entry.url == http_server.url("/artikel/1.html")
    assert entry.entry_key == "link:" + http_server.url("/artikel/1.html")
    assert entry.title == "Truppen & Zahlen"
    assert entry.published == datetime(2024, 11, 5, 12, 30, tzinfo=UTC)
    assert (
        entry.summary == "Erster Absatz & mehr.\nZweiter Absatz mit deutlich mehr Text als die Beschreibung."
    )
    assert "alert" not in entry.summary
    assert entry.language == "de"
    assert result.title == "Nachrichten"


def test_language_falls_back_to_the_configured_one() -> None:
    entries, _title, _bozo = parse_feed(TWO_ITEMS, url="https://news.example/feed", language="en")
    assert {e.language for e in entries} == {"en"}
    assert all(e.published is None for e in entries)


def test_links_to_other_schemes_are_dropped() -> None:
    body = rss(item("x", "A", link="javascript:alert(1)"), item("y", "B", link="file:///etc/passwd"))
    entries, _title, _bozo = parse_feed(body, url="https://news.example/feed", language="de")
    assert [e.url for e in entries] == [None, None]


def test_entry_keys_prefer_id_then_link_then_content_hash() -> None:
    assert entry_key({"id": "urn:x:1", "link": "https://a/1"}) == "id:urn:x:1"
    assert (
        entry_key({"link": "/a/1"}, base_url="https://news.example/feed") == "link:https://news.example/a/1"
    )
    hashed = entry_key({"title": "T", "summary": "S"})
    assert hashed.startswith("hash:")
    assert hashed == entry_key({"title": "T", "summary": "S"})
    assert hashed != entry_key({"title": "T2", "summary": "S"})
    assert len(entry_key({"id": "x" * 5000})) < 100


def test_entry_keys_do_not_depend_on_where_the_feed_lives() -> None:
    body = rss(
        item("", "A", link="https://news.example/a"), "<item><guid>rel-7</guid><title>B</title></item>"
    )
    first, _t, _b = parse_feed(body, url="https://news.example/feed", language="de")
    moved, _t, _b = parse_feed(body, url="https://mirror.example/other/feed", language="de")
    assert (
        [e.entry_key for e in first]
        == [e.entry_key for e in moved]
        == ["link:https://news.example/a", "id:rel-7"]
    )


def test_an_ill_formed_feed_that_still_has_entries_reports_why() -> None:
    body = b"<rss version='2.0'><channel><title>T</title><item><title>A &nbsp; B</title><guid>1</guid></item>"
    entries, title, bozo = parse_feed(body, url="https://news.example/feed", language="de")
    assert title == "T"
    assert [e.entry_key for e in entries] == ["id:1"]
    assert bozo


# ----------------------------------------------------------------- JSON Feed

JSON_FEED = CORPUS / "feeds" / "trafilatura-resources" / "feed.json"


def test_a_real_json_feed_is_read(client: httpx.Client, http_server: LocalHTTPServer) -> None:
    body = JSON_FEED.read_bytes()
    url = http_server.route("/feed.json", Reply(body=body, content_type="application/feed+json"))
    result = poll(client, url, language="en")
    assert result.title == "Technology"
    assert len(result.entries) == 25
    first = result.entries[0]
    assert first.entry_key == "id:1050315385"
    assert first.url is not None and first.url.startswith("https://www.npr.org/2021/10/29/1050315385/")
    assert first.published == datetime(2021, 10, 29, 14, 26, tzinfo=UTC)
    assert first.summary.startswith("In rural areas")
    assert all(e.entry_key.startswith("id:") for e in result.entries)


def test_json_feed_items_use_the_same_rules_as_rss() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "de-DE", "items": ['
        b'{"id": 7, "url": "/a/7", "content_html": "<p>Mehr <b>Text</b> &amp; so</p><script>x()</script>",'
        b' "summary": "kurz", "date_published": "2024-11-05T14:30:00+02:00"},'
        b'{"id": "", "title": "Ohne Kennung", "content_text": "Nur Text"}, "junk"]}'
    )
    entries, title, bozo = parse_feed(body, url="https://j.example/feeds/feed.json", language="en")
    assert (title, bozo) == ("J", None)
    first, second = entries
    assert first.entry_key == "id:7"
    assert first.url == "https://j.example/a/7"
    assert first.summary == "Mehr Text & so"
    assert first.published == datetime(2024, 11, 5, 12, 30, tzinfo=UTC)
    assert first.language == "de"
    assert second.entry_key.startswith("hash:")
    assert second.summary == "Nur Text"


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"version": 2, "items": []}', b'{"version": "https://jsonfeed.org/version/1"}']
)
def test_broken_json_feeds_are_parse_errors(body: bytes) -> None:
    with pytest.raises(ParseError):
        parse_feed(body, url="https://j.example/feed.json", language="en")


# ----------------------------------------------------------------- local files


def test_a_local_feed_file_is_parsed_only_when_it_changes(tmp_path: Path, client: httpx.Client) -> None:
    path = tmp_path / "demo.xml"
    path.write_bytes(TWO_ITEMS)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    url = path.as_uri()
    first = poll(client, url)
    assert len(first.entries) == 2
    assert first.state.last_modified == formatdate(1_700_000_000, usegmt=True)
    again = poll(client, url, first.state)
    assert again.not_modified and again.entries == []
    path.write_bytes(rss(item("a-3", "Third")))
    os.utime(path, ns=(1_700_000_000_000_000_001, 1_700_000_000_000_000_001))  # same second, new content
    changed = poll(client, url, again.state)
    assert [e.entry_key for e in changed.entries] == ["id:a-3"]


def test_a_missing_local_feed_file_is_a_permanent_fetch_error(tmp_path: Path, client: httpx.Client) -> None:
    with pytest.raises(FetchError) as raised:
        poll(client, (tmp_path / "missing.xml").as_uri())
    assert raised.value.permanent


# ----------------------------------------------------------------- scheduling


def test_a_healthy_feed_waits_its_interval() -> None:
    assert next_poll_delay(900, 0) == 900


@pytest.mark.parametrize("errors", [1, 2, 3, 5])
def test_errors_back_off_exponentially_with_jitter(errors: int) -> None:
    rng = random.Random(errors)
    delays = [next_poll_delay(60, errors, rng=rng) for _ in range(50)]
    assert all(0.8 * 60 * 2**errors <= d <= 60 * 2**errors for d in delays)
    assert len(set(delays)) > 1


def test_backoff_is_capped_but_never_below_the_interval() -> None:
    assert 0.8 * 3600 <= next_poll_delay(900, 40, max_backoff=3600) <= 3600
    assert next_poll_delay(86_400, 3, max_backoff=3600) == 86_400
    assert next_poll_delay(900, 10_000) <= 6 * 3600


def test_retry_after_is_a_floor() -> None:
    assert next_poll_delay(60, 1, retry_after=7200) == 7200
    assert next_poll_delay(900, 0, retry_after=30) == 900
