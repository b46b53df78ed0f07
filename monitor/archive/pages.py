"""What an archived page says about itself: its declared date, title and language.

Archives know when a page was *captured* (WARC-Date, a Wayback timestamp);
the page usually declares when it was *published*. The declared date wins
when it is plausible (not after the capture), because a capture can come days
after publication and the claim history must be in publication order. The
declared metadata is read with monitor.ingest.extract's own look-ups (meta tags,
JSON-LD, ``<time>``), so a backfill dates a page exactly as extraction does.

Cost matters here: a backfill reads every page of the archive before it
extracts any, and parsing a whole page with lxml costs about a third of its
extraction. So the page's ``<head>`` is parsed alone (with regular expressions
for dates declared in the body), as live extraction does; only a page whose head
gives no title or no date, and whose body holds meta tags, a title or a
``datePublished`` mark, is parsed whole, for what the head lacked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import lxml.html
from lxml.etree import ParserError

from monitor.ingest.dates import as_utc
from monitor.ingest.extract import head_length, read_metadata, read_page_metadata

# a declared date may run ahead of the capture by a time zone or two
_CLOCK_SLACK = timedelta(hours=14)


@dataclass(frozen=True)
class PageFacts:
    published: datetime | None
    title: str
    language: str | None


def page_facts(html: str, *, captured: datetime | None) -> PageFacts:
    """The page's publication date (declared, else the capture time), title and language.

    ``captured`` is None when the archive's own date is unreadable (ClueWeb
    writes day 294 of October): then only the page's declaration dates it.
    """
    title, declared, language = read_page_metadata(html)
    if (not title or declared is None) and _marks_after_head(html, want_date=declared is None):
        # meta tags after the head (or a head the cut-off misses): the whole page for what is missing
        tree = _parse(html)
        if tree is not None:
            whole_title, whole_declared, whole_language = read_metadata(tree)
            title, declared = title or whole_title, declared or whole_declared
            language = language or whole_language
    return PageFacts(choose_date(declared, captured), title or "", language)


def choose_date(declared: datetime | None, captured: datetime | None) -> datetime | None:
    """The declared date unless it is missing or after the capture; a bare date on the
    capture's own day gives way to the capture time, which is more precise."""
    if captured is None:
        return declared and as_utc(declared)
    captured = as_utc(captured)
    if declared is None:
        return captured
    declared = as_utc(declared)
    if declared > captured + _CLOCK_SLACK:
        return captured  # a page cannot be published after it was archived: a wrong declaration
    if declared.time() == time(0) and declared.date() == captured.date():
        return captured
    return declared


# what the whole page's look-ups may find that the head's and the body's regular expressions
# do not: meta tags and a title outside the head, a datePublished element whose text is the date
_AFTER_HEAD = ("<meta", "<META", "<Meta", "<title", "<TITLE", "<Title")


def _marks_after_head(html: str, *, want_date: bool) -> bool:
    """Whether parsing the whole page can add to what its head gave (plain string searches)."""
    start = head_length(html)
    marks = (*_AFTER_HEAD, "datePublished") if want_date else _AFTER_HEAD
    return any(html.find(mark, start) != -1 for mark in marks)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:
        # lxml refuses str input with an XML encoding declaration; bytes are fine
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (ParserError, ValueError):
            return None
    except ParserError:
        return None
