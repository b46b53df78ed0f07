"""Per-claim and per-actor counts for the claim and actor lists of the web and the REST API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from monitor.store.schema import actor_mentions, alerts, claim_observations

co = claim_observations


@dataclass(frozen=True)
class ClaimStats:
    observations: int
    wrong: int
    alerts: int
    first: datetime | None
    last: datetime | None


def claim_stats(conn: Connection) -> dict[str, ClaimStats]:
    """Per claim: observations in the history, marked wrong, alerts, first and last date."""
    observed = {
        row.claim_id: row
        for row in conn.execute(
            select(
                co.c.claim_id,
                func.count().label("n"),
                func.count(co.c.wrong_at).label("wrong"),
                func.min(co.c.published).label("first"),
                func.max(co.c.published).label("last"),
            ).group_by(co.c.claim_id)
        )
    }
    alerted = {
        str(row[0]): int(row[1])
        for row in conn.execute(select(alerts.c.claim_id, func.count()).group_by(alerts.c.claim_id))
    }
    result = {}
    for claim in set(observed) | set(alerted):
        row = observed.get(claim)
        result[claim] = ClaimStats(
            observations=int(row.n) - int(row.wrong) if row is not None else 0,
            wrong=int(row.wrong) if row is not None else 0,
            alerts=alerted.get(claim, 0),
            first=row.first if row is not None else None,
            last=row.last if row is not None else None,
        )
    return result


@dataclass(frozen=True)
class ActorStats:
    articles: int
    mentions: int
    observations: int


def actor_stats(conn: Connection) -> dict[str, ActorStats]:
    """Per actor: articles mentioning it, mentions in all, observations it is the source of."""
    mentioned = {
        row.actor_id: (int(row.n), int(row.total or 0))
        for row in conn.execute(
            select(
                actor_mentions.c.actor_id,
                func.count().label("n"),
                func.sum(actor_mentions.c.count).label("total"),
            ).group_by(actor_mentions.c.actor_id)
        )
    }
    sourced: dict[str, int] = {}
    for column in (co.c.source, co.c.speaks_for):
        for row in conn.execute(
            select(column, func.count()).where(column.is_not(None), co.c.wrong_at.is_(None)).group_by(column)
        ):
            sourced[str(row[0])] = sourced.get(str(row[0]), 0) + int(row[1])
    return {
        actor: ActorStats(
            mentioned.get(actor, (0, 0))[0], mentioned.get(actor, (0, 0))[1], sourced.get(actor, 0)
        )
        for actor in set(mentioned) | set(sourced)
    }
