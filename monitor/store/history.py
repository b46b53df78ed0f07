"""A claim's history and its alerts: the queries detection and the CLI run.

Judging one observation costs at most four statements, whatever the size of
the claim's history (100k+ observations), each an indexed range query with a
small LIMIT:

* known figure (figures): one statement on ``(claim_id, span_low, span_high)``:
  a span that starts inside the new one, else a walk down the distinct
  ``span_low`` values below it (a recursive CTE, one LIMIT 1 probe per distinct
  value, never per row) looking for a span that reaches into it;
* previous, next and recalled statement (positions): one UNION ALL of three
  LIMIT 1 probes on ``(claim_id, voice, published)``;
* supporters and conflicts: the contradiction window of ``(claim_id, voice,
  published)`` and ``(claim_id, published)`` (bounded by how many observations
  a claim gets per window, not by its history);
* earlier figures or statements for display: newest first, LIMIT 5.

The stored alert rows (insert, load, per-claim counts) live in
:mod:`monitor.store.alerts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    and_,
    bindparam,
    cast,
    false,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    true,
    union_all,
    update,
)

from monitor.detect.judge import ClaimHistory, repeats, rounding_unit
from monitor.detect.model import (
    LOWER_BOUNDS,
    MAX_EARLIER,
    MAX_RELATED,
    OPPOSITE,
    POLARITIES,
    POSITIONS,
    UPPER_BOUNDS,
    ClaimRule,
    Observation,
    Span,
    normal_qualifier,
    spellings,
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


def _not_wrong(table: Any = co) -> ColumnElement[bool]:
    """Observations an editor marked as a false hit are kept, but are no part of the history."""
    unmarked: ColumnElement[bool] = table.c.wrong_at.is_(None)
    return unmarked


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


# ---------------------------------------------------------------- judging one observation


def _judged(obs: Observation) -> ColumnElement[bool]:
    """Rows judged before ``obs``: judged rows of other articles, and its own article's earlier
    sentences. Stored but unjudged rows (published after something still pending) are not
    history yet: they are judged after ``obs``, in publication order."""
    other_article = and_(co.c.article_id != obs.article_id, co.c.judged.is_(true()))
    return or_(other_article, and_(co.c.article_id == obs.article_id, co.c.id < obs.id))


def _before(obs: Observation) -> ColumnElement[bool]:
    return or_(co.c.published < obs.published, and_(co.c.published == obs.published, co.c.id < obs.id))


def _figures() -> ColumnElement[bool]:
    return and_(co.c.polarity.is_(None), co.c.span_low.is_not(None), co.c.span_high.is_not(None))


def _judged_by_params(table: Any = co) -> ColumnElement[bool]:
    """Rows judged before the observation (bound parameters ``article_id`` and ``obs_id``):
    judged rows of other articles, and its own article's earlier sentences. Stored but
    unjudged rows (published after something still pending) are not history yet."""
    other_article = and_(table.c.article_id != bindparam("article_id"), table.c.judged.is_(true()))
    own_earlier = and_(table.c.article_id == bindparam("article_id"), table.c.id < bindparam("obs_id"))
    judged: ColumnElement[bool] = or_(other_article, own_earlier)
    return judged


def _repeating(table: Any = co) -> ColumnElement[bool]:
    """Figures that repeat an exact one (detect.judge.repeats): exact ones, or (not "several")
    the same value or a value that is no multiple of the exact figure's rounding unit."""
    unit = cast(bindparam("unit"), Float)
    rounder = func.round(table.c.value / unit) * unit == table.c.value
    return or_(
        table.c.qualifier == "exact",
        and_(table.c.qualifier != "several", or_(table.c.value == bindparam("value"), not_(rounder))),
    )


