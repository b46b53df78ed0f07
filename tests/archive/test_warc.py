"""WARC/ARC files: what becomes an article, what is skipped and why, damaged files, resume."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.archive.base import Broken, DateWindow, Event, Found, Skipped
from monitor.archive.records import read_archived_page
from monitor.archive.warc import WarcSource
from monitor.errors import ExtractionError
from monitor.ingest.fetch import decode_html
from monitor.models import FeedEntry
from tests.archive.warcs import REAL_WARCS, Capture, article_html, real_pages, write_warc


def page_of(entry: FeedEntry) -> str:
    """The entry's page: kept in the archive file (read back as processing does), or a copy."""
    if entry.archive_record is not None:
        assert entry.html is None  # a reference, not a copy
        return read_archived_page(entry.archive_record, max_bytes=10_000_000)
    return entry.html or ""


def never_known(url: str) -> bool:
    return False


def read_all(path: Path, window: DateWindow | None = None) -> list[Event]:
    return list(WarcSource(path).read(window or DateWindow(), None, never_known))


def tally(events: list[Event]) -> tuple[list[Found], Counter[str], list[str]]:
    found = [e for e in events if isinstance(e, Found)]
    skipped = Counter(e.reason for e in events if isinstance(e, Skipped))
    broken = [e.reason for e in events if isinstance(e, Broken)]
    return found, skipped, broken


def mixed_captures() -> list[Capture]:
    umlauts = "Die Regierung in Kiew spricht von Soldaten aus Nordkorea, die in Kursk eingesetzt würden."
    return [
        Capture(
            "https://news.example/declared",
            article_html("Erklärt", umlauts, published="2024-10-16T07:30:00+02:00").encode(),
            extra=["metadata", "revisit"],
        ),
        Capture(
            "https://news.example/undated",
            article_html("Ohne Datum", umlauts).encode(),
            date="2024-10-21T09:15:00Z",
        ),
        Capture(
            "https://news.example/latin1",
            article_html("Grenzübergänge", umlauts).encode("iso-8859-1"),
            content_type="text/html; charset=ISO-8859-1",
        ),
        Capture(
            "https://news.example/meta-cp1252",
            article_html("Zitat", "„Wir prüfen das“, sagte er.", charset="windows-1252").encode("cp1252"),
            content_type="text/html",
        ),
        Capture("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        Capture("https://news.example/gone", b"<html>not here</html>", status="404 Not Found"),
        Capture("https://news.example/empty", b"   ", with_request=False),
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), mixed_captures(), gzip=gzip)
    found, skipped, broken = tally(read_all(path))
    assert broken == []
    assert [f.entry.url for f in found] == [
        "https://news.example/declared",
        "https://news.example/undated",
        "https://news.example/latin1",
        "https://news.example/meta-cp1252",
    ]
    assert skipped == {
        "warcinfo": 1,
        "request": 6,
        "metadata": 1,
        "revisit": 1,
        "non-HTML": 1,
        "non-200": 1,
        "empty": 1,
    }
    entries = {f.entry.url: f.entry for f in found}
    # the page's own date beats the capture date; without one the capture date is used
    assert entries["https://news.example/declared"].published == datetime(2024, 10, 16, 5, 30, tzinfo=UTC)
    assert entries["https://news.example/undated"].published == datetime(2024, 10, 21, 9, 15, tzinfo=UTC)
    assert "würden" in page_of(entries["https://news.example/latin1"])
    assert "„Wir prüfen das“" in page_of(entries["https://news.example/meta-cp1252"])
    assert entries["https://news.example/declared"].title == "Erklärt"
    assert entries["https://news.example/declared"].language == "de"
    assert len({e.entry_key for e in entries.values()}) == 4


def test_real_news_pages_round_trip(tmp_path: Path) -> None:
    pages = real_pages(6) + real_pages(3, "en_news")
    captures = [
        Capture(f"https://news.example/real/{p.stem}", p.read_bytes(), content_type="text/html")
        for p in pages
    ]
    found, skipped, broken = tally(read_all(write_warc(tmp_path / "real.warc.gz", captures)))
    assert len(found) == len(pages) and broken == [] and skipped == {"warcinfo": 1, "request": len(pages)}
    for page, event in zip(pages, found, strict=True):
        assert event.entry.archive_record is not None
        assert page_of(event.entry) == decode_html(page.read_bytes())


