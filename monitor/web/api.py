"""The REST API under /api/v1: JSON, cursor-paginated, the same filters as the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from monitor.clock import utcnow
from monitor.http.redact import redact_url
from monitor.store import (
    alert_queries,
    article_queries,
    delivery_queries,
    observation_queries,
    reviews,
    search,
    stats_queries,
)
from monitor.store import feeds as feed_rows
from monitor.store.alert_queries import AlertFilter
from monitor.web import cursor
from monitor.web.access import editor, principal
from monitor.web.auth import Principal
from monitor.web.context import WebContext, parse_when, web
from monitor.web.present import plain_snippet
from monitor.web.schemas import (
    ActorOut,
    AlertOut,
    ArticleDetailOut,
    ArticleOut,
    ClaimOut,
    DeliveryOut,
    Done,
    FeedOut,
    MuteIn,
    ObservationOut,
    Page,
)

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(principal)])
Web = Annotated[WebContext, Depends(web)]
Editor = Annotated[Principal, Depends(editor)]
Limit = Annotated[int, Query(ge=1, le=1000)]
KINDS = ("new_figure", "contradiction", "status_change")
STATES = ("all", "open", "acknowledged", "wrong")
DELIVERY_STATUSES = ("pending", "sending", "sent", "failed")


def alert_filter(
    claim: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    state: str = "all",
    muted: bool = True,
) -> AlertFilter:
    if kind and kind not in KINDS:
        raise HTTPException(400, f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    if state not in STATES:
        raise HTTPException(400, f"state: {state!r} is not one of {', '.join(STATES)}")
    return AlertFilter(
        claim=claim or None,
        kind=kind or None,
        actor=actor or None,
        source=source or None,
        since=parse_when(since, "since"),
        until=parse_when(until, "until"),
        state=state,
        include_muted=muted,
    )


Filter = Annotated[AlertFilter, Depends(alert_filter)]


@router.get("/alerts", response_model=Page[AlertOut])
def list_alerts(
    ctx: Web, where: Filter, cursor_: Annotated[str | None, Query(alias="cursor")] = None, limit: Limit = 50
) -> dict[str, Any]:
    """Alerts, newest first (by publication), filtered like the alerts page."""
    with ctx.engine.connect() as conn:
        rows = alert_queries.list_alerts(
            conn, where, now=utcnow(), after=cursor.time_key(cursor_), limit=limit + 1
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": cursor.encode(rows[-1].published, rows[-1].id) if more else None}


@router.get("/alerts/{alert_id}", response_model=AlertOut)
def get_alert(ctx: Web, alert_id: int) -> Any:
    with ctx.engine.connect() as conn:
        found = alert_queries.get_alert(conn, alert_id)
    if found is None:
        raise HTTPException(404, f"no alert {alert_id}")
    return found


@router.post("/alerts/{alert_id}/acknowledge", response_model=Done)
def acknowledge(ctx: Web, who: Editor, alert_id: int) -> Done:
    with ctx.engine.begin() as conn:
        if not reviews.alert_exists(conn, alert_id):
            raise HTTPException(404, f"no alert {alert_id}")
        return Done(changed=reviews.acknowledge(conn, alert_id, who.name, utcnow()))


@router.post("/alerts/{alert_id}/wrong", response_model=Done)
def mark_wrong(ctx: Web, who: Editor, alert_id: int) -> Done:
    """Mark a false hit: the alert's observation stays stored but leaves the history and detection."""
    with ctx.engine.begin() as conn:
        if not reviews.alert_exists(conn, alert_id):
            raise HTTPException(404, f"no alert {alert_id}")
        return Done(changed=reviews.mark_alert_wrong(conn, alert_id, who.name, utcnow()))


@router.post("/observations/{observation_id}/wrong", response_model=Done)
def mark_observation_wrong(ctx: Web, who: Editor, observation_id: int) -> Done:
    with ctx.engine.begin() as conn:
        return Done(changed=reviews.mark_observation_wrong(conn, observation_id, who.name, utcnow()))


def claim_out(
    ctx: WebContext,
    conn: Any,
    claim_id: str,
    stats: dict[str, stats_queries.ClaimStats] | None = None,
    mutes: dict[str, reviews.Mute] | None = None,
) -> ClaimOut | None:
    """A claim with its counts (pass ``stats`` and ``mutes`` when describing many claims)."""
    stats = stats_queries.claim_stats(conn) if stats is None else stats
    mutes = reviews.active_mutes(conn, utcnow()) if mutes is None else mutes
    spec = next((c for c in ctx.config.claims if c.id == claim_id), None)
    if spec is None and claim_id not in stats:
        return None
    s = stats.get(claim_id)
    return ClaimOut(
        id=claim_id,
        kind=spec.kind if spec else "figure",
        description=spec.description if spec else None,
        observations=s.observations if s else 0,
        marked_wrong=s.wrong if s else 0,
        alerts=s.alerts if s else 0,
        first=s.first if s else None,
        last=s.last if s else None,
        muted_until=mutes[claim_id].muted_until if claim_id in mutes else None,
    )


@router.get("/claims", response_model=list[ClaimOut])
def list_claims(ctx: Web) -> list[ClaimOut]:
    """Every configured claim (and any stored one no longer configured), with counts."""
    with ctx.engine.connect() as conn:
        stats = stats_queries.claim_stats(conn)
        mutes = reviews.active_mutes(conn, utcnow())
        ids = [c.id for c in ctx.config.claims]
        ids += sorted(set(stats) - set(ids))
        return [c for c in (claim_out(ctx, conn, i, stats, mutes) for i in ids) if c is not None]


