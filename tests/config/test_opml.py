"""OPML in and out: a feed reader's export becomes feeds.yaml entries (comments and
layout of the file kept), and the configured feeds go out as OPML 2.0."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.config.opml import add_feeds, new_feeds, read_opml, write_opml
from monitor.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
MONITOR = REPO / ".venv" / "bin" / "monitor"

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Politik" title="Politik">
      <outline type="rss" text="Tagesschau" title="Tagesschau" xmlUrl="https://www.tagesschau.de/xml/rss2/"/>
      <outline type="rss" text="Deutsche Welle" xmlUrl="https://rss.dw.com/rdf/rss-de-all"/>
    </outline>
    <outline type="rss" text="Yonhap &amp; Co" xmlUrl="https://en.yna.co.kr/RSS/news.xml"/>
    <outline type="rss" text="Tagesschau again" xmlUrl="HTTPS://www.tagesschau.de/xml/rss2?utm_source=reader"/>
  </body>
</opml>
"""

CONFIG = """\
# my feeds
feeds:
  - id: tagesschau
    url: https://www.tagesschau.de/xml/rss2/   # already here
    language: de

# the watchlist follows
watchlist: []
"""


def test_reading_an_export_gives_each_feed_once_with_folder_tags() -> None:
    found = read_opml(READER_EXPORT)
    assert [(f.id, f.url, f.title, f.tags) for f in found] == [
        ("tagesschau", "https://www.tagesschau.de/xml/rss2/", "Tagesschau", ["politik"]),
        ("deutsche-welle", "https://rss.dw.com/rdf/rss-de-all", "Deutsche Welle", ["politik"]),
        ("yonhap-co", "https://en.yna.co.kr/RSS/news.xml", "Yonhap & Co", []),
    ]


def test_import_adds_only_new_feeds_and_keeps_the_file_as_written(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    current = load_config(path)
    fresh = new_feeds(read_opml(READER_EXPORT), current.feeds)
    assert [f.id for f in fresh] == ["deutsche-welle", "yonhap-co"]
    updated = add_feeds(CONFIG, fresh, language="de")
    assert updated.startswith(CONFIG.split("\n# the watchlist")[0])  # the old lines, comments and all
    assert "# the watchlist follows\nwatchlist: []\n" in updated
    path.write_text(updated, encoding="utf-8")
    reloaded = load_config(path)
    assert [(f.id, f.language, f.outlet) for f in reloaded.feeds] == [
        ("tagesschau", "de", None),
        ("deutsche-welle", "de", "Deutsche Welle"),
        ("yonhap-co", "de", "Yonhap & Co"),
    ]


def test_ids_are_made_unique() -> None:
    found = read_opml(
        b'<opml version="2.0"><body><outline text="News" xmlUrl="https://a.example/rss"/>'
        b'<outline text="News" xmlUrl="https://b.example/rss"/></body></opml>'
    )
    assert [f.id for f in new_feeds(found, [])] == ["news", "news-2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not well-formed OPML"),
        (b"<rss version='2.0'/>", "not an OPML document"),
        (b'<opml><body>\n<outline text="x" xmlUrl="htps//x.example/rss"/></body></opml>', ":2: xmlUrl:"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<opml><body><outline text="&e;" xmlUrl="https://x.example/rss"/></body></opml>',
            "external entity",  # refused, never read
        ),
    ],
)
def test_bad_opml_is_a_clear_error_and_entities_are_not_expanded(data: bytes, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        read_opml(data, source="subs.opml")
    assert str(caught.value).startswith("subs.opml:") and message in str(caught.value)


def test_export_round_trips_through_import(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n  - {id: dw, url: 'https://rss.dw.com/rdf/rss-de-all', outlet: DW, tags: [politik, de]}\n"
        "  - {id: local, url: demo/feed.xml}\n",
        encoding="utf-8",
    )
    exported = write_opml(load_config(path).feeds).encode()
    back = read_opml(exported)
    assert [(f.url, f.title) for f in back] == [
        ("https://rss.dw.com/rdf/rss-de-all", "DW"),
        ("demo/feed.xml", "local"),
    ]
    assert b'category="politik,de"' in exported


def test_the_commands(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    opml = tmp_path / "subs.opml"
    opml.write_bytes(READER_EXPORT)
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_CONFIG"}

    def monitor(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(MONITOR), *args], env=env, capture_output=True, text=True, timeout=60)

    dry = monitor("feeds", "import", str(opml), "-c", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 feeds added, 1 already configured (dry run" in dry.stdout and path.read_text() == CONFIG
    done = monitor("feeds", "import", str(opml), "-c", str(path), "--language", "de")
    assert done.returncode == 0, done.stderr
    assert "2 feeds added, 1 already configured" in done.stdout
    again = monitor("feeds", "import", str(opml), "-c", str(path))
    assert "0 feeds added, 3 already configured" in again.stdout
    exported = monitor("feeds", "export", "-c", str(path))
    assert exported.returncode == 0 and exported.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    exported_ids = [f.id for f in read_opml(exported.stdout.encode())]
    assert exported_ids == ["tagesschau", "deutsche-welle", "yonhap-co"]
    broken = tmp_path / "broken.opml"
    broken.write_bytes(b"<opml><body><outline")
    failed = monitor("feeds", "import", str(broken), "-c", str(path))
    assert failed.returncode == 2 and "not well-formed OPML" in failed.stderr
    assert "Traceback" not in failed.stderr
