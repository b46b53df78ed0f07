"""The queries of judging in publication order: what is ready, and the one judging lock.

An observation is *ready* when no article published before it is still waiting
to be processed: then everything that belongs before it in its claim's history
is stored, and judging it now gives the alerts it would have got had the
articles arrived in publication order. Articles that hold it back:

* pending, not failed yet (``attempts == 0``): one that keeps failing is judged
  as a late arrival when it finally comes through, instead of holding back every
  alert behind it;
* discovered within the last ``hold`` seconds: a lost article (its worker killed,
  its queue gone) holds back nothing for longer than that;
* live ones only: a backfill's old articles never delay live alerts (a backfill
  processes its articles in publication order itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, false, func, select, update

from monitor.detect.model import Observation
from monitor.store.history import _select_observations, to_observation
from monitor.store.schema import articles, claim_observations, installation

co = claim_observations


def ready_before(conn: Connection, *, now: datetime, hold_seconds: float) -> datetime | None:
    """Observations published before this are ready (None: every stored one is)."""
    published = func.coalesce(articles.c.published, articles.c.discovered_at)
    earliest: datetime | None = conn.scalar(
        select(func.min(published)).where(
            articles.c.status == "pending",
            articles.c.attempts == 0,
            articles.c.historical.is_(false()),
            articles.c.discovered_at >= now - timedelta(seconds=hold_seconds),
        )
    )
    return earliest


def has_unjudged(conn: Connection) -> bool:
    return conn.scalar(select(co.c.id).where(co.c.judged.is_(false())).limit(1)) is not None


def ready_observations(
    conn: Connection, before: datetime | None, limit: int = 500
) -> list[tuple[Observation, str]]:
    """Unjudged observations published before ``before``, in publication (then sentence) order,
    each with its observation key."""
    query = _select_observations().add_columns(co.c.observation_key).where(co.c.judged.is_(false()))
    if before is not None:
        query = query.where(co.c.published < before)
    rows = conn.execute(query.order_by(co.c.published, co.c.id).limit(limit))
    return [(to_observation(row), str(row.observation_key)) for row in rows]


def mark_judged(conn: Connection, observation_ids: Sequence[int]) -> None:
    if observation_ids:
        conn.execute(update(co).where(co.c.id.in_(list(observation_ids))).values(judged=True))


def articles_historical(conn: Connection, article_ids: Iterable[int]) -> dict[int, bool]:
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows: Any = conn.execute(select(articles.c.id, articles.c.historical).where(articles.c.id.in_(ids)))
    return {int(row.id): bool(row.historical) for row in rows}


def installation_id(conn: Connection) -> str:
    """This database's random id (migration 0006)."""
    value = conn.scalar(select(installation.c.id).limit(1))
    return str(value or "")
