"""Running totals (``ClaimRule.accumulates``): which figures of a total are news.

A death toll or a count of arrivals only grows, and news text is full of figures
below the current total that are no new count: the breakdown of a total ("10,000
destroyed, 5,300 of them in the Palisades fire"), the earlier stage an article
recalls ("AFAD, which on Monday reported 2,921 deaths, now says 3,549"), or one
region's count. The rules of :mod:`monitor.detect.judge` use these helpers:

part of the article's total
    a figure wholly below another figure of the claim stated earlier in the same
    article is a part or an earlier stage of that total ("of them", "davon" look
    back; a larger figure further down is as often another year's or another
    count's, "last year 773 died", and proves nothing),
    when both are the same voice or either is unattributed (the outlet breaking
    down or restating a count), and the larger one is no vague "tens of
    thousands". It raises nothing. Two named voices giving
    different figures side by side ("officials say 29, a citizens' group at least
    40") are no breakdown: they disagree.
breakdown before its total
    a total raises no contradiction with a smaller figure stated before it in the
    same article when both are the same voice or either is unattributed ("973 on
    Saturday alone [...] more than 26,000 this year"): the part came first.
superseded
    a figure wholly below the latest total published before it in another article
    (by any voice) is no new figure: it is a recalled, partial or outdated count.
fall
    a figure wholly below an earlier total of the *same voice* is a contradiction
    (the source revised its own count down); below another voice's earlier total
    it contradicts only about the same moment (the ordinary contradiction window,
    ``same_moment_hours``).
rise only
    a delta ("17 more were freed", ``additional``) below the latest total published
    before it (in any article) is the rise, not the total: no new figure. A delta
    above the latest total is kept: "weitere" / "a further" often just means
    "other" ("a further 1,860 were injured", after a count of the dead), and then
    the figure is the count itself.
rounder than its article
    a rounder figure ("more than 1,600", "fast 30.000") with a more precise one of
    its own article inside its span (1,644; 29,605) raises no new figure: the
    precise count, before or after it, carries the news.
update
    an unattributed figure (the outlet's own count or restatement) and a higher
    figure published after it in another article are two moments of the count,
    not a contradiction; two named voices within the same moment still
    contradict each other.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from monitor.detect.model import Observation, normal_qualifier, rounding_unit


def is_total(obs: Observation) -> bool:
    """A figure that states the total (not a delta, not recalled)."""
    return obs.is_figure and obs.comparable and not obs.recalled


def wholly_below(low: Observation, high: Observation) -> bool:
    assert low.span is not None and high.span is not None
    return low.span[1] < high.span[0]


def part_of(obs: Observation, article_figures: Iterable[Observation]) -> Observation | None:
    """The same article's earlier figure ``obs`` is a part or earlier stage of, or None."""
    if not is_total(obs):
        return None
    for other in article_figures:
        if other.id >= obs.id or other.article_id != obs.article_id or not is_total(other):
            continue
        # "tens of thousands" is too vague to be the total an exact count is a part of
        if normal_qualifier(other.qualifier) == "several":
            continue
        if not wholly_below(obs, other):
            continue
        if one_count(obs, other):
            return other
    return None


def one_count(a: Observation, b: Observation) -> bool:
    """Two figures of one article that break down or restate one count: the same voice, or
    either unattributed (the outlet's own figure). Two named voices side by side disagree."""
    return a.voice == b.voice or not a.attributed or not b.attributed


def breaks_down(obs: Observation, other: Observation) -> bool:
    """``other`` is a part or an earlier stage stated before ``obs`` in its article ("973 on
    Saturday alone [...] more than 26,000 this year"): wholly below it, the same count
    (:func:`one_count`), so no rival figure. The mirror of :func:`part_of`, which keeps such a
    part stated *after* its total from raising anything."""
    if other.article_id != obs.article_id or other.id >= obs.id:
        return False
    if not (is_total(obs) and is_total(other)) or normal_qualifier(other.qualifier) == "several":
        return False
    return wholly_below(other, obs) and one_count(obs, other)


def superseded_by(obs: Observation, earlier: Sequence[Observation]) -> Observation | None:
    """The latest total of another article published before ``obs`` when ``obs`` lies wholly
    below it (``earlier`` is newest first), else None."""
    if not is_total(obs):
        return None
    latest = next(
        (o for o in earlier if is_total(o) and o.article_id != obs.article_id and o.key < obs.key), None
    )
    if latest is not None and wholly_below(obs, latest):
        return latest
    return None


def own_falls(obs: Observation, fallen: Iterable[Observation]) -> list[Observation]:
    """The falls that are contradictions: the same voice's totals ``obs`` fell from (published
    before it, wholly above) or that fell from ``obs`` (a late arrival: published after, below)."""
    found = []
    for other in fallen:
        if not (is_total(other) and is_total(obs)) or other.voice != obs.voice:
            continue
        if other.key < obs.key and wholly_below(obs, other):
            found.append(other)
        elif other.key > obs.key and wholly_below(other, obs):
            found.append(other)
    return found


def is_update(a: Observation, b: Observation) -> bool:
    """Two moments of the count, not a disagreement: in different articles, the later one
    wholly above the earlier one, and the earlier one (or both) unattributed."""
    if a.article_id == b.article_id or not (is_total(a) and is_total(b)):
        return False
    first, second = (a, b) if a.key < b.key else (b, a)
    return not first.attributed and wholly_below(first, second)


def is_rise_only(obs: Observation, earlier: Sequence[Observation]) -> bool:
    """A delta below the latest total published before it (``earlier`` is newest first)."""
    if not obs.is_figure or obs.comparable or obs.recalled or obs.value is None:
        return False
    latest = next((o for o in earlier if is_total(o) and o.key < obs.key), None)
    return latest is not None and latest.span is not None and obs.value < latest.span[0]


# qualifiers of a rounder statement of a count ("more than 1,600", "about 30,000", "fast 500")
_ROUNDER = frozenset({"about", "more_than", "at_least", "up_to"})


def precise_in_article(obs: Observation, article_figures: Iterable[Observation]) -> Observation | None:
    """A more precise figure of the same article inside the span of the rounder ``obs`` ("more
    than 1,600 dead" in the headline, 1,644 in the text): that one carries the news, so ``obs``
    raises no new_figure of its own. None when there is none."""
    if not is_total(obs) or normal_qualifier(obs.qualifier) not in _ROUNDER or obs.span is None:
        return None
    for other in article_figures:
        if other.id == obs.id or other.article_id != obs.article_id or not is_total(other):
            continue
        if other.value is None or normal_qualifier(other.qualifier) == "several":
            continue
        inside = obs.span[0] <= other.value <= obs.span[1]
        if inside and rounding_unit(other.value) < rounding_unit(obs.value):
            return other
    return None