@cache
def _known_figure_query(floored: bool, exact_only: bool = False) -> Any:
    """The known-figure statement, built once per shape: SQLAlchemy then compiles it once too.

    Either a span starts inside the new one (one range probe on the span index), or one
    starting below it reaches into it. The second is a walk down the distinct ``span_low``
    values below, widest span first, one LIMIT 1 index probe per distinct value (never per
    row), done by the database as a recursive CTE: it stops at the first span that reaches far
    enough, or at the floor no span can reach up from (spans are at most MAX_SPAN_RATIO wide).
    """
    inside = (
        select(co.c.id)
        .where(co.c.claim_id == bindparam("claim"), _figures(), _judged_by_params(), _not_wrong())
        .where(co.c.span_low >= bindparam("low"), co.c.span_low <= bindparam("high"))
        .where(_repeating() if exact_only else true())
        .limit(1)
    )
    # typed casts: PostgreSQL infers the CTE's column types from this first row
    seed = select(
        cast(null(), Integer).label("id"),
        cast(bindparam("low"), Float).label("span_low"),
        cast(null(), Float).label("span_high"),
    )
    walk = seed.cte("walk", recursive=True)
    probe = co.alias("probe")
    below = [
        probe.c.claim_id == bindparam("claim"),
        probe.c.span_low < walk.c.span_low,
        _judged_by_params(probe),
        _not_wrong(probe),
    ]
    if floored:
        below.append(probe.c.span_low >= bindparam("floor"))
    if exact_only:
        below.append(_repeating(probe))
    next_below = (
        select(probe.c.id)
        .where(*below)
        .order_by(probe.c.span_low.desc(), probe.c.span_high.desc())
        .limit(1)
        .scalar_subquery()
    )
    step = co.alias("step")
    walk = walk.union_all(
        select(step.c.id, step.c.span_low, step.c.span_high)
        .select_from(walk.join(step, step.c.id == next_below))
        .where(or_(walk.c.span_high.is_(None), walk.c.span_high < bindparam("low")))
    )
    reaching = select(walk.c.id).where(walk.c.span_high >= bindparam("low")).limit(1)
    # the walk runs only when no span starts inside: both engines stop a UNION ALL under
    # LIMIT 1 at its first row, and which overlapping figure is found does not matter
    found = union_all(inside.subquery().select(), reaching.subquery().select()).limit(1).scalar_subquery()
    return _select_observations().where(co.c.id == found)


def known_figure(conn: Connection, obs: Observation) -> Observation | None:
    """A judged figure whose span overlaps ``obs``'s and repeats it (detect.judge.repeats), or
    None: the figure is new. One statement; a second one, for an exact figure, when the first
    found only a qualified figure of another value ("about 30,000" for "29,605")."""
    assert obs.span is not None
    low, high = obs.span
    params: dict[str, Any] = {
        "claim": obs.claim,
        "low": low,
        "high": high,
        "article_id": obs.article_id,
        "obs_id": obs.id,
        "value": obs.value,
        "unit": rounding_unit(obs.value),
    }
    if low > 0:
        params["floor"] = low / MAX_SPAN_RATIO
    row = conn.execute(_known_figure_query(low > 0), params).first()
    found = to_observation(row) if row is not None else None
    if found is None or repeats(found, obs):
        return found
    row = conn.execute(_known_figure_query(low > 0, exact_only=True), params).first()
    return to_observation(row) if row is not None else None


@dataclass(frozen=True)
class Statements:
    """A speaker's positions around ``obs``: the three candidates status_change looks at."""

    previous: Observation | None = None
    next: Observation | None = None
    recalled: Observation | None = None


