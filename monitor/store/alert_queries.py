"""The reads behind the web's alert pages, the REST API's alerts and the live stream: stored
alerts joined with their observation, their article and their review.

Lists are keyset-paginated: the caller passes the sort key of the last row it
showed (``after``) and gets the rows behind it, so page 500 costs what page 1
costs and rows arriving meanwhile never shift a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, func, or_, select, tuple_

from monitor.store.alerts import AlertRecord, record_fields
from monitor.store.schema import (
    actor_mentions,
    alert_reviews,
    alerts,
    articles,
    claim_mutes,
    claim_observations,
)

co = claim_observations
Key = tuple[datetime, int]  # (published, id): the sort key a page ends on


@dataclass(frozen=True)
class AlertFilter:
    claim: str | None = None
    kind: str | None = None
    actor: str | None = None
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    # open: neither acknowledged nor wrong; also: acknowledged, wrong, all
    state: str = "all"
    include_muted: bool = True
    article_id: int | None = None


@dataclass(frozen=True)
class AlertView(AlertRecord):
    """A stored alert as the web shows it: the record plus its observation and its review."""

    observation_id: int
    source: str | None
    article_id: int
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    wrong_by: str | None
    wrong_at: datetime | None


def _alert_select() -> Any:
    return select(
        alerts.c.id,
        alerts.c.kind,
        alerts.c.claim_id,
        alerts.c.value,
        alerts.c.polarity,
        alerts.c.from_polarity,
        alerts.c.to_polarity,
        alerts.c.sources,
        alerts.c.summary,
        alerts.c.details,
        alerts.c.observation_id,
        alerts.c.article_id,
        alerts.c.published,
        alerts.c.created_at,
        alerts.c.historical,
        co.c.qualifier,
        co.c.source,
        co.c.sentence,
        articles.c.url,
        articles.c.title,
        articles.c.outlet,
        alert_reviews.c.acknowledged_by,
        alert_reviews.c.acknowledged_at,
        alert_reviews.c.wrong_by,
        alert_reviews.c.wrong_at,
    ).select_from(
        alerts.join(articles, articles.c.id == alerts.c.article_id)
        .join(co, co.c.id == alerts.c.observation_id)
        .outerjoin(alert_reviews, alert_reviews.c.alert_id == alerts.c.id)
    )


def _alert_view(row: Any) -> AlertView:
    m = row._mapping
    return AlertView(
        **record_fields(m),
        observation_id=int(m["observation_id"]),
        source=m["source"],
        article_id=int(m["article_id"]),
        acknowledged_by=m["acknowledged_by"],
        acknowledged_at=m["acknowledged_at"],
        wrong_by=m["wrong_by"],
        wrong_at=m["wrong_at"],
    )


def list_alerts(
    conn: Connection, where: AlertFilter, *, now: datetime, after: Key | None = None, limit: int = 50
) -> list[AlertView]:
    """Alerts newest first (by the story's time, then id), behind ``after``."""
    query = _alert_select()
    if where.claim:
        query = query.where(alerts.c.claim_id == where.claim)
    if where.article_id is not None:
        query = query.where(alerts.c.article_id == where.article_id)
    if where.kind:
        query = query.where(alerts.c.kind == where.kind)
    if where.actor:
        mentioned = exists().where(
            actor_mentions.c.article_id == alerts.c.article_id, actor_mentions.c.actor_id == where.actor
        )
        query = query.where(or_(mentioned, co.c.source == where.actor, co.c.speaks_for == where.actor))
    if where.source:
        query = query.where(
            or_(
                co.c.source == where.source,
                co.c.speaks_for == where.source,
                articles.c.outlet == where.source,
            )
        )
    if where.since is not None:
        query = query.where(alerts.c.published >= where.since)
    if where.until is not None:
        query = query.where(alerts.c.published < where.until)
    if where.state == "open":
        query = query.where(alert_reviews.c.acknowledged_at.is_(None), alert_reviews.c.wrong_at.is_(None))
    elif where.state == "acknowledged":
        query = query.where(alert_reviews.c.acknowledged_at.is_not(None))
    elif where.state == "wrong":
        query = query.where(alert_reviews.c.wrong_at.is_not(None))
    if not where.include_muted:
        muted = exists().where(claim_mutes.c.claim_id == alerts.c.claim_id, claim_mutes.c.muted_until > now)
        query = query.where(~muted)
    if after is not None:
        published, last_id = after
        # a row-value comparison, which both backends answer from the (published, id) index
        query = query.where(tuple_(alerts.c.published, alerts.c.id) < tuple_(published, last_id))
    query = query.order_by(alerts.c.published.desc(), alerts.c.id.desc()).limit(limit)
    return [_alert_view(row) for row in conn.execute(query)]


def get_alert(conn: Connection, alert_id: int) -> AlertView | None:
    row = conn.execute(_alert_select().where(alerts.c.id == alert_id)).first()
    return _alert_view(row) if row is not None else None


def alerts_after_id(conn: Connection, last_id: int, limit: int = 100) -> list[AlertView]:
    """Alerts stored after ``last_id``, oldest first: what the live stream sends next."""
    query = _alert_select().where(alerts.c.id > last_id).order_by(alerts.c.id).limit(limit)
    return [_alert_view(row) for row in conn.execute(query)]


def last_alert_id(conn: Connection) -> int:
    return int(conn.scalar(select(func.max(alerts.c.id))) or 0)


def claim_alerts(conn: Connection, claim_id: str, limit: int = 2000) -> list[AlertView]:
    """A claim's alerts in time order (the chart marks them on its time axis)."""
    query = (
        _alert_select()
        .where(alerts.c.claim_id == claim_id)
        .order_by(alerts.c.published, alerts.c.id)
        .limit(limit)
    )
    return [_alert_view(row) for row in conn.execute(query)]
