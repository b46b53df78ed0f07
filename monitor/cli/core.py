"""Commands to run the service and look at its state: run, check, feeds, articles, db."""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Sequence
from datetime import datetime
from types import FrameType
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

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
from monitor.cli.output import JsonOption, listing_table, print_json
from monitor.config import Settings, load_config
from monitor.config.readiness import readiness_problems
from monitor.errors import ConfigError
from monitor.pipeline.process import ProcessOutcome
from monitor.pipeline.services import Services
from monitor.store import articles as article_rows
from monitor.store import db
from monitor.store import feeds as feed_rows

ARTICLE_STATUSES = ("pending", "processed", "duplicate", "failed")
# rows of the table `run --once` ends with
TABLE_ROWS = 100

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def open_services(config_path: str | None, *, migrate: bool = True) -> Services:
    ctx = load_context(config_path)
    services = Services.create(ctx.config, ctx.settings)
    if migrate:
        # the embedded default must work with no set-up step: bring the schema up to date
        db.upgrade(services.engine)
    return services


def _when(value: datetime | None, *, short: bool = False) -> str:
    if value is None:
        return "-"
    # the short form fits a table column at 80 columns; --json has the full time
    return value.astimezone().strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M:%S")


@app.command()
@clean_errors
def check(config: ConfigOption = None) -> None:
    """Validate feeds.yaml and this environment's secrets; every problem one line, then exit 2."""
    try:
        cfg = load_config(config)
    except ConfigError as exc:
        _print_problems(exc.problems)
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.delivery.preflight import channel_problems

    problems = readiness_problems(cfg)
    # the channel preflight (malformed secrets too); an unset secret may show in both lists
    problems += [f"{cfg.path}: {p}" for p in channel_problems(cfg)]
    if problems:
        _print_problems(problems)
    console.print(
        f"{cfg.path}: ok - {len(cfg.feeds)} feeds, {len(cfg.watchlist)} actors, {len(cfg.claims)} claims, "
        f"{len(cfg.channels)} channels, {len(cfg.subscriptions)} subscriptions",
        highlight=False,
    )


def _print_problems(problems: Sequence[str]) -> NoReturn:
    for line in problems:
        err_console.print(line, highlight=False, markup=False)
    if len(problems) > 1:
        err_console.print(f"{len(problems)} problems", highlight=False, markup=False)
    raise typer.Exit(2)


@app.command()
@clean_errors
def run(
    config: ConfigOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Do one pass (poll, process, deliver) and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    web: Annotated[
        str | None,
        typer.Option(
            "--web", help="Also serve the web app at HOST:PORT (e.g. 127.0.0.1:8080).", metavar="HOST:PORT"
        ),
    ] = None,
) -> None:
    """Run the service in this process (SQLite by default; Ctrl-C stops it)."""
    # late import: the runner pulls in the whole pipeline; other commands don't pay for it
    from monitor.drivers.embedded import STOP_GRACE_SECONDS, EmbeddedRunner

    setup_logging(verbose)
    services = open_services(config)
    runner = EmbeddedRunner(services)
    if web:
        # late import: a command imports only what it runs (fast --help and light commands)
        from monitor.cli.web import serve_beside

        serve_beside(services, web)
    # a one-pass run ends with a table of what it found (the last TABLE_ROWS of them, so
    # a backlog of 100,000 articles costs no more memory than one of 100); a long run only logs
    found: deque[ProcessOutcome] = deque(maxlen=TABLE_ROWS)
    processed = [0]

    def tally(outcome: ProcessOutcome) -> None:
        found.append(outcome)
        processed[0] += outcome.status == "processed"

    def stop(signum: int, _frame: FrameType | None) -> None:
        if runner.stopping:  # asked twice: do not wait for the grace period
            # late import: a command imports only what it runs (fast --help and light commands)
            from monitor.http.deadline import cut_in_flight

            cut_in_flight()
            return
        console.print("stopping after the current article ...", highlight=False)
        runner.stop(grace=STOP_GRACE_SECONDS)

    def reload(signum: int, _frame: FrameType | None) -> None:
        runner.reload_config()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # an edited feeds.yaml is also noticed by its modification time; SIGHUP forces a reload
    signal.signal(signal.SIGHUP, reload)
    try:
        if once:
            runner.run_once(on_article=tally, keep_outcomes=False)
        else:
            runner.run_forever()
    finally:
        runner.services.close()  # the services in use (a reload replaces them; the client is shared)
    if once:
        _print_found(list(found), processed[0])


