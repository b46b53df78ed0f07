"""The delivery outbox: rows written with their alert, claimed, sent, recorded.

A delivery moves ``pending -> sending -> sent | pending (retry) | failed``.
Claiming is one conditional UPDATE (still pending, due, and not claimed) whose
row count must be exactly one, so two runners never both send it; the claim is
a lease (``claimed_until``): a runner that dies mid-send leaves a ``sending``
row that :func:`sweep` returns to ``pending`` once the lease ran out. Outcomes
are recorded only by the runner that holds the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from monitor.store.schema import deliveries


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    alert_id: int
    channel_id: str
    message_id: str
    status: str
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    claimed_until: datetime | None
    last_error: str | None
    sent_at: datetime | None
    created_at: datetime


def _row(row: Any) -> DeliveryRow:
    return DeliveryRow(**{name: row._mapping[name] for name in DeliveryRow.__dataclass_fields__})


@dataclass(frozen=True)
class NewDelivery:
    channel_id: str
    message_id: str
    due: datetime


def insert_deliveries(conn: Connection, alert_id: int, wanted: Sequence[NewDelivery], now: datetime) -> int:
    """One pending row per channel (a repeat is ignored: unique alert + channel). Returns rows added."""
    if not wanted:
        return 0
    rows = [
        {
            "alert_id": alert_id,
            "channel_id": d.channel_id,
            "message_id": d.message_id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": d.due,
            "created_at": now,
        }
        for d in wanted
    ]
    dialect = conn.dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(deliveries).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(deliveries).on_conflict_do_nothing()
    else:  # pragma: no cover
        stmt = deliveries.insert()
    return max(conn.execute(stmt, rows).rowcount, 0)


def due_ids(conn: Connection, now: datetime, *, limit: int = 100, channel_id: str | None = None) -> list[int]:
    query = select(deliveries.c.id).where(
        deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now
    )
    if channel_id is not None:
        query = query.where(deliveries.c.channel_id == channel_id)
    return list(conn.scalars(query.order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit)))


def claim(conn: Connection, delivery_id: int, worker_id: str, now: datetime, lease: timedelta) -> bool:
    """Take a due delivery for ``lease``; True only if this call changed exactly that row.

    The attempt is counted here, before sending: a runner that crashes while
    sending has used an attempt, so a message that kills its sender cannot loop forever.
    """
    result = conn.execute(
        update(deliveries)
        .where(
            deliveries.c.id == delivery_id,
            deliveries.c.status == "pending",
            deliveries.c.next_attempt_at <= now,
        )
        .values(
            status="sending",
            claimed_by=worker_id,
            claimed_until=now + lease,
            attempts=deliveries.c.attempts + 1,
        )
    )
    return result.rowcount == 1


def get_deliveries(conn: Connection, ids: Sequence[int]) -> list[DeliveryRow]:
    if not ids:
        return []
    rows = conn.execute(select(deliveries).where(deliveries.c.id.in_(list(ids))).order_by(deliveries.c.id))
    return [_row(row) for row in rows]


def _held(delivery_id: int, worker_id: str) -> Any:
    return (
        (deliveries.c.id == delivery_id)
        & (deliveries.c.status == "sending")
        & (deliveries.c.claimed_by == worker_id)
    )


def record_sent(conn: Connection, delivery_id: int, worker_id: str, now: datetime) -> bool:
    """False when the claim was lost (the lease ran out and another runner took it)."""
    result = conn.execute(
        update(deliveries)
        .where(_held(delivery_id, worker_id))
        .values(status="sent", sent_at=now, last_error=None, claimed_by=None, claimed_until=None)
    )
    return result.rowcount == 1


def record_retry(
    conn: Connection, delivery_id: int, worker_id: str, error: str, next_attempt_at: datetime
) -> bool:
    result = conn.execute(
        update(deliveries)
        .where(_held(delivery_id, worker_id))
        .values(
            status="pending",
            next_attempt_at=next_attempt_at,
            last_error=error[:2000],
            claimed_by=None,
            claimed_until=None,
        )
    )
    return result.rowcount == 1


def record_failed(conn: Connection, delivery_id: int, worker_id: str, error: str) -> bool:
    result = conn.execute(
        update(deliveries)
        .where(_held(delivery_id, worker_id))
        .values(status="failed", last_error=error[:2000], claimed_by=None, claimed_until=None)
    )
    return result.rowcount == 1


def sweep(conn: Connection, now: datetime) -> int:
    """Return ``sending`` rows whose lease expired (their runner died) to ``pending``."""
    result = conn.execute(
        update(deliveries)
        .where(deliveries.c.status == "sending", deliveries.c.claimed_until < now)
        .values(
            status="pending",
            next_attempt_at=now,
            claimed_by=None,
            claimed_until=None,
            last_error="claim expired: the runner stopped before recording an outcome",
        )
    )
    return max(result.rowcount, 0)


def list_deliveries(conn: Connection, *, status: str | None = None, limit: int = 100) -> list[DeliveryRow]:
    query = select(deliveries)
    if status:
        query = query.where(deliveries.c.status == status)
    rows = conn.execute(query.order_by(deliveries.c.id.desc()).limit(limit))
    return [_row(row) for row in rows]


def status_counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(deliveries.c.status, func.count()).group_by(deliveries.c.status))
    return {str(row[0]): int(row[1]) for row in rows}


def requeue_failed(conn: Connection, ids: Sequence[int] | None, now: datetime) -> list[int]:
    """Send failed deliveries again: back to ``pending``, due now, with a fresh attempt budget.

    ``ids`` None means every failed delivery. Only rows that are ``failed``
    change (a sent or in-flight delivery is never sent twice); the ids that
    changed are returned. The last error stays visible until the next attempt.
    Shared by ``monitor deliveries retry`` and the web app's "resend".
    """
    condition = deliveries.c.status == "failed"
    if ids is not None:
        if not ids:
            return []
        condition = condition & deliveries.c.id.in_(list(ids))
    changed = list(conn.scalars(select(deliveries.c.id).where(condition).order_by(deliveries.c.id)))
    if changed:
        conn.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(changed), deliveries.c.status == "failed")
            .values(status="pending", attempts=0, next_attempt_at=now, claimed_by=None, claimed_until=None)
        )
    return changed
