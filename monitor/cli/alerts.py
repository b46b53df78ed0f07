"""Commands to read what detection found: alerts, claims (a claim's history), deliveries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.markup import escape
from sqlalchemy import Engine

from monitor.cli.app import ConfigOption, app, clean_errors, console, fail, load_context
from monitor.cli.output import JsonOption, listing_table, print_json
from monitor.config import Settings
from monitor.config.channels import ALERT_KINDS
from monitor.delivery.render import alert_json
from monitor.detect.model import Observation, overlaps
from monitor.detect.syndication import Syndication, group_syndicated, independent_voice
from monitor.detect.wording import describe
from monitor.errors import ConfigError
from monitor.store import alerts as alert_rows
from monitor.store import articles as article_rows
from monitor.store import db, history, outbox


def open_engine() -> Engine:
    engine = db.make_engine(Settings.from_env().database_url)
    db.upgrade(engine)
    return engine


def parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        fail(f"--since: {value!r} is not a date (use YYYY-MM-DD or an ISO time)")
        raise  # unreachable: fail() exits
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else "-"


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else "-"


@app.command("alerts")
@clean_errors
def alerts_command(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per alert per line.")] = False,
    claim: Annotated[str | None, typer.Option("--claim", help="Only this claim id.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="new_figure, contradiction or status_change.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only alerts on news published since DATE.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
) -> None:
    """List the alerts raised (new figures, contradictions, status changes) in story order."""
    if kind is not None and kind not in ALERT_KINDS:
        fail(f"--kind: {kind!r} is not one of {', '.join(ALERT_KINDS)}")
    engine = open_engine()
    with engine.connect() as conn:
        found = alert_rows.load_alerts(conn, claim=claim, kind=kind, since=parse_since(since), limit=limit)
    if as_json:
        for alert in found:
            typer.echo(json.dumps(alert_json(alert), ensure_ascii=False))
        return
    if not found:
        console.print("no alerts", highlight=False)
        return
    for alert in found:
        flag = " [dim](historical)[/dim]" if alert.historical else ""
        console.print(
            f"[bold]#{alert.id} {_day(alert.published)} {alert.kind}[/bold] {escape(alert.claim)}{flag}"
        )
        console.print(f"  {escape(alert.summary)}", highlight=False)
        if alert.sentence:
            console.print(f'  [italic]"{escape(alert.sentence[:300])}"[/italic]', highlight=False)
        console.print(f"  {escape(alert.article_url)}", highlight=False)
    console.print(f"{len(found)} alerts", highlight=False)


@app.command("claims")
@clean_errors
def claims_command(
    claim_id: Annotated[str | None, typer.Argument(help="Show this claim's history.")] = None,
    config: ConfigOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Latest N observations.")] = 500,
    as_json: JsonOption = False,
) -> None:
    """A claim's history in time order, or without ID a table of claims with counts."""
    engine = open_engine()
    descriptions: dict[str, str] = {}
    try:
        descriptions = {spec.id: spec.description for spec in load_context(config).config.claims}
    except ConfigError:
        if config is not None:
            raise  # an explicit --config must work; a missing default only loses descriptions
    with engine.connect() as conn:
        counts = alert_rows.claim_counts(conn)
    known = sorted(set(descriptions) | set(counts))
    if claim_id is not None:
        if claim_id not in known:
            fail(f"unknown claim {claim_id!r}: choose from {', '.join(known) or '(none configured)'}")
        with engine.connect() as conn:
            timeline = history.claim_timeline(conn, claim_id, limit=limit)
        syndication = syndication_of(engine, timeline)
        if as_json:
            backed = backing(timeline, syndication)
            for obs in timeline:
                print_json(_observation_json(obs, backed.get(obs.id), syndication))
            return
        _print_timeline(claim_id, timeline, syndication)
        return
    if as_json:
        for claim in known:
            count = counts.get(claim)
            print_json(
                {
                    "claim": claim,
                    "observations": count.observations if count else 0,
                    "alerts": count.alerts if count else 0,
                    "last_published": count.last_published if count else None,
                    "description": descriptions.get(claim, ""),
                }
            )
        return
    table = listing_table(
        "claim", "observations", "alerts", "last seen", "description", text=("description",)
    )
    for claim in known:
        count = counts.get(claim)
        table.add_row(
            claim,
            str(count.observations if count else 0),
            str(count.alerts if count else 0),
            _day(count.last_published if count else None),
            escape(descriptions.get(claim, "")),
        )
    console.print(table)


def backing(timeline: list[Observation], syndication: Syndication | None = None) -> dict[int, int]:
    """Per observation: how many independent voices stated an overlapping figure (or the
    same polarity); agency copy reprinted by several outlets counts once."""
    result: dict[int, int] = {}
    for obs in timeline:
        voices = {
            voice_of_obs(other, syndication)
            for other in timeline
            if (obs.span is not None and other.span is not None and overlaps(obs.span, other.span))
            or (obs.polarity is not None and other.polarity == obs.polarity)
        }
        result[obs.id] = len(voices)
    return result


def voice_of_obs(obs: Observation, syndication: Syndication | None) -> str:
    attributed = bool(obs.source or obs.speaks_for)
    return independent_voice(
        obs.voice, attributed=attributed, article_id=obs.article_id, syndication=syndication
    )


