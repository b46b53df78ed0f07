"""Pure alert detection: one observation and its claim's history -> alert candidates.

No I/O here. :mod:`monitor.store.history` gathers a :class:`ClaimHistory` with
indexed queries; :func:`history_from` builds the same thing from a plain list
(the reference the database version is tested against). :func:`judge` then
applies the three rules:

new_figure
    the observation's span overlaps the span of no judged observation of the
    claim. The first figure of a claim is new; a known figure repeated by
    another outlet or source is a corroboration (stored, counted, not alerted).
contradiction
    the span is disjoint from that of an observation by a *different voice*
    within ``window`` (or the polarity is the opposite, affirmed vs denied).
    A conflict is reported once: when the same voice already stated an
    overlapping figure (same polarity) within the window of the conflicting
    observation, the conflict was judged then, and repeating it is not news.
    It is reported once per article, and a recap of two known figures is none
    (:mod:`monitor.detect.conflicts`).
    "additional" figures are deltas, never compared for contradictions.
status_change
    a speaker (the actor a source speaks for: Peskov -> russia) takes the other
    position than in its previous one on the claim (denied -> affirmed).
    "unconfirmed" ("did not confirm", "no evidence") is no position: stored,
    but it neither opens nor closes one (news text flips to it too easily).

Running totals (``ClaimRule.accumulates``: a death toll, a count of arrivals). A total
moves: each rise is a new_figure (the user wants to know the total moved); two
different voices contradict each other only about the same moment (the window
is then ``same_moment_hours``, not ``window_days``); a total that falls below the
same voice's earlier one is a contradiction, not a new figure; a figure below
the latest total, or below a larger figure of its own article (a breakdown, an
earlier stage), is no news (see :mod:`monitor.detect.totals`). A figure that
repeats a known one is a corroboration: never a fall and no contradiction
("Monday's toll was 2,901", recalled on Wednesday).

A figure above every one of the latest figures before it, overlapping one of them, is a rise
of the total, so news although it lies in a bound's span ("1,700" after "more than 1,600"):
:func:`rises`. A vague magnitude ("hundreds", "Dutzende") or a lower bound ("more than 1,000")
is no new figure when a known figure or one of its own article is at or above its lower end,
nor is the rounding of a more precise known count ("334,000" after 334,053), which contradicts
nothing either (:func:`says_less`, :mod:`monitor.detect.restatements`). On every claim, not only
a running total, a rounder figure with a more precise one of its own article inside its span
leaves the news to that one (:func:`monitor.detect.totals.precise_in_article`).

Bounds and precision. "More than 100,000" admits 250,000 (no contradiction,
:func:`monitor.detect.model.bound_allows`); an exact count is new after a rounder
qualified figure it falls in (:func:`repeats`).

Recalled statements. A statement the article reports as made earlier ("Moscow
had initially denied it", ``Observation.recalled``) is stored and shown in the
claim's history, but it was not made at the article's date:

* it never raises an alert itself (no status_change, no contradiction);
* it is no conflict for other observations and no supporter of its voice;
* it is never the speaker's previous position while the speaker has a
  non-recalled position published before the observation, nor its next one;
  only when nothing else is known of the speaker (no earlier non-recalled
  position, no later judged one) is the latest recalled position before the
  observation - or anywhere in the observation's own article ("Russia confirmed
  on Saturday. It had at first denied ...") - taken as the previous position:
  it is the only evidence of what the speaker said before, and "first denied,
  now confirms" is exactly a change of position.

Order and late arrivals. An observation is judged at its place in publication
order: key = (published, id), so observations of one article are judged in
sentence order. "Judged" observations are the ones already processed: all
other articles' observations, plus the same article's earlier sentences.
A late article (published before observations already processed) is judged
against what was published before it, with two deliberate exceptions that
keep users from hearing old news twice and from missing a conflict:
(1) a figure already stated by a later-published, already processed article
is not new (the user was alerted then), and (2) contradictions are searched
on both sides of it within the window, because the later observations were
judged without it. Alerts already raised are never retracted or re-judged.

Spans are bounded (see :mod:`monitor.text.numbers.intervals`): "more than 650,000"
allows up to +10 %, so it can still contradict 900,000.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from monitor.detect.conflicts import (
    agrees,
    answered_in_article,
    disagrees,
    is_recap,
    restates_voice,
    stands_against,
    within,
)
from monitor.detect.model import (
    MAX_EARLIER,
    MAX_RELATED,
    POSITIONS,
    ClaimRule,
    Observation,
    Span,
    is_judged,
    normal_qualifier,
    rounding_unit,
    same_magnitude,
)
from monitor.detect.restatements import implied, restated, rival_counts, wants_article_figures
from monitor.detect.totals import (
    is_rise_only,
    own_falls,
    part_of,
    precise_in_article,
    superseded_by,
)
from monitor.detect.wording import (
    contradiction_summary,
    new_figure_summary,
    status_change_summary,
)

AlertKind = Literal["new_figure", "contradiction", "status_change"]


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class ClaimHistory:
    """What the rules need to know about a claim's judged history, for one observation.

    ``conflicts`` and ``supporters`` may be supersets (the rules re-check them);
    the database version pre-filters them with indexed queries. The rules use the
    supporters only for the time they cover (a conflict within the window of one was
    reported then), so the database gives the few that bound that time, not all of
    them, and only the conflicts outside it (monitor.store.history).
    """

    # any judged figure whose span overlaps the observation's (None: the figure is new)
    known_figure: Observation | None = None
    # the speaker's latest position (affirmed/denied, not recalled) published before the observation
    previous_statement: Observation | None = None
    # the speaker's earliest judged position (not recalled) published after it (only for a late arrival)
    next_statement: Observation | None = None
    # the speaker's latest recalled position before it or in its own article (only when the two
    # above are None: the fallback previous position)
    recalled_statement: Observation | None = None
    # judged, not recalled observations of other voices within the window that disagree
    conflicts: Sequence[Observation] = ()
    # judged, not recalled observations of the same voice that agree, within two windows before/one after
    supporters: Sequence[Observation] = ()
    # the latest observations published before it (for display)
    earlier: Sequence[Observation] = ()
    # running totals only (``ClaimRule.accumulates``): judged, not recalled figures the total fell
    # from (published before it, wholly above it) or that fell from it (published after, wholly below)
    fallen: Sequence[Observation] = ()
    # the claim's other figures in the observation's own article, judged or not, when the rules
    # need them (restatements.wants_article_figures): a running total's breakdown may follow it
    # (monitor.detect.totals), a headline's rounder figure the precise count it stands for
    article_figures: Sequence[Observation] = ()
    # judged, not recalled observations of the claim stated earlier in the observation's own article
    # (a conflict is reported once per article: conflicts.answered_in_article); the database
    # version leaves it empty when there is no conflict to check
    article_earlier: Sequence[Observation] = ()
    # the ids of the observation and of its conflicts that restate what their own voice said in an
    # earlier article (conflicts.restates_voice; a conflict of two of them is a recap); the database
    # version asks only when there are conflicts, and about them only when the observation restates
    restating: frozenset[int] = frozenset()


def repeats(known: Observation, obs: Observation) -> bool:
    """Does an overlapping judged figure make ``obs`` old news? Not when ``obs`` is exact and the
    known one is a qualified figure rounder than it: "29,605" after "about 30,000", "10,582" after
    "more than 10,000", "4,000" after "thousands" are the precise counts the round ones stood for
    ("61.2 million" after "about 59.2 million" is not: as precise, and covered by it)."""
    if normal_qualifier(obs.qualifier) != "exact" or normal_qualifier(known.qualifier) == "exact":
        return True
    if normal_qualifier(known.qualifier) == "several":
        return False  # "thousands" stands for any count in its span
    if known.value is None:
        return True
    unit = rounding_unit(obs.value)
    return known.value == obs.value or round(known.value / unit) * unit != known.value


def _span(obs: Observation) -> Span:
    assert obs.span is not None
    return obs.span


def by_recency(observations: Iterable[Observation]) -> list[Observation]:
    return sorted(observations, key=lambda o: o.key, reverse=True)


def history_from(obs: Observation, others: Iterable[Observation], rule: ClaimRule) -> ClaimHistory:
    """The reference ClaimHistory from a plain list of the claim's stored observations."""
    others = [o for o in others if o.claim == obs.claim]
    judged = [o for o in others if is_judged(o, obs)]
    before = [o for o in judged if o.key < obs.key]
    known = None
    if obs.is_figure:
        known = next((o for o in judged if o.is_figure and agrees(o, obs) and repeats(o, obs)), None)
    previous = following = recalled = None
    if obs.is_position and obs.speaker:
        statements = [o for o in judged if o.is_position and o.voice == obs.voice]
        previous = max((o for o in statements if o.key < obs.key), key=lambda o: o.key, default=None)
        following = min((o for o in statements if o.key > obs.key), key=lambda o: o.key, default=None)
        if previous is None and following is None:
            recalled = max(
                (
                    o
                    for o in others
                    if o.recalled
                    and o.polarity in POSITIONS
                    and o.voice == obs.voice
                    and ((is_judged(o, obs) and o.key < obs.key) or (o.article_id == obs.article_id))
                    and o.id != obs.id
                ),
                key=lambda o: o.key,
                default=None,
            )
    current = [o for o in judged if not o.recalled]
    conflicts = [
        o
        for o in current
        if o.voice != obs.voice and within(o.published, obs.published, rule.window) and disagrees(o, obs)
    ]
    supporters = [
        o
        for o in current
        if o.voice == obs.voice
        and obs.published - 2 * rule.window <= o.published <= obs.published + rule.window
        and agrees(o, obs)
    ]
    kind_filter = [o for o in before if (o.is_figure if obs.is_figure else o.is_statement)]
    fallen = [o for o in current if falls_between(o, obs)] if rule.accumulates else []
    article_figures: list[Observation] = []
    if wants_article_figures(obs, rule):
        article_figures = [
            o for o in others if o.article_id == obs.article_id and o.is_figure and o.id != obs.id
        ]
    return ClaimHistory(
        known_figure=known,
        previous_statement=previous,
        next_statement=following,
        recalled_statement=recalled,
        conflicts=by_recency(conflicts),
        supporters=supporters,
        earlier=by_recency(kind_filter)[:MAX_EARLIER],
        fallen=by_recency(fallen)[:MAX_RELATED],
        article_figures=sorted(article_figures, key=lambda o: o.id),
        article_earlier=[o for o in current if o.article_id == obs.article_id and o.id < obs.id],
        restating=frozenset(o.id for o in [obs, *conflicts] if restates_voice(o, current)),
    )


