"""`make chaos`: the distributed mode under crashes, compared with an undisturbed run.

    python -m tests.workers.chaos          # both runs, a few minutes, exit 1 unless everything holds

Everything is on 127.0.0.1 and started here: a news site with 300 articles in a
separate process, a redis-server of our own on a free port (no persistence, so
a restart loses every queue), two Celery workers and beat (`monitor worker`,
`monitor beat`), and a webhook receiver that refuses every message id twice
(HTTP 500) before it accepts it. The database is a fresh one on the running
PostgreSQL server, reached through a TCP proxy: cutting the proxy is a real
outage for exactly this run's connections (every open one reset, every new one
refused) without stopping a server other test runs share, and it needs no
initdb (seconds of start-up) on a machine where PostgreSQL already runs.

The same site is processed twice: once undisturbed, once with a worker killed
with SIGKILL, a Redis restart and a 20 s database outage along the way. The run
passes only with 300/300 articles stored, no duplicates (articles,
observations, alerts, deliveries), the identical set of alerts, and exactly one
accepted delivery per alert. A receiver drops repeated message ids (the
Standard Webhooks contract), so a post repeated after it was accepted (a worker
killed between the receiver's answer and the database update) is counted and
shown, but is not a second acceptance.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import Engine, func, select

from monitor.store.db import make_engine, upgrade
from monitor.store.schema import alerts, articles, claim_observations, deliveries
from tests.support.http_server import RecordedRequest, Reply, serve
from tests.support.services import fresh_postgres_database
from tests.workers.harness import (
    FlakyProxy,
    article_statuses,
    cluster,
    cluster_env,
    free_port,
    private_redis,
    write_config,
)

ARTICLES = 300
REFUSALS_PER_ID = 2
RUN_TIMEOUT = 240.0  # seconds per run; a run that does not settle by then fails
PAGE_DELAY = 0.15  # seconds per page, so the faults land while work is in flight
SOURCES = (
    "des südkoreanischen Geheimdienstes NIS",
    "des ukrainischen Präsidenten Selenskyj",
    "der Nato",
)
START = datetime(2024, 10, 14, 6, 0, tzinfo=UTC)

AlertKey = tuple[str, str, float | None, str | None]


# ---------------------------------------------------------------- the news site (its own process)


def page(number: int) -> str:
    # three voices and nine figures: new figures, corroborations and contradictions all occur
    figure = 10_000 + 1_000 * ((number * 7) % 9)
    source = SOURCES[number % len(SOURCES)]
    text = (
        f"Nordkorea hat nach Angaben {source} inzwischen {figure:,} Soldaten nach Russland entsandt."
    ).replace(",", ".")
    filler = (
        "Die Einheiten sollen zunächst im Osten Russlands ausgebildet worden sein, bevor sie an die "
        f"Front verlegt wurden. Dieser Bericht ist Folge {number} einer fortlaufenden Berichterstattung."
    )
    return (
        "<!doctype html><html lang='de'><head><meta charset='utf-8'>"
        f"<title>Lage, Folge {number}</title></head><body><article><h1>Lage, Folge {number}</h1>"
        f"<p>{escape(text)}</p><p>{escape(filler)}</p></article></body></html>"
    )


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Lage, Folge {n}</title><link>{base}/chaos/a{n}.html</link>"
        f"<guid>{base}/chaos/a{n}.html</guid>"
        f"<pubDate>{format_datetime(START + timedelta(minutes=n))}</pubDate>"
        f"<description>Kurzmeldung {n}.</description></item>"
        for n in range(ARTICLES)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>chaos</title>"
        f"<link>{base}</link><description>chaos</description>{items}</channel></rss>"
    ).encode()


def serve_site() -> None:
    """Run the site until stdin closes; the first line on stdout is its base URL."""
    with serve() as server:
        body = feed(server.base_url)
        server.route("/chaos.xml", Reply(body=body, content_type="application/rss+xml; charset=utf-8"))

        def article(request: RecordedRequest) -> Reply:
            number = int(request.path.rsplit("/a", 1)[1].split(".")[0])
            if not 0 <= number < ARTICLES:
                return Reply(status=404)
            time.sleep(PAGE_DELAY)
            return Reply(body=page(number).encode(), content_type="text/html; charset=utf-8")

        server.route_prefix("/chaos/", article)
        print(server.base_url, flush=True)
        sys.stdin.read()


# ---------------------------------------------------------------- the webhook receiver


@dataclass
class Receiver:
    """Refuses each message id REFUSALS_PER_ID times, then accepts it once; later posts are duplicates."""

    attempts: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    after_acceptance: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: RecordedRequest) -> Reply:
        message_id = request.header("webhook-id") or "(none)"
        with self.lock:
            self.attempts[message_id] += 1
            if self.attempts[message_id] <= REFUSALS_PER_ID:
                return Reply(status=500, body=b"try again")
            if self.accepted[message_id]:
                self.after_acceptance[message_id] += 1  # a receiver drops a repeated id
            else:
                self.accepted[message_id] = 1
        return Reply(status=204)


# ---------------------------------------------------------------- one run


@dataclass
class Outcome:
    stored: int
    duplicate_articles: int
    duplicate_alerts: int
    duplicate_deliveries: int
    observations: dict[str, int]  # per article URL
    alert_set: set[AlertKey]
    message_ids: set[str]
    receiver: Receiver
    seconds: float
    events: list[str]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise SystemExit(f"chaos: FAIL - timed out waiting for {what}")


def processed(engine: Engine) -> int:
    return article_statuses(engine).get("processed", 0)


def settled(engine: Engine, receiver: Receiver) -> bool:
    statuses = article_statuses(engine)
    if statuses.get("processed", 0) < ARTICLES or statuses.get("pending", 0):
        return False
    with engine.connect() as conn:
        open_ids = set(conn.scalars(select(deliveries.c.message_id).where(deliveries.c.status != "sent")))
        all_ids = set(conn.scalars(select(deliveries.c.message_id)))
        unjudged = conn.scalar(select(func.count()).where(claim_observations.c.judged.is_(False)))
    with receiver.lock:
        accepted = set(receiver.accepted)
    return not open_ids and not unjudged and all_ids <= accepted


def collect(engine: Engine, receiver: Receiver, seconds: float, events: list[str]) -> Outcome:
    with engine.connect() as conn:
        stored = int(conn.scalar(select(func.count()).select_from(articles)) or 0)
        urls = int(conn.scalar(select(func.count(func.distinct(articles.c.url)))) or 0)
        n_alerts = int(conn.scalar(select(func.count()).select_from(alerts)) or 0)
        rows = conn.execute(
            select(alerts.c.kind, articles.c.url, alerts.c.value, alerts.c.to_polarity).join(
                articles, articles.c.id == alerts.c.article_id
            )
        )
        alert_set = {(r.kind, r.url, r.value, r.to_polarity) for r in rows}
        n_deliveries = int(conn.scalar(select(func.count()).select_from(deliveries)) or 0)
        pairs = conn.execute(select(deliveries.c.alert_id, deliveries.c.channel_id).distinct()).all()
        message_ids = set(conn.scalars(select(deliveries.c.message_id)))
        observations = {
            str(url): int(count)
            for url, count in conn.execute(
                select(articles.c.url, func.count())
                .join(claim_observations, claim_observations.c.article_id == articles.c.id)
                .group_by(articles.c.url)
            )
        }
    return Outcome(
        stored=stored,
        duplicate_articles=stored - urls,
        duplicate_alerts=n_alerts - len(alert_set),
        duplicate_deliveries=n_deliveries - len(pairs),
        observations=observations,
        alert_set=alert_set,
        message_ids=message_ids,
        receiver=receiver,
        seconds=seconds,
        events=events,
    )


def run(site: str, workdir: Path, *, faults: bool) -> Outcome:
    label = "disturbed" if faults else "undisturbed"
    logs = workdir / label
    logs.mkdir(parents=True)
    events: list[str] = []
    receiver = Receiver()
    with fresh_postgres_database() as database_url, serve() as hooks:
        engine = make_engine(database_url)
        upgrade(engine)
        hook_url = hooks.route("/hook", receiver)
        proxy = FlakyProxy(5432)
        redis_port = free_port()
        try:
            with private_redis(redis_port, logs) as restart_redis:
                config = write_config(
                    logs / "feeds.yaml",
                    [{"id": "chaos", "url": f"{site}/chaos.xml", "language": "de", "poll_interval": "10m"}],
                    hook_url=hook_url,
                )
                env = cluster_env(
                    broker_url=f"redis://127.0.0.1:{redis_port}/0",
                    prefix="chaos:",
                    database_url=database_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"),
                    config=config,
                )
                began = time.monotonic()
                with cluster(env, logs) as running:
                    first = running.worker("w1", concurrency=1)
                    running.worker("w2", concurrency=1)
                    running.beat()
                    if faults:
                        wait_for(lambda: processed(engine) >= 40, RUN_TIMEOUT, "40 articles")
                        first.kill()
                        events.append(f"kill -9 of worker w1 at {processed(engine)} articles")
                        running.worker("w1-restarted", concurrency=1)
                        wait_for(lambda: processed(engine) >= 110, RUN_TIMEOUT, "110 articles")
                        restart_redis()
                        events.append(f"Redis restart (queues lost) at {processed(engine)} articles")
                        wait_for(lambda: processed(engine) >= 180, RUN_TIMEOUT, "180 articles")
                        proxy.outage()
                        events.append(f"20 s database outage from {processed(engine)} articles")
                        time.sleep(20)
                        proxy.recover()
                    wait_for(lambda: settled(engine, receiver), RUN_TIMEOUT, f"the {label} run to settle")
                seconds = time.monotonic() - began
        finally:
            proxy.close()
        outcome = collect(engine, receiver, seconds, events)
        engine.dispose()
    return outcome


# ---------------------------------------------------------------- the verdict


def report(reference: Outcome, disturbed: Outcome) -> bool:
    duplicate_observations = sum(
        max(0, count - reference.observations.get(url, 0)) for url, count in disturbed.observations.items()
    )
    duplicates = (
        disturbed.duplicate_articles
        + duplicate_observations
        + disturbed.duplicate_alerts
        + disturbed.duplicate_deliveries
    )
    receiver = disturbed.receiver
    ids = disturbed.message_ids
    once = sum(1 for i in ids if receiver.accepted[i] == 1)
    never = sum(1 for i in ids if receiver.accepted[i] == 0)
    strays = sorted(set(receiver.accepted) - ids)
    missing = reference.alert_set - disturbed.alert_set
    extra = disturbed.alert_set - reference.alert_set
    print(
        f"undisturbed run: {reference.stored}/{ARTICLES} articles, {len(reference.alert_set)} alerts, "
        f"{reference.seconds:.0f} s"
    )
    print(f"disturbed run ({disturbed.seconds:.0f} s): " + "; ".join(disturbed.events))
    print(f"articles stored: {disturbed.stored}/{ARTICLES}")
    print(
        f"duplicates: {duplicates} (articles {disturbed.duplicate_articles}, observations "
        f"{duplicate_observations}, alerts {disturbed.duplicate_alerts}, "
        f"deliveries {disturbed.duplicate_deliveries})"
    )
    verdict = "identical set" if not missing and not extra else f"{len(missing)} missing, {len(extra)} extra"
    print(f"alerts: {len(disturbed.alert_set)} against {len(reference.alert_set)} undisturbed: {verdict}")
    for key in sorted(missing, key=str)[:10]:
        print(f"  missing: {key}")
    for key in sorted(extra, key=str)[:10]:
        print(f"  extra:   {key}")
    refused = sum(min(n, REFUSALS_PER_ID) for n in receiver.attempts.values())
    print(
        f"deliveries accepted per id: {once} of {len(ids)} ids accepted exactly once, {never} never, "
        f"{len(ids) - once - never} more than once; {refused} refusals (HTTP 500), "
        f"{sum(receiver.after_acceptance.values())} repeated posts after acceptance (dropped by id)"
    )
    passed = (
        disturbed.stored == ARTICLES
        and duplicates == 0
        and not missing
        and not extra
        and len(ids) == len(disturbed.alert_set) > 0
        and once == len(ids)
        and not strays
    )
    print("chaos: PASS" if passed else "chaos: FAIL")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "serve"])
    args = parser.parse_args()
    if args.command == "serve":
        serve_site()
        return 0
    site = subprocess.Popen(
        [sys.executable, "-m", "tests.workers.chaos", "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    try:
        assert site.stdout is not None
        base = site.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="monitor-chaos-") as tmp:
            reference = run(base, Path(tmp), faults=False)
            disturbed = run(base, Path(tmp), faults=True)
        return 0 if report(reference, disturbed) else 1
    finally:
        if site.stdin is not None:
            site.stdin.close()
        site.wait(10)


if __name__ == "__main__":
    sys.exit(main())
