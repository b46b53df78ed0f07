"""Pipeline throughput vs trafilatura.extract alone, on the same real pages.

The pipeline run is the real thing: a feed served on 127.0.0.1 lists the
pages, the poller stores the entries, and every article is fetched over HTTP,
extracted, analyzed and stored with its claims and alerts in SQLite.
Prints ``BENCH pipeline_vs_extract <ratio> ratio`` (pipeline pages/s over
extract-alone pages/s; 1.0 would mean the rest of the pipeline is free).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_line, extract_alone, news_pages, serve_folder, timed  # noqa: E402
from monitor.config import Settings, parse_config  # noqa: E402
from monitor.pipeline import Services  # noqa: E402
from monitor.runner import EmbeddedRunner  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402

PAGES = 150


def feed_xml(base: str, names: list[str]) -> bytes:
    items = "".join(
        f"<item><guid>{escape(name)}</guid><title>page {i}</title>"
        f"<link>{base}/page/{escape(name)}</link></item>"
        for i, name in enumerate(names)
    )
    channel = f"<channel><title>bench</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def main() -> None:
    logging.disable(logging.WARNING)
    pages = news_pages(PAGES)
    htmls = [html for _, html in pages]
    extract_alone(htmls[:10])  # warm up imports and caches for both runs
    baseline = extract_alone(htmls)

    base_config = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, serve_folder(Path(tmp)) as base:
        site = Path(tmp)
        (site / "page").mkdir()
        for index, (_, html) in enumerate(pages):
            (site / "page" / f"{index}.html").write_text(html, encoding="utf-8")
        (site / "feed.xml").write_bytes(feed_xml(base, [f"{i}.html" for i in range(len(pages))]))
        # the default watchlist and claims, with the local feed as the only feed
        config = parse_config(base_config, ROOT / "feeds.yaml")
        model = config.model
        bench_feed = model.feeds[0].model_copy(update={"id": "bench", "url": f"{base}/feed.xml", "fetch_page": True})
        config = type(config)(path=site / "feeds.yaml", model=model.model_copy(update={"feeds": [bench_feed]}))
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        services = Services.create(config, Settings(allow_private=("127.0.0.1",)), engine=engine)
        services.claim_engine  # built once per process, as in the service  # noqa: B018
        runner = EmbeddedRunner(services)
        report = None

        def run() -> None:
            nonlocal report
            report = runner.run_once()

        elapsed = timed(run)
        services.close()
    assert report is not None
    processed = sum(1 for o in report.processed if o.status == "processed")
    print(
        f"pages {len(htmls)}: extract alone {len(htmls) / baseline:.1f} pages/s; "
        f"pipeline {processed} processed, {processed / elapsed:.1f} pages/s"
    )
    bench_line("pipeline_vs_extract", (processed / elapsed) / (len(htmls) / baseline), "ratio")


if __name__ == "__main__":
    main()
