"""Distributed throughput: Celery workers on Redis + PostgreSQL vs the embedded runner, same articles.

A local news site on 127.0.0.1 serves RSS feeds of 50 entries each whose links
point at real news pages (trafilatura's and zyte-aeb's test pages, repeated
under new URLs until there are ``--articles`` of them). Each run starts from an
empty PostgreSQL database and processes every article end to end: poll, fetch
the page, extract, analyze with the project's watchlist and claims, store,
detect.

* embedded: ``EmbeddedRunner.run_once`` in this process (the `monitor run` path);
* celery 1 / celery 2: one real worker (``monitor worker``) with 1 or 2 pool
  processes; the clock runs from queueing the polls to the last article stored;
* extract 1 / extract 2: ``trafilatura.extract`` alone on the same pages in 1 or
  2 processes, the ceiling the machine allows two processes at that moment: on a
  shared machine other people's work takes cores, and then no code of ours reaches
  2 processes / 1 = 2.0 (the two-vs-one ratio is to be read against this one).

The site is served by a separate process. Each setup runs ``--repeats`` times
(3), the order rotating every repeat, and the ratios are medians of the
per-repeat ratios.

Prints::

    BENCH celery_articles_per_s_1 <n> articles/s
    BENCH celery_articles_per_s_2 <n> articles/s
    BENCH celery_two_vs_one <ratio> ratio          (target >= 1.7 on 2 cores)
    BENCH celery_vs_embedded <ratio> ratio         (1 Celery process over the embedded runner)
    BENCH celery_extract_two_vs_one <ratio> ratio  (extraction alone: the machine's ceiling)

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (it uses its
own database there and a unique key prefix, removed afterwards).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis  # noqa: E402
import yaml  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402

from bench.common import ROOT, bench_line, news_pages, serve_folder  # noqa: E402
from monitor.config import Settings, load_config  # noqa: E402
from monitor.drivers.embedded import EmbeddedRunner  # noqa: E402
from monitor.pipeline.poll import sync_feeds  # noqa: E402
from monitor.pipeline.services import Services  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402
from monitor.store.schema import articles  # noqa: E402

PER_FEED = 50
POSTGRES_ADMIN = os.environ.get(
    "MONITOR_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REDIS = os.environ.get("MONITOR_BENCH_REDIS", "redis://127.0.0.1:6379/13")
MONITOR = str(Path(sys.executable).with_name("monitor"))


def build_site(count: int, base_url: str, folder: Path) -> list[dict[str, object]]:
    """Write ``count`` article pages and their feeds into ``folder`` (served by a separate
    process); returns the feeds' specs for feeds.yaml."""
    pages = news_pages()
    specs: list[dict[str, object]] = []
    start = datetime.now(UTC) - timedelta(days=1)
    (folder / "p").mkdir(parents=True, exist_ok=True)
    for feed_no in range((count + PER_FEED - 1) // PER_FEED):
        items = []
        for i in range(feed_no * PER_FEED, min(count, (feed_no + 1) * PER_FEED)):
            _name, html = pages[i % len(pages)]
            (folder / "p" / f"{i}.html").write_text(html, encoding="utf-8")
            link = escape(f"{base_url}/p/{i}.html")
            items.append(
                f"<item><title>Article {i}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{format_datetime(start + timedelta(seconds=i))}</pubDate></item>"
            )
        body = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
            f"<link>{base_url}</link><description>bench</description>{''.join(items)}</channel></rss>"
        )
        (folder / f"feed{feed_no}.xml").write_text(body, encoding="utf-8")
        specs.append(
            {
                "id": f"feed{feed_no}",
                "url": f"{base_url}/feed{feed_no}.xml",
                "language": "de",
                "poll_interval": "1h",
            }
        )
    return specs


def write_config(folder: Path, specs: list[dict[str, object]]) -> Path:
    project = yaml.safe_load((ROOT / "feeds.yaml").read_text(encoding="utf-8"))
    config = {
        # one host serves everything here: politeness must not be what is measured
        "settings": {"per_host_concurrency": 64, "per_host_per_minute": 10_000_000},
        "feeds": specs,
        "watchlist": project["watchlist"],
        "claims": project["claims"],
    }
    path = folder / "feeds.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def fresh_database() -> Iterator[str]:
    name = f"monitor_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def processed(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).where(articles.c.status != "pending")) or 0)
    finally:
        engine.dispose()


def run_embedded(config: Path, count: int) -> float:
    with fresh_database() as url:
        settings = Settings(database_url=url, allow_private=("127.0.0.1",))
        services = Services.create(load_config(config), settings)
        _ = services.claim_engine  # built once at start-up, as `monitor run` does
        started = time.perf_counter()
        EmbeddedRunner(services).run_once()
        elapsed = time.perf_counter() - started
        done = processed(url)
        services.close()
        services.engine.dispose()
    if done != count:
        raise SystemExit(f"embedded run processed {done} of {count} articles")
    return count / elapsed


