"""Poll feeds: conditional GET, parse with feedparser, stable entry keys, backoff.

A feed that did not change costs one 304 (or one ``stat`` for a local file)
and no parsing: re-parsing unchanged feeds is one of the measured mistakes
that costs as much as extraction (PERF-NOTES.md).

feedparser runs with ``sanitize_html=False`` and ``resolve_relative_uris=False``
(2-3x faster on full-content feeds). That is safe here because no entry field
keeps markup: titles and summaries are turned into plain text by
:func:`~monitor.ingest.entries.html_to_text` (scripts and styles dropped, entities
decoded), and only the entry link is resolved, against the feed URL.

What one entry becomes (keys, links, dates, languages, text) and JSON Feed
support live in :mod:`monitor.ingest.entries`.

Huge feeds: the body is spooled to a temporary file past
:data:`STREAM_ABOVE_BYTES` (the size, gzip and deadline guards of
:func:`monitor.http.client.get` apply as it is written), and a well-formed
UTF-8 RSS 2.0 or Atom feed that big is handed to feedparser in batches of
entries cut out by :mod:`monitor.ingest.feed_stream`. :func:`open_feed` gives
them batch by batch (the pipeline stores each as it comes); :func:`poll_feed`
collects them into one list.
"""

from __future__ import annotations

import io
import random
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import feedparser
import httpx
import lxml.etree

from monitor.errors import FetchError, ParseError, TooLargeError
from monitor.http.client import get, parse_content_type
from monitor.http.redact import redact_url
from monitor.ingest.entries import (
    language_code,
    looks_like_json,
    parse_json_feed,
    plain_text,
    to_entry,
)
from monitor.ingest.feed_charset import UTF16_BOMS, declared_encoding, is_utf8, repair_utf8
from monitor.ingest.feed_stream import Envelope, entry_documents, scan
from monitor.models import FeedEntry
from monitor.retry import backoff

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# bodies above this are parsed in batches (monitor.ingest.feed_stream) when their
# shape allows; the rest, nearly every real feed, go through feedparser whole.
# Also the most a fetched body keeps in memory before it is spooled to a file.
STREAM_ABOVE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class FeedState:
    """HTTP validators from the last successful poll (stored on the feed row)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class PollResult:
    not_modified: bool
    entries: list[FeedEntry]
    state: FeedState
    title: str | None
    final_url: str
    bozo_reason: str | None


class ParsedFeed:
    """A feed whose entries come in batches; iterate :meth:`batches` once.

    ``bozo_reason`` is complete once the batches are consumed: a batch may add
    a warning of its own.
    """

    def __init__(self, title: str | None, batches: Iterator[list[FeedEntry]], notes: list[str]) -> None:
        self.title = title
        self._batches = batches
        self.notes = notes

    def batches(self) -> Iterator[list[FeedEntry]]:
        return self._batches

    @property
    def bozo_reason(self) -> str | None:
        return "; ".join(dict.fromkeys(filter(None, self.notes))) or None


@dataclass(frozen=True)
class FeedPoll:
    """One poll while its body is still open: ``feed`` is None when not modified."""

    state: FeedState
    final_url: str
    feed: ParsedFeed | None

    @property
    def not_modified(self) -> bool:
        return self.feed is None


# --------------------------------------------------------------------------- polling


def poll_feed(
    client: httpx.Client, url: str, state: FeedState, *, language: str | None, max_bytes: int
) -> PollResult:
    """Fetch ``url`` unless unchanged since ``state`` and parse all its entries into one list.

    Raises FetchError (and subclasses) when the feed cannot be fetched and
    ParseError when the body is not a feed at all. :func:`open_feed` is the
    same poll with the entries in batches (what the pipeline uses).
    """
    with open_feed(client, url, state, language=language, max_bytes=max_bytes) as polled:
        if polled.feed is None:
            return PollResult(True, [], polled.state, None, polled.final_url, None)
        entries = [entry for batch in polled.feed.batches() for entry in batch]
        feed = polled.feed
        return PollResult(False, entries, polled.state, feed.title, polled.final_url, feed.bozo_reason)


@contextmanager
def open_feed(
    client: httpx.Client,
    url: str,
    state: FeedState,
    *,
    language: str | None,
    max_bytes: int,
    stream_above: int = STREAM_ABOVE_BYTES,
) -> Iterator[FeedPoll]:
    """Poll ``url``; the body stays open (spooled to a temporary file when big) until exit.

    Fetch and parse errors are raised on entry, like :func:`poll_feed`'s;
    a huge feed's entries are then read batch by batch from the spool.
    """
    if urlsplit(url).scheme == "file":
        with _open_file(
            url, state, language=language, max_bytes=max_bytes, stream_above=stream_above
        ) as polled:
            yield polled
        return
    headers = {"Accept": FEED_ACCEPT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    with tempfile.SpooledTemporaryFile(max_size=stream_above) as spool:
        # the size limit, gzip guards and deadline of get() apply as the spool fills
        response = get(client, url, headers=headers, max_bytes=max_bytes, accept=None, spool=spool)
        new_state = FeedState(
            etag=response.headers.get("etag") or None,
            last_modified=response.headers.get("last-modified") or None,
        )
        if response.status == 304:
            # a 304 may omit validators; keep the ones that produced it
            kept = FeedState(new_state.etag or state.etag, new_state.last_modified or state.last_modified)
            yield FeedPoll(kept, response.url, None)
            return
        size = spool.tell()
        feed = read_feed(
            spool,
            size,
            url=response.url,
            language=language,
            headers=response.headers,
            stream_above=stream_above,
        )
        yield FeedPoll(new_state, response.url, feed)


@contextmanager
def _open_file(
    url: str, state: FeedState, *, language: str | None, max_bytes: int, stream_above: int
) -> Iterator[FeedPoll]:
    """Local feed files (the offline demo): the file's mtime and size play ETag/Last-Modified."""
    path = Path(url2pathname(urlsplit(url).path))
    try:
        info = path.stat()
    except OSError as exc:
        raise FetchError(f"cannot read feed file {path}: {exc.strerror or exc}", permanent=True) from exc
    # nanosecond mtime + size: an edit within the same second still counts as a change
    validator = f'"file-{info.st_mtime_ns}-{info.st_size}"'
    current = FeedState(etag=validator, last_modified=formatdate(info.st_mtime, usegmt=True))
    if state.etag == validator:
        yield FeedPoll(current, url, None)
        return
    if info.st_size > max_bytes:
        raise TooLargeError(f"feed file {path} has {info.st_size} bytes (limit {max_bytes})")
    try:
        source = path.open("rb")
    except OSError as exc:
        raise FetchError(f"cannot read feed file {path}: {exc.strerror or exc}", permanent=True) from exc
    with source:
        feed = read_feed(source, info.st_size, url=url, language=language, stream_above=stream_above)
        yield FeedPoll(current, url, feed)


