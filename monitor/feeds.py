"""Poll feeds: conditional GET, parse with feedparser, stable entry keys, backoff.

A feed that did not change costs one 304 (or one ``stat`` for a local file)
and no parsing: re-parsing unchanged feeds is one of the measured mistakes
that costs as much as extraction (PERF-NOTES.md).

feedparser runs with ``sanitize_html=False`` and ``resolve_relative_uris=False``
(2-3x faster on full-content feeds). That is safe here because no entry field
keeps markup: titles and summaries are turned into plain text by
:func:`html_to_text` (scripts and styles dropped, entities decoded), and only
the entry link is resolved, against the feed URL.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import random
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import feedparser
import httpx
import lxml.etree

from monitor.errors import FetchError, ParseError, TooLargeError
from monitor.http import get, redact_url
from monitor.models import FeedEntry

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# keys longer than this are stored as their hash: some feeds put whole URLs with
# tracking junk or even content into <guid>
MAX_KEY_LENGTH = 512
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure"
    " figcaption dd dt hr".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed")
_PARSERS = threading.local()
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>")
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_].*)?$")


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
    if _looks_like_json(body):
        return _parse_json_feed(body, url=url, language=language)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    # no Content-Location on purpose: feedparser would resolve relative guids
    # against it, and a key must not change when the feed moves. Links are
    # resolved against the feed URL in _absolute_link instead.
    for undone in ("content-encoding", "content-location", "content-length"):
        response_headers.pop(undone, None)
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
    title = _plain(feed.get("title"), feed.get("title_detail")) or None
    bozo_reason = _bozo_reason(parsed)
    raw_entries = parsed.get("entries") or []
    if not raw_entries and not title and not parsed.get("version"):
        reason = bozo_reason or "no feed elements found"
        raise ParseError(f"{redact_url(url)}: not a feed ({reason})")
    feed_language = _language_code(feed.get("language")) or _language_code(
        (feed.get("title_detail") or {}).get("language")
    )
    entries = [
        _to_entry(raw, feed_url=url, default_language=feed_language or _language_code(language))
        for raw in raw_entries
    ]
    return entries, title, bozo_reason


def _looks_like_json(body: bytes) -> bool:
    return body[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _parse_json_feed(
    body: bytes, *, url: str, language: str | None
) -> tuple[list[FeedEntry], str | None, str | None]:
    """JSON Feed 1.0/1.1 (jsonfeed.org), which feedparser 6.0 cannot read.

    Items are mapped onto feedparser's entry shape so that keys, links, text
    and dates follow exactly the same rules as RSS/Atom entries.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParseError(f"{redact_url(url)}: not a feed (invalid JSON: {exc})") from exc
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise ParseError(f"{redact_url(url)}: not a feed (JSON without a jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise ParseError(f"{redact_url(url)}: not a feed (JSON Feed without items)")
    title = _normalise_space(str(document.get("title") or "")) or None
    default_language = _language_code(document.get("language")) or _language_code(language)
    entries = [
        _to_entry(_json_item_as_entry(item), feed_url=url, default_language=default_language)
        for item in items
        if isinstance(item, dict)
    ]
    return entries, title, None


def _json_item_as_entry(item: Mapping[str, Any]) -> dict[str, Any]:
    item_language = item.get("language")
    contents = [
        {"value": str(item[key]), "type": kind, "language": item_language}
        for key, kind in (("content_html", "text/html"), ("content_text", "text/plain"))
        if item.get(key)
    ]
    entry: dict[str, Any] = {
        "id": str(item.get("id") or ""),
        "link": str(item.get("url") or item.get("external_url") or ""),
        "title": str(item.get("title") or ""),
        "title_detail": {"type": "text/plain"},
        "summary": str(item.get("summary") or ""),
        "summary_detail": {"type": "text/plain"},
        "content": contents,
    }
    for source, target in (("date_published", "published_parsed"), ("date_modified", "updated_parsed")):
        try:
            stamp = datetime.fromisoformat(str(item.get(source) or ""))
            aware = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
            entry[target] = aware.astimezone(UTC).timetuple()
        except (ValueError, OverflowError):  # not a date, or one outside what datetime can hold
            continue
    return entry


def _bozo_reason(parsed: Mapping[str, Any]) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    text = str(exc).strip() if exc is not None else ""
    return text or (type(exc).__name__ if exc is not None else "ill-formed feed")


def _to_entry(raw: Mapping[str, Any], *, feed_url: str, default_language: str | None) -> FeedEntry:
    link = _absolute_link(raw, feed_url)
    title = _plain(raw.get("title"), raw.get("title_detail"))
    summary_value, summary_detail = _longest_content(raw)
    return FeedEntry(
        entry_key=entry_key(raw, base_url=feed_url),
        url=link,
        title=title,
        published=_published(raw),
        summary=_plain(summary_value, summary_detail),
        language=_entry_language(raw) or default_language,
    )


def entry_key(entry: Mapping[str, Any], *, base_url: str | None = None) -> str:
    """A key that stays the same for the same item on every poll.

    The feed's id/guid, else its link (resolved against ``base_url``), else a
    hash of title and summary. Prefixes say which ("id:", "link:", "hash:").
    """
    ident = str(entry.get("id") or "").strip()
    if ident:
        return _bounded("id:", ident)
    link = str(entry.get("link") or "").strip()
    if link:
        return _bounded("link:", urljoin(base_url, link) if base_url else link)
    basis = f"{entry.get('title') or ''}\n{entry.get('summary') or ''}".strip()
    return "hash:" + hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def _bounded(prefix: str, value: str) -> str:
    if len(value) + len(prefix) <= MAX_KEY_LENGTH:
        return prefix + value
    return "hash:" + hashlib.sha256((prefix + value).encode("utf-8", "surrogatepass")).hexdigest()


def _absolute_link(raw: Mapping[str, Any], feed_url: str) -> str | None:
    link = str(raw.get("link") or "").strip()
    if not link:
        return None
    absolute = urljoin(feed_url, link)
    scheme = urlsplit(absolute).scheme.lower()
    feed_scheme = urlsplit(feed_url).scheme.lower()
    # a remote feed must not point the fetcher at local files (or javascript:, mailto:, ...)
    if scheme in ("http", "https") or (scheme == "file" and feed_scheme == "file"):
        return absolute
    return None


def _longest_content(raw: Mapping[str, Any]) -> tuple[str, Mapping[str, Any] | None]:
    """content:encoded / atom:content / summary: whichever says the most."""
    candidates: list[tuple[str, Mapping[str, Any] | None]] = []
    for content in raw.get("content") or []:
        candidates.append((str(content.get("value") or ""), content))
    if raw.get("summary"):
        candidates.append((str(raw.get("summary")), raw.get("summary_detail")))
    if not candidates:
        return "", None
    return max(candidates, key=lambda pair: len(pair[0]))


def _published(raw: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = raw.get(key)
        if parsed:
            try:
                year, month, day, hour, minute, second = (int(part) for part in parsed[:6])
                return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _entry_language(raw: Mapping[str, Any]) -> str | None:
    for key in ("content", "summary_detail", "title_detail"):
        value = raw.get(key)
        details = value if isinstance(value, list) else [value]
        for detail in details:
            if isinstance(detail, Mapping):
                code = _language_code(detail.get("language"))
                if code:
                    return code
    return None


def _language_code(value: object) -> str | None:
    """'de-DE', 'en_us', 'DE' -> 'de'; junk -> None."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value)
    return match.group(1).lower() if match else None


# --------------------------------------------------------------------------- text


def _plain(value: object, detail: object) -> str:
    if not value:
        return ""
    text = str(value)
    content_type = str(detail.get("type") or "") if isinstance(detail, Mapping) else ""
    if "html" in content_type or (not content_type and "<" in text):
        return html_to_text(text)
    return _normalise_space(text)


def html_to_text(markup: str) -> str:
    """HTML fragment -> plain text: tags gone, scripts/styles dropped, entities decoded.

    Block elements become line breaks so paragraphs do not run together.
    """
    markup = markup.replace("\x00", "")
    if "<" not in markup and "&" not in markup:
        return _normalise_space(markup)
    try:
        root = lxml.etree.fromstring(f"<div>{markup}</div>", _fragment_parser())
    except (lxml.etree.LxmlError, ValueError):
        root = None
    if root is None:  # nothing parseable at all
        return _normalise_space(_TAG.sub(" ", markup))
    lxml.etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    # an HTML tree built from str yields str pieces (the stubs also allow bytes)
    return _normalise_space("".join(cast("Iterator[str]", root.itertext())))


def _fragment_parser() -> lxml.etree.HTMLParser:
    """One parser per thread (lxml parsers must not be shared between threads).

    A plain etree parser, not lxml.html's: its per-element Python class lookup
    tripled the cost of converting full-content feeds.
    """
    parser: lxml.etree.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        _PARSERS.parser = parser
    return parser


def _normalise_space(text: str) -> str:
    # NUL and lone surrogates cannot be stored (PostgreSQL text, UTF-8 files)
    text = _UNSTORABLE.sub("", text)
    # str.split() runs in C and knows all Unicode spaces; regexes were 3x slower here
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
        exponent = min(consecutive_errors, 62)  # 2**62 * interval is past any cap; avoid overflow
        backoff = min(interval * math.pow(2, exponent), max_backoff)
        jitter = (rng or random).uniform(0.8, 1.0)
        delay = max(interval, backoff * jitter)
    if retry_after is not None and retry_after > delay:
        delay = retry_after
    return delay


__all__ = [
    "FeedState",
    "PollResult",
    "entry_key",
    "html_to_text",
    "next_poll_delay",
    "parse_feed",
    "poll_feed",
]
