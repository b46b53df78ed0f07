"""The demo archive, its manifest and the offline feed built from them.

Besides consistency (every manifest row has its file, the committed feed is
exactly what demo/build_feed.py produces, feedparser reads it back with the
same titles and dates), this holds the honesty check: the demo texts are our
own words, so none of them may share a run of eight consecutive words with
the seed articles (which are evaluation data only).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import feedparser
import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
ARCHIVE = DEMO / "archive"
FEED = DEMO / "feed.xml"
SEEDS = Path(os.environ.get("MONITOR_SEEDS_DIR", REPO.parent / "shared" / "corpus" / "seeds"))

SHARED_RUN = 8  # words in a row that would count as a copied sentence
WORD = re.compile(r"\w+", re.UNICODE)


def _load_build_feed() -> ModuleType:
    # demo/ is not a package (it is data plus a script); load the script by path
    spec = importlib.util.spec_from_file_location("demo_build_feed", DEMO / "build_feed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


build_feed = _load_build_feed()


def manifest_rows() -> list[dict[str, str]]:
    lines = (ARCHIVE / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def word_runs(text: str, length: int = SHARED_RUN) -> set[tuple[str, ...]]:
    words = WORD.findall(text.casefold())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


# ------------------------------------------------------------------ manifest and files


def test_manifest_rows_are_complete_and_files_exist() -> None:
    rows = manifest_rows()
    assert 14 <= len(rows) <= 18
    for row in rows:
        assert set(row) == {"file", "url", "published", "language", "outlet", "title"}, row
        path = ARCHIVE / row["file"]
        assert path.is_file(), f"{row['file']} is listed in the manifest but missing"
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.txt", row["file"]), row["file"]
        assert row["url"].startswith("https://demo.monitor.invalid/"), row["url"]
        assert row["language"] in {"de", "en"}
        assert row["outlet"].startswith("Demo ")
        published = date.fromisoformat(row["published"])
        assert date(2024, 10, 1) <= published <= date(2025, 4, 30)
        assert path.read_text(encoding="utf-8").splitlines()[0] == row["title"]
    assert len({row["url"] for row in rows}) == len(rows), "urls must be unique"
    listed = {row["file"] for row in rows}
    on_disk = {path.name for path in ARCHIVE.glob("*.txt")}
    assert on_disk == listed, f"files not in the manifest: {sorted(on_disk - listed)}"


def test_archive_is_bilingual_chronological_and_articles_are_short() -> None:
    rows = manifest_rows()
    languages = [row["language"] for row in rows]
    assert abs(languages.count("de") - languages.count("en")) <= 2
    assert [row["published"] for row in rows] == sorted(row["published"] for row in rows)
    for article in build_feed.load_archive(ARCHIVE):
        words = len(WORD.findall(article.text))
        assert 120 <= words <= 300, f"{article.file}: {words} words"


def test_archive_covers_the_story_from_first_report_to_confirmation() -> None:
    rows = manifest_rows()
    texts = {row["file"]: (ARCHIVE / row["file"]).read_text(encoding="utf-8") for row in rows}
    everything = "\n".join(texts.values())
    for figure in (
        "650.000",
        "650,000",
        "7500",
        "7,500",
        "12.000",
        "1,2 Millionen",
        "1.2 million",
        "10.000",
        "10,000",
        "18.000",
        "18,000",
        "3500",
        "3,500",
        "600",
    ):
        assert figure in everything, figure
    assert "Peskov" in everything and "Peskow" in everything
    last_day = [texts[row["file"]] for row in rows if row["published"] == rows[-1]["published"]]
    assert all("Lee Seong-kweun" in text for text in last_day)


# ------------------------------------------------------------------ the feed


def test_committed_feed_is_what_the_builder_produces() -> None:
    rendered = build_feed.render_feed(build_feed.load_archive(ARCHIVE))
    assert FEED.read_bytes() == rendered, "demo/feed.xml is stale: run python demo/build_feed.py"
    assert build_feed.main(["--check"]) == 0


def test_feed_parses_into_the_manifest_articles() -> None:
    parsed = feedparser.parse(FEED.read_bytes(), response_headers={"content-type": "application/rss+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    rows = manifest_rows()
    assert len(parsed.entries) == len(rows)
    by_link = {entry.link: entry for entry in parsed.entries}
    for row in rows:
        entry = by_link[row["url"]]
        assert entry.title == row["title"]
        assert entry.id == row["url"]
        assert date(*entry.published_parsed[:3]).isoformat() == row["published"]
        assert entry.language == row["language"]
        assert entry.content[0].language == row["language"]
        body = (ARCHIVE / row["file"]).read_text(encoding="utf-8").split("\n", 1)[1]
        first_paragraph = body.strip().split("\n\n")[0]
        assert first_paragraph in entry.summary
        assert first_paragraph in entry.content[0].value
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True), "newest item first"


def test_builder_rejects_a_manifest_title_that_differs_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "01-x.txt").write_text("Real title\n\nSome body text.\n", encoding="utf-8")
    row = {
        "file": "01-x.txt",
        "url": "https://demo.monitor.invalid/x",
        "published": "2024-10-14",
        "language": "en",
        "outlet": "Demo Herald",
        "title": "Another title",
    }
    (tmp_path / "manifest.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(build_feed.ArchiveError, match="differs from the file"):
        build_feed.load_archive(tmp_path)
    missing_file = {**row, "file": "02-gone.txt"}
    (tmp_path / "manifest.jsonl").write_text(json.dumps(missing_file) + "\n", encoding="utf-8")
    with pytest.raises(build_feed.ArchiveError, match="02-gone.txt does not exist"):
        build_feed.load_archive(tmp_path)


def test_builder_check_mode_notices_a_stale_feed(tmp_path: Path) -> None:
    stale = tmp_path / "feed.xml"
    stale.write_bytes(FEED.read_bytes().replace(b"Kursk", b"Kursk region", 1))
    assert build_feed.main(["--check", "--output", str(stale)]) == 1
    assert build_feed.main(["--output", str(stale)]) == 0
    assert stale.read_bytes() == FEED.read_bytes()


# ------------------------------------------------------------------ honesty check


def seed_texts() -> dict[str, str]:
    files = sorted(SEEDS.glob("*.txt"))
    assert files, f"seed articles not found in {SEEDS} (set MONITOR_SEEDS_DIR)"
    return {path.name: path.read_text(encoding="utf-8") for path in files}


def test_the_run_detector_finds_a_copied_sentence() -> None:
    # guard against a check that can never fail: a seed sentence pasted into
    # our own prose must be caught, with different case and punctuation
    name, seed = next(iter(seed_texts().items()))
    words = WORD.findall(seed)
    copied = " ".join(words[40 : 40 + SHARED_RUN]).upper() + "!"
    ours = word_runs("Some words of our own. " + copied + " And more of our own.")
    assert ours & word_runs(seed), f"a run from {name} was not detected"


def test_demo_texts_share_no_sentence_with_the_seed_articles() -> None:
    seed_runs: dict[tuple[str, ...], str] = {}
    for name, text in seed_texts().items():
        for run in word_runs(text):
            seed_runs.setdefault(run, name)
    demo_texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(ARCHIVE.glob("*.txt"))}
    demo_texts["feed.xml"] = FEED.read_text(encoding="utf-8")
    copied = [
        f"{demo_name}: '{' '.join(run)}' (from {seed_runs[run]})"
        for demo_name, text in demo_texts.items()
        for run in sorted(word_runs(text))
        if run in seed_runs
    ]
    assert not copied, "demo text copies seed sentences:\n" + "\n".join(copied)


def test_repository_config_polls_this_feed_as_a_local_file() -> None:
    from monitor.config import load_config

    config = load_config(REPO / "feeds.yaml")
    local = [spec for spec in config.feeds if not re.match(r"^[a-z]+://", spec.url)]
    assert [config.resolve_feed_url(spec) for spec in local] == [FEED.resolve().as_uri()]
    assert local[0].fetch_page is False, "the demo items carry their full text; there is no page to fetch"
