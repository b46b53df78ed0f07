"""Distributed mode: ``monitor worker``, ``monitor beat``, ``monitor queues``, ``monitor queue-backfill``.

Thin wrappers over the ``celery`` command (monitor itself never imports Celery
or ``workers``): they check feeds.yaml and the settings first, so a mistake is
one clear line and exit status 2 instead of a crashing worker pool, then
replace this process with ``python -m celery ...`` so signals from a process
manager (docker stop, systemd) reach Celery directly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Annotated

import typer

from monitor.cli.app import ConfigOption, app, clean_errors, fail, load_context
from monitor.cli.backfill import SinceOption, UntilOption, parse_window

QUEUES = ("poll", "process", "deliver", "backfill")
CELERY_APP = "workers.app"

LogLevelOption = Annotated[str, typer.Option("--loglevel", "-l", help="DEBUG, INFO, WARNING or ERROR.")]


def worker_argv(
    *,
    queues: Sequence[str],
    concurrency: int | None,
    loglevel: str,
    hostname: str | None = None,
    pool: str = "prefork",
) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        CELERY_APP,
        "worker",
        "--loglevel",
        loglevel,
        "--pool",
        pool,
        "--queues",
        ",".join(queues),
        # no worker-to-worker chatter: gossip and mingle exchange state for features we don't
        # use (revokes, clock sync), and heartbeats are events no one here consumes (the
        # status command asks the database and Redis); each costs the consumer CPU that the
        # pool processes on the same cores could use
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if concurrency is not None:
        argv += ["--concurrency", str(concurrency)]
    if hostname:
        argv += ["--hostname", hostname]
    return argv


def beat_argv(*, loglevel: str, schedule: str | None = None) -> list[str]:
    argv = [sys.executable, "-m", "celery", "-A", CELERY_APP, "beat", "--loglevel", loglevel]
    if schedule:
        argv += ["--schedule", schedule]
    return argv


def backfill_argv(source: str, *, since: str | None, until: str | None, deliver: bool) -> list[str]:
    kwargs = {"source": source, "since": since, "until": until, "deliver": deliver}
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        CELERY_APP,
        "call",
        "monitor.backfill",
        "--kwargs",
        json.dumps(kwargs),
        "--queue",
        "backfill",
    ]


def parse_queues(raw: str) -> list[str]:
    names = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [name for name in names if name not in QUEUES]
    if unknown or not names:
        fail(f"--queues: unknown queue {', '.join(unknown) or '(none)'}; choose from {', '.join(QUEUES)}")
    return names


def _check_and_exec(config: str | None, argv: list[str]) -> None:
    ctx = load_context(config)  # raises ConfigError -> one line, exit 2
    env: Mapping[str, str] = {**os.environ, "MONITOR_CONFIG": str(ctx.config.path.resolve())}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(argv[0], argv, dict(env))


@app.command()
@clean_errors
def worker(
    config: ConfigOption = None,
    queues: Annotated[
        str, typer.Option("--queues", "-Q", help="Comma-separated queues to consume.")
    ] = ",".join(QUEUES),
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", "-j", min=1, help="Worker processes (default: one per CPU)."),
    ] = None,
    hostname: Annotated[str | None, typer.Option("--hostname", "-n", help="Node name, e.g. w1@%h.")] = None,
    loglevel: LogLevelOption = "INFO",
) -> None:
    """Run a Celery worker (distributed mode; needs Redis and a shared database)."""
    argv = worker_argv(
        queues=parse_queues(queues), concurrency=concurrency, loglevel=loglevel, hostname=hostname
    )
    _check_and_exec(config, argv)


@app.command()
@clean_errors
def beat(
    config: ConfigOption = None,
    schedule: Annotated[str | None, typer.Option("--schedule", help="Beat's state file.")] = None,
    loglevel: LogLevelOption = "INFO",
) -> None:
    """Run Celery beat: every few seconds it queues the due feeds (run exactly one)."""
    _check_and_exec(config, beat_argv(loglevel=loglevel, schedule=schedule))


@app.command()
@clean_errors
def queues(
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Queue lengths, the dispatcher's last pass, failing feeds and failed deliveries."""
    argv = [sys.executable, "-m", "workers.status"] + (["--json"] if as_json else [])
    _check_and_exec(config, argv)


@app.command("queue-backfill")
@clean_errors
def queue_backfill(
    source: Annotated[
        str, typer.Argument(help="The archive, as for `monitor backfill`.", show_default=False)
    ],
    since: SinceOption = None,
    until: UntilOption = None,
    deliver: Annotated[
        bool, typer.Option("--deliver", help="Deliver the alerts too (default: store only).")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Hand a backfill to the workers' backfill queue instead of running it in this process."""
    since_at, until_at = parse_window(since, until)
    argv = backfill_argv(
        source,
        since=since_at.isoformat() if since_at else None,
        until=until_at.isoformat() if until_at else None,
        deliver=deliver,
    )
    _check_and_exec(config, argv)
