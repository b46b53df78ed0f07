"""A claim's history and its alerts: the queries detection and the CLI run.

Every query that judges an observation is an indexed range query with a small
LIMIT, so its cost does not grow with the size of the claim's history (100k+
observations):

* known figure: two probes on ``(claim_id, span_low, span_high)``: a span that
  starts inside the new one, then a walk down the distinct ``span_low`` values
  below it (one LIMIT 1 probe per distinct value, never per row) looking for a
  span that reaches into it;
* previous statement: ``(claim_id, voice, published)``, newest first, LIMIT 1;
* conflicts and supporters: the contradiction window of ``(claim_id, published)``
  (bounded by how many observations a claim gets per window, not by history).

The stored alert rows (insert, load, per-claim counts) live in
:mod:`monitor.store.alerts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    false,
    not_,
    or_,
    select,
    true,
    update,
)

from monitor.detect.judge import ClaimHistory
from monitor.detect.model import (
    MAX_EARLIER,
    MAX_RELATED,
    OPPOSITE,
    POLARITIES,
    POSITIONS,
    ClaimRule,
    Observation,
    Span,
)
from monitor.store.schema import actor_mentions, articles, claim_observations

co = claim_observations

# a span is never wider than this factor (several thousand = [2000, 9999] is 5; the widest
# "several" interval intervals.py makes is 10): the floor of the known-figure walk
MAX_SPAN_RATIO = 10.0

_OBSERVATION_COLUMNS = (
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


def _not_wrong() -> ColumnElement[bool]:
    """Observations an editor marked as a false hit are kept, but are no part of the history."""
    return co.c.wrong_at.is_(None)


def _select_observations() -> Any:
    return (
        select(*_OBSERVATION_COLUMNS)
        .select_from(co.join(articles, articles.c.id == co.c.article_id))
        .where(_not_wrong())
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


# ---------------------------------------------------------------- one article


@dataclass(frozen=True)
class Finding:
    """A stored observation row before detection annotated it."""

    id: int
    claim: str
    observation_key: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    polarity: str | None
    source: str | None
    speaks_for: str | None


def article_findings(conn: Connection, article_id: int) -> list[Finding]:
    rows = conn.execute(
        select(
            co.c.id,
            co.c.claim_id,
            co.c.observation_key,
            co.c.value,
            co.c.low,
            co.c.high,
            co.c.qualifier,
            co.c.polarity,
            co.c.source,
            co.c.speaks_for,
        )
        .where(co.c.article_id == article_id)
        .order_by(co.c.id)
    )
    return [
        Finding(
            id=r.id,
            claim=r.claim_id,
            observation_key=r.observation_key,
            value=r.value,
            low=r.low,
            high=r.high,
            qualifier=r.qualifier or "exact",
            polarity=r.polarity,
            source=r.source,
            speaks_for=r.speaks_for,
        )
        for r in rows
    ]


def article_outlet(conn: Connection, article_id: int) -> tuple[str, str | None] | None:
    """(url, outlet) of an article, or None if there is no such article."""
    row = conn.execute(select(articles.c.url, articles.c.outlet).where(articles.c.id == article_id)).first()
    return (row.url, row.outlet) if row is not None else None


def annotate(conn: Connection, updates: Iterable[tuple[int, Span | None, str]]) -> None:
    """Store the span and voice detection computed for each observation id."""
    for observation_id, span, voice in updates:
        conn.execute(
            update(co)
            .where(co.c.id == observation_id)
            .values(span_low=span[0] if span else None, span_high=span[1] if span else None, voice=voice)
        )


def article_observations(conn: Connection, article_id: int) -> list[Observation]:
    query = _select_observations().where(co.c.article_id == article_id).order_by(co.c.id)
    return [to_observation(row) for row in conn.execute(query)]


def article_actor_ids(conn: Connection, article_id: int) -> set[str]:
    return set(
        conn.scalars(select(actor_mentions.c.actor_id).where(actor_mentions.c.article_id == article_id))
    )


# ---------------------------------------------------------------- judging one observation


def _judged(obs: Observation) -> ColumnElement[bool]:
    """Rows processed before ``obs``: other articles, and its own article's earlier sentences."""
    return not_(and_(co.c.article_id == obs.article_id, co.c.id >= obs.id))