def _print_found(found: list[ProcessOutcome], processed: int) -> None:
    if not found:
        console.print("no new articles", highlight=False)
        return
    title = f"{processed} new articles processed"
    if processed > len(found):
        title += f" (the last {len(found)} shown)"
    table = Table(title=title)
    table.add_column("id", justify="right")
    table.add_column("title")
    table.add_column("actors", justify="right")
    table.add_column("claims", justify="right")
    table.add_column("alerts", justify="right")
    for o in found:
        label = o.title[:70] if o.status == "processed" else f"{o.title[:50]} ({o.status}: {o.error})"
        label = escape(label)
        table.add_row(str(o.article_id), label, str(o.actors), str(o.claims), str(len(o.alert_ids)))
    console.print(table)
    console.print("see: monitor alerts | monitor claims | monitor feeds", highlight=False)


feeds_app = typer.Typer(help="Feed status; OPML import and export.")
app.add_typer(feeds_app, name="feeds")


@feeds_app.callback(invoke_without_command=True)
@clean_errors
def feeds(ctx: typer.Context, config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Each feed: last poll, status, next poll, errors."""
    if ctx.invoked_subcommand is not None:
        return
    services = open_services(config)
    with services.engine.connect() as conn:
        stored = {row.id: row for row in feed_rows.list_feeds(conn)}
    # a read command: feeds of the config that were never polled are shown as
    # such, nothing is written (the runner and the dispatcher sync the table)
    specs = services.config.feeds
    if as_json:
        for spec in sorted(specs, key=lambda f: f.id):
            row = stored.get(spec.id)
            print_json(
                {
                    "id": spec.id,
                    "url": spec.url,
                    "status": (row.last_status if row else None) or "never polled",
                    "last_polled_at": row.last_polled_at if row else None,
                    "next_poll_at": row.next_poll_at if row else None,
                    "consecutive_errors": row.consecutive_errors if row else 0,
                    "entries_seen": row.entries_seen if row else 0,
                    "last_error": row.last_error if row else None,
                }
            )
        return
    table = listing_table(
        "feed", "status", "last poll", "next poll", "errors", "entries", "last error",
        text=("last error",), wide="last error", title=f"{len(specs)} feeds",
    )
    for spec in sorted(specs, key=lambda f: f.id):
        row = stored.get(spec.id)
        if row is None:
            table.add_row(spec.id, "never polled", "-", "due now", "0", "0", "")
            continue
        status = row.last_status or "never polled"
        style = "red" if status == "error" else ("green" if status in ("ok", "not_modified") else "")
        table.add_row(
            row.id,
            f"[{style}]{status}[/]" if style else status,
            _when(row.last_polled_at, short=True),
            _when(row.next_poll_at, short=True),
            str(row.consecutive_errors),
            str(row.entries_seen),
            escape((row.last_error or "")[:160]),
        )
    console.print(table)


@app.command()
@clean_errors
def articles(
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 30,
    status: Annotated[str | None, typer.Option("--status", help="pending, processed or failed")] = None,
    as_json: JsonOption = False,
) -> None:
    """The newest articles with what was found in them."""
    if status is not None and status not in ARTICLE_STATUSES:
        fail(f"--status: {status!r} is not one of {', '.join(ARTICLE_STATUSES)}")
    services = open_services(config)
    with services.engine.connect() as conn:
        rows = article_rows.list_articles(conn, limit=limit, status=status)
        n_actors, n_claims = article_rows.mentions_and_claims(conn, [r.id for r in rows])
        counts = article_rows.article_counts(conn)
    if as_json:
        for r in rows:
            print_json(
                {**r._asdict(), "actors": n_actors.get(r.id, 0), "claims": n_claims.get(r.id, 0)}
            )
        return
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none"
    table = listing_table(
        "id", "published", "lang", "status", "actors", "claims", "title", "text",
        text=("title", "text"), wide="title", title=f"articles ({summary})",
    )
    for r in rows:
        text_note = r.text_source or ""
        if r.fallback_reason:
            text_note += f" ({r.fallback_reason[:60]})"
        if r.error:
            text_note += f" error: {r.error[:60]}"
        table.add_row(
            str(r.id),
            _when(r.published)[:10],
            r.language or "-",
            r.status,
            str(n_actors.get(r.id, 0)),
            str(n_claims.get(r.id, 0)),
            escape((r.title or r.url)[:80]),
            escape(text_note),
        )
    console.print(table)


@db_app.command("upgrade")
@clean_errors
def db_upgrade() -> None:
    """Create or migrate the schema (MONITOR_DATABASE_URL, default sqlite:///monitor.db)."""
    engine = db.make_engine(Settings.from_env().database_url)
    db.upgrade(engine)
    console.print(
        f"database at revision {db.current_revision(engine)}: {engine.url.render_as_string()}",
        highlight=False,
    )
