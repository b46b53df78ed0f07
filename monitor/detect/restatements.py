"""Figures that say less than what is already known: no new figure, and no rival count.

News text restates counts loosely. A headline rounds the count its text gives, a
follow-up story rounds the count another outlet published, a lead gives only a
floor ("more than 1,000") or a magnitude ("Tausende") that a known count already
satisfies. None of these tells the user anything new, and none disagrees with the
count it stands for. The rules of :mod:`monitor.detect.judge` use these helpers:

implied
    a vague magnitude ("hundreds", "Dutzende") or a lower bound ("more than
    1,000", "mindestens 70") is no new figure when a figure at or above its
    lower end is known, or stated anywhere in its own article: any such count
    satisfies it, so it only repeats part of what the count says.
rounded restatement
    a whole figure ending in zeros ("334,000", "1,670,000", "17,000") is the
    rounding of a more precise known count at its last significant digit
    (334,053) when that count lies within half a unit of that digit, and the
    half unit is within the claim's "about" width (5 %): "2,000" is no rounding
    of 2,400, a width of 25 %. It raises no new figure, and it and the count
    never contradict each other. The precise count stated *after* its rounding
    is still news (29,605 after "about 30,000": see judge.repeats).

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.detect.model import (
    LOWER_BOUNDS,
    ClaimRule,
    Observation,
    normal_qualifier,
    rounding_unit,
    same_magnitude,
)
from monitor.text.numbers.intervals import Widening

# qualifiers of a figure that can stand for a more precise count of its own article
_LOOSE = frozenset({"about", "more_than", "at_least", "up_to", "several"})


def floor_of(obs: Observation) -> float | None:
    """The lower end a vague magnitude or a lower bound promises, else None: "hundreds" 200,
    "more than 1,000" 1,000. Other figures say how large the count is, not only how large at least."""
    if not obs.is_figure or obs.span is None:
        return None
    name = normal_qualifier(obs.qualifier)
    if name == "several":
        return obs.span[0]
    if name in LOWER_BOUNDS and obs.value is not None:
        return obs.value
    return None


def implied(obs: Observation, others: Iterable[Observation], rule: ClaimRule) -> bool:
    """A vague magnitude or a lower bound that a figure of ``others`` (the known figures before
    it and those of its own article) satisfies: at or above its lower end. A lower bound is a
    figure of its own, so only what was said before it counts for one: a larger figure further
    down its article may be another count ("more than 1,600 dead [...] 2,000 injured"), and the
    precise count inside its span is found by totals.precise_in_article. Nor does a magnitude
    ("Zehntausende") or a figure ten times larger satisfy it: that counts something else
    (model.MAGNITUDE). A running total moves, so for it only the figures stated before it in
    its own article count ("at least 386 dead [...] more than 140 in the north-west"); a lower
    bound below the latest total of other articles is left to totals.superseded_by (an older,
    larger figure may be a wrong one the total has not reached yet)."""
    floor = floor_of(obs)
    if floor is None:
        return False
    if normal_qualifier(obs.qualifier) == "several":
        return any(
            o.id != obs.id and o.is_figure and o.comparable and o.span is not None and o.span[0] >= floor
            for o in others
        )
    assert obs.span is not None
    return any(
        o.id != obs.id
        and (o.article_id != obs.article_id or o.id < obs.id)
        and (o.article_id == obs.article_id or not rule.accumulates)
        and o.is_figure
        and o.comparable
        and o.span is not None
        and normal_qualifier(o.qualifier) != "several"
        and same_magnitude(o.span, obs.span)
        and o.span[0] >= floor
        for o in others
    )


def digit_unit(value: float) -> float:
    """The unit of a whole number's last significant digit: 334,000 -> 1,000, 26 -> 1."""
    return rounding_unit(value) / 10


def rounds(rounded: Observation, precise: Observation, widening: Widening) -> bool:
    """Is ``rounded`` the more precise ``precise`` rounded at its last significant digit, within
    the claim's "about" width (see the module docstring)? Both must be exact totals."""
    if not (rounded.is_figure and precise.is_figure and rounded.comparable and precise.comparable):
        return False
    if normal_qualifier(rounded.qualifier) != "exact" or normal_qualifier(precise.qualifier) != "exact":
        return False
    if rounded.value is None or precise.value is None or rounded.value <= 0:
        return False
    if not float(rounded.value).is_integer():
        return False
    unit = digit_unit(rounded.value)
    if float(precise.value / unit).is_integer():
        return False  # as round as the rounded one, or rounder: a count of its own
    half = unit / 2
    return abs(precise.value - rounded.value) <= half and half <= widening.about * rounded.value


def restated(obs: Observation, others: Iterable[Observation], rule: ClaimRule) -> Observation | None:
    """The more precise figure of ``others`` that ``obs`` is a rounding of, or None."""
    return next(
        (o for o in others if o.id != obs.id and not o.recalled and rounds(obs, o, rule.widening)), None
    )


def rival_counts(a: Observation, b: Observation, widening: Widening) -> bool:
    """False when one of the two is the other's rounding: one count, said twice."""
    return not (rounds(a, b, widening) or rounds(b, a, widening))


def wants_article_figures(obs: Observation, rule: ClaimRule) -> bool:
    """Do the rules need the other figures of ``obs``'s own article? For a running total always
    (its breakdown, monitor.detect.totals); otherwise for a figure that may stand for a more
    precise count of its article: a qualified one, or a whole one ending in a zero."""
    if not obs.is_figure:
        return False
    if rule.accumulates:
        return True
    name = normal_qualifier(obs.qualifier)
    if name in _LOOSE:
        return True
    value = obs.value
    if name != "exact" or value is None or value <= 0:
        return False
    return float(value).is_integer() and value % 10 == 0
