"""When two observations of different voices are a conflict, and when it was reported already.

The contradiction rule of :mod:`monitor.detect.judge` uses these:

disagrees / agrees
    two figures disagree when their spans are disjoint (and neither is a delta, a
    vague magnitude, an order of magnitude off, or a bound admitting the other);
    two statements when one affirms what the other denies. They agree when the
    spans overlap or the polarity is the same.
stands against
    ``other`` is a conflict for ``obs``: another voice, within the window, in
    disagreement, no rounding of one by the other
    (:mod:`monitor.detect.restatements`) and, for a running total, no update and
    no breakdown (:mod:`monitor.detect.totals`).
answered in its article
    a conflict is reported once per article: when an earlier sentence of the
    observation's own article that agrees with it already stood against the
    same observation, that sentence raised (or found reported) the conflict.
    An article often says a side's figure twice, or in two voices that are one
    side ("the White House counted 24", "Sullivan spoke of 24 prisoners"; an
    outlet's own restatement of one side's figure), and a second alert for the
    same conflict in the same article tells the user nothing.
    The outlet's unattributed words never answer for a named source that follows.
recap
    a conflict between two observations that both restate what their own voices
    said in earlier articles is no news: an explainer or a look back sets the two
    known figures side by side again (:func:`is_recap`).

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from monitor.detect.model import (
    OPPOSITE,
    ClaimRule,
    Observation,
    bound_allows,
    normal_qualifier,
    overlaps,
    same_magnitude,
)
from monitor.detect.restatements import rival_counts
from monitor.detect.totals import breaks_down, is_update


def is_vague(obs: Observation) -> bool:
    """ "Thousands", "dozens", "a few hundred": a magnitude, not a count."""
    return normal_qualifier(obs.qualifier) == "several"


def disagrees(a: Observation, b: Observation) -> bool:
    if a.is_figure and b.is_figure:
        assert a.span is not None and b.span is not None
        if not (a.comparable and b.comparable) or overlaps(a.span, b.span):
            return False
        # a vague magnitude ("hundreds", "Zehntausende") is no count to disagree with, and figures
        # an order of magnitude apart are no rival counts of one thing (model.MAGNITUDE)
        if is_vague(a) or is_vague(b) or not same_magnitude(a.span, b.span):
            return False
        # a lower or upper bound admits the other figure: no disagreement
        return not (bound_allows(a.value, a.qualifier, b.span) or bound_allows(b.value, b.qualifier, a.span))
    if a.is_statement and b.is_statement:
        return OPPOSITE.get(a.polarity or "") == b.polarity
    return False


def agrees(a: Observation, b: Observation) -> bool:
    if a.is_figure and b.is_figure:
        assert a.span is not None and b.span is not None
        return overlaps(a.span, b.span)
    if a.is_statement and b.is_statement:
        return a.polarity == b.polarity
    return False


def within(a: datetime, b: datetime, window: timedelta) -> bool:
    return abs(a - b) <= window


def stands_against(other: Observation, obs: Observation, rule: ClaimRule) -> bool:
    """Is ``other`` a conflict for ``obs`` (see the module docstring), reported or not?"""
    if other.recalled or obs.recalled or other.voice == obs.voice:
        return False
    if not within(other.published, obs.published, rule.window):
        return False
    if not disagrees(other, obs) or not rival_counts(other, obs, rule.widening):
        return False
    return not (rule.accumulates and (is_update(other, obs) or breaks_down(obs, other)))


def answered_in_article(
    other: Observation, obs: Observation, article_earlier: Iterable[Observation], rule: ClaimRule
) -> bool:
    """Did an earlier sentence of ``obs``'s article, agreeing with it, already stand against
    ``other``? Then this article's conflict with ``other`` is reported (see the module docstring).
    The outlet's own unattributed words answer for no named source: "Ukraine's foreign minister
    said so" after the outlet's own claim is the conflict the user wants named."""
    return any(
        e.article_id == obs.article_id
        and e.id < obs.id
        and e.id != other.id
        and (e.attributed or not obs.attributed)
        and agrees(e, obs)
        and stands_against(other, e, rule)
        for e in article_earlier
    )


def restates_voice(target: Observation, judged: Iterable[Observation]) -> bool:
    """Did ``target``'s voice say the same (an agreeing figure or position) in an earlier article?
    ``judged``: the judged, not recalled observations of the claim."""
    return any(
        o.voice == target.voice
        and o.article_id != target.article_id
        and o.key < target.key
        and agrees(o, target)
        for o in judged
    )


def is_recap(other: Observation, obs: Observation, restating: frozenset[int]) -> bool:
    """Both sides only restate what their voices said in earlier articles (a look back, "a year
    on": 26 by MIT's count, 24 by the White House's): old news, whether or not the two were
    ever published close enough to be judged a conflict then. ``restating``: the ids of the
    observations that restate their voice (restates_voice)."""
    return obs.id in restating and other.id in restating
