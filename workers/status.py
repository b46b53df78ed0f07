"""What an operator watches in distributed mode, in one place.

    python -m workers.status [--json] [--max-dispatch-age SECONDS]

Prints queue lengths (messages waiting and taken-but-unacknowledged), when
the dispatcher last ran, pending and failed articles, failing feeds and
failed deliveries. ``--max-dispatch-age`` turns it into a health check (exit
1 when beat + workers have not run a dispatch pass for that long); the beat
container uses it.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import redis
from sqlalchemy import Engine

from monitor.clock import utcnow
from monitor.config import Settings
from monitor.store import overview
from monitor.store.db import make_engine
from workers.runtime import redis_client
from workers.settings import QUEUES, WorkerSettings

# kombu's Redis transport keeps priorities 3, 6 and 9 of a queue in extra lists
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


@dataclass
class Status:
    queues: dict[str, int]
    unacked: int
    last_dispatch: str | None
    dispatch_age_seconds: float | None
    articles: dict[str, int] = field(default_factory=dict)
    failing_feeds: list[dict[str, Any]] = field(default_factory=list)
    deliveries: dict[str, int] = field(default_factory=dict)


def queue_lengths(client: redis.Redis, prefix: str) -> dict[str, int]:
    pipe = client.pipeline(transaction=False)
    for name in QUEUES:
        for suffix in PRIORITY_SUFFIXES:
            pipe.llen(f"{prefix}{name}{suffix}")
    counts = pipe.execute()
    step = len(PRIORITY_SUFFIXES)
    return {name: int(sum(counts[i * step : (i + 1) * step])) for i, name in enumerate(QUEUES)}


def collect(client: redis.Redis, engine: Engine, settings: WorkerSettings) -> Status:
    prefix = settings.key_prefix
    raw_last = client.get(settings.key("dispatch", "last"))
    last = raw_last.decode() if isinstance(raw_last, bytes) else None
    age = (utcnow() - datetime.fromisoformat(last)).total_seconds() if last else None
    status = Status(
        queues=queue_lengths(client, prefix),
        unacked=int(client.hlen(f"{prefix}unacked")),
        last_dispatch=last,
        dispatch_age_seconds=round(age, 1) if age is not None else None,
    )
    with engine.connect() as conn:
        status.articles = overview.article_counts(conn)
        status.deliveries = overview.delivery_counts(conn)
        status.failing_feeds = [
            {
                "feed": feed.feed_id,
                "errors": feed.consecutive_errors,
                "last_error": feed.last_error or "",
                "next_poll_at": feed.next_poll_at.isoformat(),
            }
            for feed in overview.failing_feeds(conn)
        ]
    return status


ERROR_WIDTH = 160


def short_error(text: str, width: int = ERROR_WIDTH) -> str:
    """An error message shortened at a word boundary, marked as shortened (--json has it whole)."""
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" [...]")


def render(status: Status) -> str:
    lines = [
        "queues:   "
        + "  ".join(f"{name}={n}" for name, n in status.queues.items())
        + f"  (taken, not yet acknowledged: {status.unacked})"
    ]
    age = "never" if status.dispatch_age_seconds is None else f"{status.dispatch_age_seconds:.0f}s ago"
    lines.append(f"dispatch: last pass {age}")
    lines.append("articles: " + ("  ".join(f"{k}={v}" for k, v in sorted(status.articles.items())) or "none"))
    lines.append(
        "deliveries: " + ("  ".join(f"{k}={v}" for k, v in sorted(status.deliveries.items())) or "none")
    )
    if status.failing_feeds:
        lines.append("failing feeds:")
        lines += [
            f"  {f['feed']}: {f['errors']} errors, next try {f['next_poll_at']}: "
            + short_error(str(f["last_error"]))
            for f in status.failing_feeds
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workers.status", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--max-dispatch-age", type=float, default=None)
    args = parser.parse_args(argv)
    settings = WorkerSettings.from_env()
    client = redis_client(settings.redis_url)
    engine = make_engine(Settings.from_env().database_url)
    try:
        status = collect(client, engine, settings)
    finally:
        engine.dispose()
        client.close()
    print(json.dumps(asdict(status), indent=2) if args.json else render(status))
    if args.max_dispatch_age is not None:
        age = status.dispatch_age_seconds
        if age is None or age > args.max_dispatch_age:
            print(f"unhealthy: no dispatch pass in the last {args.max_dispatch_age:g}s", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
