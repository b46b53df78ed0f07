"""What each worker process builds once and reuses for every task.

Built in ``worker_process_init`` (after the fork: a database pool or a Redis
connection must never be shared between processes), or on first use where
that signal is not sent (solo pool, eager tests). Config comes from
MONITOR_CONFIG, the database from MONITOR_DATABASE_URL.
"""

from __future__ import annotations

import logging
import threading

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from monitor.config import Settings, load_config
from monitor.pipeline.services import Services
from monitor.store.db import make_engine
from workers.coordination import CrashCounter, QueueMarkers
from workers.politeness import HostLimiter, HostLimits
from workers.settings import WorkerSettings

log = logging.getLogger("workers.runtime")


def redis_client(url: str) -> redis.Redis:
    """A client that rides out a short Redis restart (a few reconnects with backoff)."""
    return redis.Redis.from_url(
        url,
        socket_timeout=10,
        socket_connect_timeout=5,
        health_check_interval=30,
        retry=Retry(ExponentialBackoff(cap=2.0, base=0.1), retries=5),
        retry_on_error=[redis.ConnectionError, redis.TimeoutError],
    )


class Runtime:
    def __init__(self, services: Services, settings: WorkerSettings, client: redis.Redis) -> None:
        self.services = services
        self.settings = settings
        self.redis = client
        prefix = settings.key_prefix
        self.markers = QueueMarkers(client, prefix)
        self.crashes = CrashCounter(client, prefix)
        limits = services.config.politeness
        self.limiter = HostLimiter(
            client,
            prefix=prefix,
            limits=HostLimits(limits.per_host_concurrency, limits.per_host_per_minute),
            # a slot outlives no task: the hard time limit ends the request holding it
            lease_seconds=settings.time_limit,
        )
        self.feeds_synced = False

    @classmethod
    def from_env(cls) -> Runtime:
        settings = WorkerSettings.from_env()
        process_settings = Settings.from_env()
        # No pre-ping: it costs a round trip per checkout (four per article). A connection that
        # died with a database restart fails its first statement instead, SQLAlchemy discards the
        # pool's older connections, and the task retries (workers.tasks.TRANSIENT).
        engine = make_engine(process_settings.database_url, pool_pre_ping=False)
        services = Services.create(load_config(), process_settings, engine=engine)
        return cls(services, settings, redis_client(settings.redis_url))

    def close(self) -> None:
        self.services.close()
        self.services.engine.dispose()
        self.redis.close()


_lock = threading.Lock()
_current: Runtime | None = None


def get_runtime() -> Runtime:
    global _current
    with _lock:
        if _current is None:
            _current = Runtime.from_env()
            log.info(
                "worker process ready: %d feeds, database %s",
                len(_current.services.config.feeds),
                _current.services.engine.url.render_as_string(hide_password=True),
            )
        return _current


def close_runtime() -> None:
    global _current
    with _lock:
        if _current is not None:
            _current.close()
            _current = None
