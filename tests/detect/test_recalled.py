"""Recalled statements ("Moscow had initially denied it") in detection, table-driven, on plain lists.

A recalled statement is history only: it raises nothing, is no conflict and no
supporter, and is a speaker's previous position only when nothing else is known
of the speaker. Each case lists articles in processing order; a finding is
(polarity or figure qualifier, value, source, recalled).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from monitor.detect.judge import AlertCandidate, history_from, judge
from monitor.detect.model import ClaimRule, Observation, span_of
from monitor.detect.wording import describe
from monitor.text.numbers.intervals import Widening

SPEAKS_FOR = {"peskov": "russia", "rutte": "nato"}
NOW, THEN = False, True


@dataclass(frozen=True)
class A:
    published: str
    findings: list[tuple[str, float | str, str | None, bool]]
    outlet: str = "Outlet"


def observations(index: int, article: A, first_id: int) -> list[Observation]:
    published = datetime.fromisoformat(article.published).replace(tzinfo=UTC)
    out = []
    for offset, (kind, what, source, recalled) in enumerate(article.findings):
        is_status = kind == "status"
        out.append(
            Observation(
                id=first_id + offset,
                claim="status" if is_status else "troops",
                article_id=index,
                published=published,
                value=None if is_status else float(what),
                qualifier="exact" if is_status else kind,
                polarity=str(what) if is_status else None,
                source=source,
                speaks_for=SPEAKS_FOR.get(source, source) if source else None,
                span=None if is_status else span_of(float(what), None, None, kind, Widening()),
                outlet=article.outlet,
                recalled=recalled,
            )
        )
    return out


def replay(articles: list[A]) -> list[tuple[int, AlertCandidate]]:
    """(article index, alert) of every alert, judging each observation as raise_alerts does."""
    processed: list[Observation] = []
    found: list[tuple[int, AlertCandidate]] = []
    for index, article in enumerate(articles):
        current = observations(index, article, len(processed) + 1)
        for obs in current:
            rule = ClaimRule(claim=obs.claim)
            found += [(index, c) for c in judge(obs, history_from(obs, processed + current, rule), rule)]
        processed += current
    return found


def deny(source: str, recalled: bool = NOW) -> tuple[str, str, str, bool]:
    return ("status", "denied", source, recalled)


def affirm(source: str, recalled: bool = NOW) -> tuple[str, str, str, bool]:
    return ("status", "affirmed", source, recalled)


CASES: dict[str, tuple[list[A], list[tuple[str, int]]]] = {
    "control: a current denial after the admission is a status change": (
        [
            A("2024-10-25", [deny("peskov")]),
            A("2025-04-26", [affirm("russia")]),
            A("2025-05-02", [deny("peskov")]),
        ],
        [("status_change", 1), ("status_change", 2)],
    ),
    "a recalled denial after the admission raises nothing": (
        [
            A("2024-10-25", [deny("peskov")]),
            A("2025-04-26", [affirm("russia")]),
            A("2025-05-02", [deny("peskov", THEN)]),
        ],
        [("status_change", 1)],
    ),
    "the admission repeated after a recalled denial is no change": (
        [
            A("2024-10-25", [deny("peskov")]),
            A("2025-04-26", [affirm("russia")]),
            A("2025-05-02", [deny("peskov", THEN)]),
            A("2025-05-20", [affirm("peskov")]),
        ],
        [("status_change", 1)],
    ),
    "control: a denial against another voice's affirmation is a contradiction": (
        [A("2025-04-26", [affirm("ukraine")]), A("2025-04-28", [deny("russia")])],
        [("contradiction", 1)],
    ),
    "a recalled denial contradicts nobody": (
        [A("2025-04-26", [affirm("ukraine")]), A("2025-04-28", [deny("russia", THEN)])],
        [],
    ),
    "a recalled denial is no conflict for a later affirmation": (
        [A("2025-04-26", [deny("russia", THEN)]), A("2025-04-28", [affirm("ukraine")])],
        [],
    ),
    "a recalled statement is no supporter: the conflict is still news": (
        [
            A("2024-10-20", [affirm("ukraine")]),
            A("2024-10-21", [deny("russia", THEN)]),
            A("2024-10-25", [deny("russia")]),
        ],
        [("contradiction", 2)],
    ),
    "a recalled position is the previous one when nothing else is known": (
        [A("2025-05-02", [deny("peskov", THEN)]), A("2025-05-20", [affirm("russia")])],
        [("status_change", 1)],
    ),
    "first denied, now confirms, in one article (recall after the news)": (
        [A("2025-04-26", [affirm("russia"), deny("peskov", THEN)])],
        [("status_change", 0)],
    ),
    "first denied, now confirms, in one article (recall before the news)": (
        [A("2025-04-26", [deny("russia", THEN), affirm("russia")])],
        [("status_change", 0)],
    ),
    "a recalled position never replaces a current one": (
        [
            A("2024-11-01", [affirm("russia")]),
            A("2024-12-01", [deny("russia", THEN)]),
            A("2025-01-10", [affirm("russia")]),
        ],
        [],
    ),
    "a recalled position of the same polarity is no change": (
        [A("2025-05-02", [affirm("russia", THEN)]), A("2025-05-20", [affirm("russia")])],
        [],
    ),
    "a recalled position published later is no previous one (late arrival)": (
        [A("2025-04-10", [deny("russia", THEN)]), A("2025-03-01", [affirm("russia")])],
        [],
    ),
    "a recalled position is no next one for a late arrival": (
        [
            A("2025-04-10", [deny("russia", THEN)]),
            A("2025-04-20", [deny("russia", THEN)]),
            A("2025-04-15", [affirm("russia")]),
        ],
        [("status_change", 2)],  # the 04-10 recall is before it: the fallback, not 04-20
    ),
    "another speaker's recalled position is not this speaker's": (
        [A("2025-05-02", [deny("north-korea", THEN)]), A("2025-05-20", [affirm("russia")])],
        [],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_recalled_rule(name: str) -> None:
    articles, expected = CASES[name]
    assert [(c.kind, index) for index, c in replay(articles)] == expected


def test_a_status_change_from_a_recalled_position_says_so() -> None:
    found = replay([A("2025-05-02", [deny("peskov", THEN)], "Daily"), A("2025-05-20", [affirm("russia")])])
    [(_, change)] = found
    assert (change.from_polarity, change.to_polarity) == ("denied", "affirmed")
    assert "as recalled by peskov, russia, 2025-05-02" in change.summary
    assert change.related[0].recalled


def test_a_recalled_figure_like_finding_raises_nothing_either() -> None:
    # the engine marks only statements, but the rule does not depend on it
    found = replay([A("2024-10-01", [("exact", 10000, "nis", THEN)])])
    assert found == []


def test_one_figure_raises_both_new_figure_and_contradiction() -> None:
    """One alert per (kind, claim, observation): a new figure that also conflicts raises both."""
    found = replay(
        [
            A("2024-10-01", [("exact", 10000, "nis", NOW)]),
            A("2024-10-05", [("exact", 12000, "zelensky", NOW)]),
        ]
    )
    second = [c for index, c in found if index == 1]
    assert [c.kind for c in second] == ["new_figure", "contradiction"]
    assert len({c.observation.id for c in second}) == 1
    assert second[1].related[0].value == 10000


def test_the_claim_history_shows_a_recall_as_such() -> None:
    [then, now] = observations(0, A("2025-05-02", [deny("peskov", THEN), deny("peskov")]), 1)
    assert (describe(then), describe(now)) == ("denied (recalled)", "denied")
