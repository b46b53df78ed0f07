"""The reads behind a claim's chart, history and export and an article's page: observations
joined with their article, as the web shows them.

Lists are keyset-paginated: the caller passes the sort key of the last row it
showed (``after``) and gets the rows behind it, so page 500 costs what page 1
costs and rows arriving meanwhile never shift a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, tuple_

from monitor.store.schema import articles, claim_observations

co = claim_observations
Key = tuple[datetime, int]  # (published, id): the sort key a page ends on


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