@router.get("/claims/{claim_id}", response_model=ClaimOut)
def get_claim(ctx: Web, claim_id: str) -> ClaimOut:
    with ctx.engine.connect() as conn:
        found = claim_out(ctx, conn, claim_id)
    if found is None:
        raise HTTPException(404, f"no claim {claim_id!r}")
    return found


@router.get("/claims/{claim_id}/observations", response_model=Page[ObservationOut])
def claim_observations(
    ctx: Web,
    claim_id: str,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    include_wrong: bool = False,
    cursor_: Annotated[str | None, Query(alias="cursor")] = None,
    limit: Limit = 500,
) -> dict[str, Any]:
    """The claim's history, oldest first; marked-wrong observations only with include_wrong."""
    with ctx.engine.connect() as conn:
        rows = observation_queries.claim_observations_page(
            conn,
            claim_id,
            after=cursor.time_key(cursor_),
            limit=limit + 1,
            include_wrong=include_wrong,
            source=source,
            since=parse_when(since, "since"),
            until=parse_when(until, "until"),
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": cursor.encode(rows[-1].published, rows[-1].id) if more else None}


@router.post("/claims/{claim_id}/mute", response_model=ClaimOut)
def mute(ctx: Web, who: Editor, claim_id: str, body: MuteIn | None = None) -> ClaimOut:
    """Mute a claim for ``hours``: its new alerts are stored, not delivered, and hidden from lists."""
    hours = body.hours if body is not None else 24.0
    now = utcnow()
    with ctx.engine.begin() as conn:
        if claim_out(ctx, conn, claim_id) is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        reviews.mute_claim(conn, claim_id, now + timedelta(hours=hours), who.name, now)
        found = claim_out(ctx, conn, claim_id)
    assert found is not None
    return found


@router.delete("/claims/{claim_id}/mute", response_model=Done)
def unmute(ctx: Web, who: Editor, claim_id: str) -> Done:
    with ctx.engine.begin() as conn:
        return Done(changed=reviews.unmute_claim(conn, claim_id))


@router.get("/actors", response_model=list[ActorOut])
def list_actors(ctx: Web) -> list[ActorOut]:
    with ctx.engine.connect() as conn:
        stats = stats_queries.actor_stats(conn)
    out = []
    for actor in ctx.config.watchlist:
        s = stats.get(actor.id)
        out.append(
            ActorOut(
                id=actor.id,
                kind=actor.kind,
                names=actor.names,
                speaks_for=actor.speaks_for,
                articles=s.articles if s else 0,
                mentions=s.mentions if s else 0,
                observations=s.observations if s else 0,
            )
        )
    return out


@router.get("/articles", response_model=Page[ArticleOut])
def list_articles(
    ctx: Web,
    q: Annotated[
        str | None, Query(description="full-text search: every word must occur; word* is a prefix")
    ] = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    cursor_: Annotated[str | None, Query(alias="cursor")] = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Articles, newest first; with ``q`` the full-text hits, best first."""
    start, end = parse_when(since, "since"), parse_when(until, "until")
    with ctx.engine.connect() as conn:
        if q:
            offset = cursor.id_key(cursor_) or 0
            hits = search.search_articles(
                conn, q, actor=actor, since=start, until=end, limit=limit + 1, offset=offset
            )
            more = len(hits) > limit
            hits = hits[:limit]
            found = {
                a.id: a
                for a in article_queries.list_article_summaries(
                    conn, ids=[h.article_id for h in hits], limit=limit
                )
            }
            items = [
                ArticleOut.model_validate(found[h.article_id]).model_copy(
                    update={"snippet": plain_snippet(h.snippet)}
                )
                for h in hits
                if h.article_id in found
            ]
            return {"items": items, "next_cursor": cursor.encode(offset + limit) if more else None}
        rows = article_queries.list_article_summaries(
            conn, after=cursor.id_key(cursor_), limit=limit + 1, actor=actor, since=start, until=end
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": cursor.encode(rows[-1].id) if more else None}


@router.get("/articles/{article_id}", response_model=ArticleDetailOut)
def get_article(ctx: Web, article_id: int) -> ArticleDetailOut:
    with ctx.engine.connect() as conn:
        found = article_queries.get_article_detail(conn, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        observations = observation_queries.article_observation_views(conn, article_id)
    return ArticleDetailOut.model_validate(
        {**found.__dict__, "observations": [ObservationOut.model_validate(o) for o in observations]}
    )


@router.get("/feeds", response_model=list[FeedOut])
def list_feeds(ctx: Web) -> list[FeedOut]:
    """Feed status; secrets in feed URLs (user:password, token parameters) are redacted."""
    with ctx.engine.connect() as conn:
        rows = feed_rows.list_feeds(conn)
    return [FeedOut.model_validate(row).model_copy(update={"url": redact_url(row.url)}) for row in rows]


@router.get("/deliveries", response_model=Page[DeliveryOut])
def list_deliveries(
    ctx: Web,
    status: str | None = None,
    cursor_: Annotated[str | None, Query(alias="cursor")] = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    if status and status not in DELIVERY_STATUSES:
        raise HTTPException(400, f"status: {status!r} is not one of {', '.join(DELIVERY_STATUSES)}")
    with ctx.engine.connect() as conn:
        rows = delivery_queries.list_deliveries_page(
            conn, status=status, after=cursor.id_key(cursor_), limit=limit + 1
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": cursor.encode(rows[-1]["id"]) if more else None}


@router.post("/deliveries/{delivery_id}/resend", response_model=Done)
def resend(ctx: Web, who: Editor, delivery_id: int) -> Done:
    """A failed delivery goes back to the outbox with fresh attempts (409 if it is not failed)."""
    with ctx.engine.begin() as conn:
        if not reviews.resend(conn, delivery_id, utcnow()):
            raise HTTPException(409, f"delivery {delivery_id} is not failed (or does not exist)")
    return Done(changed=True)