# --------------------------------------------------------------------------- parsing


def read_feed(
    source: IO[bytes],
    size: int,
    *,
    url: str,
    language: str | None,
    headers: Mapping[str, str] | None = None,
    stream_above: int = STREAM_ABOVE_BYTES,
) -> ParsedFeed:
    """Parse the ``size`` bytes of ``source``: in batches when big and streamable, else whole.

    Raises ParseError when the body is not a feed (before any batch).
    """
    response_headers = _feedparser_headers(headers)
    if size > stream_above:
        source.seek(0)
        head = source.read(512)
        envelope = scan(source) if _may_stream(head, response_headers) else None
        if envelope is not None:
            return _streamed(source, envelope, url=url, language=language, response_headers=response_headers)
    source.seek(0)
    entries, title, bozo = parse_feed(source.read(), url=url, language=language, headers=headers)
    return ParsedFeed(title, iter([entries]), [bozo] if bozo else [])


def _may_stream(head: bytes, response_headers: Mapping[str, str]) -> bool:
    """Only UTF-8 feeds: for other encodings feedparser's own detection decides, on the whole body."""
    if looks_like_json(head) or head.startswith(UTF16_BOMS):
        return False
    media_type, charset = parse_content_type(response_headers.get("content-type"))
    if media_type.startswith("text/") and charset is None:
        return False  # RFC 3023's us-ascii default: feedparser's fallbacks and warnings apply
    return is_utf8(declared_encoding(head, response_headers))


