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
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import feedparser
import httpx

from monitor.errors import FetchError, ParseError, TooLargeError
from monitor.http.client import get
from monitor.http.redact import redact_url
from monitor.ingest.entries import (
    language_code,
    looks_like_json,
    parse_json_feed,
    plain_text,
    to_entry,
)
from monitor.ingest.feed_charset import repair_utf8
from monitor.models import FeedEntry
from monitor.retry import backoff

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


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


# --------------------------------------------------------------------------- polling


def poll_feed(
    client: httpx.Client, url: str, state: FeedState, *, language: str | None, max_bytes: int
) -> PollResult:
    """Fetch ``url`` unless unchanged since ``state`` and parse its entries.

    Raises FetchError (and subclasses) when the feed cannot be fetched and
    ParseError when the body is not a feed at all.
    """
    if urlsplit(url).scheme == "file":
        return _poll_file(url, state, language=language, max_bytes=max_bytes)
    headers = {"Accept": FEED_ACCEPT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    response = get(client, url, headers=headers, max_bytes=max_bytes, accept=None)
    new_state = FeedState(
        etag=response.headers.get("etag") or None,
        last_modified=response.headers.get("last-modified") or None,
    )
    if response.status == 304:
        # a 304 may omit validators; keep the ones that produced it
        kept = FeedState(new_state.etag or state.etag, new_state.last_modified or state.last_modified)
        return PollResult(True, [], kept, None, response.url, None)
    entries, title, bozo = parse_feed(
        response.body, url=response.url, language=language, headers=response.headers
    )
    return PollResult(False, entries, new_state, title, response.url, bozo)


def _poll_file(url: str, state: FeedState, *, language: str | None, max_bytes: int) -> PollResult:
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
        return PollResult(True, [], current, None, url, None)
    if info.st_size > max_bytes:
        raise TooLargeError(f"feed file {path} has {info.st_size} bytes (limit {max_bytes})")
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read feed file {path}: {exc.strerror or exc}", permanent=True) from exc
    entries, title, bozo = parse_feed(body, url=url, language=language)
    return PollResult(False, entries, current, title, url, bozo)


# --------------------------------------------------------------------------- parsing


def parse_feed(
    body: bytes, *, url: str, language: str | None, headers: Mapping[str, str] | None = None
) -> tuple[list[FeedEntry], str | None, str | None]:
    """Parse feed bytes -> (entries, feed title, bozo reason).

    ``headers`` are the HTTP response headers (their charset beats the XML
    declaration, as in HTTP). Raises ParseError when the body is not a feed.
    """
    if looks_like_json(body):
        return parse_json_feed(body, url=url, language=language)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    # no Content-Location on purpose: feedparser would resolve relative guids
    # against it, and a key must not change when the feed moves. Links are
    # resolved against the feed URL in _absolute_link instead.
    for undone in ("content-encoding", "content-location", "content-length"):
        response_headers.pop(undone, None)
    body, repaired = repair_utf8(body, response_headers)
    try:
        # a BytesIO, never raw bytes/str: feedparser treats a string that looks
        # like a URL or path as something to open
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers=response_headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # noqa: BLE001 - feedparser promises not to raise; if it does, it is a bad body
        raise ParseError(f"{redact_url(url)}: feed parser failed: {type(exc).__name__}: {exc}") from exc
    feed = parsed.get("feed") or {}
    title = plain_text(feed.get("title"), feed.get("title_detail")) or None
    bozo_reason = "; ".join(filter(None, [repaired, _bozo_reason(parsed)])) or None
    raw_entries = parsed.get("entries") or []
    if not raw_entries and not title and not parsed.get("version"):
        reason = bozo_reason or "no feed elements found"
        raise ParseError(f"{redact_url(url)}: not a feed ({reason})")
    feed_language = language_code(feed.get("language")) or language_code(
        (feed.get("title_detail") or {}).get("language")
    )
    entries = [
        to_entry(raw, feed_url=url, default_language=feed_language or language_code(language))
        for raw in raw_entries
    ]
    return entries, title, bozo_reason


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