def falls_between(other: Observation, obs: Observation) -> bool:
    """A running total fell between the two: the earlier-published figure lies wholly above the
    later one. Deltas ("3,500 more") are no totals."""
    if not (other.is_figure and obs.is_figure and other.comparable and obs.comparable):
        return False
    assert other.span is not None and obs.span is not None
    if other.key < obs.key:
        return other.span[0] > obs.span[1]
    return other.span[1] < obs.span[0]


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class AlertCandidate:
    kind: AlertKind
    observation: Observation
    sources: tuple[str, ...]
    summary: str
    # conflicting observations, the previous statement, or earlier figures
    related: tuple[Observation, ...] = ()
    from_polarity: str | None = None
    to_polarity: str | None = None


def new_conflicts(obs: Observation, history: ClaimHistory, rule: ClaimRule) -> list[Observation]:
    """Conflicts not already reported: no supporter of ``obs`` was within the window of them, and
    no earlier sentence of its article stood against them (conflicts.answered_in_article), and
    they are no recap of two known figures (conflicts.is_recap)."""
    fresh = []
    for other in history.conflicts:
        if not stands_against(other, obs, rule):
            continue
        if any(
            within(p.published, other.published, rule.window)
            for p in history.supporters
            if p.voice == obs.voice and not p.recalled and agrees(p, obs)
        ):
            continue
        if answered_in_article(other, obs, history.article_earlier, rule):
            continue
        if is_recap(other, obs, history.restating):
            continue
        fresh.append(other)
    return by_recency(fresh)


