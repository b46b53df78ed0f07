"""Feed entries -> FeedEntry: JSON Feed items, keys, links, dates, languages and plain text.

:mod:`monitor.ingest.feeds` keeps the network side (conditional GET, local feed
files) and the feedparser call. Everything here is pure
and decides what one entry becomes, for RSS/Atom entries from feedparser and
JSON Feed items alike (the latter are mapped onto feedparser's entry shape
first), so both kinds follow exactly the same rules.

feedparser runs with ``sanitize_html=False``; that is safe because no entry
field keeps markup: :func:`html_to_text` turns titles and summaries into plain
text (scripts and styles dropped, entities decoded).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import lxml.etree

from monitor.errors import ParseError
from monitor.http.redact import redact_url
from monitor.models import FeedEntry

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


# --------------------------------------------------------------------------- JSON Feed


def looks_like_json(body: bytes) -> bool:
    return body[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def parse_json_feed(
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
    default_language = language_code(document.get("language")) or language_code(language)
    entries = [
        to_entry(_json_item_as_entry(item), feed_url=url, default_language=default_language)
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


# --------------------------------------------------------------------------- entries


def to_entry(raw: Mapping[str, Any], *, feed_url: str, default_language: str | None) -> FeedEntry:
    link = _absolute_link(raw, feed_url)
    title = plain_text(raw.get("title"), raw.get("title_detail"))
    summary_value, summary_detail = _longest_content(raw)
    return FeedEntry(
        entry_key=entry_key(raw, base_url=feed_url),
        url=link,
        title=title,
        published=_published(raw),
        summary=plain_text(summary_value, summary_detail),
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
                code = language_code(detail.get("language"))
                if code:
                    return code
    return None


def language_code(value: object) -> str | None:
    """'de-DE', 'en_us', 'DE' -> 'de'; junk -> None."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value)
    return match.group(1).lower() if match else None


# --------------------------------------------------------------------------- text


def plain_text(value: object, detail: object) -> str:
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