def _before(obs: Observation) -> ColumnElement[bool]:
    return or_(co.c.published < obs.published, and_(co.c.published == obs.published, co.c.id < obs.id))


def _figures() -> ColumnElement[bool]:
    return and_(co.c.polarity.is_(None), co.c.span_low.is_not(None), co.c.span_high.is_not(None))


def _first(conn: Connection, query: Any) -> Observation | None:
    row = conn.execute(query.limit(1)).first()
    return to_observation(row) if row is not None else None


def known_figure(conn: Connection, obs: Observation) -> Observation | None:
    """A judged figure whose span overlaps ``obs``'s, or None: the figure is new."""
    assert obs.span is not None
    low, high = obs.span
    base = _select_observations().where(co.c.claim_id == obs.claim, _figures(), _judged(obs))
    starts_inside = _first(conn, base.where(co.c.span_low >= low, co.c.span_low <= high))
    if starts_inside is not None:
        return starts_inside
    # spans starting below: walk down the distinct span_low values, widest span first. One
    # statement object for the whole walk (bound ceiling): SQLAlchemy compiles it once.
    walk = (
        select(co.c.id, co.c.span_low, co.c.span_high)
        .where(co.c.claim_id == obs.claim, co.c.span_low < bindparam("ceiling"), _judged(obs), _not_wrong())
        .order_by(co.c.span_low.desc(), co.c.span_high.desc())
        .limit(1)
    )
    if low > 0:
        walk = walk.where(co.c.span_low >= low / MAX_SPAN_RATIO)
    ceiling = low
    while True:
        row = conn.execute(walk, {"ceiling": ceiling}).first()
        if row is None:
            return None
        if row.span_high >= low:
            return _first(conn, _select_observations().where(co.c.id == row.id))
        ceiling = row.span_low


def _positions(obs: Observation, *, recalled: bool) -> ColumnElement[bool]:
    """The speaker's positions on the claim, recalled ones or the ones taken at their date."""
    return and_(
        co.c.claim_id == obs.claim,
        co.c.voice == obs.speaker,
        co.c.polarity.in_(sorted(POSITIONS)),
        co.c.recalled.is_(true()) if recalled else co.c.recalled.is_(false()),
    )


def previous_statement(conn: Connection, obs: Observation) -> Observation | None:
    if not obs.speaker:
        return None
    return _first(
        conn,
        _select_observations()
        .where(_positions(obs, recalled=False), _before(obs))
        .order_by(co.c.published.desc(), co.c.id.desc()),
    )


def next_statement(conn: Connection, obs: Observation) -> Observation | None:
    """The speaker's earliest judged position published after ``obs`` (late arrivals only)."""
    if not obs.speaker:
        return None
    return _first(
        conn,
        _select_observations()
        .where(_positions(obs, recalled=False), not_(_before(obs)), co.c.id != obs.id, _judged(obs))
        .order_by(co.c.published, co.c.id),
    )


def recalled_statement(conn: Connection, obs: Observation) -> Observation | None:
    """The speaker's latest recalled position judged before ``obs`` or in its own article."""
    if not obs.speaker:
        return None
    judged_before = and_(_judged(obs), _before(obs))
    return _first(
        conn,
        _select_observations()
        .where(_positions(obs, recalled=True), co.c.id != obs.id)
        .where(or_(judged_before, co.c.article_id == obs.article_id))
        .order_by(co.c.published.desc(), co.c.id.desc()),
    )


def _unindexed(column: Any) -> Any:
    """``column + 0``: the same value, but not an indexed column any more.

    Without statistics (no ANALYZE) SQLite's planner picks the span index for
    "same voice, overlapping span, within the window" and scans most of the
    claim; the voice index is the one that keeps the query small.
    """
    return column + 0


def _agreeing(obs: Observation) -> ColumnElement[bool]:
    if obs.is_figure:
        assert obs.span is not None
        low, high = _unindexed(co.c.span_low), _unindexed(co.c.span_high)
        return and_(co.c.polarity.is_(None), low <= obs.span[1], high >= obs.span[0])
    return co.c.polarity == obs.polarity


def _disagreeing(obs: Observation) -> ColumnElement[bool] | None:
    if obs.is_figure:
        assert obs.span is not None
        if not obs.comparable:
            return None
        return and_(
            _figures(),
            co.c.qualifier != "additional",
            or_(co.c.span_high < obs.span[0], co.c.span_low > obs.span[1]),
        )
    opposite = OPPOSITE.get(obs.polarity or "")
    return co.c.polarity == opposite if opposite else None


