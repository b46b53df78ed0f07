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


class OneLineOutages(logging.Filter):
    """A database or broker outage is one line per retry, not a traceback.

    During a 20 s PostgreSQL outage every task retries several times; with the
    traceback each retry printed (Celery logs the retry with the exception, and
    SQLAlchemy's message spans several lines with the SQL and a help link) the
    log became pages of the same stack. The kind and first line of the error say
    all there is to say; any other exception keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and is_outage(error):
            record.msg = f"{record.getMessage()}: {first_line(error)}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        elif record.name == "celery.app.trace" and " retry: " in str(record.msg):
            record.msg = first_line(record.getMessage())
            record.args = None
        return True


def is_outage(error: BaseException) -> bool:
    # late import: workers.tasks imports this module for log_context, a cycle at import time
    from workers.tasks import TRANSIENT

    seen: BaseException | None = error
    while seen is not None:  # Celery wraps the cause in Retry; SQLAlchemy wraps the driver's
        if isinstance(seen, TRANSIENT):
            return True
        seen = getattr(seen, "exc", None) or seen.__cause__
    return False


def first_line(error: BaseException | str) -> str:
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return text.strip().splitlines()[0] if text.strip() else text


def configure(loglevel: int | str = logging.INFO, logfile: str | None = None) -> None:
    """Our handler on the root logger (Celery's own setup is skipped: see workers.app)."""
    handler: logging.Handler = logging.FileHandler(logfile) if logfile else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(ContextFilter())
    handler.addFilter(OneLineOutages())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(loglevel)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
