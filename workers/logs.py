"""Worker log lines that say which task, feed and article they belong to.

The pipeline logs through plain ``logging`` (it knows nothing of Celery), so
the task id cannot come from Celery's task formatter: a filter on the root
handler adds ``%(context)s`` to every record instead, from the task being run
and from the ids a task puts in :func:`log_context`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from celery import current_task

LOG_FORMAT = "%(asctime)s %(levelname)-5s %(processName)s %(context)s%(name)s: %(message)s"
NOISY = ("httpx", "httpcore", "trafilatura", "htmldate", "charset_normalizer", "alembic", "urllib3")

_ids: ContextVar[tuple[tuple[str, object], ...]] = ContextVar("monitor_log_ids", default=())


@contextmanager
def log_context(**ids: object) -> Iterator[None]:
    """Add ``feed=...`` / ``article=...`` to every log line written inside the block."""
    token = _ids.set(_ids.get() + tuple(ids.items()))
    try:
        yield
    finally:
        _ids.reset(token)


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        parts: list[str] = []
        task = current_task
        request_id = getattr(getattr(task, "request", None), "id", None) if task else None
        if request_id:
            parts.append(f"task={task.name}[{request_id}]")
        parts.extend(f"{name}={value}" for name, value in _ids.get())
        record.context = ("[" + " ".join(parts) + "] ") if parts else ""
        return True


def configure(loglevel: int | str = logging.INFO, logfile: str | None = None) -> None:
    """Our handler on the root logger (Celery's own setup is skipped: see workers.app)."""
    handler: logging.Handler = logging.FileHandler(logfile) if logfile else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(loglevel)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
