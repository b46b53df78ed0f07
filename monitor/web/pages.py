"""The HTML pages: alerts, a claim's chart and history, articles, feeds, deliveries, watchlist, search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from monitor.clock import utcnow
from monitor.http.redact import redact_url
from monitor.store import (
    alert_queries,
    article_queries,
    delivery_queries,
    observation_queries,
    outbox,
    reviews,
    search,
    stats_queries,
)
from monitor.store import feeds as feed_rows
from monitor.web import api, cursor, highlight
from monitor.web.access import editor, principal, signed_in
from monitor.web.auth import Principal, check_password, csrf_matches, new_csrf_token
from monitor.web.chart.figure import figure_chart
from monitor.web.chart.status import status_chart
from monitor.web.context import WebContext, parse_when, web
from monitor.web.present import backing

router = APIRouter(include_in_schema=False)
Web = Annotated[WebContext, Depends(web)]
Editor = Annotated[Principal, Depends(editor)]
Anyone = Annotated[Principal, Depends(principal)]
HISTORY_ROWS = 500
CHART_LIMIT = 50_000
MUTE_CHOICES = {"1h": 1, "1d": 24, "7d": 24 * 7, "30d": 24 * 30}


def render(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
    ctx = web(request)
    if "csrf" not in request.session:
        request.session["csrf"] = new_csrf_token()
    context.setdefault("who", getattr(request.state, "principal", None))
    context["csrf"] = request.session["csrf"]
    context["path"] = request.url.path
    return ctx.templates.TemplateResponse(request, template, context, status_code=code)


def back(next_url: str | None, fallback: str) -> RedirectResponse:
    """Redirect after a form post; only to our own paths (never an open redirect)."""
    target = next_url if next_url and next_url.startswith("/") and not next_url.startswith("//") else fallback
    return RedirectResponse(target, status_code=303)


# ---------------------------------------------------------------- login


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/alerts", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/alerts") -> HTMLResponse:
    return render(request, "login.html", next=next, error=None, who=None)


@router.post("/login")
def login(
    request: Request,
    ctx: Web,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/alerts",
) -> Response:
    if not csrf_matches(request.session.get("csrf"), csrf):
        return render(
            request, "login.html", 403, next=next, error="The form expired: please try again.", who=None
        )
    address = request.client.host if request.client else "unknown"
    wait = ctx.limiter.retry_after(address, name)
    if wait > 0:
        return Response(
            f"Too many failed logins: try again in {int(wait) + 1} seconds.\n",
            status_code=429,
            headers={"Retry-After": str(int(wait) + 1)},
            media_type="text/plain",
        )
    who = check_password(ctx.engine, name, password)
    if who is None:
        ctx.limiter.failed(address, name)
        return render(request, "login.html", 401, next=next, error="Wrong name or password.", who=None)
    ctx.limiter.succeeded(name)
    request.session.clear()  # a new session (and CSRF token) for the signed-in user: no fixation
    request.session["user"] = who.name
    request.session["csrf"] = new_csrf_token()
    return back(next, "/alerts")


@router.post("/logout")
def logout(request: Request, who: Annotated[Principal, Depends(signed_in)]) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# ---------------------------------------------------------------- alerts


@router.get("/alerts")
def alerts_page(
    request: Request,
    ctx: Web,
    who: Anyone,
    where: api.Filter,
    cursor_: Annotated[str | None, Query(alias="cursor")] = None,
) -> HTMLResponse:
    now = utcnow()
    with ctx.engine.connect() as conn:
        rows = alert_queries.list_alerts(conn, where, now=now, after=cursor.time_key(cursor_), limit=51)
        mutes = reviews.active_mutes(conn, now)
        last_id = alert_queries.last_alert_id(conn)
    more = len(rows) > 50
    rows = rows[:50]
    params = {k: v for k, v in request.query_params.items() if k != "cursor"}
    older = None
    if more:
        older = "/alerts?" + urlencode({**params, "cursor": cursor.encode(rows[-1].published, rows[-1].id)})
    return render(
        request,
        "alerts.html",
        alerts=rows,
        where=where,
        mutes=mutes,
        older=older,
        claims=[c.id for c in ctx.config.claims],
        actors=[a.id for a in ctx.config.watchlist],
        last_id=last_id,
        here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, ctx: Web, who: Anyone, alert_id: int) -> HTMLResponse:
    with ctx.engine.connect() as conn:
        alert = alert_queries.get_alert(conn, alert_id)
        mutes = reviews.active_mutes(conn, utcnow())
    if alert is None:
        raise HTTPException(404, f"no alert {alert_id}")
    return render(request, "alert.html", alert=alert, mutes=mutes, here=f"/alerts/{alert_id}")


@router.post("/alerts/{alert_id}/acknowledge")
def acknowledge(ctx: Web, who: Editor, alert_id: int, next: Annotated[str, Form()] = "/alerts") -> Response:
    with ctx.engine.begin() as conn:
        if not reviews.alert_exists(conn, alert_id):
            raise HTTPException(404, f"no alert {alert_id}")
        reviews.acknowledge(conn, alert_id, who.name, utcnow())
    return back(next, "/alerts")


@router.post("/alerts/{alert_id}/wrong")
def mark_wrong(ctx: Web, who: Editor, alert_id: int, next: Annotated[str, Form()] = "/alerts") -> Response:
    with ctx.engine.begin() as conn:
        if not reviews.alert_exists(conn, alert_id):
            raise HTTPException(404, f"no alert {alert_id}")
        reviews.mark_alert_wrong(conn, alert_id, who.name, utcnow())
    return back(next, "/alerts")


@router.post("/observations/{observation_id}/wrong")
def mark_observation_wrong(
    ctx: Web, who: Editor, observation_id: int, next: Annotated[str, Form()] = "/claims"
) -> Response:
    with ctx.engine.begin() as conn:
        reviews.mark_observation_wrong(conn, observation_id, who.name, utcnow())
    return back(next, "/watchlist")


@router.post("/claims/{claim_id}/mute")
def mute(
    ctx: Web,
    who: Editor,
    claim_id: str,
    duration: Annotated[str, Form()] = "1d",
    next: Annotated[str, Form()] = "/alerts",
) -> Response:
    if duration not in MUTE_CHOICES:
        raise HTTPException(400, f"duration: {duration!r} is not one of {', '.join(MUTE_CHOICES)}")
    now = utcnow()
    with ctx.engine.begin() as conn:
        reviews.mute_claim(conn, claim_id, now + timedelta(hours=MUTE_CHOICES[duration]), who.name, now)
    return back(next, "/alerts")


@router.post("/claims/{claim_id}/unmute")
def unmute(ctx: Web, who: Editor, claim_id: str, next: Annotated[str, Form()] = "/alerts") -> Response:
    with ctx.engine.begin() as conn:
        reviews.unmute_claim(conn, claim_id)
    return back(next, "/alerts")


# ---------------------------------------------------------------- claims


@router.get("/claims")
def claims_index() -> RedirectResponse:
    return RedirectResponse("/watchlist#claims", status_code=303)


@router.get("/claims/{claim_id}")
def claim_page(request: Request, ctx: Web, who: Anyone, claim_id: str) -> HTMLResponse:
    spec = next((c for c in ctx.config.claims if c.id == claim_id), None)
    with ctx.engine.connect() as conn:
        info = api.claim_out(ctx, conn, claim_id)
        if info is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        # the chart draws the latest CHART_LIMIT observations (the caption says when that is not all)
        views = observation_queries.latest_observations(conn, claim_id, CHART_LIMIT)
        # an alert marked wrong was a false hit: no marker for it on the time axis
        alerts = [a for a in alert_queries.claim_alerts(conn, claim_id) if a.wrong_at is None]
        wrong = observation_queries.wrong_observations(conn, claim_id)
    # the y axis names what is counted: the claim's first English unit word ("soldiers")
    unit = ""
    if spec is not None and spec.units:
        words = spec.units.get("en") or next(iter(spec.units.values()))
        unit = words[0] if words else ""
    drawn = (
        status_chart(views, alerts, claim_id)
        if info.kind == "status"
        else figure_chart(views, alerts, claim_id, unit)
    )
    table = views[-HISTORY_ROWS:]
    return render(
        request,
        "claim.html",
        claim=info,
        spec=spec,
        chart=drawn,
        table=list(reversed(table)),
        shown=len(table),
        total=info.observations,
        backed=backing(table),
        wrong=wrong,
        here=f"/claims/{claim_id}",
    )


def _export_rows(ctx: WebContext, claim_id: str) -> Iterator[list[observation_queries.ObservationView]]:
    """The whole history in pages of 2,000, so an export of 100,000 rows never sits in memory."""
    after = None
    while True:
        with ctx.engine.connect() as conn:
            page = observation_queries.claim_observations_page(conn, claim_id, after=after, limit=2000)
        if not page:
            return
        yield page
        after = (page[-1].published, page[-1].id)


EXPORT_FIELDS = (
    "id", "published", "value", "low", "high", "span_low", "span_high", "qualifier", "polarity",
    "source", "speaks_for", "recalled", "outlet", "url", "title", "sentence", "article_id",
)  # fmt: skip


def _export_dict(view: observation_queries.ObservationView) -> dict[str, Any]:
    out = {name: getattr(view, name) for name in EXPORT_FIELDS}
    out["published"] = view.published.isoformat()
    return out


@router.get("/claims/{claim_id}/export.csv")
def export_csv(ctx: Web, who: Anyone, claim_id: str) -> StreamingResponse:
    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        for page in _export_rows(ctx, claim_id):
            for view in page:
                writer.writerow(_export_dict(view))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    headers = {"Content-Disposition": f'attachment; filename="{claim_id}.csv"'}
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/claims/{claim_id}/export.json")
def export_json(ctx: Web, who: Anyone, claim_id: str) -> StreamingResponse:
    def chunks() -> Iterator[str]:
        yield '{"claim": ' + json.dumps(claim_id) + ', "observations": ['
        first = True
        for page in _export_rows(ctx, claim_id):
            for view in page:
                yield ("" if first else ",\n") + json.dumps(_export_dict(view), ensure_ascii=False)
                first = False
        yield "]}\n"

    headers = {"Content-Disposition": f'attachment; filename="{claim_id}.json"'}
    return StreamingResponse(chunks(), media_type="application/json", headers=headers)


# ---------------------------------------------------------------- articles, search


@router.get("/articles/{article_id}")
def article_page(request: Request, ctx: Web, who: Anyone, article_id: int) -> HTMLResponse:
    with ctx.engine.connect() as conn:
        article = article_queries.get_article_detail(conn, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        observations = observation_queries.article_observation_views(conn, article_id)
        alerts = alert_queries.list_alerts(
            conn, alert_queries.AlertFilter(article_id=article_id), now=utcnow(), limit=200
        )
    body = article.text or article.summary or ""
    marked = highlight.mark(
        body, [o.sentence for o in observations], highlight.actor_names(ctx.config, article)
    )
    return render(
        request,
        "article.html",
        article=article,
        body=marked,
        observations=observations,
        alerts=alerts,
        explain=highlight.explain,
        claims={c.id: c for c in ctx.config.claims},
    )


@router.get("/search")
def search_page(
    request: Request,
    ctx: Web,
    who: Anyone,
    q: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    page: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> HTMLResponse:
    start, end = parse_when(since, "since"), parse_when(until, "until")
    with ctx.engine.connect() as conn:
        if q.strip():
            hits = search.search_articles(
                conn, q, actor=actor or None, since=start, until=end, limit=51, offset=page * 50
            )
            found = {
                a.id: a
                for a in article_queries.list_article_summaries(
                    conn, ids=[h.article_id for h in hits], limit=51
                )
            }
            results = [(found[h.article_id], h.snippet) for h in hits[:50] if h.article_id in found]
            more = len(hits) > 50
        else:
            rows = article_queries.list_article_summaries(
                conn, limit=50, actor=actor or None, since=start, until=end
            )
            results = [(a, "") for a in rows]
            more = False
    params = {"q": q, "actor": actor, "since": since, "until": until}
    return render(
        request,
        "search.html",
        q=q,
        actor=actor,
        since=since,
        until=until,
        results=results,
        actors=[a.id for a in ctx.config.watchlist],
        next_page=("/search?" + urlencode({**params, "page": page + 1})) if more else None,
    )


# ---------------------------------------------------------------- feeds, deliveries, watchlist


@router.get("/feeds")
def feeds_page(request: Request, ctx: Web, who: Anyone) -> HTMLResponse:
    with ctx.engine.connect() as conn:
        rows = feed_rows.list_feeds(conn)
    return render(request, "feeds.html", feeds=rows, redact=redact_url)


@router.get("/deliveries")
def deliveries_page(
    request: Request,
    ctx: Web,
    who: Anyone,
    status: str = "",
    cursor_: Annotated[str | None, Query(alias="cursor")] = None,
) -> HTMLResponse:
    if status and status not in api.DELIVERY_STATUSES:
        raise HTTPException(400, f"status: {status!r} is not one of {', '.join(api.DELIVERY_STATUSES)}")
    with ctx.engine.connect() as conn:
        rows = delivery_queries.list_deliveries_page(
            conn, status=status or None, after=cursor.id_key(cursor_), limit=51
        )
        counts = outbox.status_counts(conn)
    more = len(rows) > 50
    rows = rows[:50]
    older = (
        ("/deliveries?" + urlencode({"status": status, "cursor": cursor.encode(rows[-1]["id"])}))
        if more
        else None
    )
    return render(
        request,
        "deliveries.html",
        deliveries=rows,
        status=status,
        counts=counts,
        statuses=api.DELIVERY_STATUSES,
        older=older,
        here="/deliveries" + (f"?status={status}" if status else ""),
    )


@router.post("/deliveries/{delivery_id}/resend")
def resend(ctx: Web, who: Editor, delivery_id: int, next: Annotated[str, Form()] = "/deliveries") -> Response:
    with ctx.engine.begin() as conn:
        if not reviews.resend(conn, delivery_id, utcnow()):
            raise HTTPException(409, f"delivery {delivery_id} is not failed (or does not exist)")
    return back(next, "/deliveries")


@router.get("/watchlist")
def watchlist_page(request: Request, ctx: Web, who: Anyone) -> HTMLResponse:
    with ctx.engine.connect() as conn:
        actor_stats = stats_queries.actor_stats(conn)
    claims = api.list_claims(ctx)
    return render(
        request,
        "watchlist.html",
        actors=ctx.config.watchlist,
        actor_stats=actor_stats,
        claims=claims,
        specs={c.id: c for c in ctx.config.claims},
    )
