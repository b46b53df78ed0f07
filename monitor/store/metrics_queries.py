"""The counts /metrics reports, in one short read."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from monitor.store.schema import alerts, articles, deliveries, feeds


@dataclass(frozen=True)
class ServiceCounts:
    articles: dict[str, int]
    alerts: dict[str, int]
    deliveries: dict[str, int]
    feeds: dict[str, int]
    polled_feeds: int
    consecutive_errors: int


def _grouped(conn: Connection, column: object) -> dict[str, int]:
    rows = conn.execute(select(column, func.count()).group_by(column))  # type: ignore[call-overload]
    return {str(key if key is not None else "never"): int(n) for key, n in rows}


def service_counts(conn: Connection) -> ServiceCounts:
    return ServiceCounts(
        articles=_grouped(conn, articles.c.status),
        alerts=_grouped(conn, alerts.c.kind),
        deliveries=_grouped(conn, deliveries.c.status),
        feeds=_grouped(conn, feeds.c.last_status),
        polled_feeds=int(conn.scalar(select(func.count()).where(feeds.c.last_polled_at.is_not(None))) or 0),
        consecutive_errors=int(
            conn.scalar(select(func.coalesce(func.sum(feeds.c.consecutive_errors), 0))) or 0
        ),
    )
