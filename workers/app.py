"""The Celery app: broker, queues, delivery guarantees, limits, the beat entry.

Run with ``monitor worker`` / ``monitor beat`` (or ``celery -A workers.app worker|beat``).

Delivery guarantees, and why they are safe here:

* ``task_acks_late`` + ``task_reject_on_worker_lost``: a message is acknowledged
  only after its task returned, so a worker killed mid-task loses nothing; the
  task runs again, which is harmless because every task is idempotent (unique
  keys and conditional updates in the database).
* ``visibility_timeout`` (Redis): an unacknowledged message goes back to the
  queue after this long. Messages waiting for a countdown stay unacknowledged
  in the worker, so it must exceed the longest retry delay (checked in
  :mod:`workers.settings`), or a waiting retry would run twice.
* ``worker_prefetch_multiplier = 1``: a process reserves one message at a time;
  page fetches and extraction are long, and a reserved message is stuck
  behind the one running.
* soft and hard time limits: trafilatura has no timeout of its own. The soft
  limit raises inside the task, which records a failed attempt; the hard
  limit kills the process.
* soft shutdown (Celery 5.5+): on a cold shutdown running tasks get
  ``worker_soft_shutdown_timeout`` seconds to finish, then their messages go
  back to Redis (also when idle, for waiting countdowns).
* ``worker_proc_alive_timeout``: Celery kills a pool process that replaces
  another (after a broker restart the running tasks' processes are
  terminated; a hard time limit kills one) unless it reports ready within this
  many seconds, and forks the next. Ours build the claim engine before they
  report (``worker_process_init``): about a second on an idle machine, several
  on a loaded one. With Celery's 4 s a loaded worker killed every replacement
  before it was ready and ran no task at all, for minutes after a Redis restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from celery import Celery, signals
from kombu.entity import Queue

from workers import logs
from workers.settings import QUEUES, WorkerSettings

log = logging.getLogger("workers.app")

# far above what building a process's runtime takes even on a busy machine; a process
# that is still not ready after this long is stuck, and Celery replaces it
PROCESS_START_TIMEOUT = 120.0

ROUTES = {
    "monitor.dispatch": {"queue": "poll"},
    "monitor.poll": {"queue": "poll"},
    "monitor.process": {"queue": "process"},
    "monitor.deliver_due": {"queue": "deliver"},
    "monitor.backfill": {"queue": "backfill"},
}


def celery_config(settings: WorkerSettings) -> dict[str, Any]:
    return {
        "broker_url": settings.broker_url,
        "broker_transport_options": {
            "visibility_timeout": int(settings.visibility_timeout),
            "global_keyprefix": settings.key_prefix,
            # a broker that vanishes without closing the socket must not hang a publish
            "socket_timeout": 30,
            "socket_connect_timeout": 5,
        },
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,  # a broker restart is waited out, never fatal
        "result_backend": settings.result_backend,
        "task_ignore_result": settings.result_backend is None,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_queues": [Queue(name, routing_key=name) for name in QUEUES],  # type: ignore[no-untyped-call]
        "task_default_queue": "process",
        "task_routes": ROUTES,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "task_soft_time_limit": settings.soft_time_limit,
        "task_time_limit": settings.time_limit,
        "worker_prefetch_multiplier": 1,
        "worker_proc_alive_timeout": PROCESS_START_TIMEOUT,
        "worker_soft_shutdown_timeout": settings.soft_shutdown_timeout,
        "worker_enable_soft_shutdown_on_idle": True,
        # with late acks the message of a task cut off from the broker comes back: don't run it twice
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_send_task_events": False,
        "timezone": "UTC",
        "enable_utc": True,
        "beat_schedule": {
            "dispatch": {
                "task": "monitor.dispatch",
                "schedule": settings.dispatch_interval,
                # a pass nobody ran in time is worthless: the next one does the same work
                "options": {"expires": settings.dispatch_interval * 2, "queue": "poll"},
            }
        },
        "beat_schedule_filename": settings.beat_schedule,
    }


def create_app(settings: WorkerSettings) -> Celery:
    celery = Celery("monitor", include=["workers.tasks"])
    celery.conf.update(celery_config(settings))
    return celery


settings = WorkerSettings.from_env()
app = create_app(settings)

# Celery ships no type hints: these typed views of its decorators keep mypy --strict useful
Decorator = Callable[[Callable[..., Any]], Any]
task = cast(Callable[..., Decorator], app.task)


def on(signal: Any) -> Decorator:
    return cast(Decorator, signal.connect)


@on(signals.setup_logging)
def _setup_logging(loglevel: int | str | None = None, logfile: str | None = None, **_: Any) -> None:
    # connecting this signal stops Celery from installing its own root handler
    logs.configure(loglevel or logging.INFO, logfile)


@on(signals.worker_process_init)
def _build_runtime(**_signal: Any) -> None:
    # late import: workers.runtime imports the tasks, which import this app: a cycle at import time
    from workers.runtime import get_runtime

    try:
        runtime = get_runtime()
        _ = runtime.services.claim_engine  # build the matcher now, not in the first task
    except Exception:  # noqa: BLE001 - logged here; each task will raise it again clearly
        log.exception("could not build the worker's services")


@on(signals.worker_process_shutdown)
def _close_runtime(**_: Any) -> None:
    # late import: workers.runtime imports the tasks, which import this app: a cycle at import time
    from workers.runtime import close_runtime

    close_runtime()
