"""Pipeline throughput vs trafilatura.extract alone, on the same real pages.

The pipeline run is the real thing: a feed served on 127.0.0.1 (by a separate
process, as a remote site would be) lists the pages, the poller stores the
entries, and every article is fetched over HTTP, extracted, analyzed with the
default watchlist and claims, and stored with its claims and alerts in SQLite.

The machine is shared and noisy, so baseline and pipeline are measured in
alternating rounds and the median of the per-round ratios is printed:
``BENCH pipeline_vs_extract <ratio> ratio`` (pipeline pages/s over extract-alone
pages/s; 1.0 would mean everything but extraction is free).
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_line, extract_alone, news_pages, serve_folder, timed  # noqa: E402
from monitor.config import Config, Settings, parse_config  # noqa: E402
from monitor.drivers.embedded import EmbeddedRunner  # noqa: E402
from monitor.pipeline.process import Services  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402

PAGES = 150
ROUNDS = 5


def feed_xml(base: str, count: int) -> bytes:
    items = "".join(
        f"<item><guid>page-{i}</guid><title>page {i}</title><link>{escape(base)}/page/{i}.html</link></item>"
        for i in range(count)
    )
    channel = f"<channel><title>bench</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def bench_config(base: str, site: Path) -> Config:
    """The default watchlist and claims, with the local feed as the only feed."""
    config = parse_config((ROOT / "feeds.yaml").read_text(encoding="utf-8"), ROOT / "feeds.yaml")
    model = config.model
    feed = model.feeds[0].model_copy(update={"id": "bench", "url": f"{base}/feed.xml", "fetch_page": True})
    return Config(path=site / "feeds.yaml", model=model.model_copy(update={"feeds": [feed]}))


def pipeline_round(config: Config, database: Path) -> tuple[int, float]:
    """One full pass over a fresh database: (articles processed, seconds)."""
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    services = Services.create(config, Settings(allow_private=("127.0.0.1",)), engine=engine)
    services.claim_engine  # built once per process, as in the service  # noqa: B018
    runner = EmbeddedRunner(services)
    outcome: list[int] = []

    def run() -> None:
        report = runner.run_once()
        outcome.append(sum(1 for o in report.processed if o.status == "processed"))

    elapsed = timed(run)
    services.close()
    engine.dispose()
    return outcome[0], elapsed


def main() -> None:
    logging.disable(logging.WARNING)
    pages = news_pages(PAGES)
    htmls = [html for _, html in pages]
    extract_alone(htmls[:10])  # warm up imports and caches for both runs
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, serve_folder(Path(tmp) / "site") as base:
        site = Path(tmp) / "site"
        (site / "page").mkdir(parents=True)
        for index, html in enumerate(htmls):
            (site / "page" / f"{index}.html").write_text(html, encoding="utf-8")
        (site / "feed.xml").write_bytes(feed_xml(base, len(htmls)))
        config = bench_config(base, site)
        for round_no in range(ROUNDS):
            baseline = extract_alone(htmls)
            processed, elapsed = pipeline_round(config, Path(tmp) / f"bench-{round_no}.db")
            extract_rate, pipeline_rate = len(htmls) / baseline, processed / elapsed
            ratios.append(pipeline_rate / extract_rate)
            print(
                f"round {round_no + 1}: extract alone {extract_rate:.1f} pages/s; "
                f"pipeline {processed}/{len(htmls)} processed, {pipeline_rate:.1f} pages/s "
                f"(ratio {ratios[-1]:.3f})"
            )
    bench_line("pipeline_vs_extract", statistics.median(ratios), "ratio")


if __name__ == "__main__":
    main()
