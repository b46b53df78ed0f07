"""The manifest folder source: what it reads, what it skips, where it resumes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from monitor.archive.base import DateWindow, Found, Skipped
from monitor.archive.manifest import ManifestSource
from monitor.archive.options import SourceOptions
from monitor.archive.resolve import open_path
from monitor.archive.warc import WarcSource
from tests.archive.conftest import ARTICLES, write_manifest_folder


def never_known(url: str) -> bool:
    return False


def test_text_and_html_files_become_entries(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    source = ManifestSource(folder / "manifest.jsonl")
    events = list(source.read(DateWindow(), None, never_known))
    entries = [e.entry for e in events if isinstance(e, Found)]
    assert [e.url for e in entries] == [f"https://archive.example/{n.split('.')[0]}" for n, *_ in ARTICLES]
    by_url = {e.url: e for e in entries}
    text_entry = by_url["https://archive.example/b"]
    assert text_entry.text is not None and "11.000 Soldaten" in text_entry.text and text_entry.html is None
    assert text_entry.published == datetime(2024, 10, 21, tzinfo=UTC)
    assert text_entry.language == "de" and text_entry.outlet == "Test Outlet"
    html_entry = by_url["https://archive.example/c"]
    assert html_entry.html is not None and "Kursk" in html_entry.html and html_entry.text is None
    assert text_entry.entry_key == "manifest:https://archive.example/b"
    assert source.total_units() == len(ARTICLES)


def test_bad_lines_missing_files_and_odd_types_are_counted(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / "blank.txt").write_text("   \n", encoding="utf-8")
    with (folder / "manifest.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"url": "https://archive.example/x"}) + "\n")
        handle.write(json.dumps({"file": "gone.txt", "published": "2024-10-20"}) + "\n")
        handle.write(json.dumps({"file": "notes.pdf", "published": "2024-10-20"}) + "\n")
        handle.write(json.dumps({"file": "blank.txt", "published": "2024-10-20"}) + "\n")
        handle.write(json.dumps({"file": "../../etc/passwd", "published": "2024-10-20"}) + "\n")
    events = list(ManifestSource(folder / "manifest.jsonl").read(DateWindow(), None, never_known))
    reasons = [e.reason for e in events if isinstance(e, Skipped)]
    assert reasons == [
        "bad manifest line",
        "bad manifest line",
        "missing file",
        "unsupported file type",
        "empty",
        "file outside the folder",
    ]
    assert sum(isinstance(e, Found) for e in events) == len(ARTICLES)


def test_window_keeps_only_articles_published_in_it(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    window = DateWindow(datetime(2024, 10, 15, tzinfo=UTC), datetime(2024, 11, 5, tzinfo=UTC))
    events = list(ManifestSource(folder / "manifest.jsonl").read(window, None, never_known))
    found = sorted(e.entry.url or "" for e in events if isinstance(e, Found))
    assert found == ["https://archive.example/b", "https://archive.example/c"]
    assert [e.reason for e in events if isinstance(e, Skipped)] == ["outside window", "outside window"]


def test_resume_continues_after_the_cursor(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    source = ManifestSource(folder / "manifest.jsonl")
    first = list(source.read(DateWindow(), None, never_known))
    rest = list(source.read(DateWindow(), first[1].cursor, never_known))
    assert [e.cursor for e in rest] == [e.cursor for e in first[2:]]
    assert rest[0].units == 3


def test_folder_resolution(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    assert isinstance(open_path(folder, SourceOptions()), ManifestSource)
    assert isinstance(open_path(folder / "manifest.jsonl"), ManifestSource)
    plain = tmp_path / "crawl"
    plain.mkdir()
    assert isinstance(open_path(plain), WarcSource)
