"""The queries of judging in publication order: what is ready, what deliveries need, the marks.

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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, false, func, literal, select, union_all, update

from monitor.store.observations import (
    OBSERVATION_COLUMNS,
    PendingObservation,
    not_wrong,
    select_observations,
    to_observation,
)
from monitor.store.schema import actor_mentions, articles, claim_mutes, claim_observations, installation

co = claim_observations

# ready observations judged per statement that reads them
BATCH = 500

# "nothing holds it back": later than every publication date
NO_HORIZON = datetime(9999, 12, 31)


def _horizon() -> Any:
    """One row: the publication date before which observations are ready (NULL: all are).
    Pending articles discovered before ``since`` (now minus the hold) hold back nothing."""
    published = func.coalesce(articles.c.published, articles.c.discovered_at)
    return (
        select(func.min(published).label("before"))
        .where(
            articles.c.status == "pending",
            articles.c.attempts == 0,
            articles.c.historical.is_(false()),
            articles.c.discovered_at >= bindparam("since", type_=articles.c.discovered_at.type),
        )
        .subquery("horizon")
    )


def _pending(row: Any) -> PendingObservation:
    return PendingObservation(to_observation(row), str(row.observation_key), bool(row.historical))


@cache
def _first_ready_query(other_article: bool, limit: int) -> Any:
    """Built once per shape (bound parameters), so SQLAlchemy compiles it once."""
    horizon = _horizon()
    ready = [
        co.c.judged.is_(false()),
        not_wrong(),
        co.c.published < func.coalesce(horizon.c.before, literal(NO_HORIZON, co.c.published.type)),
    ]
    if other_article:
        ready.append(co.c.article_id != bindparam("other_than"))
    return (
        select(horizon.c.before, *OBSERVATION_COLUMNS, co.c.observation_key, articles.c.historical)
        .select_from(
            horizon.outerjoin(co, and_(*ready)).outerjoin(articles, articles.c.id == co.c.article_id)
        )
        .order_by(co.c.published, co.c.id)
        .limit(limit)
    )


def first_ready(
    conn: Connection, *, now: datetime, hold_seconds: float, other_than: int | None = None, limit: int = BATCH
) -> tuple[datetime | None, list[PendingObservation]]:
    """The readiness horizon (observations published before it are ready; None: every stored one
    is) and the unjudged, ready observations of articles other than ``other_than`` in publication
    (then sentence) order, in one statement.

    The horizon is a one-row aggregate, LEFT JOINed to the ready rows, so it comes back even when
    no other observation waits (the caller then judges only the ones it has just stored).
    """
    params: dict[str, Any] = {"since": now - timedelta(seconds=hold_seconds)}
    if other_than is not None:
        params["other_than"] = other_than
    rows = conn.execute(_first_ready_query(other_than is not None, limit), params).all()
    before: datetime | None = rows[0].before if rows else None
    return before, [_pending(row) for row in rows if row.id is not None]


def has_unjudged(conn: Connection) -> bool:
    return conn.scalar(select(co.c.id).where(co.c.judged.is_(false())).limit(1)) is not None


def ready_observations(
    conn: Connection, before: datetime | None, limit: int = BATCH
) -> list[PendingObservation]:
    """Unjudged observations published before ``before``, in publication (then sentence) order."""
    query = (
        select_observations()
        .add_columns(co.c.observation_key, articles.c.historical)
        .where(co.c.judged.is_(false()))
    )
    if before is not None:
        query = query.where(co.c.published < before)
    rows = conn.execute(query.order_by(co.c.published, co.c.id).limit(limit))
    return [_pending(row) for row in rows]


def mark_judged(conn: Connection, observation_ids: Sequence[int]) -> None:
    if observation_ids:
        conn.execute(update(co).where(co.c.id.in_(list(observation_ids))).values(judged=True))


@dataclass(frozen=True)
class DeliveryFacts:
    """What queueing deliveries needs besides the alert: this database's random id (migration
    0006, part of every message id) and the claims an editor muted (their alerts are kept,
    none is sent)."""

    installation: str
    muted: frozenset[str]


def delivery_facts(conn: Connection, now: datetime) -> DeliveryFacts:
    """Both in one statement (the mutes are a handful of rows, the installation one)."""
    rows = conn.execute(_delivery_facts_query(), {"now": now}).all()
    found = next((str(row.name) for row in rows if row.what == "installation"), "")
    return DeliveryFacts(found, frozenset(str(row.name) for row in rows if row.what == "muted"))


@cache
def _delivery_facts_query() -> Any:
    ours = select(literal("installation").label("what"), installation.c.id.label("name")).limit(1)
    muted = select(literal("muted").label("what"), claim_mutes.c.claim_id.label("name")).where(
        claim_mutes.c.muted_until > bindparam("now", type_=claim_mutes.c.muted_until.type)
    )
    return union_all(ours.subquery().select(), muted)


def article_actor_ids(conn: Connection, article_id: int) -> set[str]:
    return set(
        conn.scalars(select(actor_mentions.c.actor_id).where(actor_mentions.c.article_id == article_id))
    )
