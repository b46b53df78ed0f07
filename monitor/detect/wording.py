"""The words of an alert: how an observation is described and each kind's summary line.

Kept apart from the rules (:mod:`monitor.detect.judge`) so wording changes never touch
what is detected. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.detect.model import ClaimRule, Observation, normal_qualifier


def format_number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_QUALIFIER_WORDS = {
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "up_to": "up to ",
    "several": "several ",
    "additional": "an additional ",
}


def describe(obs: Observation) -> str:
    """'more than 650,000', 'denied', or 'denied (recalled)' (the claim history shows recalls as such)."""
    if obs.is_statement or obs.value is None:
        said = obs.polarity or "?"
        return f"{said} (recalled)" if obs.recalled else said
    name = normal_qualifier(obs.qualifier)
    if name == "several" and obs.span is not None:
        return f"{format_number(obs.span[0])} to {format_number(obs.span[1])}"
    return _QUALIFIER_WORDS.get(name, "") + format_number(obs.value)


def attribution(obs: Observation) -> str:
    who = ", ".join(obs.names())
    return f"{who}, {obs.published:%Y-%m-%d}"


def _claim_name(rule: ClaimRule) -> str:
    return f"{rule.claim} ({rule.description})" if rule.description else rule.claim


def new_figure_summary(obs: Observation, earlier: Sequence[Observation], rule: ClaimRule) -> str:
    head = f"New figure for {_claim_name(rule)}: {describe(obs)} ({attribution(obs)})."
    if not earlier:
        return head + " First figure on record."
    shown = "; ".join(f"{describe(o)} ({attribution(o)})" for o in earlier)
    return f"{head} Earlier: {shown}."


def contradiction_summary(obs: Observation, conflicts: Sequence[Observation], rule: ClaimRule) -> str:
    shown = "; ".join(f"{describe(o)} ({attribution(o)})" for o in conflicts)
    return f"Contradiction on {_claim_name(rule)}: {describe(obs)} ({attribution(obs)}) vs {shown}."


def status_change_summary(obs: Observation, previous: Observation, rule: ClaimRule) -> str:
    # a recalled position has no date of its own: say where it was recalled
    was = f"earlier, as recalled by {attribution(previous)}" if previous.recalled else attribution(previous)
    return (
        f"Status change on {_claim_name(rule)}: {obs.speaker} went from {previous.polarity} "
        f"({was}) to {obs.polarity} ({attribution(obs)})."
    )