@cache
def _statements_query() -> Any:
    """previous: the speaker's latest position (not recalled) published before the observation;
    next: the earliest judged one published after it (late arrivals); recalled: the latest
    recalled position judged before it or in its own article. Each is one LIMIT 1 probe on the
    voice index; built once (bound parameters), so SQLAlchemy compiles it once."""

    def positions(*, recalled: bool) -> ColumnElement[bool]:
        return and_(
            co.c.claim_id == bindparam("claim"),
            co.c.voice == bindparam("speaker"),
            co.c.polarity.in_(sorted(POSITIONS)),
            co.c.recalled.is_(true()) if recalled else co.c.recalled.is_(false()),
        )

    published, obs_id = _at("published"), bindparam("obs_id", type_=Integer)
    before = or_(co.c.published < published, and_(co.c.published == published, co.c.id < obs_id))
    # the plain range terms on published let each probe be one range of the position index
    previous = (
        _select_observations()
        .where(positions(recalled=False), co.c.published <= published, before)
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(1)
    )
    following = (
        _select_observations()
        .where(positions(recalled=False), co.c.published >= published, not_(before))
        .where(co.c.id != obs_id, _judged_by_params())
        .order_by(co.c.published, co.c.id)
        .limit(1)
    )
    recalled = (
        _select_observations()
        # its own article's rows share its date: published <= holds for both branches
        .where(positions(recalled=True), co.c.published <= published, co.c.id != obs_id)
        .where(or_(and_(_judged_by_params(), before), co.c.article_id == bindparam("article_id")))
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(1)
    )
    tagged = [
        select(literal(name).label("which"), *query.subquery().c)
        for name, query in (("previous", previous), ("next", following), ("recalled", recalled))
    ]
    return union_all(*tagged)


def statements(conn: Connection, obs: Observation) -> Statements:
    """The speaker's previous, next and fallback recalled position, in one statement."""
    if not obs.speaker:
        return Statements()
    params = {
        "claim": obs.claim,
        "speaker": obs.speaker,
        "published": obs.published,
        "obs_id": obs.id,
        "article_id": obs.article_id,
    }
    found = {row.which: to_observation(row) for row in conn.execute(_statements_query(), params)}
    return Statements(found.get("previous"), found.get("next"), found.get("recalled"))


def _unindexed(column: Any) -> Any:
    """``column + 0``: the same value, but not an indexed column any more.

    Without statistics (no ANALYZE) SQLite's planner picks the span index for
    "same voice, overlapping span, within the window" and scans most of the
    claim; the voice index is the one that keeps the query small.
    """
    return column + 0


def _at(name: str) -> Any:
    """A bound time parameter, typed like ``published`` (UTC on every backend)."""
    return bindparam(name, type_=co.c.published.type)


def _agreeing(figure: bool) -> ColumnElement[bool]:
    if figure:
        low, high = _unindexed(co.c.span_low), _unindexed(co.c.span_high)
        return and_(co.c.polarity.is_(None), low <= bindparam("high"), high >= bindparam("low"))
    return co.c.polarity == bindparam("polarity")


def _disagreeing(figure: bool) -> ColumnElement[bool]:
    if figure:
        # a bound admits the figures on its open side (detect.model.bound_allows), either way round
        # (typed casts: PostgreSQL cannot type a bare parameter tested for NULL)
        lower_bound = cast(bindparam("lower_bound"), Float)
        upper_bound = cast(bindparam("upper_bound"), Float)
        return and_(
            _figures(),
            co.c.qualifier != "additional",
            or_(co.c.span_high < bindparam("low"), co.c.span_low > bindparam("high")),
            not_(and_(co.c.qualifier.in_(spellings(LOWER_BOUNDS)), co.c.value <= bindparam("low"))),
            not_(and_(co.c.qualifier.in_(spellings(UPPER_BOUNDS)), co.c.value >= bindparam("high"))),
            or_(lower_bound.is_(None), co.c.span_low < lower_bound),
            or_(upper_bound.is_(None), co.c.span_high > upper_bound),
        )
    return co.c.polarity == bindparam("opposite")


def _in_claim() -> ColumnElement[bool]:
    # recalled statements are history only: no conflict, no supporter (see monitor.detect.judge)
    return and_(co.c.claim_id == bindparam("claim"), _judged_by_params(), co.c.recalled.is_(false()))


# The statements of claim_history are built once per shape with bound parameters, so that
# SQLAlchemy compiles each once: building and compiling a statement costs far more than the
# indexed query itself.


