"""Peak memory on hostile and huge input, against a baseline measured in the same run.

* compression bombs (``Content-Encoding: gzip, gzip`` and plain gzip, 1 GiB
  expanded) fetched through monitor.http.client.get from a loopback server:
  ``BENCH bomb_peak_vs_limit_<kind> <ratio> ratio``, the peak of Python
  allocations (tracemalloc) over the body limit; at most 2 passes.
* a 100,000-entry feed polled and stored, on SQLite and PostgreSQL, each in a
  fresh process: ``BENCH large_feed_peak_mb_<backend>`` (peak resident memory)
  and ``BENCH large_feed_peak_vs_1000_<backend>``, over the same run with a
  1,000-entry feed (the baseline). Rounds alternate baseline and big feed.
  The feed is served from this (parent) process, so the child's peak is the
  poller's alone, not the test server's copy of the body.
* ``--compare``: the 100,000-entry feed parsed whole by feedparser and streamed
  in batches (monitor.ingest.feed_stream) must give equal entries:
  ``BENCH large_feed_streamed_equal 1`` (takes a few minutes).

    python bench/bench_reliability.py [--entries 100000] [--rounds 1] [--compare]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_line  # noqa: E402

LIMIT = 5_000_000


def bombs() -> None:
    from monitor.config import Settings
    from monitor.errors import TooLargeError
    from monitor.http.client import get, make_client
    from tests.http.bombs import gzip_of_zeros
    from tests.support.http_server import Reply, serve

    settings = Settings(allow_private=("127.0.0.1",), max_body_bytes=LIMIT)
    with serve() as server, make_client(settings) as client:
        for kind, layers, header in (("nested", 2, "gzip, gzip"), ("plain", 1, "gzip")):
            body = gzip_of_zeros(1 << 30, layers=layers)
            url = server.route(f"/{kind}", Reply(body=body, headers={"Content-Encoding": header}))
            tracemalloc.start()
            try:
                get(client, url, max_bytes=LIMIT)
            except TooLargeError:
                pass
            else:
                raise AssertionError("a bomb was accepted")
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"# {kind} bomb: {len(body):,} bytes on the wire, 1 GiB inflated, peak {peak / 1e6:.1f} MB")
            bench_line(f"bomb_peak_vs_limit_{kind}", peak / LIMIT, "ratio")


def feed_body(base: str, entries: int) -> bytes:
    items = "".join(
        f"<item><guid>e{n}</guid><title>Meldung {n}</title><link>{base}/a/{n}</link>"
        f"<description>Kurzmeldung {n} zur Lage in der Region.</description></item>"
        for n in range(entries)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>{items}</channel></rss>'.encode()
    )


def poll_once(backend: str, url: str) -> None:
    """In a fresh process: poll the feed at ``url`` into a fresh database; print JSON."""
    from contextlib import ExitStack

    from monitor.config import Settings, parse_config
    from monitor.pipeline.poll import poll, sync_feeds
    from monitor.pipeline.services import Services
    from monitor.store.db import make_engine, upgrade
    from tests.support.services import fresh_postgres_database

    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            database = f"sqlite:///{tmp}/bench.db"
        else:
            database = stack.enter_context(fresh_postgres_database())
        engine = make_engine(database)
        upgrade(engine)
        text = f"feeds:\n  - {{id: big, url: '{url}', language: de, fetch_page: false}}\n"
        settings = Settings(allow_private=("127.0.0.1",), max_body_bytes=200_000_000, read_timeout=60.0)
        services = Services.create(parse_config(text, Path(tmp) / "feeds.yaml"), settings, engine=engine)
        now = datetime.now(UTC)
        sync_feeds(services, now)
        started = time.perf_counter()
        outcome = poll(services, "big", now)
        seconds = time.perf_counter() - started
        services.close()
        engine.dispose()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "status": outcome.status,
                "new": len(outcome.new_article_ids),
                "error": outcome.error,
                "peak_mb": peak_kb / 1024,
                "seconds": seconds,
            }
        )
    )


def measure(backend: str, url: str, entries: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", backend, url],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(Path(__file__).resolve().parent.parent),
    )
    found: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    if found["status"] != "ok" or found["new"] != entries:
        raise AssertionError(f"{backend}: {found}")
    return found


def compare(base: str, entries: int) -> None:
    """feedparser on the whole body against the streamed batches: the same entries."""
    # late import: like the other parts of this bench, monitor loads only in the part that runs
    from monitor.ingest.feeds import parse_feed, read_feed

    body = feed_body(base, entries)
    headers = {"content-type": "application/rss+xml"}
    started = time.perf_counter()
    whole, title, bozo = parse_feed(body, url=base + "/big.xml", language="de", headers=headers)
    middle = time.perf_counter()
    feed = read_feed(io.BytesIO(body), len(body), url=base + "/big.xml", language="de", headers=headers)
    streamed = [entry for batch in feed.batches() for entry in batch]
    done = time.perf_counter()
    equal = streamed == whole and (feed.title, feed.bozo_reason) == (title, bozo) and len(whole) == entries
    print(
        f"# {entries:,} entries: feedparser whole {middle - started:.1f} s, streamed {done - middle:.1f} s, "
        f"entries equal: {equal}"
    )
    bench_line("large_feed_streamed_equal", float(equal), "bool")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "URL"))
    parser.add_argument("--skip-bombs", action="store_true")
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.child:
        poll_once(args.child[0], args.child[1])
        return
    # late import: a --child process never needs the server
    from tests.support.http_server import Reply, serve

    if not args.skip_bombs:
        bombs()
    with serve() as server:
        urls = {}
        for entries in (1000, args.entries):
            body = feed_body(server.base_url, entries)
            urls[entries] = server.route(
                f"/big-{entries}.xml", Reply(body=body, content_type="application/rss+xml")
            )
            print(f"# {entries:,} entries: {len(body) / 1e6:.1f} MB feed")
        for backend in ("sqlite", "postgresql"):
            for _ in range(args.rounds):
                small = measure(backend, urls[1000], 1000)
                big = measure(backend, urls[args.entries], args.entries)
                ratio = big["peak_mb"] / small["peak_mb"]
                print(
                    f"# {backend}: 1,000 entries peak {small['peak_mb']:.0f} MB; {args.entries:,} entries "
                    f"stored in {big['seconds']:.1f} s, peak {big['peak_mb']:.0f} MB ({ratio:.2f}x)"
                )
                bench_line(f"large_feed_peak_mb_{backend}", big["peak_mb"], "MB")
                bench_line(f"large_feed_peak_vs_1000_{backend}", ratio, "ratio")
        if args.compare:
            compare(server.base_url, args.entries)


if __name__ == "__main__":
    main()