def run_celery(config: Path, count: int, concurrency: int, workdir: Path) -> float:
    prefix = f"bench-{uuid.uuid4().hex[:8]}:"
    client = redis.Redis.from_url(REDIS)
    with fresh_database() as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update(
            {
                "MONITOR_BROKER_URL": REDIS,
                "MONITOR_REDIS_PREFIX": prefix,
                "MONITOR_DATABASE_URL": url,
                "MONITOR_CONFIG": str(config),
                "MONITOR_ALLOW_PRIVATE": "127.0.0.1",
            }
        )
        log_path = workdir / f"worker-{concurrency}.log"
        with log_path.open("wb") as log:
            worker = subprocess.Popen(
                [
                    MONITOR,
                    "worker",
                    "--queues",
                    "poll,process,deliver",
                    "--concurrency",
                    str(concurrency),
                    "--loglevel",
                    os.environ.get("BENCH_LOGLEVEL", "WARNING"),
                    "--hostname",
                    f"bench{concurrency}-{prefix[6:14]}@%h",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            engine = make_engine(url)
            services = Services.create(load_config(config), Settings(database_url=url), engine=engine)
            sync_feeds(services)
            from workers.app import create_app
            from workers.settings import WorkerSettings

            sender = create_app(WorkerSettings(broker_url=REDIS, key_prefix=prefix))
            _wait_ready(sender, worker, log_path)
            started = time.perf_counter()
            for spec in services.config.feeds:
                sender.send_task("monitor.poll", args=[spec.id], queue="poll")
            done = 0
            with engine.connect() as conn:
                while done < count:
                    if worker.poll() is not None:
                        raise SystemExit(f"worker exited:\n{log_path.read_text()[-3000:]}")
                    time.sleep(0.1)
                    done = int(conn.scalar(select(func.count()).where(articles.c.status != "pending")) or 0)
                    conn.rollback()
            elapsed = time.perf_counter() - started
            sender.close()
            engine.dispose()
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
            for key in client.scan_iter(match=prefix + "*", count=1000):
                client.delete(key)
    return count / elapsed


def _extract_share(htmls: list[str]) -> int:
    import trafilatura

    for html in htmls:
        trafilatura.extract(html)
    return len(htmls)


def run_extract(htmls: list[str], processes: int) -> float:
    """Pages per second of ``trafilatura.extract`` alone, the pages split over ``processes``
    processes (started and warmed up before the clock runs)."""
    import multiprocessing

    # spawn, not fork: this process holds threads of the Celery client and the page server's
    # pipes by then, and a child forked from it can inherit a lock one of them held, which hung a
    # whole run (the pool's feeder thread blocked on a pipe no child read)
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(_extract_share, [htmls[:2]] * processes)  # imports and caches, in every process
        shares = [htmls[i::processes] for i in range(processes)]
        started = time.perf_counter()
        done = sum(pool.map(_extract_share, shares, chunksize=1))
        return done / (time.perf_counter() - started)


def _wait_ready(sender: object, worker: subprocess.Popen[bytes], log_path: Path) -> None:
    """Until the worker answers a ping (its pool processes are up and have built their services)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise SystemExit(f"worker exited:\n{log_path.read_text()[-3000:]}")
        replies = sender.control.ping(timeout=0.5)  # type: ignore[attr-defined]
        if replies:
            time.sleep(1.0)  # pool processes finish building their claim engine
            return
    raise SystemExit("the worker did not come up in 90 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each setup (order rotates)")
    parser.add_argument("--extract-pages", type=int, default=120, help="pages of the extraction ceiling")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rates: dict[str, list[float]] = {"embedded": [], "one": [], "two": [], "extract1": [], "extract2": []}
    with tempfile.TemporaryDirectory(prefix="bench-celery-") as tmp:
        workdir = Path(tmp)
        site = workdir / "site"
        site.mkdir()
        # the site is served by its own process: its CPU time is not taken from the workers
        with serve_folder(site) as base_url:
            specs = build_site(args.articles, base_url, site)
            config = write_config(workdir, specs)
            htmls = [html for _name, html in news_pages()][: args.extract_pages]
            runs = {
                "embedded": lambda: run_embedded(config, args.articles),
                "one": lambda: run_celery(config, args.articles, 1, workdir),
                "two": lambda: run_celery(config, args.articles, 2, workdir),
                "extract1": lambda: run_extract(htmls, 1),
                "extract2": lambda: run_extract(htmls, 2),
            }
            names = list(runs)
            for repeat in range(args.repeats):
                order = names[repeat % len(names) :] + names[: repeat % len(names)]
                for name in order:
                    rates[name].append(runs[name]())
                latest = {name: rates[name][-1] for name in names}
                print(
                    f"repeat {repeat + 1}: embedded {latest['embedded']:.1f}, celery 1 {latest['one']:.1f}, "
                    f"celery 2 {latest['two']:.1f} articles/s (two/one {latest['two'] / latest['one']:.2f}); "
                    f"extraction alone 1 {latest['extract1']:.1f}, 2 {latest['extract2']:.1f} pages/s "
                    f"(two/one {latest['extract2'] / latest['extract1']:.2f})",
                    flush=True,
                )
    median = statistics.median
    bench_line("celery_embedded_articles_per_s", median(rates["embedded"]), "articles/s")
    bench_line("celery_articles_per_s_1", median(rates["one"]), "articles/s")
    bench_line("celery_articles_per_s_2", median(rates["two"]), "articles/s")
    pairs = zip(rates["one"], rates["two"], rates["embedded"], strict=True)
    two_vs_one, one_vs_embedded = zip(*((two / one, one / emb) for one, two, emb in pairs), strict=True)
    bench_line("celery_two_vs_one", median(two_vs_one), "ratio")
    bench_line("celery_vs_embedded", median(one_vs_embedded), "ratio")
    ceiling = (two / one for one, two in zip(rates["extract1"], rates["extract2"], strict=True))
    bench_line("celery_extract_two_vs_one", median(ceiling), "ratio")


if __name__ == "__main__":
    main()
