"""Claim observation rows: stored once with what detection compares, read back as Observations.

An observation is stored with its span (the bounded interval of its figure,
widened per claim) and its voice (who counts as "the same source"), so the
alert stage gets everything it needs from the insert: the rows handed on are
the ones stored, ids included, and nothing is read back or annotated later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

from monitor.detect.model import Observation, Span, span_of, voice_of
from monitor.store.schema import articles, claim_observations
from monitor.text.numbers.intervals import Widening

co = claim_observations

OBSERVATION_COLUMNS = (
    co.c.id,
    co.c.claim_id,
    co.c.article_id,
    co.c.published,
    co.c.value,
    co.c.qualifier,
    co.c.polarity,
    co.c.source,
    co.c.speaks_for,
    co.c.span_low,
    co.c.span_high,
    co.c.sentence,
    co.c.recalled,
    articles.c.outlet,
    articles.c.url,
)


def not_wrong(table: Any = co) -> ColumnElement[bool]:
    """Observations an editor marked as a false hit are kept, but are no part of the history."""
    unmarked: ColumnElement[bool] = table.c.wrong_at.is_(None)
    return unmarked


def select_observations() -> Any:
    """The columns of an Observation, from the observation and its article, false hits left out."""
    return (
        select(*OBSERVATION_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(not_wrong())
    )


def to_observation(row: Any) -> Observation:
    m = row._mapping
    span: Span | None = None
    if m["span_low"] is not None and m["span_high"] is not None:
        span = (float(m["span_low"]), float(m["span_high"]))
    return Observation(
        id=int(m["id"]),
        claim=m["claim_id"],
        article_id=int(m["article_id"]),
        published=m["published"],
        value=m["value"],
        qualifier=m["qualifier"] or "exact",
        polarity=m["polarity"],
        source=m["source"],
        speaks_for=m["speaks_for"],
        span=span,
        outlet=m["outlet"],
        url=m["url"],
        sentence=m["sentence"] or "",
        recalled=bool(m["recalled"]),
    )


@dataclass(frozen=True)
class PendingObservation:
    """A stored observation waiting to be judged: what detection compares, the key its alerts'
    dedupe keys derive from, and whether its article is historical (a backfill: no deliveries)."""

    observation: Observation
    key: str
    historical: bool


def as_utc(moment: datetime) -> datetime:
    """The value the ``published`` column gives back for ``moment`` (UTC, aware), so an
    observation handed on from the insert equals the one a later read returns."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC)


def insert_observations(
    conn: Connection,
    article_id: int,
    rows: Sequence[dict[str, Any]],
    *,
    outlet: str | None,
    url: str,
    historical: bool,
    widening: Mapping[str, Widening],
) -> list[PendingObservation]:
    """Insert an article's observation rows (finding columns, ``published`` and ``observation_key``)
    with their span and voice; returns them as detection sees them, in sentence order.

    ``widening``: per claim id (a claim not in it gets the default widening).
    """
    stored: list[PendingObservation] = []
    for row in rows:  # one by one: ids must follow sentence order on every backend
        value = None if row.get("value") is None else float(row["value"])
        low = None if row.get("low") is None else float(row["low"])
        high = None if row.get("high") is None else float(row["high"])
        claim = str(row["claim_id"])
        polarity = row.get("polarity")
        span: Span | None = None
        if polarity is None:
            bounds = span_of(value, low, high, row.get("qualifier"), widening.get(claim, Widening()))
            # floats, as the span columns give them back
            span = (float(bounds[0]), float(bounds[1])) if bounds is not None else None
        voice = voice_of(row.get("speaks_for"), row.get("source"), outlet, article_id)
        values = {
            **row,
            "article_id": article_id,
            "span_low": span[0] if span else None,
            "span_high": span[1] if span else None,
            "voice": voice,
        }
        inserted = conn.execute(co.insert().values(**values)).inserted_primary_key
        assert inserted is not None
        observation = Observation(
            id=int(inserted[0]),
            claim=claim,
            article_id=article_id,
            published=as_utc(row["published"]),
            value=value,
            qualifier=row.get("qualifier") or "exact",
            polarity=polarity,
            source=row.get("source"),
            speaks_for=row.get("speaks_for"),
            span=span,
            outlet=outlet,
            url=url,
            sentence=row.get("sentence") or "",
            recalled=bool(row.get("recalled", False)),
        )
        stored.append(PendingObservation(observation, str(row["observation_key"]), historical))
    return stored
