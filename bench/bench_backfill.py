"""Backfill throughput from a WARC vs trafilatura.extract alone, on the same real pages.

A gzipped WARC of at least 300 real news pages (trafilatura's and zyte-aeb's
test pages; repeated under new URLs if there are too few) is backfilled into a
fresh SQLite database: read with warcio, decoded, dated, stored as pending
articles, then extracted, analyzed with the default watchlist and claims,
stored and checked for alerts. The baseline is ``trafilatura.extract`` on the
same pages in the same run. Prints
``BENCH backfill_warc_vs_extract <ratio> ratio`` (backfill pages/s over
extract-alone pages/s; the target is >= 0.70).
"""

from __future__ import annotations

import io
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from bench.common import ROOT, bench_line, extract_alone, news_pages, timed  # noqa: E402
from monitor.config import Settings, load_config  # noqa: E402
from monitor.drivers.backfill import BackfillSummary, run_backfill  # noqa: E402
from monitor.pipeline.process import Services  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402

MIN_PAGES = 300


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "monitor bench"}))
        for number, (name, html) in enumerate(pages):
            url = f"https://bench.example/{number}/{name}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-10-20T12:00:00Z"},
            )
            writer.write_record(record)


def main() -> None:
    logging.disable(logging.WARNING)
    pages = news_pages()
    while len(pages) < MIN_PAGES:  # repeat pages under other URLs if the corpus is small
        pages += pages[: MIN_PAGES - len(pages)]
    htmls = [html for _, html in pages]
    extract_alone(htmls[:10])  # warm up imports and caches for both runs
    baseline = extract_alone(htmls)

    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        write_warc(warc, pages)
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        services = Services.create(load_config(ROOT / "feeds.yaml"), Settings(), engine=engine)
        services.claim_engine  # built once per process, as in the service  # noqa: B018
        summary: BackfillSummary | None = None

        def run() -> None:
            nonlocal summary
            summary = run_backfill(services, str(warc))

        elapsed = timed(run)
        services.close()
    assert summary is not None
    counts = summary.counts
    read = counts.found
    print(f"pages {len(htmls)}: extract alone {len(htmls) / baseline:.1f} pages/s; backfill read {read}, "
          f"processed {counts.processed} (failed {counts.failed}), {counts.claims} claims, "
          f"{counts.alerts} alerts, {read / elapsed:.1f} pages/s")
    bench_line("backfill_warc_vs_extract", (read / elapsed) / (len(htmls) / baseline), "ratio")


if __name__ == "__main__":
    main()
