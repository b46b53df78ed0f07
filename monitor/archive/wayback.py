"""The Wayback Machine: captures under a URL prefix in the date window, via the CDX API.

    GET {base}/cdx/search/cdx?url=PREFIX&matchType=prefix&from=YYYYMMDD&to=YYYYMMDDhhmmss
        &output=json&filter=statuscode:200&filter=mimetype:text/html&collapse=digest
        &showResumeKey=true&limit=N[&resumeKey=K]
    GET {base}/web/{timestamp}id_/{original}       (the capture as archived, no replay banner)

The CDX answer is a JSON list of rows, the first naming the fields; with
``showResumeKey`` it ends with an empty row and ``[resume key]`` when more
pages follow. Captures are taken in CDX order (URL, then time): the first
capture of a URL is its earliest, the closest to publication, and later ones
are skipped, as are captures whose content digest was seen already (the same
page under another URL). A URL already stored is not downloaded again. Every
request waits its turn under ``requests_per_second``.

Cursor: ``{"page": <resume key that produced the current CDX page or null>,
"index": <rows of it done>, "pages": n}``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from monitor.archive.base import (
    ALREADY_STORED,
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
from monitor.archive.pages import page_facts
from monitor.errors import FetchError, MonitorError, ParseError, RateLimitedError
from monitor.http.client import HttpResponse, get
from monitor.ingest.fetch import HTML_TYPES, decode_html
from monitor.models import FeedEntry

log = logging.getLogger("monitor.archive.wayback")

ATTEMPTS = 3  # per request, for transient failures
MAX_RETRY_WAIT = 60.0


class RateLimiter:
    """At most ``per_second`` calls of ``wait()`` per second, spaced evenly."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next_at = 0.0

    def wait(self) -> None:
        now = self.clock()
        if now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class CdxSource:
    fetch_pages = False  # the captures are downloaded here: the live page is not the archived one

    def __init__(
        self, prefix: str, options: SourceOptions, http: HttpAccess, limiter: RateLimiter | None = None
    ) -> None:
        self.prefix = prefix
        self.key = f"cdx:{prefix}"
        self.options = options
        self.http = http
        self.base = options.wayback_url.rstrip("/")
        self.limiter = limiter or RateLimiter(options.requests_per_second)

    def total_units(self) -> int | None:
        return None

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        page_key: str | None = (resume or {}).get("page")
        skip = int((resume or {}).get("index") or 0)
        pages = int((resume or {}).get("pages") or 0)
        digests: set[str] = set()
        urls: set[str] = set()
        units = 0
        while True:
            here: Cursor = {"page": page_key, "index": skip, "pages": pages}
            if pages >= self.options.max_pages:
                yield Broken(f"stopped after {pages} CDX pages (page limit); resume key kept", here, units)
                return
            try:
                rows, next_key = self._query(window, page_key)
            except MonitorError as exc:
                yield Broken(f"CDX query failed: {exc}", here, units, transient=not exc.permanent)
                return
            pages += 1
            for index, row in enumerate(rows, start=1):
                if index <= skip:
                    continue
                units += 1
                cursor = {"page": page_key, "index": index, "pages": pages - 1}
                try:
                    yield self._capture(row, window, cursor, units, known, digests, urls)
                except FetchError as exc:
                    # the archive stopped answering: stop here, a resume retries this capture
                    yield Broken(
                        f"Wayback Machine unreachable: {exc}",
                        {**cursor, "index": index - 1},
                        units,
                        transient=True,
                    )
                    return
            if not next_key:
                return
            page_key, skip = next_key, 0

    # ------------------------------------------------------------ CDX

    def _query(self, window: DateWindow, resume_key: str | None) -> tuple[list[dict[str, str]], str | None]:
        params: list[tuple[str, str]] = [
            ("url", self.prefix),
            ("matchType", "prefix"),
            ("output", "json"),
            ("filter", "statuscode:200"),
            ("filter", "mimetype:text/html"),
            ("collapse", "digest"),
            ("showResumeKey", "true"),
            ("limit", str(self.options.cdx_page_size)),
        ]
        if window.since is not None:
            params.append(("from", window.since.strftime("%Y%m%d%H%M%S")))
        if window.until is not None:
            params.append(("to", (window.until - timedelta(seconds=1)).strftime("%Y%m%d%H%M%S")))
        if resume_key:
            params.append(("resumeKey", resume_key))
        response = self._get(f"{self.base}/cdx/search/cdx?{urlencode(params)}", accept=None)
        return parse_cdx(response.body)

    def _get(self, url: str, *, accept: tuple[str, ...] | None) -> HttpResponse:
        """GET with the rate limit, retrying transient failures (honouring Retry-After)."""
        client = self.http.client()  # made before the wait: building it takes a while the first time
        for attempt in range(1, ATTEMPTS + 1):
            self.limiter.wait()
            try:
                return get(client, url, max_bytes=self.http.max_bytes, accept=accept)
            except FetchError as exc:
                if exc.permanent or attempt == ATTEMPTS:
                    raise
                wait = 2.0**attempt
                if isinstance(exc, RateLimitedError) and exc.retry_after is not None:
                    wait = exc.retry_after
                log.info("wayback: %s; retrying in %.0fs", exc, min(wait, MAX_RETRY_WAIT))
                self.limiter.sleep(min(wait, MAX_RETRY_WAIT))
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------ captures

    def _capture(
        self,
        row: dict[str, str],
        window: DateWindow,
        cursor: Cursor,
        units: int,
        known: UrlKnown,
        digests: set[str],
        urls: set[str],
    ) -> Event:
        original, stamp, digest = row.get("original", ""), row.get("timestamp", ""), row.get("digest", "")
        captured = parse_timestamp(stamp)
        if not original or captured is None:
            return Skipped("bad CDX row", cursor, units, json.dumps(row))
        if digest and digest in digests:
            return Skipped("duplicate content", cursor, units, original)
        if original in urls:
            return Skipped("later capture of the same URL", cursor, units, original)
        urls.add(original)
        if digest:
            digests.add(digest)
        if known(original):
            return Skipped(ALREADY_STORED, cursor, units, original)
        try:
            response = self._get(f"{self.base}/web/{stamp}id_/{original}", accept=HTML_TYPES)
        except FetchError as exc:
            if not exc.permanent:
                raise
            return Skipped("capture unavailable", cursor, units, f"{original}: {exc}")
        if not response.body.strip():
            return Skipped("empty", cursor, units, original)
        html = decode_html(response.body, response.charset)
        facts = page_facts(html, captured=captured)
        reason = window.admits(facts.published)
        if reason is not None:
            return Skipped(reason, cursor, units, original)
        entry = FeedEntry(
            entry_key=f"cdx:{original}",
            url=original,
            title=facts.title,
            published=facts.published,
            language=facts.language or self.options.language,
            html=html,
        )
        return Found(entry, cursor, units)


