"""What people do with alerts and deliveries: acknowledge, mark as wrong, mute a claim, resend.

Each action is one conditional statement, so a repeat (a double click, two
editors at once) changes nothing and reports so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from monitor.store.schema import alert_reviews, alerts, claim_mutes, claim_observations, deliveries


def _ensure_review(conn: Connection, alert_id: int) -> None:
    if conn.scalar(select(alert_reviews.c.alert_id).where(alert_reviews.c.alert_id == alert_id)) is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(alert_reviews).values(alert_id=alert_id))
        except IntegrityError:  # another request created it meanwhile
            pass


def alert_exists(conn: Connection, alert_id: int) -> bool:
    return conn.scalar(select(alerts.c.id).where(alerts.c.id == alert_id)) is not None


def acknowledge(conn: Connection, alert_id: int, user: str, now: datetime) -> bool:
    """True when the alert was not acknowledged before."""
    if not alert_exists(conn, alert_id):
        return False
    _ensure_review(conn, alert_id)
    result = conn.execute(
        update(alert_reviews)
        .where(alert_reviews.c.alert_id == alert_id, alert_reviews.c.acknowledged_at.is_(None))
        .values(acknowledged_by=user, acknowledged_at=now)
    )
    return result.rowcount == 1


def mark_alert_wrong(conn: Connection, alert_id: int, user: str, now: datetime) -> bool:
    """Mark the alert and the observation it was raised on as a false hit.

    The observation stays stored (with who marked it); the claim's history and
    detection leave it out from now on (monitor.store.history).
    """
    observation_id = conn.scalar(select(alerts.c.observation_id).where(alerts.c.id == alert_id))
    if observation_id is None:
        return False
    _ensure_review(conn, alert_id)
    result = conn.execute(
        update(alert_reviews)
        .where(alert_reviews.c.alert_id == alert_id, alert_reviews.c.wrong_at.is_(None))
        .values(wrong_by=user, wrong_at=now)
    )
    mark_observation_wrong(conn, int(observation_id), user, now)
    return result.rowcount == 1


def mark_observation_wrong(conn: Connection, observation_id: int, user: str, now: datetime) -> bool:
    result = conn.execute(
        update(claim_observations)
        .where(claim_observations.c.id == observation_id, claim_observations.c.wrong_at.is_(None))
        .values(wrong_by=user, wrong_at=now)
    )
    return result.rowcount == 1


@dataclass(frozen=True)
class Mute:
    claim_id: str
    muted_until: datetime
    muted_by: str


def mute_claim(conn: Connection, claim_id: str, until: datetime, user: str, now: datetime) -> None:
    """Mute (or re-mute) a claim until ``until``: its new alerts are stored but not delivered or listed."""
    conn.execute(delete(claim_mutes).where(claim_mutes.c.claim_id == claim_id))
    conn.execute(
        insert(claim_mutes).values(claim_id=claim_id, muted_until=until, muted_by=user, created_at=now)
    )


def unmute_claim(conn: Connection, claim_id: str) -> bool:
    return conn.execute(delete(claim_mutes).where(claim_mutes.c.claim_id == claim_id)).rowcount == 1


def active_mutes(conn: Connection, now: datetime) -> dict[str, Mute]:
    rows = conn.execute(select(claim_mutes).where(claim_mutes.c.muted_until > now))
    return {row.claim_id: Mute(row.claim_id, row.muted_until, row.muted_by) for row in rows}


def is_muted(conn: Connection, claim_id: str, now: datetime) -> bool:
    query = select(claim_mutes.c.claim_id).where(
        claim_mutes.c.claim_id == claim_id, claim_mutes.c.muted_until > now
    )
    return conn.scalar(query) is not None


def resend(conn: Connection, delivery_id: int, now: datetime) -> bool:
    """Put a failed delivery back in the outbox with a fresh set of attempts; True if it was failed."""
    result = conn.execute(
        update(deliveries)
        .where(deliveries.c.id == delivery_id, deliveries.c.status == "failed")
        .values(status="pending", attempts=0, next_attempt_at=now, claimed_by=None, claimed_until=None)
    )
    return result.rowcount == 1