@cache
def _supporters_query(figure: bool) -> Any:
    return (
        _select_observations()
        .where(_in_claim(), co.c.voice == bindparam("voice"), _agreeing(figure))
        .where(co.c.published >= _at("start"), co.c.published <= _at("end"))
    )


@cache
def _conflicts_query(figure: bool, excluded_ranges: int) -> Any:
    query = (
        _select_observations()
        .where(_in_claim(), co.c.voice != bindparam("voice"), _disagreeing(figure))
        .where(co.c.published >= _at("start"), co.c.published <= _at("end"))
    )
    for n in range(excluded_ranges):
        query = query.where(not_(and_(co.c.published >= _at(f"from_{n}"), co.c.published <= _at(f"to_{n}"))))
    return query.order_by(co.c.published.desc(), co.c.id.desc()).limit(MAX_RELATED)


@cache
def _earlier_query(figure: bool) -> Any:
    kind = _figures() if figure else co.c.polarity.in_(sorted(POLARITIES))
    published, obs_id = _at("published"), bindparam("obs_id", type_=Integer)
    before = or_(co.c.published < published, and_(co.c.published == published, co.c.id < obs_id))
    return (
        _select_observations()
        .where(co.c.claim_id == bindparam("claim"), kind, before)
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(MAX_EARLIER)
    )


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
    figure = obs.is_figure
    params: dict[str, Any] = {
        "claim": obs.claim,
        "article_id": obs.article_id,
        "obs_id": obs.id,
        "voice": obs.voice,
        "published": obs.published,
    }
    if figure:
        assert obs.span is not None
        name = normal_qualifier(obs.qualifier)
        params.update(
            low=obs.span[0],
            high=obs.span[1],
            lower_bound=obs.value if name in LOWER_BOUNDS else None,
            upper_bound=obs.value if name in UPPER_BOUNDS else None,
        )
    else:
        params.update(polarity=obs.polarity, opposite=OPPOSITE.get(obs.polarity or ""))
    supporters = [
        to_observation(row)
        for row in conn.execute(
            _supporters_query(figure),
            {**params, "start": obs.published - 2 * window, "end": obs.published + window},
        )
    ]
    conflicts: list[Observation] = []
    if (obs.comparable if figure else params["opposite"] is not None):
        # conflicts a supporter already met were reported then: leave their time ranges out
        # (supporters lie within three windows and each range is two wide: at most two ranges)
        excluded = _merged((p.published for p in supporters), window)
        ranges = {f"from_{n}": start for n, (start, _) in enumerate(excluded)}
        ranges.update({f"to_{n}": end for n, (_, end) in enumerate(excluded)})
        query = _conflicts_query(figure, len(excluded))
        bounds = {"start": obs.published - window, "end": obs.published + window}
        conflicts = [to_observation(row) for row in conn.execute(query, {**params, **bounds, **ranges})]
    earlier = [to_observation(row) for row in conn.execute(_earlier_query(figure), params)]
    fallen = falls_around(conn, obs) if rule.accumulates and figure and obs.comparable else []
    # a running total's breakdown may follow it in the article: all of the article's figures
    article_figures: list[Observation] = []
    if rule.accumulates and figure:
        article_figures = [
            o
            for o in article_observations(conn, obs.article_id)
            if o.claim == obs.claim and o.is_figure and o.id != obs.id
        ]
    around = statements(conn, obs) if obs.is_position else Statements()
    previous = around.previous
    # only a late statement with no earlier one is compared with the next one
    following = around.next if previous is None else None
    fallback = around.recalled if previous is None and following is None else None
    return ClaimHistory(
        known_figure=known_figure(conn, obs) if figure else None,
        previous_statement=previous,
        next_statement=following,
        recalled_statement=fallback,
        conflicts=conflicts,
        supporters=supporters,
        earlier=earlier,
        fallen=fallen,
        article_figures=article_figures,
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
