"""The backfill driver: old articles through the same path as live polling.

Two phases, so a claim's history is built in publication order:

1. **ingest** – read the archive and store every entry of the date window as a
   pending article (``article_rows.insert_entries``, the function polling uses), in
   batches. Each batch is stored in one transaction *together with* the
   checkpoint (the source's cursor and the counts), so an interrupted backfill
   resumes exactly after the last stored batch and never counts twice.
2. **process** – take this backfill's pending articles oldest publication first
   and run each through ``process_article`` (or hand its id to ``process``,
   which is how the Celery driver fans the work out on the backfill queue).

Backfilled articles are historical: their alerts are stored but not delivered,
unless ``deliver=True``. Everything is idempotent: unique keys on articles
make a second run add nothing, and a finished checkpoint makes it read nothing
(``rescan=True`` reads the archive again, still adding only what is new).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine

from monitor.archive.base import ArchiveSource, DateWindow, HttpAccess
from monitor.archive.options import SourceOptions
from monitor.archive.records import PageMemo
from monitor.archive.resolve import open_source
from monitor.drivers.backfill_checkpoint import (
    FLUSH_SECONDS,
    BackfillCounts,
    Checkpoint,
    checkpoint_key,
    load_checkpoint,
    origin_for,
    store_checkpoint,
)
from monitor.drivers.backfill_ingest import BATCH_SIZE, ingest
from monitor.drivers.backfill_progress import NullReporter, Reporter
from monitor.pipeline.process import ProcessOutcome, process_article
from monitor.pipeline.services import MAX_ATTEMPTS, Services
from monitor.store import backfill as stored

# the driver's one logger name for all its modules: the CLI and log configs select it by name
log = logging.getLogger("monitor.drivers.backfill")

ProcessFn = Callable[[int], ProcessOutcome | None]


@dataclass(frozen=True)
class BackfillSummary:
    source: str
    origin: str
    window: DateWindow
    status: str  # complete | interrupted | incomplete (a part failed for a passing reason)
    resumed: bool  # continued from an earlier run's checkpoint
    counts: BackfillCounts
    pending: int  # this backfill's articles still pending (transient failures, queued work)
    seconds: float
    # the archive was read completely by an earlier run: the counts are this run's only
    already_complete: bool = False


def run_backfill(
    services: Services,
    source: str | ArchiveSource,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    deliver: bool = False,
    process: ProcessFn | None = None,
    rescan: bool = False,
    stop_after: int | None = None,
    reporter: Reporter | None = None,
    options: SourceOptions | None = None,
    batch_size: int = BATCH_SIZE,
) -> BackfillSummary:
    """Backfill ``source`` (a SOURCE spec or an opened source) for the window [since, until).

    ``process`` receives each pending article id oldest first; None processes
    in this process (``process_article``). ``stop_after`` ends the ingest phase
    after that many entries, with the checkpoint stored (status "interrupted").
    """
    started = time.monotonic()
    if isinstance(source, str):
        http = HttpAccess(client=lambda: services.client, max_bytes=services.settings.max_body_bytes)
        archive = open_source(source, options or SourceOptions(), http)
    else:
        archive = source
    window = DateWindow(since, until)
    origin = origin_for(archive.key)
    key = checkpoint_key(archive.key, window)
    report = reporter or NullReporter()
    with services.engine.connect() as conn:
        saved = load_checkpoint(conn, key)
    resumed = saved is not None and saved.phase != "complete" and not rescan
    already_complete = saved is not None and saved.phase == "complete" and not rescan
    state = Checkpoint() if saved is None or rescan else saved
    if already_complete:
        log.info("backfill %s (%s) is complete already: nothing to read", archive.key, window.describe())
        # report what this run does (retries of pending articles), not the first run's numbers
        state = Checkpoint(phase="complete")
    elif resumed:
        log.info("backfill %s: resuming the %s phase at %s", archive.key, state.phase, state.cursor)
    # processed here: the pages read while ingesting are processed without reading them again
    pages = PageMemo(max_bytes=services.settings.max_body_bytes) if process is None else None
    try:
        if state.phase == "ingest":
            language = options.language if options is not None else None
            finished = ingest(
                services,
                archive,
                window,
                origin,
                key,
                state,
                deliver,
                stop_after,
                report,
                batch_size,
                language,
                pages,
            )
            if not finished:
                return _summary(services, archive, origin, window, "interrupted", resumed, state, started)
            state.phase = "process"
            store_checkpoint(services.engine, key, state)
        runner = process or _in_process(services, deliver, pages)
        _process(services, origin, key, state, runner, report)
        status = "complete"
        if state.counts.unreachable:
            # what was read is processed; the parts that failed for a passing
            # reason are read again by the next run (reading is idempotent)
            status = "incomplete"
            state = Checkpoint(counts=replace(state.counts, unreachable=0))
        else:
            state.phase = "complete"
        if not already_complete:  # keep the counts of the run that read the archive
            store_checkpoint(services.engine, key, state)
    finally:
        report.stop()
    summary = _summary(services, archive, origin, window, status, resumed, state, started)
    return replace(summary, already_complete=already_complete)


MAX_UNEXPECTED_IN_A_ROW = 5


def _in_process(services: Services, deliver: bool, pages: PageMemo | None = None) -> ProcessFn:
    """process_article, surviving one article's unexpected error (it stays pending for the
    next run) but not a broken installation: several in a row end the backfill."""
    in_a_row = 0

    def run(article_id: int) -> ProcessOutcome:
        nonlocal in_a_row
        try:
            outcome = process_article(services, article_id, historical=not deliver, pages=pages)
        except Exception as exc:
            in_a_row += 1
            if in_a_row >= MAX_UNEXPECTED_IN_A_ROW:
                raise
            log.exception("article %d: unexpected error", article_id)
            return ProcessOutcome(article_id, "retry", error=f"{type(exc).__name__}: {exc}")
        in_a_row = 0
        return outcome

    return run


def _process(
    services: Services, origin: str, key: str, state: Checkpoint, runner: ProcessFn, report: Reporter
) -> None:
    ids = pending_ids(services.engine, origin)
    counts = state.counts
    report.start("process", len(ids), 0)
    last_save = time.monotonic()
    for done, article_id in enumerate(ids, start=1):
        counts.count_outcome(runner(article_id))
        report.advance(done, counts)
        if time.monotonic() - last_save > FLUSH_SECONDS:
            store_checkpoint(services.engine, key, state)
            last_save = time.monotonic()


def pending_ids(engine: Engine, origin: str) -> list[int]:
    """This backfill's pending articles, oldest publication first."""
    with engine.connect() as conn:
        return stored.pending_ids(conn, origin, MAX_ATTEMPTS)


def _count_pending(engine: Engine, origin: str) -> int:
    with engine.connect() as conn:
        return stored.count_pending(conn, origin, MAX_ATTEMPTS)


def _summary(
    services: Services,
    archive: ArchiveSource,
    origin: str,
    window: DateWindow,
    status: str,
    resumed: bool,
    state: Checkpoint,
    started: float,
) -> BackfillSummary:
    return BackfillSummary(
        source=archive.key,
        origin=origin,
        window=window,
        status=status,
        resumed=resumed,
        counts=state.counts,
        pending=_count_pending(services.engine, origin),
        seconds=time.monotonic() - started,
    )