def _streamed(
    source: IO[bytes], envelope: Envelope, *, url: str, language: str | None, response_headers: dict[str, str]
) -> ParsedFeed:
    whole = _feedparser(envelope.whole, response_headers, url)
    title, feed_language = _feed_title_and_language(whole)
    default_language = feed_language or language_code(language)
    notes = [note for note in (envelope.repair_warning, _bozo_reason(whole)) if note]

    def batches() -> Iterator[list[FeedEntry]]:
        try:
            for document in entry_documents(source, envelope):
                parsed = _feedparser(document, response_headers, url)
                reason = _bozo_reason(parsed)
                if reason:
                    notes.append(reason)
                raw_entries = parsed.get("entries") or []
                yield [to_entry(raw, feed_url=url, default_language=default_language) for raw in raw_entries]
        except lxml.etree.LxmlError as exc:  # the first pass read it fine; a changed file, say
            raise ParseError(f"{redact_url(url)}: feed became unreadable: {exc}") from exc

    return ParsedFeed(title, batches(), notes)


def parse_feed(
    body: bytes, *, url: str, language: str | None, headers: Mapping[str, str] | None = None
) -> tuple[list[FeedEntry], str | None, str | None]:
    """Parse feed bytes -> (entries, feed title, bozo reason).

    ``headers`` are the HTTP response headers (their charset beats the XML
    declaration, as in HTTP). Raises ParseError when the body is not a feed.
    """
    if looks_like_json(body):
        return parse_json_feed(body, url=url, language=language)
    response_headers = _feedparser_headers(headers)
    body, repaired = repair_utf8(body, response_headers)
    parsed = _feedparser(body, response_headers, url)
    title, feed_language = _feed_title_and_language(parsed)
    bozo_reason = "; ".join(filter(None, [repaired, _bozo_reason(parsed)])) or None
    raw_entries = parsed.get("entries") or []
    if not raw_entries and not title and not parsed.get("version"):
        reason = bozo_reason or "no feed elements found"
        raise ParseError(f"{redact_url(url)}: not a feed ({reason})")
    entries = [
        to_entry(raw, feed_url=url, default_language=feed_language or language_code(language))
        for raw in raw_entries
    ]
    return entries, title, bozo_reason


def _feedparser_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    # no Content-Location on purpose: feedparser would resolve relative guids
    # against it, and a key must not change when the feed moves. Links are
    # resolved against the feed URL in _absolute_link instead.
    for undone in ("content-encoding", "content-location", "content-length"):
        response_headers.pop(undone, None)
    return response_headers


def _feedparser(body: bytes, response_headers: Mapping[str, str], url: str) -> Any:
    try:
        # a BytesIO, never raw bytes/str: feedparser treats a string that looks
        # like a URL or path as something to open
        return feedparser.parse(
            io.BytesIO(body),
            response_headers=dict(response_headers),
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # noqa: BLE001 - feedparser promises not to raise; if it does, it is a bad body
        raise ParseError(f"{redact_url(url)}: feed parser failed: {type(exc).__name__}: {exc}") from exc


def _feed_title_and_language(parsed: Mapping[str, Any]) -> tuple[str | None, str | None]:
    feed = parsed.get("feed") or {}
    title = plain_text(feed.get("title"), feed.get("title_detail")) or None
    feed_language = language_code(feed.get("language")) or language_code(
        (feed.get("title_detail") or {}).get("language")
    )
    return title, feed_language


def _bozo_reason(parsed: Mapping[str, Any]) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    text = str(exc).strip() if exc is not None else ""
    return text or (type(exc).__name__ if exc is not None else "ill-formed feed")


# --------------------------------------------------------------------------- scheduling


def next_poll_delay(
    interval: float,
    consecutive_errors: int,
    *,
    retry_after: float | None = None,
    max_backoff: float = 6 * 3600,
    rng: random.Random | None = None,
) -> float:
    """Seconds until the next poll of a feed.

    Healthy feeds wait ``interval``. After errors the wait doubles per error
    (``interval * 2**errors``, capped at ``max_backoff`` but never below
    ``interval``) minus up to 20 % jitter, so feeds that failed together do not
    retry together. A server's Retry-After is a floor: never poll sooner.
    """
    delay = interval
    if consecutive_errors > 0:
        waited = backoff(consecutive_errors, base=interval, cap=max_backoff, jitter=0.2, rng=rng)
        delay = max(interval, waited)
    if retry_after is not None and retry_after > delay:
        delay = retry_after
    return delay
