"""``monitor backfill SOURCE``: rebuild claim histories from archives."""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from monitor.archive.base import parse_window_bound
from monitor.archive.options import DEFAULT_WAYBACK_URL, SourceOptions
from monitor.cli.app import (
    ConfigOption,
    app,
    clean_errors,
    console,
    err_console,
    fail,
    load_context,
    setup_logging,
)
from monitor.drivers.backfill import BackfillSummary, run_backfill
from monitor.drivers.backfill_checkpoint import BackfillCounts
from monitor.pipeline.services import Services
from monitor.store import db

log = logging.getLogger("monitor.drivers.backfill")

SOURCE_HELP = """What to read:
FOLDER with manifest.jsonl (the articles it lists: .txt text, .html pages);
FOLDER without one (every .warc/.warc.gz/.arc/.arc.gz in it);
FILE (one WARC/ARC file; a .jsonl file is read as a manifest);
sitemap:URL (sitemap, sitemap index, Google News sitemap, robots.txt);
feed:URL (a feed and its RFC 5005 archive pages);
cdx:URL-PREFIX (Wayback Machine captures under a URL prefix).
A plain http(s) URL is a sitemap when it looks like one (sitemap*.xml, robots.txt), else a feed."""


# the date window, shared with `monitor queue-backfill`
SinceOption = Annotated[
    str | None, typer.Option("--since", help="First publication date (YYYY-MM-DD or ISO).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Last publication date; a bare date includes that day.")
]


