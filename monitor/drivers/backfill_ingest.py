"""The ingest phase of a backfill: read the archive and store every entry of the date window
as a pending article, in batches, each stored in one transaction with the checkpoint."""

from __future__ import annotations

import logging
import time

from sqlalchemy import Engine

from monitor.archive.base import ALREADY_STORED, ArchiveSource, Broken, DateWindow, Found, Skipped
from monitor.archive.records import PageMemo
from monitor.clock import utcnow
from monitor.drivers.backfill_checkpoint import FLUSH_SECONDS, Checkpoint, save_checkpoint
from monitor.drivers.backfill_progress import Reporter
from monitor.models import FeedEntry
from monitor.pipeline.services import Services
from monitor.store import articles as article_rows
from monitor.store import backfill as stored

# the driver's one logger name for all its modules: the CLI and log configs select it by name
log = logging.getLogger("monitor.drivers.backfill")

BATCH_SIZE = 50  # entries per ingest transaction (raw pages are held in memory until then)
FLUSH_EVENTS = 500  # also store the checkpoint after this many skips, so a resume skips them too


def ingest(
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
