"""WARC and ARC files (gzipped or not), read with warcio.

HTML responses with status 200 become articles: the URL is WARC-Target-URI,
the HTML is decoded with the HTTP charset or the page's meta charset (as
``monitor.ingest.fetch`` decodes live pages), and the publication date is the page's
declared one, else the capture's WARC-Date. Every other record is skipped
with a counted reason. Real archives are often damaged: a file that ends
inside a record, or that warcio cannot read past some point, is a
:class:`Broken` event and reading moves on to the next file, keeping what was
read before the damage.

The cursor is ``{"file": <name>, "offset": <byte offset of the next record>}``
(files are read in sorted order), so a resumed backfill seeks straight to the
next record instead of re-reading the file.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from monitor.archive.base import (
    OUTSIDE_WINDOW,
    Broken,
    Cursor,
    DateWindow,
    Event,
    Found,
    Skipped,
    UrlKnown,
)
from monitor.archive.pages import page_facts
from monitor.archive.records import warc_reference
from monitor.http.client import parse_content_type
from monitor.ingest.dates import parse_archive_date
from monitor.ingest.fetch import HTML_TYPES, decode_html
from monitor.models import FeedEntry

log = logging.getLogger("monitor.archive.warc")

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
DEFAULT_MAX_PAGE_BYTES = 5_000_000


class WarcSource:
    """One WARC/ARC file, or every WARC/ARC file under a folder."""

    fetch_pages = False

    def __init__(self, path: Path, *, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> None:
        self.root = path.resolve()
        self.key = f"warc:{self.root}"
        self.max_page_bytes = max_page_bytes

    def files(self) -> list[tuple[str, Path]]:
        """(name used in the cursor, path), in reading order."""
        if self.root.is_file():
            return [(self.root.name, self.root)]
        found = [p for p in self.root.rglob("*") if p.is_file() and p.name.lower().endswith(ARCHIVE_SUFFIXES)]
        return sorted((p.relative_to(self.root).as_posix(), p) for p in found)

    def total_units(self) -> int | None:
        return sum(_size(path) for _name, path in self.files())

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        resume_file = str(resume["file"]) if resume and "file" in resume else None
        base = 0
        for name, path in self.files():
            size = _size(path)
            if resume_file is not None and name < resume_file:
                base += size
                continue
            offset = 0
            if resume is not None and name == resume_file:
                if resume.get("done"):
                    base += size
                    continue
                offset = int(resume.get("offset", 0))
            yield from self._read_file(name, path, offset, base, size, window)
            base += size

    # ------------------------------------------------------------ one file

    def _read_file(
        self, name: str, path: Path, offset: int, base: int, size: int, window: DateWindow
    ) -> Iterator[Event]:
        done = {"file": name, "done": True}
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield Broken(f"{name}: cannot open: {exc.strerror or exc}", done, base + size)
            return
        with handle:
            if offset:
                handle.seek(offset)
            records = ArchiveIterator(handle, arc2warc=True)
            read = 0
            while True:
                try:
                    with _warcio_warnings(name):
                        record = next(records, None)
                    if record is None:
                        return
                    judged = self._judge(record, window)
                    with _warcio_warnings(name):
                        # after the record was read: warcio reads to its end to know these.
                        # Its offsets are positions in the file (it starts from the handle's).
                        start = records.get_record_offset()
                        position = start + records.get_record_length()
                except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged files
                    yield Broken(f"{name}: unreadable after {read} records: {_short(exc)}", done, base + size)
                    return
                read += 1
                if judged.cut:
                    # the file ends inside this record: keep what it holds, then stop
                    if judged.entry is not None:
                        yield Found(judged.entry, done, base + size)
                    else:
                        yield Skipped(judged.reason, done, base + size, judged.detail)
                    problem = f"{name}: the file ends inside record {read} ({judged.detail})"
                    yield Broken(problem, done, base + size)
                    return
                cursor = {"file": name, "offset": position}
                units = base + min(max(position, 0), size)
                if judged.entry is not None:
                    # the page stays in the file: the entry keeps where, not a copy
                    reference = warc_reference(path, start)
                    entry = replace(judged.entry, html=None, archive_record=reference)
                    yield Found(entry, cursor, units, page=judged.entry.html)
                else:
                    yield Skipped(judged.reason, cursor, units, judged.detail)

    def _judge(self, record: Any, window: DateWindow) -> Judged:
        """The record as an article, or the reason it is not one."""
        rec_type = record.rec_type or "unknown"
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        if rec_type != "response":
            return Judged(rec_type, url)
        http = record.http_headers
        if http is None:
            return Judged("not HTTP", url)
        status = http.get_statuscode()
        if status != "200":
            return Judged("non-200", f"{status} {url}")
        media_type, charset = parse_content_type(http.get_header("Content-Type"))
        if media_type not in HTML_TYPES:
            return Judged("non-HTML", f"{media_type or '?'} {url}")
        captured = parse_archive_date(record.rec_headers.get_header("WARC-Date"))
        if captured is not None and window.before(captured):
            return Judged(OUTSIDE_WINDOW, url)  # captured before the window: published before it too
        try:
            body = record.content_stream().read(self.max_page_bytes + 1)
        except Exception as exc:  # noqa: BLE001 - bad chunking or content encoding
            return Judged("unreadable body", f"{url}: {_short(exc)}")
        if len(body) > self.max_page_bytes:
            return Judged("too large", url)
        cut = False
        if record.raw_stream.limit > 0:
            record.raw_stream.read()  # drain: bytes still missing after it mean the file was cut
            cut = record.raw_stream.limit > 0
        if not body.strip():
            return Judged(TRUNCATED if cut else "empty", url, cut=cut)
        html = decode_html(body, charset)
        facts = page_facts(html, captured=captured)
        reason = window.admits(facts.published)
        if reason is not None:
            return Judged(reason, url, cut=cut)
        entry = FeedEntry(
            entry_key=f"warc:{_stamp(facts.published)}:{url}",
            url=url,
            title=facts.title,
            published=facts.published,
            language=facts.language,
            html=html,  # replaced by the record's place unless the file ends inside it
        )
        return Judged("", url, entry=entry, cut=cut)


@dataclass(frozen=True)
class Judged:
    reason: str  # why the record is skipped ("" for an article)
    detail: str
    entry: FeedEntry | None = None
    cut: bool = False  # the file ended inside this record


TRUNCATED = "truncated record"


def _stamp(when: datetime | None) -> str:
    return when.strftime("%Y%m%d%H%M%S") if when is not None else "undated"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


@contextlib.contextmanager
def _warcio_warnings(name: str) -> Iterator[None]:
    """warcio prints format warnings straight to stderr: turn them into log lines
    (a progress bar on the terminal must not be torn by them)."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        yield
    text = " ".join(buffer.getvalue().split())
    if text:
        log.warning("%s: %s", name, text)
