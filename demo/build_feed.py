"""Build demo/feed.xml (RSS 2.0) from the demo archive, so the two never drift.

The archive (``demo/archive/manifest.jsonl`` plus one ``NN-slug.txt`` per
article, title on the first line) is the source of truth; the feed is derived
from it and committed so the service can poll it offline as a local file
(``url: demo/feed.xml`` with ``fetch_page: false`` in feeds.yaml).

Each item carries the whole article twice: as plain text in ``<description>``
and as HTML paragraphs in ``<content:encoded>``, so the demo works whichever
of the two the poller prefers. The output is deterministic (no "now"
timestamps), which lets ``--check`` compare it byte for byte.

    python demo/build_feed.py            # rewrite demo/feed.xml
    python demo/build_feed.py --check    # exit 1 if demo/feed.xml is stale
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
ARCHIVE_DIR = DEMO_DIR / "archive"
FEED_PATH = DEMO_DIR / "feed.xml"

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("content", CONTENT_NS)
ET.register_namespace("dc", DC_NS)

# Articles carry only a date; give them plausible, distinct morning times so
# the feed's order is the archive's order even within one day.
FIRST_HOUR_UTC = 7
HOURS_BETWEEN_SAME_DAY_ITEMS = 2


@dataclass(frozen=True)
class DemoArticle:
    file: str
    url: str
    published: date
    language: str
    outlet: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class ArchiveError(Exception):
    """The archive is inconsistent (missing file, title mismatch, bad row)."""


def read_article_file(path: Path) -> tuple[str, tuple[str, ...]]:
    """Title (first line) and body paragraphs (blocks separated by blank lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].strip():
        raise ArchiveError(f"{path}: the first line must be the title")
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines[1:], ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            paragraphs.append(" ".join(block))
            block = []
    if not paragraphs:
        raise ArchiveError(f"{path}: no body text after the title")
    return lines[0].strip(), tuple(paragraphs)


def load_archive(archive_dir: Path = ARCHIVE_DIR) -> list[DemoArticle]:
    """The manifest's articles in manifest order, each checked against its file."""
    manifest = archive_dir / "manifest.jsonl"
    articles: list[DemoArticle] = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{manifest}:{number}"
        try:
            row = json.loads(line)
            file_name = str(row["file"])
            published = date.fromisoformat(str(row["published"]))
            url, language, outlet = str(row["url"]), str(row["language"]), str(row["outlet"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ArchiveError(f"{where}: bad manifest row: {exc}") from None
        path = archive_dir / file_name
        if not path.is_file():
            raise ArchiveError(f"{where}: {file_name} does not exist")
        title, paragraphs = read_article_file(path)
        if row.get("title") not in (None, title):
            raise ArchiveError(f"{where}: title {row['title']!r} differs from the file's {title!r}")
        articles.append(DemoArticle(file_name, url, published, language, outlet, title, paragraphs))
    return articles


def publication_times(articles: list[DemoArticle]) -> list[datetime]:
    """One timestamp per article: its date at 07:00 UTC, +2h for each earlier article that day."""
    seen_per_day: dict[date, int] = {}
    times: list[datetime] = []
    for article in articles:
        index = seen_per_day.get(article.published, 0)
        seen_per_day[article.published] = index + 1
        start = datetime(article.published.year, article.published.month, article.published.day, tzinfo=UTC)
        times.append(start + timedelta(hours=FIRST_HOUR_UTC + index * HOURS_BETWEEN_SAME_DAY_ITEMS))
    return times


def render_feed(articles: list[DemoArticle]) -> bytes:
    """The RSS 2.0 document, newest item first (as real feeds list them)."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = "Monitor demo feed"
    ET.SubElement(channel, "link").text = "https://demo.monitor.invalid/"
    ET.SubElement(channel, "description").text = (
        "Offline demo: German and English reports (Oct 2024 - Apr 2025) on North Korean troops "
        "sent to Russia's war against Ukraine, written for the monitor project."
    )
    times = publication_times(articles)
    if times:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(max(times))
    newest_first = sorted(zip(articles, times, strict=True), key=lambda pair: pair[1], reverse=True)
    for article, published in newest_first:
        # xml:lang as well as dc:language: feedparser reports the former on every text
        # field (content[0].language), the latter only as entry.language
        item = ET.SubElement(channel, "item", {XML_LANG: article.language})
        ET.SubElement(item, "title").text = article.title
        ET.SubElement(item, "link").text = article.url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = article.url
        ET.SubElement(item, "pubDate").text = format_datetime(published)
        ET.SubElement(item, f"{{{DC_NS}}}language").text = article.language
        ET.SubElement(item, f"{{{DC_NS}}}publisher").text = article.outlet
        ET.SubElement(item, "description").text = article.text
        ET.SubElement(item, f"{{{CONTENT_NS}}}encoded").text = "\n".join(
            f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in article.paragraphs
        )
    ET.indent(rss, space="  ")
    body = ET.tostring(rss, encoding="unicode", xml_declaration=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report whether feed.xml is up to date")
    parser.add_argument("--archive", type=Path, default=ARCHIVE_DIR)
    parser.add_argument("--output", type=Path, default=FEED_PATH)
    args = parser.parse_args(argv)
    try:
        articles = load_archive(args.archive)
    except ArchiveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rendered = render_feed(articles)
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != rendered:
            print(f"{args.output} is stale: run python demo/build_feed.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(articles)} items)")
        return 0
    args.output.write_bytes(rendered)
    print(f"wrote {args.output} ({len(articles)} items)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
