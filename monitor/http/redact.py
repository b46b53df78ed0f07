"""URL redaction for messages and logs.

URLs carry secrets (``user:pass@``, ``?token=``, webhook paths). Every message
that shows a URL (fetch errors, pipeline logs, webhook failures) passes it
through :func:`redact_url`, and :func:`install_log_redaction` puts a filter on
httpx's own request log. These helpers are pure string work with no httpx
dependency, so they live apart from the client and the guard and can be used
by any module that reports a URL. Only messages are redacted; stored URLs and
a response's ``url`` stay the real ones.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

# a path segment that looks like a credential: long and made only of token characters
_OPAQUE_SEGMENT = re.compile(r"[A-Za-z0-9_-]{16,}")
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")
MASK = "***"


def redact_url(url: str, *, shorten_tokens: bool = False) -> str:
    """``url`` made safe for a log line or a stored error message (pure).

    Secrets ride in URLs in three places: ``user:pass@`` (becomes ``***@``),
    query values (``?token=abc`` becomes ``?token=***``; keys stay, they tell
    what was sent) and, for webhooks, the path itself (Slack-style
    ``/services/T000/B000/<token>``). With ``shorten_tokens`` every path
    segment of 16+ letters/digits/``-``/``_`` keeps only its first four
    characters. That is off by default because article slugs look the same
    and are what makes a page's error readable. The fragment never reaches the
    server and may hold an OAuth token, so it is dropped. The stored URL is
    never rewritten: this is only for messages.
    """
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:  # e.g. an unclosed "[" IPv6 literal: keep nothing after the scheme
        scheme, sep, _rest = url.partition("://")
        return f"{scheme}://{MASK}" if sep else MASK
    netloc = f"{MASK}@{host}" if "@" in parts.netloc else host
    path = parts.path
    if shorten_tokens:
        path = "/".join(_shorten(segment) for segment in path.split("/"))
    query = "&".join(_mask_pair(pair) for pair in parts.query.split("&")) if parts.query else ""
    head = f"{parts.scheme}:" if parts.scheme else ""
    if parts.netloc or url[len(head) :].startswith("//"):
        head += f"//{netloc}"
    return head + path + (f"?{query}" if query else "")


def redact_urls_in(text: str, *, shorten_tokens: bool = False) -> str:
    """Every ``scheme://...`` inside free text (an exception message) passed through redact_url."""
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0), shorten_tokens=shorten_tokens), text)


class RedactingLogFilter(logging.Filter):
    """Redacts URLs in the records of a third-party logger (httpx logs every
    request as "HTTP Request: POST <full URL>"). The record cannot tell a
    webhook URL from a page URL, so tokens are shortened in both: a shortened
    slug costs a little readability, a leaked webhook token costs the hook."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        record.msg = redact_urls_in(message, shorten_tokens=True)
        record.args = ()
        return True


def install_log_redaction(logger_name: str = "httpx") -> None:
    """Attach a RedactingLogFilter to ``logger_name`` once (safe to call for every client)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(existing, RedactingLogFilter) for existing in logger.filters):
        logger.addFilter(RedactingLogFilter())


def _shorten(segment: str) -> str:
    return segment[:4] + "…" if _OPAQUE_SEGMENT.fullmatch(segment) else segment


def _mask_pair(pair: str) -> str:
    key, sep, value = pair.partition("=")
    if not sep:
        # a bare item ("?abcdef123") may be the secret itself
        return MASK if key else key
    return f"{key}={MASK}" if value else f"{key}="