def rises(obs: Observation, history: ClaimHistory, rule: ClaimRule) -> bool:
    """A running total's figure above every one of the latest figures before it is a rise, news
    even when it falls in a known lower bound's or rounder figure's span ("1,700" after "more
    than 1,600", "78" after "at least 73"): the total moved past what was said."""
    if not (rule.accumulates and obs.is_figure and obs.comparable) or obs.value is None:
        return False
    latest = [o for o in history.earlier if o.is_figure and o.comparable and o.value is not None]
    if any(o.value is not None and o.value >= obs.value for o in latest):
        return False
    # a rounder figure whose span reaches down to a latest figure ("nearly 500" after 481,
    # "about 5,950" after "more than 5,900") restates that count: it does not say the total
    # moved past it (an exact figure's span is its value, above every latest one here)
    assert obs.span is not None
    if any(o.value is not None and obs.span[0] <= o.value for o in latest):
        return False
    # the figure it overlaps must be one of the latest: an old total it repeats is no rise
    return any(agrees(o, obs) for o in latest)


def says_less(obs: Observation, history: ClaimHistory, rule: ClaimRule) -> bool:
    """A vague magnitude or lower bound a known figure satisfies, or the rounding of a more
    precise known count (monitor.detect.restatements): no new figure."""
    others = [*history.earlier, *history.article_figures]
    return implied(obs, others, rule) or restated(obs, others, rule) is not None


