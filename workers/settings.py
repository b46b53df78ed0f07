"""Worker settings from the environment (they differ per machine, so never from feeds.yaml).

Everything has a default that works on one machine with a local Redis; the
checks in :meth:`WorkerSettings.validate` catch combinations that would make
Redis hand the same message to two workers (a visibility timeout shorter than
a retry delay) before any worker starts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from monitor.errors import ConfigError

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
QUEUES = ("poll", "process", "deliver", "backfill")


@dataclass(frozen=True)
class WorkerSettings:
    broker_url: str = DEFAULT_BROKER_URL
    # None: task results are not stored (every task writes its outcome to the database)
    result_backend: str | None = None
    # the Redis holding politeness counters and queue markers; the broker's by default
    redis_url: str = DEFAULT_BROKER_URL
    # prefixes every key we and kombu write, so several deployments (or tests) share a Redis
    key_prefix: str = "monitor:"
    soft_time_limit: float = 120.0
    time_limit: float = 180.0
    # the longest countdown a task schedules (backoff after transient errors)
    max_retry_delay: float = 900.0
    # Redis redelivers a message nobody acknowledged after this long: must exceed
    # the longest countdown (ETA messages stay unacknowledged while they wait) plus a run
    visibility_timeout: float = 3600.0
    dispatch_interval: float = 5.0
    # a pending article nobody queued for this long is queued again (the queue lost it)
    requeue_after: float = 900.0
    soft_shutdown_timeout: float = 25.0
    # archive entries one backfill task reads; the next task resumes at the checkpoint
    backfill_chunk: int = 500
    beat_schedule: str = str(Path(tempfile.gettempdir()) / "monitor-beat-schedule")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WorkerSettings:
        env = os.environ if environ is None else environ
        broker = env.get("MONITOR_BROKER_URL") or DEFAULT_BROKER_URL

        def number(name: str, default: float) -> float:
            raw = env.get(name)
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise ConfigError(f"environment: {name}={raw!r} is not a number of seconds") from None
            if value <= 0:
                raise ConfigError(f"environment: {name} must be positive")
            return value

        settings = cls(
            broker_url=broker,
            result_backend=env.get("MONITOR_RESULT_BACKEND") or None,
            redis_url=env.get("MONITOR_REDIS_URL") or broker,
            key_prefix=env.get("MONITOR_REDIS_PREFIX", cls.key_prefix),
            soft_time_limit=number("MONITOR_TASK_SOFT_TIME_LIMIT", cls.soft_time_limit),
            time_limit=number("MONITOR_TASK_TIME_LIMIT", cls.time_limit),
            max_retry_delay=number("MONITOR_MAX_RETRY_DELAY", cls.max_retry_delay),
            visibility_timeout=number("MONITOR_VISIBILITY_TIMEOUT", cls.visibility_timeout),
            dispatch_interval=number("MONITOR_DISPATCH_INTERVAL", cls.dispatch_interval),
            requeue_after=number("MONITOR_REQUEUE_AFTER", cls.requeue_after),
            soft_shutdown_timeout=number("MONITOR_SOFT_SHUTDOWN_TIMEOUT", cls.soft_shutdown_timeout),
            beat_schedule=env.get("MONITOR_BEAT_SCHEDULE") or cls.beat_schedule,
            backfill_chunk=int(number("MONITOR_BACKFILL_CHUNK", cls.backfill_chunk)),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.soft_time_limit >= self.time_limit:
            raise ConfigError(
                "environment: MONITOR_TASK_SOFT_TIME_LIMIT must be below MONITOR_TASK_TIME_LIMIT "
                "(the soft limit lets a task record its failure before the hard one kills it)"
            )
        needed = self.max_retry_delay + self.time_limit
        if self.visibility_timeout <= needed:
            raise ConfigError(
                f"environment: MONITOR_VISIBILITY_TIMEOUT ({self.visibility_timeout:g}s) must exceed "
                f"MONITOR_MAX_RETRY_DELAY + MONITOR_TASK_TIME_LIMIT ({needed:g}s): Redis would hand "
                "a waiting retry to a second worker"
            )
        if not self.broker_url.startswith(("redis://", "rediss://", "redis+socket://")):
            raise ConfigError(f"environment: MONITOR_BROKER_URL must be a Redis URL, got {self.broker_url!r}")

    def key(self, *parts: str) -> str:
        """One of our Redis keys, under the deployment's prefix."""
        return self.key_prefix + ":".join(parts)
