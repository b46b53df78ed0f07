"""Main text, title, date and language of an article page: the only user of trafilatura.

Cost is the point here (PERF-NOTES.md): ``trafilatura.extract`` alone is the
baseline, its ``with_metadata=True`` adds 11-14 ms per page, and htmldate's
full date search once took 1.3 s on one page. So the metadata is read from
the page's ``<head>`` alone (a small parse: ``<title>``, Open Graph / article /
schema.org meta tags, ``<html lang>``) plus three regular expressions over
the raw page for dates declared in the body (JSON-LD ``datePublished``,
``itemprop``, ``<time datetime>``), and the HTML string itself goes to
``trafilatura.extract``: handing it a parsed tree would make it copy the whole
tree, which costs as much as parsing it again. Only when no date is declared
does htmldate run, and then without its extensive search (no guessing from
the body text); a page with no date in its markup or URL gets
``published=None`` and the pipeline falls back to the feed's date.

trafilatura returns None when it finds no main text; that becomes an
:class:`~monitor.errors.ExtractionError` with the reason.
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime
from urllib.parse import urljoin

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from monitor.errors import ExtractionError
from monitor.ingest.dates import parse_date
from monitor.models import ExtractedPage

# meta tags that declare the publication date, best first (lower-case names)
_DATE_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
    "article:modified_time",
    "last-modified",
)
_DATE_RANK = {name: rank for rank, name in enumerate(_DATE_META_NAMES)}
_TITLE_META_NAMES = ("og:title", "twitter:title")
_LANGUAGE_META_NAMES = ("content-language", "language", "dc.language", "og:locale")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_].*)?$")
_SPACES = re.compile(r"\s+")

# shorter "main text" is navigation or a notice, not an article (trafilatura accepts 1 character)
MIN_TEXT_CHARS = 40
# a fast-mode text shorter than this may be a fragment of the article: the full mode decides
FAST_MODE_ENOUGH_CHARS = 1000

_META_XPATH = "//meta[@content]"
_JSONLD_XPATH = '//script[@type="application/ld+json"]/text()'
_TIME_XPATH = "//time[@datetime][1]/@datetime"
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body[\s>]", re.IGNORECASE)
_HEAD_SEARCH_LIMIT = 512_000
# a date attribute inside one tag (found around each "datePublished" of the raw page)
_ATTR_DATE = re.compile(r"""\s(?:content|datetime)=["']([^"']{6,40})["']""", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]{0,500}>", re.IGNORECASE)
_REL_CANONICAL = re.compile(r"""\srel\s*=\s*["']?canonical\b""", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TIME_DATE = re.compile(r"""<time\b[^>]{0,200}?\sdatetime=["']([^"']{6,40})["']""", re.IGNORECASE)


def extract_page(
    html: str, url: str | None = None, *, find_date: bool = True, metadata: bool = True
) -> ExtractedPage:
    """Extract an article page; raises ExtractionError when there is no main text.

    ``find_date=False`` skips the htmldate fallback for pages that declare no
    date: the caller already knows the date (from the feed entry).
    ``metadata=False`` skips title, date and language: the caller has them already
    (a backfill read them from the archived page when it stored the entry).
    """
    if not html or not html.strip():
        raise ExtractionError("empty document")
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    if metadata:
        title, published, language = read_page_metadata(html)
    try:
        text = extract_main_text(html, url)
    except (ValueError, TypeError, RecursionError, lxml.etree.LxmlError) as exc:
        # trafilatura reports failure as None; these are the rare pages that break it anyway
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if not text or not text.strip():
        raise ExtractionError("no main text found (trafilatura returned nothing)")
    text = text.strip()
    if len(text) < MIN_TEXT_CHARS:
        # a menu or a cookie notice, not an article: let the pipeline use the feed's summary
        raise ExtractionError(f"main text too short ({len(text)} characters)")
    if published is None and find_date and metadata:
        tree = _load(html)
        published = _htmldate_fast(tree, url) if tree is not None else None
    canonical = canonical_link(html, url)
    return ExtractedPage(
        text=text, title=title, published=published, language=language, canonical_url=canonical
    )


def head_length(html: str) -> int:
    """Where the page's ``<head>`` ends: at ``</head>``, else at ``<body>``, else the search limit."""
    end = _HEAD_END.search(html, 0, _HEAD_SEARCH_LIMIT) or _BODY_START.search(html, 0, _HEAD_SEARCH_LIMIT)
    return end.start() if end else _HEAD_SEARCH_LIMIT


def canonical_link(html: str, url: str | None) -> str | None:
    """The page's ``<link rel="canonical" href>`` as an absolute http(s) URL, else None.

    A regular expression over the ``<head>`` only: no second parse of the page.
    """
    head = html[: head_length(html)]
    for tag in _LINK_TAG.finditer(head):
        if not _REL_CANONICAL.search(tag.group(0)):
            continue
        found = _HREF.search(tag.group(0))
        href = next((group for group in found.groups() if group), "") if found else ""
        absolute = urljoin(url or "", html_lib.unescape(href.strip()))
        if absolute.startswith(("http://", "https://")):
            return absolute
    return None


def extract_main_text(html: str, url: str | None) -> str | None:
    """trafilatura's main text: its fast mode, and the full one where fast finds too little.

    On the extraction gold (bench/bench_extract_modes.py) ``fast=True`` keeps main-text F1
    within a point of the default mode at a fraction of its time; what it loses are pages
    where it finds only a fragment, so those get the full mode (its fallback extractors).
    """
    text: str | None = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, fast=True
    )
    if text is None or len(text.strip()) < FAST_MODE_ENOUGH_CHARS:
        full: str | None = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
        if full is not None and len(full.strip()) > len((text or "").strip()):
            return full
    return text