def judge(obs: Observation, history: ClaimHistory, rule: ClaimRule) -> list[AlertCandidate]:
    """The alerts one observation raises, in the order new_figure, contradiction, status_change."""
    found: list[AlertCandidate] = []
    if obs.recalled:  # said earlier: history only (see the module docstring)
        return found
    if history.known_figure is not None and rises(obs, history, rule):
        history = replace(history, known_figure=None)
    # running totals (monitor.detect.totals): a breakdown or earlier stage of the article's own
    # total raises nothing; a repeat of a known figure is no fall (an article recalling Monday's
    # toll on Wednesday); a fall below the same voice's earlier total is a contradiction; and a
    # figure below the latest total is no new figure
    falls: list[Observation] = []
    stale = False
    if rule.accumulates and obs.is_figure:
        if part_of(obs, history.article_figures) is not None:
            return found
        if history.known_figure is None:
            falls = own_falls(obs, history.fallen)
            stale = superseded_by(obs, history.earlier) is not None or is_rise_only(obs, history.earlier)
    fell = stale or any(o.key < obs.key for o in falls)
    # a rounder figure with a more precise one of its own article inside it leaves the news to that
    rounder = precise_in_article(obs, history.article_figures) is not None
    news = history.known_figure is None and not fell and not rounder
    if obs.is_figure and news and not says_less(obs, history, rule):
        earlier = tuple(history.earlier[:MAX_EARLIER])
        found.append(
            AlertCandidate(
                kind="new_figure",
                observation=obs,
                sources=tuple(obs.names()),
                summary=new_figure_summary(obs, earlier, rule),
                related=earlier,
            )
        )
    # a running total repeating a known figure is a corroboration of that moment's total, and so is
    # the outlet's own restatement of a known figure on any claim: that figure's conflicts were
    # judged when its source stated it
    corroborates = history.known_figure is not None and (rule.accumulates or not obs.attributed)
    if obs.is_figure and (not obs.comparable or corroborates):
        conflicts: list[Observation] = []
    else:
        conflicts = new_conflicts(obs, history, rule)
        seen = {o.id for o in conflicts}
        # a fall to a tenth of the voice's total is a part of it (a day's arrivals), no revision
        revisions = [
            o
            for o in falls
            if o.id not in seen
            and same_magnitude(_span(o), _span(obs))
            and rival_counts(o, obs, rule.widening)
        ]
        conflicts = by_recency([*conflicts, *revisions])[:MAX_RELATED]
    if conflicts:
        names = obs.names() + [name for other in conflicts for name in other.names()]
        found.append(
            AlertCandidate(
                kind="contradiction",
                observation=obs,
                sources=tuple(dict.fromkeys(names)),
                summary=contradiction_summary(obs, conflicts, rule),
                related=tuple(conflicts),
            )
        )
    change = status_change(obs, history, rule)
    if change is not None:
        found.append(change)
    return found


def status_change(obs: Observation, history: ClaimHistory, rule: ClaimRule) -> AlertCandidate | None:
    """The speaker now takes the other position than in its previous one (denied -> affirmed).

    A late statement with no earlier one from its speaker is compared with the
    speaker's next (already judged) statement instead: that one was judged
    without it, so the change between the two was never reported. With
    neither, a recalled position of the speaker is the previous one.
    """
    if not obs.is_position or not obs.speaker:
        return None
    previous, following = history.previous_statement, history.next_statement
    recalled = history.recalled_statement
    if previous is not None and previous.voice == obs.voice and not previous.recalled:
        if previous.polarity == obs.polarity:
            return None
        before, after = previous, obs
    elif previous is None and following is not None and following.voice == obs.voice:
        if following.recalled or following.polarity == obs.polarity:
            return None
        before, after = obs, following
    elif (
        previous is None
        and following is None
        and recalled is not None
        and recalled.voice == obs.voice
        and recalled.polarity in POSITIONS
    ):
        if recalled.polarity == obs.polarity:
            return None
        before, after = recalled, obs
    else:
        return None
    names = [obs.speaker] + before.names() + after.names()
    return AlertCandidate(
        kind="status_change",
        observation=obs,
        sources=tuple(dict.fromkeys(names)),
        summary=status_change_summary(after, before, rule),
        related=(following if after is following else before,),
        from_polarity=before.polarity,
        to_polarity=after.polarity,
    )


def dedupe_key(kind: str, article_url: str, observation_key: str) -> str:
    """Stable across re-processing: the same article URL and finding give the same key."""
    digest = hashlib.sha256(f"{kind}|{article_url}|{observation_key}".encode()).hexdigest()[:40]
    return f"{kind}:{digest}"
