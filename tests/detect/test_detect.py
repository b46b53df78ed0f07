"""The detection rules, table-driven, on plain lists (no database).

Each case is a list of articles in the order they are *processed*; every
observation is judged against what was processed before it, exactly as
raise_alerts does, and the alerts of the whole replay are compared.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from monitor.detect.judge import dedupe_key, history_from, judge
from monitor.detect.model import ClaimRule, Observation, rule_for, span_of
from monitor.text.numbers.intervals import Widening

C = "troops"
S = "status"
SPEAKS_FOR = {"peskov": "russia", "rutte": "nato"}


@dataclass(frozen=True)
class A:
    """An article: when, and its findings (value, qualifier) or polarity, with a source."""

    published: str
    findings: list[tuple[str, float | str, str | None]]  # (qualifier or "status", value or polarity, source)
    outlet: str = "Outlet"


def replay(articles: list[A], rule: ClaimRule | None = None) -> list[tuple[str, int, tuple[str, ...]]]:
    """(kind, article index, sources) of every alert, judging in processing order."""
    processed: list[Observation] = []
    found: list[tuple[str, int, tuple[str, ...]]] = []
    next_id = 1
    for index, article in enumerate(articles):
        published = datetime.fromisoformat(article.published).replace(tzinfo=UTC)
        current: list[Observation] = []
        for qualifier, what, source in article.findings:
            is_status = qualifier == "status"
            claim = S if is_status else C
            current.append(
                Observation(
                    id=next_id,
                    claim=claim,
                    article_id=index,
                    published=published,
                    value=None if is_status else float(what),
                    qualifier="exact" if is_status else qualifier,
                    polarity=str(what) if is_status else None,
                    source=source,
                    speaks_for=SPEAKS_FOR.get(source, source) if source else None,
                    span=None if is_status else span_of(float(what), None, None, qualifier, Widening()),
                    outlet=article.outlet,
                )
            )
            next_id += 1
        for obs in current:
            the_rule = rule or ClaimRule(claim=obs.claim)
            the_rule = dataclasses.replace(the_rule, claim=obs.claim)
            history = history_from(obs, processed + current, the_rule)
            found += [(c.kind, index, c.sources) for c in judge(obs, history, the_rule)]
        processed += current
    return found


def kinds(found: list[tuple[str, int, tuple[str, ...]]]) -> list[tuple[str, int]]:
    return [(kind, index) for kind, index, _ in found]


CASES: dict[str, tuple[list[A], list[tuple[str, int]]]] = {
    "first figure is new": (
        [A("2024-10-01", [("exact", 10000, "nis")])],
        [("new_figure", 0)],
    ),
    "same figure from another outlet corroborates": (
        [
            A("2024-10-01", [("exact", 10000, "nis")]),
            A("2024-10-02", [("exact", 10000, "zelensky")], "Other"),
        ],
        [("new_figure", 0)],
    ),
    "about overlaps a nearby exact figure": (
        [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-02", [("about", 10400, "nis")])],
        [("new_figure", 0)],
    ),
    "disjoint figure from another source within the window": (
        [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-05", [("exact", 12000, "zelensky")])],
        [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)],
    ),
    "disjoint figure from the same source is an update, not a contradiction": (
        [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-05", [("exact", 12000, "nis")])],
        [("new_figure", 0), ("new_figure", 1)],
    ),
    "window expired": (
        [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-16", [("exact", 12000, "zelensky")])],
        [("new_figure", 0), ("new_figure", 1)],
    ),
    "window edge (exactly 14 days) still counts": (
        [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-15", [("exact", 12000, "zelensky")])],
        [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)],
    ),
    "same-article contradiction: the later sentence carries it": (
        [A("2025-04-29", [("about", 1500, "nato"), ("about", 600, "lee")])],
        [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)],
    ),
    "more than is bounded: +10 % overlaps; the exact count is still news": (
        [A("2024-10-01", [("more_than", 650000, "ukraine")]), A("2024-10-02", [("exact", 701200, "isw")])],
        [("new_figure", 0), ("new_figure", 1)],
    ),
    "an exact figure as round as the qualified one it falls in is no news": (
        [A("2024-10-01", [("about", 59200, "office")]), A("2024-10-02", [("exact", 61200, "isw")])],
        [("new_figure", 0)],
    ),
    "a lower bound admits any figure above it: no contradiction": (
        [A("2024-10-01", [("more_than", 650000, "ukraine")]), A("2024-10-02", [("exact", 900000, "isw")])],
        [("new_figure", 0), ("new_figure", 1)],
    ),
    "a figure below a lower bound contradicts it": (
        [A("2024-10-01", [("more_than", 650000, "ukraine")]), A("2024-10-02", [("exact", 500000, "isw")])],
        [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)],
    ),
    "an upper bound admits any figure below it; two exact figures still disagree": (
        [
            A("2024-10-01", [("up_to", 1000, "nato")]),
            A("2024-10-02", [("exact", 950, "isw")]),
            A("2024-10-03", [("exact", 850, "lee")]),
        ],
        [("new_figure", 0), ("new_figure", 1), ("new_figure", 2), ("contradiction", 2)],
    ),
    "a qualified figure repeats an exact one it covers, not the other way round": (
        [
            A("2024-10-01", [("exact", 9000, "nis")]),
            A("2024-10-02", [("about", 9000, "isw")]),
            A("2024-10-03", [("more_than", 8500, "isw")]),
            A("2024-10-04", [("about", 9000, "nis")], "Other"),
            A("2024-10-05", [("exact", 9000, "lee")]),
        ],
        [("new_figure", 0)],
    ),
    "several thousand covers 2,000 to 9,999, but the exact count is news": (
        [
            A("2024-10-01", [("several", 2000, "isw")]),
            A("2024-10-02", [("exact", 9000, "nis")]),
            A("2024-10-03", [("several", 2000, "zelensky")]),
            A("2024-10-04", [("exact", 10000, "zelensky")]),
        ],
        [("new_figure", 0), ("new_figure", 1), ("new_figure", 3), ("contradiction", 3)],
    ),
    "a vague magnitude below a known count says nothing new": (
        [
            A("2024-10-01", [("exact", 33000, "union")]),
            A("2024-10-02", [("several", 24, None), ("exact", 33000, None)], "Other"),
        ],
        # "dozens" is no new figure, and a magnitude is no count to disagree with 33,000
        [("new_figure", 0)],
    ),
    "a vague magnitude above every known figure is news": (
        [A("2024-10-01", [("exact", 500, "nis")]), A("2024-10-02", [("several", 2000, "nis")])],
        [("new_figure", 0), ("new_figure", 1)],
    ),
    "a known conflict repeated is not reported again": (
        [
            A("2024-10-18", [("exact", 12000, "nis"), ("exact", 10000, "zelensky")]),
            A("2024-10-21", [("exact", 10000, "zelensky")], "Other"),
        ],
        [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)],
    ),
    "a conflict with a new voice is reported": (
        [
            A("2024-10-18", [("exact", 12000, "nis"), ("exact", 10000, "zelensky")]),
            A("2024-10-21", [("exact", 15000, "isw")]),
        ],
        [("new_figure", 0), ("new_figure", 0), ("contradiction", 0), ("new_figure", 1), ("contradiction", 1)],
    ),
    "additional figures are deltas, never contradictions": (
        [A("2025-04-29", [("about", 11000, "nato"), ("additional", 3500, "isw")])],
        [("new_figure", 0), ("new_figure", 0)],
    ),
    "opposite polarity from different sources within the window": (
        [A("2024-10-18", [("status", "affirmed", "nis"), ("status", "denied", "peskov")])],
        [("contradiction", 0)],
    ),
    "unconfirmed is not the opposite of affirmed": (
        [A("2024-10-18", [("status", "affirmed", "nis"), ("status", "unconfirmed", "isw")])],
        [],
    ),
    "status change via speaks_for: peskov denied, russia affirmed months later": (
        [
            A("2024-10-18", [("status", "denied", "peskov")]),
            A("2025-04-29", [("status", "affirmed", "russia")]),
        ],
        [("status_change", 1)],
    ),
    "repeating a position is no change; a first statement is none either": (
        [
            A("2024-10-18", [("status", "denied", "russia")]),
            A("2024-11-18", [("status", "denied", "peskov")]),
        ],
        [],
    ),
    "unconfirmed neither opens nor closes a position": (
        [
            A("2024-10-01", [("status", "denied", "russia")]),
            A("2024-10-02", [("status", "unconfirmed", "russia")]),
            A("2024-10-03", [("status", "affirmed", "peskov")]),
            A("2024-10-04", [("status", "unconfirmed", "russia")]),
        ],
        [("status_change", 2)],
    ),
    "unattributed statements are their outlet's voice": (
        [
            A("2024-10-01", [("exact", 1000, None)], "Daily"),
            A("2024-10-02", [("exact", 2000, None)], "Daily"),
            A("2024-10-03", [("exact", 3000, None)], "Weekly"),
        ],
        [("new_figure", 0), ("new_figure", 1), ("new_figure", 2), ("contradiction", 2)],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rules(name: str) -> None:
    articles, expected = CASES[name]
    assert kinds(replay(articles)) == expected


def test_figures_of_two_voices_contradict_only_about_the_same_moment() -> None:
    same_day = [
        A("2024-10-01T08:00", [("exact", 10000, "nis")]),
        A("2024-10-01T20:00", [("exact", 12000, "zelensky")]),
    ]
    days_apart = [A("2024-10-01", [("exact", 10000, "nis")]), A("2024-10-04", [("exact", 12000, "zelensky")])]
    rule = rule_for(SimpleNamespace(window_days=30, description=""), C)
    assert ("contradiction", 1) in kinds(replay(same_day, rule))
    # three days later the count may have moved: a new figure, not a rival one
    assert kinds(replay(days_apart, rule)) == [("new_figure", 0), ("new_figure", 1)]
    slow = rule_for(SimpleNamespace(window_days=30, same_moment_hours=96, description=""), C)
    assert ("contradiction", 1) in kinds(replay(days_apart, slow))


def test_window_days_bounds_status_claims() -> None:
    status = SimpleNamespace(kind="status", window_days=30, description="")
    assert rule_for(status, C).window == timedelta(days=30)
    assert rule_for(SimpleNamespace(kind="figure", window_days=30), C).window == timedelta(hours=24)
    assert rule_for(
        SimpleNamespace(kind="figure", window_days=1, same_moment_hours=72), C
    ).window == timedelta(days=1)


def test_status_change_names_the_actor_and_direction() -> None:
    articles = [
        A("2024-10-18", [("status", "denied", "peskov")]),
        A("2025-04-29", [("status", "affirmed", "russia")]),
    ]
    ((kind, _, sources),) = replay(articles)
    assert kind == "status_change" and sources[0] == "russia" and "peskov" in sources


def test_contradiction_lists_both_sides() -> None:
    found = replay([A("2025-04-29", [("about", 1500, "nato"), ("about", 600, "lee")])])
    contradiction = [sources for kind, _, sources in found if kind == "contradiction"]
    assert contradiction == [("lee", "nato")]


# ---------------------------------------------------------------- out of order


def test_late_article_judged_against_what_was_published_before_it() -> None:
    # the Oct 10 article arrives after the Oct 18 one
    found = replay([A("2024-10-18", [("exact", 12000, "nis")]), A("2024-10-10", [("exact", 5000, "isw")])])
    # 5,000 is new (nothing before it) and contradicts the later 12,000 within the window,
    # a conflict the Oct 18 observation could not see when it was judged
    assert kinds(found) == [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)]


def test_late_article_repeating_a_figure_already_alerted_is_not_new() -> None:
    found = replay([A("2024-10-18", [("exact", 12000, "nis")]), A("2024-10-10", [("exact", 12000, "isw")])])
    assert kinds(found) == [("new_figure", 0)]


def test_late_status_is_compared_with_the_statement_before_it() -> None:
    found = replay(
        [
            A("2024-10-01", [("status", "denied", "russia")]),
            A("2024-12-01", [("status", "affirmed", "russia")]),
            A("2024-11-01", [("status", "affirmed", "peskov")]),  # late: the change happened by Nov 1
        ]
    )
    # Dec 1 was judged against Oct 1 (a change); Nov 1 arrives late and is judged against Oct 1 too.
    # The Dec 1 alert is not retracted.
    assert kinds(found) == [("status_change", 1), ("status_change", 2)]


# ---------------------------------------------------------------- spans and keys


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high", "expected"),
    [
        (10000, "exact", None, None, (10000, 10000)),
        (10000, "about", None, None, (9500, 10500)),
        (650000, "more_than", None, None, (650000, 715000)),
        (650000, "at_least", None, None, (650000, 715000)),
        (1000, "up_to", None, None, (900, 1000)),
        (2000, "several", None, None, (2000, 9999)),
        (2000000, "several", None, None, (2000000, 9999999)),
        (20000, "several", 20000, 99999, (20000, 99999)),  # the engine's unit wins
        (3500, "additional", None, None, (3500, 3500)),
        (650000, "over", None, None, (650000, 715000)),  # alias
        (10000, "mysterious", None, None, (10000, 10000)),  # unknown: exact
        (None, "exact", 5, 7, (5, 7)),
        (None, "exact", None, None, None),
    ],
)
def test_spans(
    value: float | None,
    qualifier: str,
    low: float | None,
    high: float | None,
    expected: tuple[float, float] | None,
) -> None:
    span = span_of(value, low, high, qualifier, Widening())
    if expected is None:
        assert span is None
    else:
        assert span is not None and span == pytest.approx(expected)


def test_per_claim_widening_is_read_from_the_spec() -> None:
    spec = SimpleNamespace(widening=SimpleNamespace(about=0.2, more_than=0.5), window_days=7, description="x")
    rule = rule_for(spec, C)
    assert rule.window == timedelta(hours=24)  # a figure claim: the same moment (see above)
    assert span_of(100, None, None, "about", rule.widening) == pytest.approx((80, 120))
    assert span_of(100, None, None, "more_than", rule.widening) == pytest.approx((100, 150))
    assert span_of(100, None, None, "up_to", rule.widening) == pytest.approx((90, 100))  # default kept


def test_dedupe_key_is_stable_and_distinct() -> None:
    key = dedupe_key("new_figure", "https://x/1", "abc")
    assert key == dedupe_key("new_figure", "https://x/1", "abc")
    assert key != dedupe_key("contradiction", "https://x/1", "abc")
    assert key != dedupe_key("new_figure", "https://x/2", "abc")
    assert len(key) <= 128


def test_late_first_statement_is_compared_with_the_next_one() -> None:
    # russia's admission is processed first; peskov's earlier denial arrives afterwards
    found = replay(
        [
            A("2025-04-29", [("status", "affirmed", "russia")]),
            A("2024-10-18", [("status", "denied", "peskov")]),
        ]
    )
    assert kinds(found) == [("status_change", 1)]
    assert found[0][2][0] == "russia"


def test_late_statement_between_equal_ones_changes_nothing() -> None:
    found = replay(
        [
            A("2024-10-01", [("status", "denied", "russia")]),
            A("2024-12-01", [("status", "denied", "russia")]),
            A("2024-11-01", [("status", "denied", "peskov")]),
        ]
    )
    assert found == []


def test_per_claim_widening_comes_from_feeds_yaml() -> None:
    from monitor.detect.model import rule_for
    from monitor.text.spec import ClaimSpec

    basics = {"units": {"en": ["refugees"]}, "cues": {"en": ["fled"]}}
    spec = ClaimSpec.model_validate(
        {"id": "refugees", **basics, "widening": {"about": 0.2, "more_than": 0.5}}
    )
    rule = rule_for(spec, "refugees")
    assert rule.widening.about == 0.2 and rule.widening.more_than == 0.5
    assert rule.widening.up_to == 0.10  # unspecified fields keep their defaults
    default = rule_for(ClaimSpec.model_validate({"id": "other", **basics}), "other")
    assert default.widening.about == 0.05


def test_a_figure_to_more_decimals_repeats_its_rounded_statement() -> None:
    # "turnout was 82.5 %" on Monday, "the final figure is 82.54 %" a week later: the same count
    rounded = [A("2025-02-24", [("exact", 82.5, "officer")]), A("2025-03-03", [("exact", 82.54, "wire")])]
    assert kinds(replay(rounded)) == [("new_figure", 0)]
    # 82.7 lies outside what "82.5" stands for: a new figure
    moved = [A("2025-02-24", [("exact", 82.5, "officer")]), A("2025-03-03", [("exact", 82.7, "wire")])]
    assert ("new_figure", 1) in kinds(replay(moved))


def test_whole_numbers_keep_an_exact_span() -> None:
    # a trailing zero says nothing about rounding: 200 and 213 dead are two counts
    assert span_of(200, None, None, "exact", Widening()) == (200, 200)
    assert span_of(82.5, None, None, "exact", Widening()) == pytest.approx((82.45, 82.55))


def test_a_vague_magnitude_contradicts_no_count() -> None:
    """ "Hundreds more are feared dead" beside the coast guard's 79 recovered bodies: an order of
    magnitude, not a rival count; the exact figures of two voices still disagree."""
    vague = [A("2024-06-14T18:00", [("several", 200, "agency"), ("exact", 79, "coastguard")])]
    assert "contradiction" not in [kind for kind, _ in kinds(replay(vague))]
    exact = [A("2024-06-14T18:00", [("exact", 200, "agency"), ("exact", 79, "coastguard")])]
    assert ("contradiction", 0) in kinds(replay(exact))


def test_figures_an_order_of_magnitude_apart_are_no_rival_counts() -> None:
    """A mayor's 31 dead in one city beside the UN's nationwide 11,284, or 130,000 marchers
    misread as a toll of 216: not two counts of one thing. Three or four times apart (police
    100,000, organisers 350,000) still is."""
    far = [
        A("2024-07-08T09:00", [("exact", 11284, "un")]),
        A("2024-07-08T12:00", [("exact", 31, "mayor")], "Other"),
    ]
    assert kinds(replay(far)) == [("new_figure", 0), ("new_figure", 1)]
    near = [
        A("2024-01-21T18:00", [("exact", 100000, "police")]),
        A("2024-01-21T20:00", [("exact", 350000, "organisers")], "Other"),
    ]
    assert ("contradiction", 1) in kinds(replay(near))
    # just inside a factor of ten: still a disagreement
    edge = [
        A("2024-07-08T09:00", [("exact", 1000, "un")]),
        A("2024-07-08T12:00", [("exact", 100, "mayor")], "Other"),
    ]
    assert ("contradiction", 1) in kinds(replay(edge))