def _merged(times: Iterable[datetime], window: timedelta) -> list[tuple[datetime, datetime]]:
    ranges: list[tuple[datetime, datetime]] = []
    for t in sorted(times):
        if ranges and t - window <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], t + window)
        else:
            ranges.append((t - window, t + window))
    return ranges


def claim_history(conn: Connection, obs: Observation, rule: ClaimRule) -> ClaimHistory:
    """The ClaimHistory of ``obs`` (same result as detect.history_from over all rows)."""
    window = rule.window
    # recalled statements are history only: no conflict, no supporter (see monitor.detect.judge)
    in_claim = and_(co.c.claim_id == obs.claim, _judged(obs), co.c.recalled.is_(false()))
    supporters = [
        to_observation(row)
        for row in conn.execute(
            _select_observations()
            .where(in_claim, co.c.voice == obs.voice, _agreeing(obs))
            .where(co.c.published >= obs.published - 2 * window, co.c.published <= obs.published + window)
        )
    ]
    conflicts: list[Observation] = []
    disagreeing = _disagreeing(obs)
    if disagreeing is not None:
        query = (
            _select_observations()
            .where(in_claim, co.c.voice != obs.voice, disagreeing)
            .where(co.c.published >= obs.published - window, co.c.published <= obs.published + window)
        )
        # conflicts a supporter already met were reported then: leave their time ranges out
        for start, end in _merged((p.published for p in supporters), window):
            query = query.where(not_(and_(co.c.published >= start, co.c.published <= end)))
        query = query.order_by(co.c.published.desc(), co.c.id.desc()).limit(MAX_RELATED)
        conflicts = [to_observation(row) for row in conn.execute(query)]
    kind = _figures() if obs.is_figure else co.c.polarity.in_(sorted(POLARITIES))
    earlier = [
        to_observation(row)
        for row in conn.execute(
            _select_observations()
            .where(co.c.claim_id == obs.claim, kind, _before(obs))
            .order_by(co.c.published.desc(), co.c.id.desc())
            .limit(MAX_EARLIER)
        )
    ]
    fallen = falls_around(conn, obs) if rule.accumulates and obs.is_figure and obs.comparable else []
    positioned = obs.is_position
    previous = previous_statement(conn, obs) if positioned else None
    # only a late statement with no earlier one is compared with the next one
    following = next_statement(conn, obs) if positioned and previous is None else None
    fallback = None
    if positioned and previous is None and following is None:
        fallback = recalled_statement(conn, obs)
    return ClaimHistory(
        known_figure=known_figure(conn, obs) if obs.is_figure else None,
        previous_statement=previous,
        next_statement=following,
        recalled_statement=fallback,
        conflicts=conflicts,
        supporters=supporters,
        earlier=earlier,
        fallen=fallen,
    )


def falls_around(conn: Connection, obs: Observation) -> list[Observation]:
    """Running totals: judged figures published before ``obs`` wholly above it, and (late
    arrivals) published after it wholly below it; the newest of each, as detect.falls_between."""
    assert obs.span is not None
    current = and_(
        co.c.claim_id == obs.claim,
        _judged(obs),
        co.c.recalled.is_(false()),
        _figures(),
        co.c.qualifier != "additional",
    )
    above_before = _select_observations().where(current, _before(obs), co.c.span_low > obs.span[1])
    below_after = _select_observations().where(
        current, not_(_before(obs)), co.c.id != obs.id, co.c.span_high < obs.span[0]
    )
    found: list[Observation] = []
    for query in (above_before, below_after):
        ordered = query.order_by(co.c.published.desc(), co.c.id.desc()).limit(MAX_RELATED)
        found.extend(to_observation(row) for row in conn.execute(ordered))
    found.sort(key=lambda o: o.key, reverse=True)
    return found[:MAX_RELATED]


# ---------------------------------------------------------------- claims view


def claim_timeline(conn: Connection, claim_id: str, limit: int = 500) -> list[Observation]:
    """The latest ``limit`` observations of a claim, oldest first."""
    rows = conn.execute(
        _select_observations()
        .where(co.c.claim_id == claim_id)
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(limit)
    )
    return list(reversed([to_observation(row) for row in rows]))
