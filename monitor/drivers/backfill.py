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

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from monitor.archive.base import (
    ALREADY_STORED,
    ArchiveSource,
    Broken,
    Cursor,
    DateWindow,
    Found,
    HttpAccess,
    Skipped,
)
from monitor.archive.options import SourceOptions
from monitor.archive.records import PageMemo
from monitor.archive.resolve import open_source
from monitor.clock import utcnow
from monitor.models import FeedEntry
from monitor.pipeline.process import ProcessOutcome, process_article
from monitor.pipeline.services import MAX_ATTEMPTS, Services
from monitor.store import articles as article_rows
from monitor.store import backfill as stored

log = logging.getLogger("monitor.drivers.backfill")

ProcessFn = Callable[[int], ProcessOutcome | None]

BATCH_SIZE = 50  # entries per ingest transaction (raw pages are held in memory until then)
FLUSH_EVENTS = 500  # also store the checkpoint after this many skips, so a resume skips them too
FLUSH_SECONDS = 5.0
ORIGIN_LIMIT = 300  # articles.origin is VARCHAR(300)


class Reporter(Protocol):
    """Where progress goes: a rich progress bar on a terminal, log lines otherwise."""

    def start(self, phase: str, total: int | None, done: int) -> None: ...

    def advance(self, done: int, counts: BackfillCounts) -> None: ...

    def stop(self) -> None: ...


