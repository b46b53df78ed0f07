"""Real processes for the distributed tests: Celery workers and beat started with `monitor worker|beat`,
a private redis-server, a TCP proxy that can cut PostgreSQL off, and a news site on 127.0.0.1.

Workers run in their own process group, so a test can SIGKILL a worker with
its pool children at once, as a crashing machine would.
"""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml
from sqlalchemy import Engine, func, select

from monitor.store.db import make_engine, upgrade
from monitor.store.schema import alerts, articles, claim_observations, deliveries
from tests.support.http_server import LocalHTTPServer, RecordedRequest, Reply, serve
from tests.support.services import fresh_postgres_database

ROOT = Path(__file__).resolve().parents[2]
MONITOR = str(Path(sys.executable).with_name("monitor"))
HOOK_SECRET = "whsec_" + base64.b64encode(b"distributed-test-secret-0123456789").decode()

# short clocks, so recovery paths run within seconds (production defaults are minutes)
FAST_ENV = {
    "MONITOR_DISPATCH_INTERVAL": "1",
    "MONITOR_REQUEUE_AFTER": "5",
    "MONITOR_MAX_RETRY_DELAY": "2",
    "MONITOR_VISIBILITY_TIMEOUT": "30",
    "MONITOR_TASK_SOFT_TIME_LIMIT": "15",
    "MONITOR_TASK_TIME_LIMIT": "20",
    "MONITOR_SOFT_SHUTDOWN_TIMEOUT": "2",
    "MONITOR_ALLOW_PRIVATE": "127.0.0.1",
    "MONITOR_CONNECT_TIMEOUT": "2",
    "MONITOR_READ_TIMEOUT": "5",
    "MONITOR_TEST_HOOK_SECRET": HOOK_SECRET,
}


def wait_until(condition: Callable[[], bool], timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------- the news site


def article_html(number: int, figure: int) -> str:
    """A news page in our own words, one figure claim per page."""
    paragraphs = [
        f"Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes NIS inzwischen {figure:,} Soldaten "
        "nach Russland entsandt.".replace(",", "."),
        "Die Einheiten sollen zunächst im Osten Russlands ausgebildet worden sein, bevor sie an die Front "
        "in der Region Kursk verlegt wurden.",
        "Beobachter in Seoul sprechen von einer neuen Stufe der militärischen Zusammenarbeit zwischen "
        "Pjöngjang und Moskau, deren Folgen für die Region noch nicht abzusehen seien.",
        "Die Regierung in Kiew forderte ihre Verbündeten auf, auf die Entwicklung mit weiteren Lieferungen "
        "von Luftabwehrsystemen zu antworten.",
        f"Dieser Bericht ist Teil einer fortlaufenden Berichterstattung (Folge {number}).",
    ]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang='de'><head><meta charset='utf-8'>"
        f"<title>Truppen für Russland, Folge {number}</title></head>"
        f"<body><header><nav>Start | Politik | Ausland</nav></header><article><h1>Truppen für Russland, "
        f"Folge {number}</h1>{body}</article><footer>Impressum</footer></body></html>"
    )


