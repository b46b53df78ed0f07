"""What every archive source shares: the date window, the events a source yields, the protocol.

A source reads its archive front to back and yields one event per thing it
passed: an entry found (:class:`Found`), a record or item passed over with a
counted reason (:class:`Skipped`), or a part it could not read past
(:class:`Broken`: a truncated WARC, a feed page that loops). Every event
carries the *cursor* that resumes reading just after it, so the driver can
store "how far we got" in the same transaction as the entries, and an
interrupted backfill continues where it stopped instead of starting over.

Cursors are small JSON-able dicts whose meaning belongs to each source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

import httpx

from monitor.ingest.dates import as_utc
from monitor.models import FeedEntry

Cursor = dict[str, Any]
# "is an article with this URL stored already?": lets network sources skip a download
UrlKnown = Callable[[str], bool]

# skip reasons the driver counts as "already stored" rather than as skipped
ALREADY_STORED = "already stored"
OUTSIDE_WINDOW = "outside window"
UNDATED = "undated (a window is set)"


@dataclass(frozen=True)
class HttpAccess:
    """How network sources reach the web: the shared guarded client (made on first use) and the body limit."""

    client: Callable[[], httpx.Client]
    max_bytes: int


@dataclass(frozen=True)
class Found:
    entry: FeedEntry
    cursor: Cursor
    units: int = 0  # progress position after this event (records, bytes, pages: the source's unit)
    # the page as read, when the entry keeps only a reference to it (``entry.archive_record``):
    # a backfill that processes in this same process uses it instead of reading the record again
    page: str | None = None


@dataclass(frozen=True)
class Skipped:
    reason: str
    cursor: Cursor
    units: int = 0
    detail: str = ""


@dataclass(frozen=True)
class Broken:
    """Reading stopped early in one part of the source; what was read before is kept."""

    reason: str
    cursor: Cursor
    units: int = 0
    # a passing failure (timeout, 5xx, DNS): worth reading again on the next run
    transient: bool = False


Event = Found | Skipped | Broken


class ArchiveSource(Protocol):
    """One archive to backfill from.

    ``key`` names the archive (``"warc:/data/crawl"``, ``"sitemap:https://..."``):
    it is the articles' origin and the checkpoint's name, so it must be stable
    across runs. ``fetch_pages`` says the entries carry only a URL and the
    pipeline fetches each page (sitemaps, feeds), as it does for live feeds.
    """

    key: str
    fetch_pages: bool

    def total_units(self) -> int | None:
        """The progress total in the unit of ``Found.units``, or None when unknown."""
        ...

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        """Yield events in archive order, starting after ``resume`` (None: from the start)."""
        ...


@dataclass(frozen=True)
class DateWindow:
    """Publication dates to backfill: ``since <= published < until`` (either side open)."""

    since: datetime | None = None
    until: datetime | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def contains(self, when: datetime) -> bool:
        when = as_utc(when)
        if self.since is not None and when < self.since:
            return False
        return not (self.until is not None and when >= self.until)

    def before(self, when: datetime) -> bool:
        """True when ``when`` lies before the window's start."""
        return self.since is not None and as_utc(when) < self.since

    def after(self, when: datetime) -> bool:
        """True when ``when`` lies at or after the window's end."""
        return self.until is not None and as_utc(when) >= self.until

    def admits(self, when: datetime | None) -> str | None:
        """None when an entry dated ``when`` belongs to the window, else the skip reason."""
        if when is None:
            return UNDATED if self.bounded else None
        return None if self.contains(when) else OUTSIDE_WINDOW

    def describe(self) -> str:
        start = self.since.isoformat() if self.since else "the beginning"
        end = self.until.isoformat() if self.until else "now"
        return f"{start} .. {end}"


def parse_window_bound(text: str, *, end: bool) -> datetime:
    """A --since/--until value: YYYY-MM-DD or an ISO datetime.

    A bare date as ``--until`` includes that whole day (the window ends at the
    next midnight), which is what "until 2025-04-30" means to a person.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime.combine(day, time(0), tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD or an ISO 8601 datetime)") from None