class CdxAnswerError(ParseError):
    """The CDX server answered 200 with something that is not a CDX table: an HTML
    maintenance or rate-limit page, a JSON error object. Passing, like a 503: the
    backfill stays incomplete and the next run asks again (never "no captures")."""

    permanent = False


def parse_cdx(body: bytes) -> tuple[list[dict[str, str]], str | None]:
    """CDX JSON -> (rows as dicts by field name, resume key or None)."""
    if not body.strip():
        return [], None  # the CDX server answers an empty body when nothing matches
    try:
        data: Any = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        start = body.lstrip()[:15].decode("ascii", errors="replace")
        raise CdxAnswerError(f"CDX answer is not JSON (it starts {start!r}): {exc}") from exc
    if not isinstance(data, list):
        raise CdxAnswerError(f"CDX answer is a JSON {type(data).__name__}, not a list of rows")
    if not data:
        return [], None
    if not isinstance(data[0], list) or not all(isinstance(name, str) for name in data[0]):
        raise CdxAnswerError("CDX answer has no header row of field names")
    header, rows = data[0], data[1:]
    resume_key: str | None = None
    if len(rows) >= 2 and rows[-2] == [] and isinstance(rows[-1], list) and rows[-1]:
        resume_key = str(rows[-1][0])
        rows = rows[:-2]
    elif rows and rows[-1] == []:
        rows = rows[:-1]
    fields = [str(name) for name in header]
    records = [dict(zip(fields, map(str, row), strict=False)) for row in rows if isinstance(row, list)]
    return records, resume_key


def parse_timestamp(stamp: str) -> datetime | None:
    """A Wayback timestamp (YYYYMMDDhhmmss, possibly shortened) -> aware UTC datetime."""
    digits = stamp.strip()
    if not digits.isdigit() or len(digits) < 4:
        return None
    padded = (digits + "0101000000"[len(digits) - 4 :])[:14] if len(digits) < 14 else digits[:14]
    try:
        return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
