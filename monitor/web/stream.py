"""The live stream of new alerts: Server-Sent Events at /api/v1/alerts/stream.

The database stays the source of truth: the stream looks for alerts with an
id above the last one it sent, every ``stream_interval`` seconds, whichever
process stored them (the embedded runner, a Celery worker). Each event carries
the alert id as its SSE ``id``, so a client that reconnects with
``Last-Event-ID`` continues without a gap or a repeat.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from monitor.store import alert_queries
from monitor.web.access import principal
from monitor.web.context import WebContext, web
from monitor.web.schemas import AlertOut

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(principal)])
KEEPALIVE_SECONDS = 15.0


def _start_id(ctx: WebContext, last_event_id: str | None, after: int | None) -> int:
    for candidate in (last_event_id, after):
        if candidate is not None and str(candidate).strip().isdigit():
            return int(str(candidate).strip())
    with ctx.engine.connect() as conn:
        return alert_queries.last_alert_id(conn)


def _next_alerts(ctx: WebContext, last_id: int) -> list[alert_queries.AlertView]:
    with ctx.engine.connect() as conn:
        return alert_queries.alerts_after_id(conn, last_id)


@router.get(
    "/alerts/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "one `alert` event per new alert"}},
)
async def alert_stream(
    request: Request,
    ctx: Annotated[WebContext, Depends(web)],
    after: Annotated[
        int | None, Query(description="start after this alert id (default: from now on)")
    ] = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """New alerts as they are stored, as Server-Sent Events (``event: alert``, JSON data)."""
    last_id = await run_in_threadpool(_start_id, ctx, last_event_id, after)

    async def events() -> AsyncIterator[str]:
        nonlocal last_id
        yield f"retry: 3000\n: stream of new alerts after id {last_id}\n\n"
        idle = 0.0
        while not await request.is_disconnected():
            batch = await run_in_threadpool(_next_alerts, ctx, last_id)
            for alert in batch:
                data = AlertOut.model_validate(alert).model_dump_json()
                yield f"id: {alert.id}\nevent: alert\ndata: {data}\n\n"
                last_id = alert.id
            if batch:
                idle = 0.0
                continue
            await asyncio.sleep(ctx.stream_interval)
            idle += ctx.stream_interval
            if idle >= KEEPALIVE_SECONDS:  # proxies close silent connections
                idle = 0.0
                yield ": keep-alive\n\n"

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def event_json(alert: alert_queries.AlertView) -> str:
    return json.dumps(AlertOut.model_validate(alert).model_dump(mode="json"))
