"""A backfill processed in the process that read the archive reads each page from the file once.

The database keeps only the ``warc:<file>@<offset>`` reference; the pages read
while ingesting are handed to processing in memory (a bounded PageMemo), so the
record is not parsed a second time. Pages the memo does not hold are read back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import monitor.pipeline.process as processing
from monitor.archive.base import DateWindow, Found
from monitor.archive.pages import page_facts
from monitor.archive.records import PageMemo, read_archived_page
from monitor.archive.warc import WarcSource
from monitor.drivers.backfill import run_backfill
from monitor.pipeline.process import process_article
from monitor.pipeline.services import Services
from monitor.store.schema import articles
from tests.archive.warcs import Capture, real_pages, write_warc


def real_warc(path: Path, count: int = 4) -> Path:
    captures = [
        Capture(f"https://news.example/real/{p.stem}", p.read_bytes(), content_type="text/html")
        for p in real_pages(count)
    ]
    return write_warc(path, captures)


class ReadBacks:
    """Counts the records processing reads back from the archive file (and reads them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.references: list[str] = []
        monkeypatch.setattr(processing, "read_archived_page", self._read)

    def _read(self, reference: str, *, max_bytes: int) -> str:
        self.references.append(reference)
        return read_archived_page(reference, max_bytes=max_bytes)


def test_found_events_carry_the_page_their_reference_points_at(tmp_path: Path) -> None:
    path = real_warc(tmp_path / "real.warc.gz")
    found = [e for e in WarcSource(path).read(DateWindow(), None, lambda url: False) if isinstance(e, Found)]
    assert len(found) == 4
    for event in found:
        assert event.entry.html is None and event.entry.archive_record is not None
        assert event.page == read_archived_page(event.entry.archive_record, max_bytes=10_000_000)


def test_an_in_process_backfill_does_not_read_its_pages_twice(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = ReadBacks(monkeypatch)
    summary = run_backfill(services, str(real_warc(tmp_path / "real.warc.gz")))
    assert summary.counts.processed == 4 and summary.pending == 0
    assert reads.references == []
    with services.engine.connect() as conn:
        rows = list(conn.execute(select(articles.c.archive_record, articles.c.raw_html, articles.c.text)))
    # still a reference, not a copy, and the text came from the page
    assert all(r.archive_record.startswith("warc:") and r.raw_html is None and r.text for r in rows)


def test_articles_processed_elsewhere_read_the_record_back(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = ReadBacks(monkeypatch)
    # a process hook is another process's work (a worker): no page is handed over in memory
    summary = run_backfill(
        services,
        str(real_warc(tmp_path / "real.warc.gz")),
        process=lambda article_id: process_article(services, article_id, historical=True),
    )
    assert summary.counts.processed == 4
    assert len(reads.references) == 4


def test_the_memo_gives_each_page_once_and_keeps_within_its_limits() -> None:
    memo = PageMemo(max_bytes=1000, budget=10_000)
    memo.keep("warc:/a@0", "<p>eins</p>")
    memo.keep("warc:/a@9", "ä" * 600)  # 600 characters, 1,200 bytes: reading it back refuses it
    memo.keep("warc:/a@20", "x" * 999)
    memo.keep("warc:/a@30", "y" * 999)
    assert len(memo) == 3
    for page in ("z" * 999 for _ in range(20)):  # over the budget: left to be read back
        memo.keep(f"warc:/b@{len(memo)}", page)
    assert len(memo) < 12
    assert memo.take("warc:/a@0") == "<p>eins</p>"
    assert memo.take("warc:/a@0") is None
    assert memo.take("warc:/a@9") is None


def test_page_facts_find_metadata_placed_after_the_head() -> None:
    html = (
        "<html lang='de'><head><meta charset='utf-8'></head><body>"
        "<meta property='og:title' content='Spät erklärt'>"
        "<meta name='date' content='2024-10-16T07:30:00+02:00'>"
        "<p>Text</p></body></html>"
    )
    facts = page_facts(html, captured=None)
    assert facts.title == "Spät erklärt"
    assert facts.published is not None and facts.published.isoformat() == "2024-10-16T05:30:00+00:00"
    assert facts.language == "de"