def _load(html: str) -> lxml.html.HtmlElement | None:
    try:
        tree: lxml.html.HtmlElement | None = trafilatura.load_html(html)
    except (TypeError, ValueError, lxml.etree.LxmlError):
        return None
    return tree


def _load_head(head: str) -> lxml.html.HtmlElement | None:
    """The ``<head>`` alone: plain lxml is twice as fast as trafilatura's loader,
    which is only needed for what lxml refuses (an XML encoding declaration)."""
    try:
        return lxml.html.document_fromstring(head)
    except (ValueError, lxml.etree.LxmlError):
        return _load(head)


def read_page_metadata(html: str) -> tuple[str | None, datetime | None, str | None]:
    """(title, published, language) of a page, parsing its ``<head>`` only."""
    head = html[: head_length(html)]
    tree = _load_head(head) if head.strip() else None
    if tree is None:
        return None, _published_in_body(html), None
    return read_metadata(tree, body=html)


def read_metadata(
    tree: lxml.html.HtmlElement, *, body: str | None = None
) -> tuple[str | None, datetime | None, str | None]:
    """(title, published, language) from the declared metadata only; cheap XPath look-ups.

    ``body``, when given, is the raw page: dates declared in the body are found
    there by regular expressions instead of by walking the tree.
    """
    meta: dict[str, str] = {}
    for element in tree.xpath(_META_XPATH):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        if key is None:
            key = element.get("http-equiv") or ""
        key = key.strip().lower()
        if key and key not in meta:
            meta[key] = element.get("content") or ""
    published = _published(tree, meta)
    if published is None and body is not None:
        published = _published_in_body(body)
    return _title(tree, meta), published, _language(tree, meta)


def _published_in_body(html: str) -> datetime | None:
    """Dates declared in the page body, found with string search and small regexes
    (an IGNORECASE regex over the whole page costs more than the rest together)."""
    for match in _JSONLD_DATE.finditer(html):
        parsed = parse_date(match.group(1))
        if parsed is not None:
            return parsed
    at = html.find("datePublished")
    while at != -1:
        tag = html[max(html.rfind("<", 0, at), at - 300) : html.find(">", at) + 1 or at + 300]
        found = _ATTR_DATE.search(tag)
        parsed = parse_date(found.group(1)) if found else None
        if parsed is not None:
            return parsed
        at = html.find("datePublished", at + 1)
    for match in _TIME_DATE.finditer(html):
        parsed = parse_date(match.group(1))
        if parsed is not None:
            return parsed
    return None


def _title(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    for name in _TITLE_META_NAMES:
        value = _clean(meta.get(name))
        if value:
            return value
    titles = tree.xpath("//title/text()")
    if titles:
        return _clean(str(titles[0])) or None
    return None


def _published(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> datetime | None:
    candidates = sorted((name for name in meta if name in _DATE_RANK), key=_DATE_RANK.__getitem__)
    for name in candidates:
        parsed = parse_date(meta[name])
        if parsed is not None:
            return parsed
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        parsed = parse_date(element.get("datetime") or element.get("content") or element.text_content())
        if parsed is not None:
            return parsed
    for script in tree.xpath(_JSONLD_XPATH):
        match = _JSONLD_DATE.search(str(script))
        if match:
            parsed = parse_date(match.group(1))
            if parsed is not None:
                return parsed
    for value in tree.xpath(_TIME_XPATH):
        parsed = parse_date(str(value))
        if parsed is not None:
            return parsed
    return None


def _htmldate_fast(tree: lxml.html.HtmlElement, url: str | None) -> datetime | None:
    """htmldate without its extensive (slow, unbounded) search: markup and URL only.

    Measured on 93 dated pages: median 0.14 ms, max 5 ms; the extensive search
    is the one that once took 1.3 s.
    """
    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True)
    except (TypeError, ValueError, RecursionError, lxml.etree.LxmlError):
        return None
    return parse_date(found) if isinstance(found, str) else None


def _language(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")):
        code = _language_code(value)
        if code:
            return code
    for name in _LANGUAGE_META_NAMES:
        code = _language_code(meta.get(name))
        if code:
            return code
    return None


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    match = _LANGUAGE.match(value)
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str:
    return _SPACES.sub(" ", value).strip() if value else ""
