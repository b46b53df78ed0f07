"""Storing an article's claim observations, and handing them on as detection sees them.

Storing is where an observation gets its id, so the insert returns the
:class:`~monitor.detect.Observation` values detection judges (ids, spans,
voices): the alert stage works on what it was given and never reads back the
rows it just wrote. :func:`article_observations` loads the same values for an
article stored earlier (re-judging it, tests, the CLI) in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from monitor.detect.model import Observation, Span
from monitor.store.history import observation_columns, to_observation
from monitor.store.schema import actor_mentions, articles, claim_observations

co = claim_observations


@dataclass(frozen=True)
class NewObservation:
    """One finding ready to store, with the span and voice detection compares."""

    claim: str
    observation_key: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    polarity: str | None
    source: str | None
    speaks_for: str | None
    sentence: str
    recalled: bool
    span: Span | None
    voice: str


@dataclass(frozen=True)
class StoredObservation:
    """A stored observation and the key its alerts' dedupe keys are made of."""

    observation: Observation
    observation_key: str


@dataclass(frozen=True)
class ArticleObservations:
    """What the alert stage needs of one article: where it is, who it mentions, what it states."""

    article_id: int
    url: str
    mentioned: frozenset[str]
    observations: list[StoredObservation]


def insert_observations(
    conn: Connection,
    article_id: int,
    rows: Sequence[NewObservation],
    *,
    published: datetime,
    url: str | None,
    outlet: str | None,
) -> list[StoredObservation]:
    """Insert the rows in sentence order; return them as detection's Observations, ids included."""
    stored: list[StoredObservation] = []
    for row in rows:  # one by one: ids must follow sentence order on every backend
        result = conn.execute(
            co.insert().values(
                article_id=article_id,
                claim_id=row.claim,
                observation_key=row.observation_key,
                value=row.value,
                low=row.low,
                high=row.high,
                qualifier=row.qualifier,
                polarity=row.polarity,
                source=row.source,
                speaks_for=row.speaks_for,
                sentence=row.sentence,
                published=published,
                recalled=row.recalled,
                span_low=row.span[0] if row.span else None,
                span_high=row.span[1] if row.span else None,
                voice=row.voice,
            )
        )
        inserted = result.inserted_primary_key
        assert inserted is not None
        observation = Observation(
            id=int(inserted[0]),
            claim=row.claim,
            article_id=article_id,
            published=published,
            value=row.value,
            qualifier=row.qualifier or "exact",
            polarity=row.polarity,
            source=row.source,
            speaks_for=row.speaks_for,
            span=row.span,
            outlet=outlet,
            url=url,
            sentence=row.sentence,
            recalled=row.recalled,
        )
        stored.append(StoredObservation(observation, row.observation_key))
    return stored


def article_observations(conn: Connection, article_id: int) -> ArticleObservations | None:
    """An article stored earlier, as the alert stage takes it (None: no such article)."""
    article = conn.execute(select(articles.c.url).where(articles.c.id == article_id)).first()
    if article is None:
        return None
    rows = conn.execute(
        select(*observation_columns(), co.c.observation_key)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(co.c.article_id == article_id, co.c.wrong_at.is_(None))  # an editor's false hits: out
        .order_by(co.c.id)
    ).all()
    mentioned: frozenset[str] = frozenset()
    if rows:  # an article without observations raises nothing: no need to know whom it mentions
        mentioned = frozenset(
            conn.scalars(select(actor_mentions.c.actor_id).where(actor_mentions.c.article_id == article_id))
        )
    stored = [StoredObservation(to_observation(row), row.observation_key) for row in rows]
    return ArticleObservations(article_id, article.url, mentioned, stored)
