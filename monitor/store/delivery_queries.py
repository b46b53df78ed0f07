"""The deliveries page of the web and the REST API: the outbox rows with their alert,
newest first, keyset-paginated by id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from monitor.store.schema import alerts, deliveries


def list_deliveries_page(
    conn: Connection, *, status: str | None = None, after: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Deliveries newest first with their alert's claim and kind, behind the id ``after``."""
    query = select(
        deliveries.c.id,
        deliveries.c.alert_id,
        deliveries.c.channel_id,
        deliveries.c.message_id,
        deliveries.c.status,
        deliveries.c.attempts,
        deliveries.c.next_attempt_at,
        deliveries.c.last_error,
        deliveries.c.sent_at,
        deliveries.c.created_at,
        alerts.c.kind,
        alerts.c.claim_id,
        alerts.c.summary,
    ).select_from(deliveries.join(alerts, alerts.c.id == deliveries.c.alert_id))
    if status:
        query = query.where(deliveries.c.status == status)
    if after is not None:
        query = query.where(deliveries.c.id < after)
    rows = conn.execute(query.order_by(deliveries.c.id.desc()).limit(limit))
    return [dict(row._mapping) for row in rows]
