"""Sitemaps, sitemap indexes, Google News sitemaps and robots.txt, filtered to the date window.

Why lxml and not a sitemap library: ``trafilatura.sitemaps`` returns bare URLs
(no lastmod, no news:publication_date) and downloads with its own client,
past our private-address guard; ``ultimate-sitemap-parser`` parses dates well
but is GPL-3.0, pulls in ``requests``, and fetches every sub-sitemap of an
index, while a news site's index lists thousands of them and the window
usually needs a few: here a sub-sitemap whose ``lastmod`` is before the
window is not fetched at all. The format itself is four elements deep; the
XML parsing is lxml's (``monitor.archive.xml``).

Entries carry the URL, the publication date (``news:publication_date``, else
``lastmod``), the news title, language and publication name; the pipeline
fetches each page as it does for a live feed.

Cursor: ``{"done": [sitemaps read to the end], "current": url, "skip": n}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from monitor.archive.base import (
    Broken,
    Cursor,
    DateWindow,
    Event,
    Found,
    HttpAccess,
    Skipped,
    UrlKnown,
)
from monitor.archive.options import SourceOptions
from monitor.archive.xml import child_text, gunzip, local_name, parse_xml
from monitor.errors import MonitorError
from monitor.http.client import get
from monitor.ingest.dates import parse_archive_date
from monitor.models import FeedEntry

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps.org limit, uncompressed


class SitemapSource:
    fetch_pages = True

    def __init__(self, url: str, options: SourceOptions, http: HttpAccess) -> None:
        self.url = url
        self.key = f"sitemap:{url}"
        self.options = options
        self.http = http

    def total_units(self) -> int | None:
        return None  # unknown until every sitemap is read

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        done: tuple[str, ...] = tuple((resume or {}).get("done") or ())
        resume_current = (resume or {}).get("current")
        resume_skip = int((resume or {}).get("skip") or 0)
        queue = [self.url]
        seen: set[str] = set()
        fetched = 0
        units = 0
        while queue:
            url = queue.pop(0)
            if url in seen:
                yield Skipped("sitemap listed twice", self._cursor(done, None, 0), units, url)
                continue
            seen.add(url)
            if url in done:
                continue
            if fetched >= self.options.max_sitemaps:
                yield Broken(
                    f"{url}: stopped after {fetched} sitemaps (--max-sitemaps)",
                    self._cursor(done, None, 0),
                    units,
                )
                return
            fetched += 1
            try:
                root, robots = self._load(url)
            except MonitorError as exc:
                yield Broken(
                    f"sitemap {url}: {exc}", self._cursor(done, None, 0), units, transient=not exc.permanent
                )
                continue
            if robots is not None:
                queue.extend(robots)
                continue
            kind = local_name(root)
            if kind == "sitemapindex":
                for child, reason in index_children(root, url, window):
                    if reason is None:
                        queue.append(child)
                    else:
                        yield Skipped(reason, self._cursor(done, None, 0), units, child)
                continue
            if kind != "urlset":
                problem = f"sitemap {url}: not a sitemap (root element <{kind}>)"
                yield Broken(problem, self._cursor(done, None, 0), units)
                continue
            skip = resume_skip if url == resume_current else 0
            for position, item in enumerate(url_items(root, url), start=1):
                if position <= skip:
                    continue
                units += 1
                cursor = self._cursor(done, url, position)
                reason = window.admits(item.published)
                if reason is not None:
                    yield Skipped(reason, cursor, units, item.url or "")
                else:
                    yield Found(item, cursor, units)
            done = (*done, url)

    @staticmethod
    def _cursor(done: tuple[str, ...], current: str | None, skip: int) -> Cursor:
        return {"done": done, "current": current, "skip": skip}

    def _load(self, url: str) -> tuple[etree._Element, list[str] | None]:
        """The sitemap's XML root, or (for robots.txt) the sitemaps it names."""
        response = get(self.http.client(), url, max_bytes=min(self.http.max_bytes * 10, MAX_SITEMAP_BYTES))
        body = gunzip(response.body, limit=MAX_SITEMAP_BYTES, what=url)
        if url.split("?", 1)[0].endswith("/robots.txt"):
            return etree.Element("robots"), robots_sitemaps(body.decode("utf-8", errors="replace"), url)
        return parse_xml(body, what=url), None


def robots_sitemaps(text: str, base: str) -> list[str]:
    found = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base, value.strip()))
    return found


def index_children(root: etree._Element, base: str, window: DateWindow) -> Iterator[tuple[str, str | None]]:
    """(sub-sitemap URL, skip reason or None) for each entry of a sitemap index.

    A sitemap last modified before the window cannot list a page published in
    it, so it is not fetched.
    """
    for element in root:
        if local_name(element) != "sitemap":
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        lastmod = parse_archive_date(child_text(element, "lastmod"))
        stale = lastmod is not None and window.before(lastmod)
        yield urljoin(base, loc), "sitemap not modified in the window" if stale else None


def url_items(root: etree._Element, base: str) -> Iterator[FeedEntry]:
    for element in root:
        if local_name(element) != "url":
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        url = urljoin(base, loc)
        published: datetime | None = parse_archive_date(child_text(element, "lastmod"))
        title = ""
        language: str | None = None
        outlet: str | None = None
        for news in element:
            if local_name(news) != "news":
                continue
            published = parse_archive_date(child_text(news, "publication_date")) or published
            title = child_text(news, "title") or ""
            for publication in news:
                if local_name(publication) == "publication":
                    outlet = child_text(publication, "name")
                    language = _language(child_text(publication, "language"))
        yield FeedEntry(
            entry_key=f"sitemap:{url}",
            url=url,
            title=title,
            published=published,
            language=language,
            outlet=outlet,
        )


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.split("-")[0].strip().lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
