"""Fetch article pages and decode them to text the way a browser would.

HTTP failures become :mod:`monitor.errors` in :func:`monitor.http.get`; this
module adds the HTML part: only HTML content types, and the charset from
(in order) a byte-order mark, the Content-Type header, a ``<meta>`` tag in
the first bytes, else UTF-8 with replacement characters. Charset labels are
mapped as browsers do (WHATWG Encoding Standard): "iso-8859-1" and "ascii"
mean windows-1252, "shift_jis" means its Microsoft superset cp932, and so on,
so curly quotes and the euro sign in "latin-1" pages come out right.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import httpx

from monitor.http.client import get

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# how far to look for <meta charset>: the HTML spec says 1024 bytes, but pages
# with long inline scripts/styles before the tag are common, so look further
META_SCAN_BYTES = 16_384

_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# labels browsers know and Python does not
_EXTRA_LABELS = {"windows-31j": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932", "x-gbk": "gb18030"}
# Python codec name -> the superset browsers actually decode with (WHATWG)
_BROWSER_CODECS = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
}


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    html: str
    status: int


def fetch_page(client: httpx.Client, url: str, *, max_bytes: int) -> FetchedPage:
    """GET an HTML page and decode it; raises FetchError and its subclasses."""
    response = get(client, url, headers={"Accept": PAGE_ACCEPT}, max_bytes=max_bytes, accept=HTML_TYPES)
    html = decode_html(response.body, response.charset)
    return FetchedPage(url=response.url, html=html, status=response.status)


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Bytes of an HTML page -> str, never failing (undecodable bytes become U+FFFD)."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    codec = browser_codec(header_charset) if header_charset else None
    if codec is None:
        codec = _meta_charset(body) or "utf-8"
    try:
        return body.decode(codec, errors="replace")
    except LookupError:  # a label naming a non-text codec ("base64", "rot13")
        return body.decode("utf-8", errors="replace")


def browser_codec(label: str) -> str | None:
    """A charset label -> the Python codec a browser would decode with; None if unknown."""
    cleaned = label.strip().strip("\"'").lower()
    if cleaned in _EXTRA_LABELS:
        return _EXTRA_LABELS[cleaned]
    try:
        name = codecs.lookup(cleaned).name.replace("-", "_")
    except (LookupError, ValueError):
        return None
    return _BROWSER_CODECS.get(name, name)


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body, 0, META_SCAN_BYTES)
    if match is None:
        return None
    codec = browser_codec(match.group(1).decode("ascii", errors="replace"))
    if codec is not None and codec.startswith("utf_16"):
        # an ASCII-readable <meta> tag means the page is not really UTF-16 (HTML spec)
        return "utf-8"
    return codec
