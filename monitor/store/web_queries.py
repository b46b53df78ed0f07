"""The reads behind the web pages and the REST API: alerts with their reviews, a claim's
observations, articles, per-actor and per-claim counts.

Lists are keyset-paginated: the caller passes the sort key of the last row it
showed (``after``) and gets the rows behind it, so page 500 costs what page 1
costs and rows arriving meanwhile never shift a page.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    deliveries,
)

co = claim_observations
Key = tuple[datetime, int]


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


# ---------------------------------------------------------------- observations


@dataclass(frozen=True)
class ObservationView:
    id: int
    claim: str
    article_id: int
    published: datetime
    value: float | None
    low: float | None
    high: float | None
    span_low: float | None
    span_high: float | None
    qualifier: str
    polarity: str | None
    source: str | None
    speaks_for: str | None
    voice: str | None
    recalled: bool
    sentence: str
    outlet: str | None
    url: str
    title: str
    wrong_by: str | None
    wrong_at: datetime | None


_OBS_COLUMNS = (
    co.c.id,
    co.c.claim_id,
    co.c.article_id,
    co.c.published,
    co.c.value,
    co.c.low,
    co.c.high,
    co.c.span_low,
    co.c.span_high,
    co.c.qualifier,
    co.c.polarity,
    co.c.source,
    co.c.speaks_for,
    co.c.voice,
    co.c.recalled,
    co.c.sentence,
    articles.c.outlet,
    articles.c.url,
    articles.c.title,
    co.c.wrong_by,
    co.c.wrong_at,
)


def _observation_view(row: Any) -> ObservationView:
    m = row._mapping
    return ObservationView(
        id=int(m["id"]),
        claim=m["claim_id"],
        article_id=int(m["article_id"]),
        published=m["published"],
        value=m["value"],
        low=m["low"],
        high=m["high"],
        span_low=m["span_low"],
        span_high=m["span_high"],
        qualifier=m["qualifier"] or "exact",
        polarity=m["polarity"],
        source=m["source"],
        speaks_for=m["speaks_for"],
        voice=m["voice"],
        recalled=bool(m["recalled"]),
        sentence=m["sentence"] or "",
        outlet=m["outlet"],
        url=m["url"],
        title=m["title"] or "",
        wrong_by=m["wrong_by"],
        wrong_at=m["wrong_at"],
    )


def claim_observations_page(
    conn: Connection,
    claim_id: str,
    *,
    after: Key | None = None,
    limit: int | None = 500,
    include_wrong: bool = False,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[ObservationView]:
    """A claim's observations in time order (oldest first), behind ``after``.

    Marked-wrong observations are no part of the history unless asked for.
    """
    query = (
        select(*_OBS_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(co.c.claim_id == claim_id)
    )
    if not include_wrong:
        query = query.where(co.c.wrong_at.is_(None))
    if source:
        query = query.where(or_(co.c.source == source, co.c.speaks_for == source))
    if since is not None:
        query = query.where(co.c.published >= since)
    if until is not None:
        query = query.where(co.c.published < until)
    if after is not None:
        published, last_id = after
        query = query.where(tuple_(co.c.published, co.c.id) > tuple_(published, last_id))
    query = query.order_by(co.c.published, co.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [_observation_view(row) for row in conn.execute(query)]


def latest_observations(conn: Connection, claim_id: str, limit: int) -> list[ObservationView]:
    """The latest ``limit`` observations of a claim's history (not marked wrong), oldest first."""
    query = (
        select(*_OBS_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(co.c.claim_id == claim_id, co.c.wrong_at.is_(None))
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(limit)
    )
    return list(reversed([_observation_view(row) for row in conn.execute(query)]))


def wrong_observations(conn: Connection, claim_id: str, limit: int = 200) -> list[ObservationView]:
    """A claim's observations marked wrong, latest mark first."""
    query = (
        select(*_OBS_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(co.c.claim_id == claim_id, co.c.wrong_at.is_not(None))
        .order_by(co.c.wrong_at.desc(), co.c.id.desc())
        .limit(limit)
    )
    return [_observation_view(row) for row in conn.execute(query)]


def article_observation_views(conn: Connection, article_id: int) -> list[ObservationView]:
    query = (
        select(*_OBS_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(co.c.article_id == article_id)
        .order_by(co.c.id)
    )
    return [_observation_view(row) for row in conn.execute(query)]


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


# ---------------------------------------------------------------- articles, feeds, deliveries


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    language: str | None
    status: str
    origin: str


_ARTICLE_SUMMARY = (
    articles.c.id,
    articles.c.title,
    articles.c.url,
    articles.c.outlet,
    articles.c.published,
    articles.c.language,
    articles.c.status,
    articles.c.origin,
)


def _summary(row: Any) -> ArticleSummary:
    return ArticleSummary(**row._mapping)


def list_article_summaries(
    conn: Connection,
    *,
    after: int | None = None,
    limit: int = 50,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    ids: Sequence[int] | None = None,
) -> list[ArticleSummary]:
    """Articles newest id first (ids grow with discovery), behind the id ``after``."""
    query = select(*_ARTICLE_SUMMARY)
    if ids is not None:
        query = query.where(articles.c.id.in_(list(ids)))
    if actor:
        query = query.where(
            exists().where(actor_mentions.c.article_id == articles.c.id, actor_mentions.c.actor_id == actor)
        )
    if since is not None:
        query = query.where(articles.c.published >= since)
    if until is not None:
        query = query.where(articles.c.published < until)
    if after is not None:
        query = query.where(articles.c.id < after)
    return [_summary(row) for row in conn.execute(query.order_by(articles.c.id.desc()).limit(limit))]


@dataclass(frozen=True)
class ArticleDetail:
    id: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    discovered_at: datetime
    language: str | None
    status: str
    origin: str
    text: str | None
    summary: str
    text_source: str | None
    fallback_reason: str | None
    error: str | None
    actors: dict[str, int]


def get_article_detail(conn: Connection, article_id: int) -> ArticleDetail | None:
    row = conn.execute(
        select(
            *_ARTICLE_SUMMARY,
            articles.c.discovered_at,
            articles.c.text,
            articles.c.summary,
            articles.c.text_source,
            articles.c.fallback_reason,
            articles.c.error,
        ).where(articles.c.id == article_id)
    ).first()
    if row is None:
        return None
    mentions = {
        str(r[0]): int(r[1])
        for r in conn.execute(
            select(actor_mentions.c.actor_id, actor_mentions.c.count).where(
                actor_mentions.c.article_id == article_id
            )
        )
    }
    return ArticleDetail(**row._mapping, actors=mentions)


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
