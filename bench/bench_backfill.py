"""Backfill throughput from a WARC vs warcio + trafilatura.extract alone, on the same real pages.

A gzipped WARC of at least 300 real news pages (trafilatura's and zyte-aeb's
test pages; repeated under new URLs if there are too few) is backfilled into a
fresh SQLite database: read with warcio, decoded, dated, stored as pending
articles (a reference to the record, not a copy), then read back, extracted,
analyzed with the default watchlist and claims, stored and checked for alerts.
The baseline reads every record of the same WARC with warcio and runs
``trafilatura.extract`` on each page. Baseline and backfill alternate in
rounds (the order flips every round) and the median of the per-round ratios is
printed: ``BENCH backfill_warc_vs_extract <ratio> ratio`` (backfill pages/s
over baseline pages/s; the target is >= 0.85).
"""

from __future__ import annotations

import io
import logging
import statistics
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
ROUNDS = 5


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "monitor bench"}))
        for number, (name, html) in enumerate(pages):
            url = f"https://bench.example/{number}/{name}"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-10-20T12:00:00Z"},
            )
            writer.write_record(record)


def warcio_and_extract(warc: Path) -> tuple[int, float]:
    """The baseline: every response record read with warcio, decoded and extracted."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    pages = 0

    def run() -> None:
        nonlocal pages
        with warc.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                html = record.content_stream().read().decode("utf-8", errors="replace")
                trafilatura.extract(html)
                pages += 1

    elapsed = timed(run)
    return pages, elapsed


def backfill_round(warc: Path, database: Path) -> tuple[BackfillSummary, float]:
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    services = Services.create(load_config(ROOT / "feeds.yaml"), Settings(), engine=engine)
    services.claim_engine  # built once per process, as in the service  # noqa: B018
    found: list[BackfillSummary] = []
    elapsed = timed(lambda: found.append(run_backfill(services, str(warc))))
    services.close()
    engine.dispose()
    return found[0], elapsed


def main() -> None:
    logging.disable(logging.WARNING)
    pages = news_pages()
    while len(pages) < MIN_PAGES:  # repeat pages under other URLs if the corpus is small
        pages += pages[: MIN_PAGES - len(pages)]
    extract_alone([html for _, html in pages[:10]])  # warm up imports and caches for both sides
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        write_warc(warc, pages)
        for round_no in range(ROUNDS):
            # the order flips every round: a burst of load lands on both sides alike
            if round_no % 2 == 0:
                read, baseline = warcio_and_extract(warc)
                summary, elapsed = backfill_round(warc, Path(tmp) / f"bench-{round_no}.db")
            else:
                summary, elapsed = backfill_round(warc, Path(tmp) / f"bench-{round_no}.db")
                read, baseline = warcio_and_extract(warc)
            counts = summary.counts
            ratios.append((counts.processed / elapsed) / (read / baseline))
            print(
                f"round {round_no + 1}: warcio + extract {read / baseline:.1f} pages/s; backfill found "
                f"{counts.found}, processed {counts.processed} (failed {counts.failed}), {counts.claims} "
                f"claims, {counts.alerts} alerts, {counts.processed / elapsed:.1f} pages/s "
                f"(ratio {ratios[-1]:.3f})",
                flush=True,
            )
    bench_line("backfill_warc_vs_extract", statistics.median(ratios), "ratio")


if __name__ == "__main__":
    main()
