"""A claim's history for one observation: what the rules of monitor.detect.judge need.

Judging one observation costs one or two statements, whatever the size of the
claim's history or of its window (100k+ observations, all of them in the window):

* the context (:func:`monitor.store.history_queries.context_query`): a UNION ALL
  of small indexed probes: the known figure (a recursive walk on ``(claim_id,
  span_low, span_high)``), the speaker's previous, next and recalled position,
  the earlier observations shown with an alert, a running total's falls, and the
  four supporters that bound the time the same voice already covers;
* the conflicts, only where they can be new: the parts of the window no
  supporter covers, newest first, LIMIT MAX_RELATED per part.

Before, the supporters were read in full and the conflicts searched outside
their ranges: with every observation in the window that read, and scanned, the
whole window for each new observation.

The stored alert rows (insert, load, per-claim counts) live in
:mod:`monitor.store.alerts`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from monitor.detect.judge import ClaimHistory, repeats
from monitor.detect.model import (
    LOWER_BOUNDS,
    MAX_RELATED,
    OPPOSITE,
    UPPER_BOUNDS,
    ClaimRule,
    Observation,
    lowest_reaching_start,
    normal_qualifier,
    rounding_unit,
)
from monitor.detect.restatements import wants_article_figures
from monitor.store.history_queries import (
    MAX_SPAN_RATIO,
    SUPPORTER_PROBES,
    conflicts_query,
    context_query,
    repeating_figure_query,
)
from monitor.store.observations import select_observations, to_observation
from monitor.store.restating_queries import restating_params, restating_query
from monitor.store.schema import claim_observations

co = claim_observations

# the resolution of stored times (microseconds on both backends): the first moment after a range
TICK = timedelta(microseconds=1)


def article_observations(conn: Connection, article_id: int) -> list[Observation]:
    query = select_observations().where(co.c.article_id == article_id).order_by(co.c.id)
    return [to_observation(row) for row in conn.execute(query)]


# ---------------------------------------------------------------- judging one observation


def _merged(times: Iterable[datetime], window: timedelta) -> list[tuple[datetime, datetime]]:
    """The time ranges within ``window`` of any of ``times``, merged where they touch."""
    ranges: list[tuple[datetime, datetime]] = []
    for t in sorted(times):
        if ranges and t - window <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], t + window)
        else:
            ranges.append((t - window, t + window))
    return ranges


def coverage(supporters: Sequence[Observation], window: timedelta) -> list[tuple[datetime, datetime]]:
    """The time the voice's supporters cover (within ``window`` of one of them), merged.

    The probes give, on each side of the observation's date t, the earliest and the
    latest supporter; these four cover the same time as all of them. Supporters lie in
    [t - 2w, t + w]. Those after t lie within w of each other, so their ranges form one
    interval from the first to the last; so do those before t when they lie within
    [t - 2w, t - w), and when one of them lies in [t - w, t] every supporter is within
    2w of it and all ranges form one interval. Either way the ranges of the first and
    last on each side span exactly what all of them span.
    """
    return _merged((p.published for p in supporters), window)


def gaps(
    around: datetime, window: timedelta, covered: Sequence[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """The parts of [around - window, around + window] outside the ``covered`` ranges,
    as inclusive ranges of stored times (a covered range's own ends are covered)."""
    found: list[tuple[datetime, datetime]] = []
    start, end = around - window, around + window
    for low, high in covered:
        if low - TICK >= start:
            found.append((start, min(low - TICK, end)))
        start = max(start, high + TICK)
    if start <= end:
        found.append((start, end))
    return [(low, high) for low, high in found if low <= high]


def claim_history(conn: Connection, obs: Observation, rule: ClaimRule) -> ClaimHistory:
    """The ClaimHistory of ``obs``: the same alerts as detect.history_from over all rows.

    ``supporters`` holds the four supporters that bound the covered time (not every
    supporter), and ``conflicts`` only those outside that time: the rules skip a conflict
    within the window of a supporter, so they judge exactly as with all of them.
    """
    window = rule.window
    figure = obs.is_figure
    params: dict[str, Any] = {
        "claim": obs.claim,
        "article_id": obs.article_id,
        "obs_id": obs.id,
        "voice": obs.voice,
        "published": obs.published,
        "sup_start": obs.published - 2 * window,
        "sup_end": obs.published + window,
    }
    if figure:
        assert obs.span is not None
        low, high = obs.span
        name = normal_qualifier(obs.qualifier)
        params.update(
            low=low,
            high=high,
            lower_bound=obs.value if name in LOWER_BOUNDS else None,
            upper_bound=obs.value if name in UPPER_BOUNDS else None,
            value=obs.value,
            unit=rounding_unit(obs.value),
        )
        if low > 0:
            params["floor"] = low / MAX_SPAN_RATIO
    else:
        params.update(polarity=obs.polarity, opposite=OPPOSITE.get(obs.polarity or ""))
    # conflicts (and the supporters that leave some out) only where a contradiction can be
    # (a vague magnitude disagrees with nothing: detect.judge.disagrees)
    vague = normal_qualifier(obs.qualifier) == "several"
    conflicting = (obs.comparable and not vague) if figure else params["opposite"] is not None
    positions = obs.is_position and bool(obs.speaker)
    if positions:
        params["speaker"] = obs.voice  # the stored voice column: the canonical speaker
    query = context_query(
        figure=figure,
        supporters=conflicting,
        known=figure,
        floored=figure and "floor" in params,
        falls=rule.accumulates and figure and obs.comparable,
        positions=positions,
    )
    found: dict[str, list[Observation]] = {}
    for row in conn.execute(query, params):
        found.setdefault(row.which, []).append(to_observation(row))
    supporters = list({p.id: p for name in SUPPORTER_PROBES for p in found.get(name, [])}.values())
    conflicts: list[Observation] = []
    if conflicting:
        open_ranges = gaps(obs.published, window, coverage(supporters, window))
        if open_ranges:
            ranges = {f"from_{n}": start for n, (start, _) in enumerate(open_ranges)}
            ranges.update({f"to_{n}": end for n, (_, end) in enumerate(open_ranges)})
            rows = conn.execute(conflicts_query(figure, len(open_ranges)), {**params, **ranges})
            newest = sorted((to_observation(row) for row in rows), key=lambda o: o.key, reverse=True)
            conflicts = newest[:MAX_RELATED]
    fallen = sorted(
        [*found.get("fell_from", []), *found.get("fell_after", [])], key=lambda o: o.key, reverse=True
    )
    known = _first(found, "known")
    if known is not None and not repeats(known, obs):
        # a rounder qualified figure ("about 30,000") does not make an exact one old: another?
        assert obs.span is not None
        floor = lowest_reaching_start(obs.span[0], rule.widening)
        extra = {"above": math.inf, "exact_floor": floor}
        repeating = conn.execute(repeating_figure_query(floor is not None), {**params, **extra}).first()
        known = to_observation(repeating) if repeating is not None else None
    # the article's own rows, read only when a rule needs them: a running total's breakdown follows
    # it in the article (monitor.detect.totals), a headline's rounder figure stands for the precise
    # count of its text (monitor.detect.restatements), and a conflict is reported once per article
    # (monitor.detect.conflicts)
    wanted = wants_article_figures(obs, rule)
    own_article: list[Observation] = []
    if wanted or conflicts:
        own_article = [
            o for o in article_observations(conn, obs.article_id) if o.claim == obs.claim and o.id != obs.id
        ]
    article_figures = [o for o in own_article if o.is_figure] if wanted else []
    article_earlier = [o for o in own_article if o.id < obs.id and not o.recalled]
    # a recap (monitor.detect.conflicts.is_recap): asked only when there are conflicts, and about
    # them only when the observation itself restates its voice
    restating: set[int] = set()
    if conflicts and _restates(conn, obs, obs):
        restating = {obs.id, *(o.id for o in conflicts if _restates(conn, o, obs))}
    previous = _first(found, "previous")
    # only a late statement with no earlier one is compared with the next one
    following = _first(found, "next") if previous is None else None
    fallback = _first(found, "recalled") if previous is None and following is None else None
    return ClaimHistory(
        known_figure=known,
        previous_statement=previous,
        next_statement=following,
        recalled_statement=fallback,
        conflicts=conflicts,
        supporters=supporters,
        earlier=sorted(found.get("earlier", []), key=lambda o: o.key, reverse=True),
        fallen=fallen[:MAX_RELATED],
        article_figures=article_figures,
        article_earlier=article_earlier,
        restating=frozenset(restating),
    )


def _restates(conn: Connection, target: Observation, judged_for: Observation) -> bool:
    """Did ``target``'s voice say the same in an earlier article (judged before ``judged_for``)?"""
    query = restating_query(target.is_figure)
    return conn.execute(query, restating_params(target, judged_for)).first() is not None


def _first(found: dict[str, list[Observation]], name: str) -> Observation | None:
    rows = found.get(name)
    return rows[0] if rows else None


# ---------------------------------------------------------------- claims view


def claim_timeline(conn: Connection, claim_id: str, limit: int = 500) -> list[Observation]:
    """The latest ``limit`` observations of a claim, oldest first."""
    rows = conn.execute(
        select_observations()
        .where(co.c.claim_id == claim_id)
        .order_by(co.c.published.desc(), co.c.id.desc())
        .limit(limit)
    )
    return list(reversed([to_observation(row) for row in rows]))