def syndication_of(engine: Engine, timeline: list[Observation]) -> Syndication | None:
    """The agency-copy groups among the timeline's articles (None for very long histories)."""
    if not timeline or len(timeline) > 2000:
        return None
    with engine.connect() as conn:
        texts = article_rows.article_texts(conn, sorted({obs.article_id for obs in timeline}))
    return group_syndicated(texts)


def _in_story_order(timeline: list[Observation], syndication: Syndication | None) -> list[Observation]:
    """Time order, except that a syndicated copy follows its original's rows."""
    if syndication is None:
        return timeline
    order = {obs.article_id: i for i, obs in reversed(list(enumerate(timeline)))}

    def key(item: tuple[int, Observation]) -> tuple[int, int, int]:
        i, obs = item
        original = syndication.original.get(obs.article_id, obs.article_id)
        first = order.get(original, i)
        return (first, 0 if original == obs.article_id else 1, i)

    return [obs for _i, obs in sorted(enumerate(timeline), key=key)]


def _observation_json(
    obs: Observation, backed_by: int | None, syndication: Syndication | None
) -> dict[str, object]:
    original = syndication.original.get(obs.article_id) if syndication else None
    return {
        "id": obs.id,
        "article_id": obs.article_id,
        "published": obs.published,
        "value": describe(obs),
        "qualifier": obs.qualifier if obs.polarity is None else None,
        "polarity": obs.polarity,
        "recalled": obs.recalled,
        "source": obs.source,
        "speaks_for": obs.speaks_for,
        "outlet": obs.outlet,
        "backed_by": backed_by,
        "copy_of": original if original is not None and original != obs.article_id else None,
        "agency": syndication.agency.get(obs.article_id) if syndication else None,
    }


def _print_timeline(claim_id: str, timeline: list[Observation], syndication: Syndication | None) -> None:
    if not timeline:
        console.print(f"no observations of {claim_id!r}", highlight=False)
        return
    backed = backing(timeline, syndication) if len(timeline) <= 2000 else {}
    # the speaker's actor goes with the source ("nis for south-korea"): one column
    # less keeps the table whole at 80 columns
    table = listing_table(
        "date", "value", "qualifier", "source", "outlet", "backed by",
        text=("source", "outlet"), wide="source", title=claim_id,
    )
    for obs in _in_story_order(timeline, syndication):
        source = obs.source or "-"
        if obs.speaks_for and obs.speaks_for != obs.source:
            source = f"{source} for {obs.speaks_for}"
        agency = syndication.agency.get(obs.article_id) if syndication else None
        if not (obs.source or obs.speaks_for) and agency:
            source = f"{agency} (agency)"
        outlet = obs.outlet or "-"
        original = syndication.original.get(obs.article_id, obs.article_id) if syndication else obs.article_id
        if original != obs.article_id:
            outlet = f"↳ {outlet} (copy of article {original})"
        table.add_row(
            _day(obs.published),
            escape(describe(obs)),
            obs.qualifier if obs.polarity is None else "-",
            escape(source),
            escape(outlet),
            str(backed.get(obs.id, "-")),
        )
    console.print(table)


deliveries_app = typer.Typer(help="Alert deliveries: list them, send failed ones again.")
app.add_typer(deliveries_app, name="deliveries")


@deliveries_app.callback(invoke_without_command=True)
@clean_errors
def deliveries_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="pending, sending, sent or failed.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 100,
    as_json: JsonOption = False,
) -> None:
    """Alert deliveries (email, webhook), newest first, with attempts and the last error."""
    if ctx.invoked_subcommand is not None:
        return
    if status is not None and status not in ("pending", "sending", "sent", "failed"):
        fail(f"--status: {status!r} is not one of pending, sending, sent, failed")
    engine = open_engine()
    with engine.connect() as conn:
        rows = outbox.list_deliveries(conn, status=status, limit=limit)
        counts = outbox.status_counts(conn)
    if as_json:
        for row in rows:
            print_json(row)
        return
    table = listing_table(
        "id", "alert", "channel", "status", "attempts", "next attempt", "sent", "last error",
        text=("channel", "last error"),
    )
    for row in rows:
        table.add_row(
            str(row.id),
            str(row.alert_id),
            escape(row.channel_id),
            row.status,
            str(row.attempts),
            _when(row.next_attempt_at) if row.status == "pending" else "-",
            _when(row.sent_at),
            escape((row.last_error or "")[:120]),
        )
    console.print(table)
    console.print(
        ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no deliveries", highlight=False
    )


@deliveries_app.command("retry")
@clean_errors
def deliveries_retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Delivery ids to send again.")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Every failed delivery.")] = False,
) -> None:
    """Send failed deliveries again (after fixing a secret or an address): due now, attempts reset."""
    if bool(ids) == failed:
        fail("give delivery ids or --failed (one of them)")
    engine = open_engine()
    with engine.begin() as conn:
        requeued = outbox.requeue_failed(conn, None if failed else ids, datetime.now(UTC))
    if ids:
        not_failed = sorted(set(ids) - set(requeued))
        if not_failed:
            fail(f"not failed (nothing to retry): {', '.join(map(str, not_failed))}")
    console.print(
        f"{len(requeued)} deliveries queued again; `monitor run` or the workers send them",
        highlight=False,
    )