def test_window_filters_by_publication_date(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", mixed_captures())
    window = DateWindow(datetime(2024, 10, 18, tzinfo=UTC), datetime(2024, 10, 21, tzinfo=UTC))
    found, skipped, _ = tally(read_all(path, window))
    # declared 2024-10-16 (before), undated captured 10-21 (after); the other two captured 10-20
    assert sorted(f.entry.url or "" for f in found) == [
        "https://news.example/latin1",
        "https://news.example/meta-cp1252",
    ]
    assert skipped["outside window"] == 2
    before_all = DateWindow(datetime(2024, 10, 25, tzinfo=UTC), None)
    found, skipped, _ = tally(read_all(path, before_all))
    # captured before the window: not even read (the empty page included)
    assert found == [] and skipped["outside window"] == 5 and "empty" not in skipped


@pytest.mark.parametrize("gzip", [True, False])
def test_a_cut_file_keeps_what_was_read(tmp_path: Path, gzip: bool) -> None:
    pages = real_pages(3)
    captures = [Capture(f"https://news.example/{p.stem}", p.read_bytes(), with_request=False) for p in pages]
    whole = write_warc(tmp_path / "whole.warc", captures, gzip=gzip).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(whole[: len(whole) - 3000])
    found, _skipped, broken = tally(read_all(cut))
    assert [f.entry.url for f in found][:2] == [f"https://news.example/{p.stem}" for p in pages[:2]]
    assert len(broken) == 1 and "ends inside record" in broken[0]
    if found[2:]:  # the partial page, when its bytes survived decompression
        assert len(found[2].entry.html or "") < len(pages[2].read_text(errors="replace"))


def test_resume_from_any_cursor_gives_the_same_rest(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", mixed_captures())
    source = WarcSource(path)
    events = read_all(path)
    for index in (0, 3, 7, len(events) - 2):
        rest = list(source.read(DateWindow(), events[index].cursor, never_known))
        assert [(type(e), e.cursor) for e in rest] == [(type(e), e.cursor) for e in events[index + 1 :]]
    assert events[-1].units == source.total_units()


def test_a_folder_reads_every_archive_in_order_and_resumes_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    write_warc(folder / "a.warc.gz", mixed_captures()[:2])
    write_warc(folder / "b.warc", mixed_captures()[2:4], gzip=False)
    (folder / "notes.txt").write_text("not an archive", encoding="utf-8")
    source = WarcSource(folder)
    events = list(source.read(DateWindow(), None, never_known))
    assert [f.entry.url for f in events if isinstance(f, Found)] == [c.url for c in mixed_captures()[:4]]
    last_of_a = max(i for i, e in enumerate(events) if e.cursor.get("file") == "a.warc.gz")
    rest = list(source.read(DateWindow(), events[last_of_a].cursor, never_known))
    assert [e.cursor for e in rest] == [e.cursor for e in events[last_of_a + 1 :]]


# The real archives in the shared corpus: (file, articles, skips by reason, broken parts).
REAL_FILES = [
    ("warcio/example.warc", 1, {"warcinfo": 2, "request": 2, "revisit": 1}, 0),
    ("warcio/example.warc.gz", 1, {"warcinfo": 2, "request": 2, "revisit": 1}, 0),
    ("warcio/example.arc", 1, {"warcinfo": 1}, 0),
    ("warcio/example.arc.gz", 1, {"warcinfo": 1}, 0),
    ("warcio/example-iana.org-chunked.warc", 1, {"warcinfo": 1, "request": 1}, 0),
    ("warcio/example-trunc.warc", 1, {"warcinfo": 2, "request": 1}, 0),
    ("warcio/example-digest.warc", 0, {"request": 4}, 0),
    ("warcio/example-resource.warc.gz", 0, {"warcinfo": 2, "resource": 1}, 0),
    ("warcio/example-space-in-target-uri.warc.gz", 0, {"warcinfo": 1, "resource": 1}, 0),
    ("warcio/example-space-in-url.arc", 1, {"warcinfo": 1}, 1),
    (
        "warcio/example-wget-bad-target-uri.warc.gz",
        1,
        {"warcinfo": 1, "request": 1, "metadata": 1, "resource": 2},
        0,
    ),
    ("warcio/example-wrong-chunks.warc.gz", 0, {"truncated record": 1}, 1),
    ("warcio/example-bad-non-chunked.warc.gz", 0, {"warcinfo": 1}, 1),
    ("warcio/example-bad.warc.gz.bad", 0, {"warcinfo": 1}, 1),
    ("warcio/post-test.warc.gz", 0, {"request": 3, "non-HTML": 3}, 0),
    ("warcio/bad.arc", 0, {"warcinfo": 1, "not HTTP": 2, "non-200": 1}, 0),
    ("resiliparse/clipped.warc.gz", 1, {}, 1),
    ("resiliparse/clueweb-quirk.warc.gz", 29, {"warcinfo": 1}, 0),
    ("resiliparse/block-sized-records.warc.gz", 0, {"unknown": 3}, 0),
    (
        "ukwa-webarchive-test-suite/IAH-20080430204825-00000-blackbook-truncated.warc.gz",
        2,
        {"warcinfo": 1, "request": 7, "metadata": 7, "not HTTP": 1, "non-HTML": 5},
        0,
    ),
    (
        "ukwa-webarchive-test-suite/IAH-20080430204825-00000-blackbook-truncated.arc.gz",
        2,
        {"warcinfo": 1, "not HTTP": 1, "non-HTML": 5},
        0,
    ),
    (
        "ukwa-webarchive-test-suite/IAH-urls-wget.warc.gz",
        2,
        {"warcinfo": 1, "request": 16, "non-200": 9, "non-HTML": 5, "resource": 3},
        0,
    ),
]


def test_every_real_archive_is_listed() -> None:
    listed = {name for name, *_ in REAL_FILES}
    on_disk = {
        p.relative_to(REAL_WARCS).as_posix()
        for p in REAL_WARCS.rglob("*")
        if ".warc" in p.name or ".arc" in p.name
    }
    assert on_disk == listed


@pytest.mark.parametrize(("name", "articles", "skips", "broken"), REAL_FILES, ids=[r[0] for r in REAL_FILES])
def test_real_archives_are_read_without_crashing(
    name: str, articles: int, skips: dict[str, int], broken: int
) -> None:
    found, skipped, problems = tally(read_all(REAL_WARCS / name))
    assert (len(found), dict(skipped), len(problems)) == (articles, skips, broken)
    for event in found:
        assert page_of(event.entry) and event.entry.url and event.entry.url.startswith("http")


def test_clipped_page_is_kept_and_dated_by_its_capture() -> None:
    found, _skipped, problems = tally(read_all(REAL_WARCS / "resiliparse/clipped.warc.gz"))
    entry = found[0].entry
    assert entry.url is not None and "houstonpress.com" in entry.url
    assert entry.published is not None and entry.published.year == 2016
    assert "ends inside record 1" in problems[0]


@pytest.mark.parametrize(
    "name",
    [
        "warcio/example.arc.gz",
        "ukwa-webarchive-test-suite/IAH-20080430204825-00000-blackbook-truncated.arc.gz",
        "ukwa-webarchive-test-suite/IAH-urls-wget.warc.gz",
    ],
)
def test_real_archives_resume_at_every_record(name: str) -> None:
    path = REAL_WARCS / name
    source = WarcSource(path)
    events = read_all(path)
    for index in range(len(events) - 1):
        rest = list(source.read(DateWindow(), events[index].cursor, never_known))
        assert [(type(e), e.cursor) for e in rest] == [(type(e), e.cursor) for e in events[index + 1 :]], (
            index
        )


def test_a_record_reference_that_no_longer_points_at_a_page_is_a_clear_error(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", mixed_captures())
    entry = next(event.entry for event in read_all(path) if isinstance(event, Found))
    assert entry.archive_record is not None
    with pytest.raises(ExtractionError, match="no archived response there"):
        read_archived_page(f"warc:{path}@0", max_bytes=10_000_000)  # the warcinfo record
    path.rename(tmp_path / "moved.warc.gz")
    with pytest.raises(ExtractionError, match="archive record unreadable") as gone:
        read_archived_page(entry.archive_record, max_bytes=10_000_000)
    # passing failures of the machine (a moved archive), not of the page: tried again
    assert not gone.value.permanent
    with pytest.raises(ExtractionError, match="not an archive record reference"):
        read_archived_page("file:/nowhere", max_bytes=10)