def rss(base_url: str, feed_id: str, items: list[int], start: datetime) -> bytes:
    entries = []
    for i in items:
        published = format_datetime(start + timedelta(minutes=i))
        link = f"{base_url}/{feed_id}/a{i}.html"
        entries.append(
            f"<item><title>Truppen für Russland, Folge {i}</title><link>{link}</link>"
            f"<guid>{link}</guid><pubDate>{published}</pubDate>"
            f"<description>Kurzmeldung {i} zur Lage.</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{feed_id}</title><link>{base_url}</link><description>test</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


@dataclass
class NewsSite:
    """Feeds and article pages on one LocalHTTPServer, with the figure of every page recorded."""

    server: LocalHTTPServer
    page_delay: float = 0.0
    figures: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0  # page requests being answered right now
    peak_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_feed(
        self,
        feed_id: str,
        count: int,
        *,
        feed_delay: float = 0.0,
        on_poll: Callable[[str, float, float], None] | None = None,
    ) -> str:
        start = datetime.now(UTC) - timedelta(hours=2)
        body = rss(self.server.base_url, feed_id, list(range(count)), start)
        for i in range(count):
            self.figures[f"{self.server.base_url}/{feed_id}/a{i}.html"] = 1000 + 100 * i

        def serve_feed(_request: RecordedRequest) -> Reply:
            began = time.monotonic()
            if feed_delay:
                time.sleep(feed_delay)
            if on_poll is not None:
                on_poll(feed_id, began, time.monotonic())
            return Reply(body=body, content_type="application/rss+xml; charset=utf-8")

        def serve_page(request: RecordedRequest) -> Reply:
            figure = self.figures.get(self.server.base_url + request.path)
            if figure is None:
                return Reply(status=404)
            with self._lock:
                self.in_flight += 1
                self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            try:
                if self.page_delay:
                    time.sleep(self.page_delay)
            finally:
                with self._lock:
                    self.in_flight -= 1
            number = int(request.path.rsplit("/a", 1)[1].split(".")[0])
            return Reply(body=article_html(number, figure).encode(), content_type="text/html; charset=utf-8")

        self.server.route_prefix(f"/{feed_id}/", serve_page)
        return self.server.route(f"/{feed_id}.xml", serve_feed)


def write_config(
    path: Path, feeds: list[dict[str, Any]], *, hook_url: str | None, per_host_concurrency: int = 8
) -> Path:
    """feeds.yaml for a test: our feeds and webhook, the project's own watchlist and claims."""
    project = yaml.safe_load((ROOT / "feeds.yaml").read_text(encoding="utf-8"))
    config: dict[str, Any] = {
        "settings": {"per_host_concurrency": per_host_concurrency, "per_host_per_minute": 100000},
        "feeds": feeds,
        "watchlist": project["watchlist"],
        "claims": project["claims"],
        "channels": [],
        "subscriptions": [],
    }
    if hook_url:
        config["channels"] = [
            {
                "id": "hook",
                "type": "webhook",
                "url": hook_url,
                "secret_env": "MONITOR_TEST_HOOK_SECRET",
                "retry_base_seconds": 1,
            }
        ]
        config["subscriptions"] = [{"channel": "hook"}]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- processes


class Proc:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.popen = subprocess.Popen(
            argv, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True, cwd=str(ROOT)
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, text: str, timeout: float = 60.0) -> None:
        def seen() -> bool:
            if self.popen.poll() is not None:
                raise AssertionError(f"{self.name} exited ({self.popen.returncode}):\n{self.log()[-3000:]}")
            return text in self.log()

        wait_until(seen, timeout, f"{self.name} to log {text!r}")

    def children(self) -> list[int]:
        """The pids of this process's children (a worker's pool processes)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # the command name in parentheses may hold spaces: the parent pid follows it
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended while we looked
            if int(fields[1]) == self.popen.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def kill(self) -> None:
        """SIGKILL the whole process group: the worker and its pool children die mid-task."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def stop(self, grace: float = 10.0) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)
            except ProcessLookupError:
                pass
        self._log.close()


@dataclass
class Cluster:
    """Workers and beat sharing one environment (broker, prefix, database, feeds.yaml)."""

    env: dict[str, str]
    logs: Path
    procs: list[Proc] = field(default_factory=list)

    def worker(
        self, name: str, *, queues: str = "poll,process,deliver,backfill", concurrency: int = 2
    ) -> Proc:
        proc = Proc(
            name,
            [
                MONITOR,
                "worker",
                "--queues",
                queues,
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@%h",
                "--loglevel",
                "INFO",
            ],
            self.env,
            self.logs / f"{name}.log",
        )
        self.procs.append(proc)
        proc.wait_for_log(" ready.")
        return proc

    def beat(self) -> Proc:
        proc = Proc(
            "beat",
            [MONITOR, "beat", "--schedule", str(self.logs / "beat-schedule"), "--loglevel", "INFO"],
            self.env,
            self.logs / "beat.log",
        )
        self.procs.append(proc)
        proc.wait_for_log("beat: Starting")
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.stop()

    def dump_logs(self) -> str:
        return "\n".join(f"===== {p.name}\n{p.log()[-4000:]}" for p in self.procs)


@contextmanager
def cluster(env: dict[str, str], logs: Path) -> Iterator[Cluster]:
    running = Cluster(env=env, logs=logs)
    try:
        yield running
    except BaseException:
        print(running.dump_logs())  # shown by pytest for the failing test
        raise
    finally:
        running.stop()


def cluster_env(*, broker_url: str, prefix: str, database_url: str, config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(FAST_ENV)
    env.update(
        {
            "MONITOR_BROKER_URL": broker_url,
            "MONITOR_REDIS_PREFIX": prefix,
            "MONITOR_DATABASE_URL": database_url,
            "MONITOR_CONFIG": str(config),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@contextmanager
def private_redis(port: int, workdir: Path) -> Iterator[Callable[[], None]]:
    """A redis-server of our own (no persistence: a restart loses every queue); yields `restart`."""

    def start() -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _port_open(port), 10, f"redis-server on {port}")
        return proc

    current = [start()]

    def restart(down_for: float = 1.5) -> None:
        current[0].kill()  # like a crash: nothing is saved
        current[0].wait(10)
        time.sleep(down_for)
        current[0] = start()

    try:
        yield restart
    finally:
        current[0].kill()
        current[0].wait(10)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class FlakyProxy:
    """A TCP proxy to PostgreSQL that can drop every connection and refuse new ones for a while."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._down = threading.Event()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self.refused = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._down.is_set():
                self.refused += 1
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while chunk := src.recv(65536):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with self._lock:
                    self._open.discard(sock)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def outage(self) -> None:
        """From now on: every open connection dropped, every new one refused."""
        self._down.set()
        with self._lock:
            live = list(self._open)
        for sock in live:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def recover(self) -> None:
        self._down.clear()

    def close(self) -> None:
        self._closing.set()
        self.outage()
        self._listener.close()


# ---------------------------------------------------------------- what the database says


def article_statuses(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            s: int(n)
            for s, n in conn.execute(select(articles.c.status, func.count()).group_by(articles.c.status))
        }


def processed_count(engine: Engine) -> int:
    return article_statuses(engine).get("processed", 0)


@dataclass(frozen=True)
class Ledger:
    articles: int
    processed: int
    observations_per_article: dict[int, int]
    alerts: int
    alert_observations: int  # distinct observations alerted on
    deliveries: int
    delivery_pairs: int  # distinct (alert, channel)
    delivery_status: dict[str, int]


def ledger(engine: Engine) -> Ledger:
    with engine.connect() as conn:
        per_article = {
            row[0]: row[1]
            for row in conn.execute(
                select(claim_observations.c.article_id, func.count()).group_by(
                    claim_observations.c.article_id
                )
            )
        }
        n_articles = int(conn.scalar(select(func.count()).select_from(articles)) or 0)
        n_processed = int(conn.scalar(select(func.count()).where(articles.c.status == "processed")) or 0)
        n_alerts = int(conn.scalar(select(func.count()).select_from(alerts)) or 0)
        alert_obs = int(conn.scalar(select(func.count(func.distinct(alerts.c.observation_id)))) or 0)
        n_deliveries = int(conn.scalar(select(func.count()).select_from(deliveries)) or 0)
        pairs = int(
            conn.scalar(
                select(func.count()).select_from(
                    select(deliveries.c.alert_id, deliveries.c.channel_id).distinct().subquery()
                )
            )
            or 0
        )
        status = {
            s: int(n)
            for s, n in conn.execute(select(deliveries.c.status, func.count()).group_by(deliveries.c.status))
        }
    return Ledger(
        n_articles,
        n_processed,
        {int(k): int(v) for k, v in per_article.items()},
        n_alerts,
        alert_obs,
        n_deliveries,
        pairs,
        status,
    )


@dataclass
class World:
    """A local news site, a webhook receiver and a fresh PostgreSQL database for one test."""

    server: LocalHTTPServer
    site: NewsSite
    database_url: str
    engine: Engine
    tmp: Path

    def config(self, count: int, *, hook: bool, feed_id: str = "ticker") -> Path:
        feed_url = self.site.add_feed(feed_id, count)
        return write_config(
            self.tmp / "feeds.yaml",
            [{"id": feed_id, "url": feed_url, "language": "de", "poll_interval": "10m"}],
            hook_url=self.server.url("/hook") if hook else None,
        )


@contextmanager
def world_of(tmp: Path, *, page_delay: float = 0.0) -> Iterator[World]:
    with fresh_postgres_database() as url, serve() as server:
        engine = make_engine(url)
        upgrade(engine)
        server.route("/hook", Reply(status=204))
        yield World(server, NewsSite(server, page_delay=page_delay), url, engine, tmp)
        engine.dispose()