def parse_window(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """--since/--until as aware bounds; a bad value or an empty window ends the command."""
    try:
        since_at = parse_window_bound(since, end=False) if since else None
        until_at = parse_window_bound(until, end=True) if until else None
    except ValueError as exc:
        fail(str(exc))
    if since_at is not None and until_at is not None and since_at >= until_at:
        fail("--since must be before --until")
    return since_at, until_at


@app.command()
@clean_errors
def backfill(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    since: SinceOption = None,
    until: UntilOption = None,
    deliver: Annotated[
        bool, typer.Option("--deliver", help="Deliver the alerts too (default: store them as historical).")
    ] = False,
    rescan: Annotated[
        bool,
        typer.Option(
            "--rescan",
            help="Read the archive again although this backfill completed (new files, "
            "a grown sitemap); only what is new is added.",
        ),
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Stop after N entries; run again to continue.", min=1)
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", "-l", help="Language of entries that declare none (de, en).")
    ] = None,
    rate: Annotated[
        float, typer.Option("--rate", help="Requests per second to the Wayback Machine.", min=0.01)
    ] = 1.0,
    wayback_url: Annotated[
        str, typer.Option("--wayback-url", envvar="MONITOR_WAYBACK_URL", help="Wayback Machine base URL.")
    ] = DEFAULT_WAYBACK_URL,
    max_pages: Annotated[
        int, typer.Option("--max-pages", help="At most this many feed archive / CDX pages.", min=1)
    ] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
    config: ConfigOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Run old articles through the pipeline, oldest first: claim histories start before the service did."""
    setup_logging(verbose)
    since_at, until_at = parse_window(since, until)
    ctx = load_context(config)
    services = Services.create(ctx.config, ctx.settings)
    db.upgrade(services.engine)  # a fresh database must work without a set-up step
    options = SourceOptions(
        language=language,
        requests_per_second=rate,
        wayback_url=wayback_url,
        max_pages=max_pages,
        max_page_bytes=ctx.settings.max_body_bytes,
    )
    reporter: RichReporter | LogReporter = RichReporter() if err_console.is_terminal else LogReporter()
    if isinstance(reporter, RichReporter) and not verbose:
        # the progress bar counts the articles: one log line each would tear it apart
        logging.getLogger("monitor.pipeline.process").setLevel(logging.WARNING)
        logging.getLogger("monitor.pipeline.alerts").setLevel(logging.WARNING)
    try:
        summary = run_backfill(
            services,
            source,
            since=since_at,
            until=until_at,
            deliver=deliver,
            rescan=rescan,
            stop_after=limit,
            reporter=reporter,
            options=options,
        )
    except KeyboardInterrupt:
        err_console.print(
            "interrupted: what was read is stored; run the same command again to continue", highlight=False
        )
        raise typer.Exit(130) from None
    finally:
        services.close()
    if as_json:
        print(json.dumps(summary_json(summary), ensure_ascii=False))
    else:
        print_summary(summary)
    if summary.status == "incomplete":
        raise typer.Exit(3)  # not a failure of what was read, but not the whole archive either


# ---------------------------------------------------------------- progress


def _counts_line(counts: BackfillCounts, phase: str) -> str:
    if phase == "ingest":
        return (
            f"found {counts.found}, new {counts.new}, existing {counts.existing}, "
            f"skipped {counts.skipped_total}"
        )
    return (
        f"processed {counts.processed}, claims {counts.claims}, alerts {counts.alerts}, "
        f"failed {counts.failed}"
    )


class RichReporter:
    """A progress bar on the terminal: counts, rate, ETA."""

    def __init__(self, console: Console | None = None) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[counts]} ({task.fields[rate]})"),
            console=console or err_console,
            transient=False,
        )
        # the latest counts, drawn even when throttled: the last frame must match the summary
        self.latest: tuple[int, BackfillCounts] | None = None
        self.task: TaskID | None = None
        self.phase = ""
        self.started = time.monotonic()
        self.first_done = 0
        self.last_draw = 0.0

    def start(self, phase: str, total: int | None, done: int) -> None:
        if self.task is None:
            self.progress.start()
        else:
            self._draw_latest()
            self.progress.stop_task(self.task)
        self.phase, self.started, self.first_done = phase, time.monotonic(), done
        self.task = self.progress.add_task(phase, total=total, completed=done, counts="", rate="")

    def advance(self, done: int, counts: BackfillCounts) -> None:
        self.latest = (done, counts)
        now = time.monotonic()
        if self.task is None or now - self.last_draw < 0.1:
            return
        self.last_draw = now
        self._draw(done, counts, now)

    def _draw_latest(self) -> None:
        if self.latest is not None:
            done, counts = self.latest
            self._draw(done, counts, time.monotonic())
            self.latest = None

    def _draw(self, done: int, counts: BackfillCounts, now: float) -> None:
        if self.task is None:
            return
        elapsed = max(now - self.started, 1e-6)
        items = counts.found if self.phase == "ingest" else done - self.first_done
        self.progress.update(
            self.task,
            completed=done,
            counts=_counts_line(counts, self.phase),
            rate=f"{items / elapsed:.1f}/s",
        )

    def stop(self) -> None:
        if self.task is not None:
            self._draw_latest()
            self.progress.stop()


class LogReporter:
    """Plain log lines every few seconds when stderr is not a terminal."""

    EVERY = 5.0

    def __init__(self) -> None:
        self.phase = ""
        self.total: int | None = None
        self.started = time.monotonic()
        self.first_done = 0
        self.last_line = 0.0
        self.latest: tuple[int, BackfillCounts] | None = None

    def start(self, phase: str, total: int | None, done: int) -> None:
        self.phase, self.total, self.first_done = phase, total, done
        self.started = self.last_line = time.monotonic()
        log.info("backfill %s: %s", phase, f"{total} to go" if total is not None else "size unknown")

    def advance(self, done: int, counts: BackfillCounts) -> None:
        self.latest = (done, counts)
        now = time.monotonic()
        if now - self.last_line < self.EVERY:
            return
        self.latest = None
        self.last_line = now
        elapsed = max(now - self.started, 1e-6)
        speed = (done - self.first_done) / elapsed
        where = ""
        if self.total:
            remaining = (self.total - done) / speed if speed > 0 else None
            where = f"{100 * done / self.total:.0f}%"
            where += f", ETA {remaining:.0f}s" if remaining is not None else ""
        log.info("backfill %s %s: %s", self.phase, where, _counts_line(counts, self.phase))

    def stop(self) -> None:
        if self.latest is not None:  # the last line carries the final counts
            done, counts = self.latest
            log.info("backfill %s %s done: %s", self.phase, done, _counts_line(counts, self.phase))
            self.latest = None


# ---------------------------------------------------------------- summary


def summary_json(summary: BackfillSummary) -> dict[str, Any]:
    window = summary.window
    return {
        "source": summary.source,
        "origin": summary.origin,
        "since": window.since.isoformat() if window.since else None,
        "until": window.until.isoformat() if window.until else None,
        "status": summary.status,
        "resumed": summary.resumed,
        "pending": summary.pending,
        "seconds": round(summary.seconds, 3),
        "already_complete": summary.already_complete,
        **summary.counts.to_json(),
    }


def print_summary(summary: BackfillSummary) -> None:
    counts = summary.counts
    title = f"backfill {summary.source}: {summary.status}"
    if summary.already_complete:
        title += " (already: nothing new read; --rescan reads the archive again)"
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("window", summary.window.describe())
    table.add_row("articles found", str(counts.found))
    table.add_row("  new", str(counts.new))
    table.add_row("  already stored", str(counts.existing))
    for reason, number in sorted(counts.skipped.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(f"skipped: {reason}", str(number))
    for problem in counts.broken:
        table.add_row("stopped early", problem)
    table.add_row("processed", str(counts.processed))
    if counts.failed or counts.retry:
        table.add_row("failed / to retry", f"{counts.failed} / {counts.retry}")
    if counts.queued:
        table.add_row("queued", str(counts.queued))
    table.add_row("claims found", str(counts.claims))
    table.add_row("alerts", str(counts.alerts))
    if summary.pending:
        table.add_row("still pending", str(summary.pending))
    table.add_row("time", f"{summary.seconds:.1f}s")
    console.print(table)
    if summary.status == "interrupted":
        console.print("stopped early: run the same command again to continue", highlight=False)
    elif summary.status == "incomplete":
        console.print(
            "some parts could not be reached: run the same command again to retry them", highlight=False
        )
