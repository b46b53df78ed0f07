"""A feed and its archive pages (RFC 5005), walked until the date window is passed.

From the feed's document the walk goes back in time through ``prev-archive``
(archived feeds) and ``next`` (paged feeds), and forward through
``next-archive`` when the given URL is an archive page in the middle of the
history. A direction stops once a page holds only entries beyond the window,
after ``max_pages`` pages, or when a link leads back to a page already read
(a loop). Entries are parsed by ``monitor.ingest.feeds.parse_feed``, the live
poller's parser, so a backfilled entry has the same key as a polled one.

feedparser knows the feed-level links, but ``parse_feed`` returns entries
only; the few ``<link rel=...>`` elements are read here with lxml rather than
feeding the body to feedparser a second time (which costs as much as the
first parse).

Cursor: ``{"queue": [[url, direction], ...], "seen": [...], "pages": n, "skip": k}``,
the walk's frontier and the events of its first page already passed: a
resume re-reads at most the page it stopped in, and skips what it had stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urldefrag, urljoin

from monitor.archive.base import Broken, Cursor, DateWindow, Event, Found, HttpAccess, Skipped, UrlKnown
from monitor.archive.options import SourceOptions
from monitor.archive.xml import local_name, parse_xml
from monitor.errors import MonitorError
from monitor.http.client import get
from monitor.ingest.feeds import parse_feed
from monitor.models import FeedEntry

ATOM = "{http://www.w3.org/2005/Atom}"
OLDER = ("prev-archive", "next")  # RFC 5005 archived feeds, then paged feeds (newest first)
NEWER = ("next-archive",)
FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class PagedFeedSource:
    fetch_pages = True

    def __init__(self, url: str, options: SourceOptions, http: HttpAccess) -> None:
        self.url = url
        self.key = f"feed:{url}"
        self.options = options
        self.http = http

    def total_units(self) -> int | None:
        return None

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        state = resume or {}
        start = state.get("queue", [[self.url, "start"]])
        queue: list[tuple[str, str]] = [(str(u), str(d)) for u, d in start]
        seen: set[str] = set(state.get("seen") or ())
        pages = int(state.get("pages") or 0)
        skip = int(state.get("skip") or 0)  # events of the first page already stored
        while queue:
            before: Cursor = {"queue": [list(q) for q in queue], "seen": sorted(seen), "pages": pages}
            url, direction = queue.pop(0)
            if pages >= self.options.max_pages:
                yield Broken(f"{url}: stopped after {pages} feed pages (page limit)", before, pages)
                return
            seen.add(_normal(url))
            pages += 1
            try:
                entries, links = self._load(url)
            except MonitorError as exc:
                after = {"queue": [list(q) for q in queue], "seen": sorted(seen), "pages": pages}
                yield Broken(f"feed page {url}: {exc}", after, pages, transient=not exc.permanent)
                continue
            events: list[Event] = []
            for entry in entries:
                reason = window.admits(entry.published)
                events.append(
                    Found(entry, before, pages)
                    if reason is None
                    else Skipped(reason, before, pages, entry.url or entry.entry_key)
                )
            dated = [e.published for e in entries if e.published is not None]
            follow: list[tuple[str, str]] = []
            if direction in ("start", "older") and not _passed_start(window, dated):
                follow += [(link, "older") for rel in OLDER for link in links.get(rel, [])]
            if direction in ("start", "newer") and not _passed_end(window, dated):
                follow += [(link, "newer") for rel in NEWER for link in links.get(rel, [])]
            loops = []
            for link, way in follow:
                if _normal(link) in seen or any(_normal(link) == _normal(q) for q, _ in queue):
                    loops.append(link)
                else:
                    queue.append((link, way))
            after = {"queue": [list(q) for q in queue], "seen": sorted(seen), "pages": pages}
            for link in loops:
                events.append(Broken(f"feed page {url}: archive link loops back to {link}", after, pages))
            if not events:
                events.append(Skipped("empty feed page", after, pages, url))
            for number, event in enumerate(events, start=1):
                if number <= skip:
                    continue
                yield _with_cursor(event, after if number == len(events) else {**before, "skip": number})
            skip = 0

    def _load(self, url: str) -> tuple[list[FeedEntry], dict[str, list[str]]]:
        client = self.http.client()
        response = get(client, url, headers={"Accept": FEED_ACCEPT}, max_bytes=self.http.max_bytes)
        entries, _title, _bozo = parse_feed(
            response.body, url=response.url, language=self.options.language, headers=response.headers
        )
        return entries, paging_links(response.body, response.url)


def paging_links(body: bytes, base: str) -> dict[str, list[str]]:
    """rel -> hrefs of the feed-level ``<link>`` elements (Atom, or atom:link inside an RSS channel)."""
    try:
        root = parse_xml(body, what=base)
    except MonitorError:
        return {}
    holders = [root]
    if local_name(root) == "rss":
        holders = [child for child in root if local_name(child) == "channel"]
    links: dict[str, list[str]] = {}
    for holder in holders:
        for element in holder:
            if local_name(element) != "link" or not element.get("href"):
                continue
            if local_name(root) == "rss" and not str(element.tag).startswith(ATOM):
                continue  # RSS's own <link> is the site, not a page of the feed
            rel = (element.get("rel") or "alternate").strip().lower()
            links.setdefault(rel, []).append(urljoin(base, element.get("href", "").strip()))
    return links


def _passed_start(window: DateWindow, dated: list[datetime]) -> bool:
    """Every dated entry is older than the window: older pages can only be older still."""
    return bool(dated) and all(window.before(when) for when in dated)


def _passed_end(window: DateWindow, dated: list[datetime]) -> bool:
    return bool(dated) and all(window.after(when) for when in dated)


def _normal(url: str) -> str:
    return urldefrag(url)[0].rstrip("/")


def _with_cursor(event: Event, cursor: Cursor) -> Event:
    if isinstance(event, Found):
        return Found(event.entry, cursor, event.units)
    if isinstance(event, Skipped):
        return Skipped(event.reason, cursor, event.units, event.detail)
    return Broken(event.reason, cursor, event.units)
