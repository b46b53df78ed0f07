"""The statements that read a claim's history for one observation, built once per shape.

Every statement here takes bound parameters (``claim``, ``article_id``, ``obs_id``,
``voice``, ``published``, ...), so SQLAlchemy builds and compiles each shape once:
building and compiling a statement costs far more than the indexed query itself.
Each part is an indexed range probe with a small LIMIT, so its cost is bounded by
what it returns, not by the size of the history or of the window.
:mod:`monitor.store.history` runs them and turns the rows into a ClaimHistory.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
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
)

from monitor.detect.model import (
    LOWER_BOUNDS,
    MAGNITUDE,
    MAX_EARLIER,
    MAX_RELATED,
    POLARITIES,
    POSITIONS,
    UPPER_BOUNDS,
    spellings,
)
from monitor.store.observations import not_wrong, select_observations
from monitor.store.schema import claim_observations

co = claim_observations

# a span is never wider than this factor (several thousand = [2000, 9999] is 5; the widest
# "several" interval intervals.py makes is 10): the floor of the known-figure walk
MAX_SPAN_RATIO = 10.0

# the supporter probes: the earliest and latest agreeing observation of the voice on each side
# of the observation's date (see monitor.store.history.coverage for why these four suffice)
SUPPORTER_PROBES = ("first_before", "last_before", "first_after", "last_after")


def _at(name: str) -> Any:
    """A bound time parameter, typed like ``published`` (UTC on every backend)."""
    return bindparam(name, type_=co.c.published.type)


def _figures() -> ColumnElement[bool]:
    return and_(co.c.polarity.is_(None), co.c.span_low.is_not(None), co.c.span_high.is_not(None))


def _judged_by_params(table: Any = co) -> ColumnElement[bool]:
    """Rows judged before the observation (bound parameters ``article_id`` and ``obs_id``):
    judged rows of other articles, and its own article's earlier sentences. Stored but
    unjudged rows (published after something still pending) are not history yet: they are
    judged after it, in publication order."""
    other_article = and_(table.c.article_id != bindparam("article_id"), table.c.judged.is_(true()))
    own_earlier = and_(table.c.article_id == bindparam("article_id"), table.c.id < bindparam("obs_id"))
    judged: ColumnElement[bool] = or_(other_article, own_earlier)
    return judged


def _before() -> ColumnElement[bool]:
    """Published before the observation: (published, id) < (:published, :obs_id)."""
    published, obs_id = _at("published"), bindparam("obs_id", type_=Integer)
    before: ColumnElement[bool] = or_(
        co.c.published < published, and_(co.c.published == published, co.c.id < obs_id)
    )
    return before


def _unindexed(column: Any) -> Any:
    """``column + 0``: the same value, but not an indexed column any more.

    Without statistics (no ANALYZE) SQLite's planner picks the span index for
    "same voice, overlapping span, within the window" and scans most of the
    claim; the voice index is the one that keeps the query small.
    """
    return column + 0


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
        magnitude = literal(MAGNITUDE, Float)
        return and_(
            _figures(),
            co.c.qualifier != "additional",
            # vague magnitudes and figures an order of magnitude apart (detect.judge.disagrees)
            co.c.qualifier != "several",
            co.c.span_high * magnitude >= bindparam("low"),
            co.c.span_low <= bindparam("high") * magnitude,
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


# ---------------------------------------------------------------- the parts of the context


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
def repeating_figure_query(floored: bool) -> Any:
    """The known figure among those that repeat an exact observation (``value``, ``unit``, span
    ``low`` .. ``high``): asked only when the first known figure found is a rounder qualified one
    ("about 30,000").

    Whether a figure repeats depends on its qualifier and value only, whether it reaches the
    observation on its span, so the figures are walked one *distinct* (span_low, span_high,
    qualifier, value) at a time, downward from ``high``, with one LIMIT 1 index probe per step on
    ``ix_claim_observations_claim_span_kind``: a rounder figure repeated in 5,000 articles is one
    step, not 5,000 rows skipped (filtering the walk by "repeats" did that, and grew with the
    history). The walk stops at the first figure that repeats and reaches the observation, or at
    ``exact_floor`` (:func:`monitor.detect.model.lowest_reaching_start`): "several" never repeats
    an exact figure, and every other span with a value is bounded by the claim's widening.
    Figures without a value (an engine's range) are one probe of their own partial index.
    """
    cols = ("span_low", "span_high", "qualifier", "value")
    seed = select(
        cast(null(), Integer).label("id"),
        cast(bindparam("high"), Float).label("span_low"),
        # above every span: the first step starts with the spans that begin at ``high``
        cast(bindparam("above"), Float).label("span_high"),
        cast(null(), co.c.qualifier.type).label("qualifier"),
        cast(null(), Float).label("value"),
        false().label("hit"),
    )
    walk = seed.cte("repeating_walk", recursive=True)
    step = co.alias("step")
    reaches = and_(step.c.polarity.is_(None), step.c.span_high >= bindparam("low"), _repeating(step))
    walk = walk.union_all(
        select(step.c.id, *(step.c[name] for name in cols), reaches.label("hit"))
        .select_from(walk.join(step, step.c.id == _next_distinct(walk, floored)))
        .where(not_(walk.c.hit))
    )
    walked = select(walk.c.id).where(walk.c.hit).limit(1)
    unvalued = (
        select(co.c.id)
        .where(co.c.claim_id == bindparam("claim"), co.c.value.is_(None), _figures())
        .where(co.c.qualifier != "several", _judged_by_params(), not_wrong())
        .where(co.c.span_low <= bindparam("high"), co.c.span_high >= bindparam("low"))
        .limit(1)
    )
    found = union_all(walked.subquery().select(), unvalued.subquery().select()).limit(1).scalar_subquery()
    return select_observations().where(co.c.id == found)


def _next_distinct(walk: Any, floored: bool) -> Any:
    """The id of a judged figure with a value at the next distinct (span_low, span_high,
    qualifier, value) below the walk's, in that order descending.

    Four probes, the first that finds one: the same span and qualifier with a lower value, the
    same span with a lower qualifier, the same start with a lower end, a lower start. Each is an
    equality prefix and one range on the index, so each is one seek: a comparison of the whole
    row value, (a, b, c, d) < (...), is not, since SQLite then reads every row equal to the bound.
    """
    probe = co.alias("probe")
    judged = [
        probe.c.claim_id == bindparam("claim"),
        probe.c.value.is_not(None),
        _judged_by_params(probe),
        not_wrong(probe),
    ]
    order = [probe.c.span_low, probe.c.span_high, probe.c.qualifier, probe.c.value]
    same = [probe.c.span_low == walk.c.span_low, probe.c.span_high == walk.c.span_high]
    lower_start = [probe.c.span_low < walk.c.span_low]
    if floored:
        lower_start.append(probe.c.span_low >= bindparam("exact_floor"))
    levels: list[tuple[list[Any], int]] = [
        ([*same, probe.c.qualifier == walk.c.qualifier, probe.c.value < walk.c.value], 3),
        ([*same, probe.c.qualifier < walk.c.qualifier], 2),
        ([same[0], probe.c.span_high < walk.c.span_high], 1),
        (lower_start, 0),
    ]
    probes = [
        select(probe.c.id)
        .where(*judged, *where)
        .order_by(*(column.desc() for column in order[first:]))
        .limit(1)
        .scalar_subquery()
        for where, first in levels
    ]
    return func.coalesce(*probes)


def _known_figure(floored: bool, exact_only: bool = False) -> Any:
    """A judged figure whose span overlaps the observation's (``low``, ``high``), if any.

    Either a span starts inside the new one (one range probe on the span index), or one
    starting below it reaches into it. The second is a walk down the distinct ``span_low``
    values below, widest span first, one LIMIT 1 index probe per distinct value (never per
    row), done by the database as a recursive CTE: it stops at the first span that reaches far
    enough, or at the floor no span can reach up from (spans are at most MAX_SPAN_RATIO wide).
    """
    inside = (
        select(co.c.id)
        .where(co.c.claim_id == bindparam("claim"), _figures(), _judged_by_params(), not_wrong())
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
        not_wrong(probe),
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
    return select_observations().where(co.c.id == found)


def _positions() -> list[tuple[str, Any]]:
    """The speaker's positions around the observation, one LIMIT 1 probe each on the voice index:
    previous, the latest position (not recalled) published before it; next, the earliest judged
    one published after it (late arrivals); recalled, the latest recalled position judged before
    it or in its own article."""

    def positions(*, recalled: bool) -> ColumnElement[bool]:
        return and_(
            co.c.claim_id == bindparam("claim"),
            co.c.voice == bindparam("speaker"),
            co.c.polarity.in_(sorted(POSITIONS)),
            co.c.recalled.is_(true()) if recalled else co.c.recalled.is_(false()),
        )

    published, obs_id = _at("published"), bindparam("obs_id", type_=Integer)
    # the plain range terms on published let each probe be one range of the position index
    previous = (
        select_observations()
        .where(positions(recalled=False), co.c.published <= published, _before())
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(1)
    )
    following = (
        select_observations()
        .where(positions(recalled=False), co.c.published >= published, not_(_before()))
        .where(co.c.id != obs_id, _judged_by_params())
        .order_by(co.c.published, co.c.id)
        .limit(1)
    )
    recalled = (
        select_observations()
        # its own article's rows share its date: published <= holds for both branches
        .where(positions(recalled=True), co.c.published <= published, co.c.id != obs_id)
        .where(or_(and_(_judged_by_params(), _before()), co.c.article_id == bindparam("article_id")))
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(1)
    )
    return [("previous", previous), ("next", following), ("recalled", recalled)]


def _supporters(figure: bool) -> list[tuple[str, Any]]:
    """Judged, not recalled observations of the same voice that agree, within two windows
    before (``sup_start``) and one after (``sup_end``): on each side of the observation's date
    the earliest and the latest, one LIMIT 1 probe each on the voice index."""
    same_voice = and_(_in_claim(), co.c.voice == bindparam("voice"), _agreeing(figure))
    published = _at("published")
    before = [co.c.published >= _at("sup_start"), co.c.published <= published]
    after = [co.c.published > published, co.c.published <= _at("sup_end")]
    earliest: tuple[Any, ...] = (co.c.published, co.c.id)
    latest: tuple[Any, ...] = (co.c.published.desc(), co.c.id.desc())
    probes: list[tuple[str, list[Any], tuple[Any, ...]]] = [
        ("first_before", before, earliest),
        ("last_before", before, latest),
        ("first_after", after, earliest),
        ("last_after", after, latest),
    ]
    return [
        (name, select_observations().where(same_voice, *side).order_by(*order).limit(1))
        for name, side, order in probes
    ]


def _earlier(figure: bool) -> Any:
    """The latest observations of the same kind published before it (for display)."""
    kind = _figures() if figure else co.c.polarity.in_(sorted(POLARITIES))
    return (
        select_observations()
        .where(co.c.claim_id == bindparam("claim"), kind, _before())
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(MAX_EARLIER)
    )


def _falls() -> list[tuple[str, Any]]:
    """Running totals: judged figures published before it wholly above it, and (late arrivals)
    published after it wholly below it; the newest of each, as detect.falls_between."""
    current = and_(
        co.c.claim_id == bindparam("claim"),
        _judged_by_params(),
        co.c.recalled.is_(false()),
        _figures(),
        co.c.qualifier != "additional",
    )
    above_before = select_observations().where(current, _before(), co.c.span_low > bindparam("high"))
    below_after = select_observations().where(
        current, not_(_before()), co.c.id != bindparam("obs_id"), co.c.span_high < bindparam("low")
    )
    latest = (co.c.published.desc(), co.c.id.desc())
    return [
        ("fell_from", above_before.order_by(*latest).limit(MAX_RELATED)),
        ("fell_after", below_after.order_by(*latest).limit(MAX_RELATED)),
    ]


@cache
def context_query(
    *, figure: bool, supporters: bool, known: bool, floored: bool, falls: bool, positions: bool
) -> Any:
    """Everything the rules need besides the conflicts, in one statement: a UNION ALL of the
    parts this shape asks for, each row tagged with its part in the column ``which``."""
    parts: list[tuple[str, Any]] = [("earlier", _earlier(figure))]
    if supporters:
        parts += _supporters(figure)
    if known:
        parts.append(("known", _known_figure(floored)))
    if falls:
        parts += _falls()
    if positions:
        parts += _positions()
    tagged = [select(literal(name).label("which"), *query.subquery().c) for name, query in parts]
    return union_all(*tagged)


@cache
def conflicts_query(figure: bool, gaps: int) -> Any:
    """Judged, not recalled observations of other voices that disagree, published in one of
    ``gaps`` time ranges (``from_<n>`` .. ``to_<n>``, the parts of the window no supporter
    covers): the newest MAX_RELATED of each range, each range one probe on the claim's time index."""
    parts = []
    for n in range(gaps):
        in_gap = (co.c.published >= _at(f"from_{n}"), co.c.published <= _at(f"to_{n}"))
        query = (
            select_observations()
            .where(_in_claim(), co.c.voice != bindparam("voice"), _disagreeing(figure), *in_gap)
            .order_by(co.c.published.desc(), co.c.id.desc())
            .limit(MAX_RELATED)
        )
        parts.append(query.subquery().select())
    return union_all(*parts) if len(parts) > 1 else parts[0]
