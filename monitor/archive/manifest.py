"""A local folder of articles described by ``manifest.jsonl``.

One JSON object per line: ``file`` (relative to the folder), ``url``,
``published`` (a date or an ISO datetime), ``language``, ``outlet`` and an
optional ``title``. ``.txt`` files are plain article text; ``.html``/``.htm``
files are pages the pipeline extracts. The cursor is the number of manifest
lines read, so a resumed backfill continues on the next line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from monitor.archive.base import (
    Broken,
    Cursor,
    DateWindow,
    Event,
    Found,
    Skipped,
    UrlKnown,
)
from monitor.ingest.dates import parse_archive_date
from monitor.ingest.fetch import decode_html
from monitor.models import FeedEntry

MANIFEST_NAME = "manifest.jsonl"
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


class ManifestSource:
    """Articles listed in ``manifest.jsonl`` inside ``folder``."""

    fetch_pages = False

    def __init__(self, manifest: Path) -> None:
        self.manifest = manifest.resolve()
        self.folder = self.manifest.parent
        # the folder names the usual manifest.jsonl; another manifest file names itself
        self.key = f"manifest:{self.folder if self.manifest.name == MANIFEST_NAME else self.manifest}"

    def total_units(self) -> int | None:
        try:
            with self.manifest.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        except OSError:
            return None

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        start = int((resume or {}).get("line", 0))
        try:
            handle = self.manifest.open("r", encoding="utf-8-sig")
        except OSError as exc:
            yield Broken(f"cannot open {self.manifest}: {exc.strerror or exc}", {"line": start}, start)
            return
        counted = 0  # non-blank lines: the progress unit
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                counted += 1
                if number <= start:
                    continue
                cursor = {"line": number}
                yield self._event(line, number, window, cursor, counted)

    def _event(self, line: str, number: int, window: DateWindow, cursor: Cursor, units: int) -> Event:
        where = f"{self.manifest.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            return Skipped("bad manifest line", cursor, units, f"{where}: {exc.msg}")
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            return Skipped("bad manifest line", cursor, units, f"{where}: needs an object with 'file'")
        published = parse_archive_date(_text(item, "published"))
        reason = window.admits(published)
        if reason is not None:
            return Skipped(reason, cursor, units, where)
        path = (self.folder / item["file"]).resolve()
        if not path.is_relative_to(self.folder):
            return Skipped("file outside the folder", cursor, units, f"{where}: {item['file']}")
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            return Skipped("unsupported file type", cursor, units, f"{where}: {item['file']}")
        try:
            body = path.read_bytes()
        except OSError as exc:
            return Skipped("missing file", cursor, units, f"{where}: {exc.strerror or exc}")
        if not body.strip():
            return Skipped("empty", cursor, units, where)
        url = _text(item, "url")
        entry = FeedEntry(
            entry_key=f"manifest:{url or item['file']}",
            url=url,
            title=_text(item, "title") or "",
            published=published,
            language=_language(_text(item, "language")),
            outlet=_text(item, "outlet"),
            html=decode_html(body) if suffix in HTML_SUFFIXES else None,
            text=decode_text(body) if suffix in TEXT_SUFFIXES else None,
        )
        return Found(entry, cursor, units)


def decode_text(body: bytes) -> str:
    """Plain text files: UTF-8 (with or without BOM), else whatever charset_normalizer finds."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def _text(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.split("-")[0].split("_")[0].strip().lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