class NullReporter:
    def start(self, phase: str, total: int | None, done: int) -> None:
        pass

    def advance(self, done: int, counts: BackfillCounts) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class BackfillCounts:
    """Totals of one backfill over all its runs (they live in the checkpoint)."""

    found: int = 0  # entries of the window the source yielded
    new: int = 0  # ... stored as new articles
    existing: int = 0  # ... already stored (an earlier run, a live feed, another archive)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> records passed over
    broken: list[str] = field(default_factory=list)  # parts that could not be read to the end
    # parts that failed for a passing reason (timeout, 5xx, DNS) in the last run:
    # the backfill ends "incomplete" and the next run reads the source again
    unreachable: int = 0
    processed: int = 0
    already: int = 0  # processed meanwhile by someone else (a worker, the runner)
    failed: int = 0
    retry: int = 0  # transient failures: still pending, retried by the next run
    queued: int = 0  # ids handed to ``process`` that returned no outcome (distributed mode)
    claims: int = 0
    alerts: int = 0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> BackfillCounts:
        data = data or {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def count_outcome(self, outcome: ProcessOutcome | None) -> None:
        if outcome is None:
            self.queued += 1
            return
        if outcome.status == "processed":
            self.processed += 1
            self.claims += outcome.claims
            self.alerts += len(outcome.alert_ids)
        elif outcome.status in ("already", "missing"):
            self.already += 1
        elif outcome.status == "retry":
            self.retry += 1
        else:
            self.failed += 1


@dataclass
class Checkpoint:
    phase: str = "ingest"  # ingest | process | complete
    cursor: Cursor | None = None
    units: int = 0
    counts: BackfillCounts = field(default_factory=BackfillCounts)

    def to_json(self) -> dict[str, Any]:
        counts = self.counts.to_json()
        return {"phase": self.phase, "cursor": self.cursor, "units": self.units, "counts": counts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            phase=str(data.get("phase") or "ingest"),
            cursor=data.get("cursor"),
            units=int(data.get("units") or 0),
            counts=BackfillCounts.from_json(data.get("counts")),
        )


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
            finished = _ingest(
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
            _store(services.engine, key, state)
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
            _store(services.engine, key, state)
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


# ---------------------------------------------------------------- ingest


def _ingest(
    services: Services,
    archive: ArchiveSource,
    window: DateWindow,
    origin: str,
    key: str,
    state: Checkpoint,
    deliver: bool,
    stop_after: int | None,
    report: Reporter,
    batch_size: int,
    default_language: str | None,
    pages: PageMemo | None = None,
) -> bool:
    """Read the archive into pending articles. False when stopped by ``stop_after``.
    ``pages`` keeps the pages that entries only reference, for processing in this process."""
    counts = state.counts
    batch: list[FeedEntry] = []
    unsaved = 0
    last_flush = time.monotonic()
    found_now = 0
    engine = services.engine
    report.start("ingest", archive.total_units(), state.units)

    def flush() -> None:
        nonlocal batch, unsaved, last_flush
        with engine.begin() as conn:
            new_ids = (
                article_rows.insert_entries(
                    conn,
                    batch,
                    origin=origin,
                    feed_id=None,
                    now=utcnow(),
                    default_language=default_language,
                    fetch_page=archive.fetch_pages,
                    historical=not deliver,
                )
                if batch
                else []
            )
            counts.new += len(new_ids)
            counts.existing += len(batch) - len(new_ids)
            save_checkpoint(conn, key, state)
        batch, unsaved, last_flush = [], 0, time.monotonic()

    def url_known(url: str) -> bool:
        return any(entry.url == url for entry in batch) or _url_stored(engine, url)

    try:
        for event in archive.read(window, state.cursor, url_known):
            if isinstance(event, Found):
                batch.append(event.entry)
                if pages is not None and event.page is not None and event.entry.archive_record:
                    pages.keep(event.entry.archive_record, event.page)
                counts.found += 1
                found_now += 1
            elif isinstance(event, Skipped):
                if event.reason == ALREADY_STORED:
                    counts.existing += 1
                else:
                    counts.skipped[event.reason] = counts.skipped.get(event.reason, 0) + 1
                    log.debug("skipped (%s) %s", event.reason, event.detail)
            elif isinstance(event, Broken):
                counts.broken.append(event.reason)
                counts.unreachable += int(event.transient)
                log.warning("%s: %s", archive.key, event.reason)
            state.cursor, state.units = event.cursor, event.units
            unsaved += 1
            if (
                len(batch) >= batch_size
                or unsaved >= FLUSH_EVENTS
                or time.monotonic() - last_flush > FLUSH_SECONDS
            ):
                flush()
            report.advance(state.units, counts)
            if stop_after is not None and found_now >= stop_after:
                flush()
                log.info("backfill %s: stopped after %d entries (checkpoint stored)", archive.key, found_now)
                return False
    except BaseException:
        # Ctrl-C or a failing source: keep what was read up to the last event
        if batch or unsaved:
            try:
                flush()
            except Exception:  # noqa: BLE001 - the original error matters more
                log.exception("could not store the last batch; the resume repeats it")
        raise
    flush()
    return True


def _url_stored(engine: Engine, url: str) -> bool:
    with engine.connect() as conn:
        return stored.url_stored(conn, url)


# ---------------------------------------------------------------- process


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
            _store(services.engine, key, state)
            last_save = time.monotonic()


def pending_ids(engine: Engine, origin: str) -> list[int]:
    """This backfill's pending articles, oldest publication first."""
    with engine.connect() as conn:
        return stored.pending_ids(conn, origin, MAX_ATTEMPTS)


def _count_pending(engine: Engine, origin: str) -> int:
    with engine.connect() as conn:
        return stored.count_pending(conn, origin, MAX_ATTEMPTS)


# ---------------------------------------------------------------- checkpoints


def origin_for(source_key: str) -> str:
    """The articles' origin for a source: readable, and within the column's 300 characters."""
    origin = f"backfill:{source_key}"
    if len(origin) <= ORIGIN_LIMIT:
        return origin
    digest = hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:16]
    return f"{origin[: ORIGIN_LIMIT - len(digest) - 1]}#{digest}"


def checkpoint_key(source_key: str, window: DateWindow) -> str:
    """One checkpoint per source and window: another window is another backfill."""
    since = window.since.isoformat() if window.since else "-"
    until = window.until.isoformat() if window.until else "-"
    return f"{source_key}|{since}|{until}"


def load_checkpoint(conn: Connection, key: str) -> Checkpoint | None:
    raw = stored.load_checkpoint_state(conn, key)
    return Checkpoint.from_json(raw) if raw is not None else None


def save_checkpoint(conn: Connection, key: str, state: Checkpoint) -> None:
    stored.save_checkpoint_state(conn, key, state.to_json(), utcnow())


def _store(engine: Engine, key: str, state: Checkpoint) -> None:
    with engine.begin() as conn:
        save_checkpoint(conn, key, state)


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
