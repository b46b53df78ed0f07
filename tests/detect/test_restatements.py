"""Figures that say less than what is known: floors a known count satisfies, roundings of a
more precise count, and a headline's rounder figure beside the text's precise one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.detect.model import ClaimRule, Observation, span_of
from monitor.detect.restatements import floor_of, rounds, wants_article_figures
from monitor.text.numbers.intervals import Widening
from tests.detect.test_detect import A, kinds, replay

TOTAL = ClaimRule(claim="troops", window=timedelta(hours=24), accumulates=True)
PLAIN = ClaimRule(claim="troops")


def figure(value: float, qualifier: str = "exact", id_: int = 1) -> Observation:
    return Observation(
        id=id_,
        claim="troops",
        article_id=1,
        published=datetime(2024, 10, 1, tzinfo=UTC),
        value=value,
        qualifier=qualifier,
        span=span_of(value, None, None, qualifier, Widening()),
    )


# ---------------------------------------------------------------- floors


def test_a_lower_bound_a_known_count_satisfies_is_no_new_figure() -> None:
    """ "More than 1,000 dead", a day after the ministry counted 1,644: nothing new, and a floor
    below a count does not disagree with it."""
    story = [
        A("2025-03-29T10:00", [("exact", 1644, "ministry")]),
        A("2025-03-29T18:00", [("more_than", 1000, None)], "Other"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0)]


def test_a_lower_bound_above_every_known_count_is_news() -> None:
    story = [
        A("2025-03-29T10:00", [("exact", 1500, "ministry")]),
        A("2025-03-30T10:00", [("at_least", 1600, "ministry")], "Other"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_headline_floor_leaves_the_news_to_the_count_inside_it() -> None:
    """The headline's "more than 1,200" comes first; the text's 1,234 carries the news."""
    found = replay([A("2025-03-29", [("more_than", 1200, None), ("exact", 1234, "ministry")])])
    assert kinds(found) == [("new_figure", 0)]
    assert found[0][2] == ("ministry",)


def test_a_floor_after_its_articles_count_is_no_news() -> None:
    found = replay([A("2025-03-29", [("exact", 1234, "ministry"), ("more_than", 1000, None)])])
    assert kinds(found) == [("new_figure", 0)]


def test_a_larger_figure_further_down_may_be_another_count_so_the_floor_is_news() -> None:
    """ "More than 1,000 dead [...] 2,000 injured": what follows a floor does not make it old."""
    found = replay([A("2025-03-29", [("more_than", 1000, None), ("exact", 2000, "ministry")])])
    assert kinds(found) == [("new_figure", 0), ("new_figure", 0)]


def test_a_floor_above_its_articles_count_is_still_news_and_disagrees() -> None:
    found = replay([A("2025-03-29", [("more_than", 1500, None), ("exact", 1234, "ministry")])])
    assert kinds(found) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]


def test_only_magnitudes_and_lower_bounds_have_a_floor() -> None:
    assert floor_of(figure(1000, "more_than")) == 1000
    assert floor_of(figure(70, "at_least")) == 70
    assert floor_of(figure(2000, "several")) == 2000
    for qualifier in ("exact", "about", "up_to", "additional"):
        assert floor_of(figure(1000, qualifier)) is None


# ---------------------------------------------------------------- a headline's rounder figure


def test_a_rounder_headline_figure_leaves_the_news_to_the_precise_count_on_any_claim() -> None:
    found = replay([A("2023-02-10", [("about", 30000, None), ("exact", 29605, "ministry")])])
    assert kinds(found) == [("new_figure", 0)]
    assert found[0][2] == ("ministry",)


def test_a_rounder_figure_alone_in_its_article_is_news() -> None:
    found = replay([A("2023-02-10", [("about", 30000, None), ("exact", 12000, "ministry")])])
    # 12,000 lies outside "about 30,000": both are news, and they disagree
    assert kinds(found) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]


# ---------------------------------------------------------------- roundings


@pytest.mark.parametrize(
    ("rounded", "precise", "expected"),
    [
        (334000, 334053, True),
        (1670000, 1668500, True),
        (17000, 17200, True),
        (26, 25.6, True),
        (334000, 334600, False),  # beyond half a unit of the last digit: another count
        (2000, 2400, False),  # half a unit is 25 % of 2,000: wider than "about"
        (17000, 17000, False),  # the same figure: an ordinary repeat, not a rounding
        (26, 25, False),  # as precise as 26: a count of its own
        (334000, 300000, False),  # rounder than 334,000: not the more precise count
    ],
)
def test_what_counts_as_a_rounding(rounded: float, precise: float, expected: bool) -> None:
    assert rounds(figure(rounded, id_=1), figure(precise, id_=2), Widening()) is expected


def test_only_exact_figures_round_each_other() -> None:
    assert not rounds(figure(334000, "about"), figure(334053), Widening())
    assert not rounds(figure(334000), figure(334053, "more_than"), Widening())
    assert not rounds(figure(334000, "additional"), figure(334053), Widening())


def test_a_rounding_of_a_known_count_is_neither_news_nor_a_rival_count() -> None:
    """An agency writes 334,000 for the IOM's 334,053 of the day before."""
    story = [
        A("2023-05-02T10:00", [("exact", 334053, "iom")]),
        A("2023-05-02T20:00", [("exact", 334000, None)], "Other"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0)]


def test_a_round_figure_far_from_the_count_is_a_rival_one() -> None:
    story = [
        A("2023-05-02T10:00", [("exact", 2400, "iom")]),
        A("2023-05-02T20:00", [("exact", 2000, None)], "Other"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)]


def test_the_precise_count_after_its_rounding_is_news_but_no_rival() -> None:
    story = [
        A("2023-05-02T10:00", [("exact", 334000, None)]),
        A("2023-05-02T20:00", [("exact", 334053, "iom")], "Other"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_sources_rounding_of_its_own_total_is_no_revision() -> None:
    """A running total: the ministry's "2,700" the day after its 2,712 is the same count, not a fall
    (a clear fall to 2,500 still is: test_running_totals)."""
    story = [
        A("2023-02-08T10:00", [("exact", 2712, "ministry")]),
        A("2023-02-09T10:00", [("exact", 2700, "ministry")], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]


def test_which_figures_need_their_article() -> None:
    assert wants_article_figures(figure(1234), TOTAL)
    assert wants_article_figures(figure(1000, "more_than"), PLAIN)
    assert wants_article_figures(figure(334000), PLAIN)
    assert not wants_article_figures(figure(1234), PLAIN)
    assert not wants_article_figures(figure(300, "additional"), PLAIN)


def test_a_magnitude_or_a_figure_ten_times_larger_satisfies_no_floor() -> None:
    """ "Zehntausende" protesters or a population of 3,000,000 say nothing about "more than 400"."""
    magnitude = [
        A("2024-08-04", [("several", 20000, None)]),
        A("2024-08-05", [("more_than", 400, None)], "Other"),
    ]
    assert kinds(replay(magnitude)) == [("new_figure", 0), ("new_figure", 1)]
    larger = [
        A("2024-08-04", [("exact", 3000000, "census")]),
        A("2024-08-05", [("more_than", 400, None)], "Other"),
    ]
    assert kinds(replay(larger)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_running_totals_floor_is_judged_against_its_latest_total() -> None:
    """An old, larger figure the total has not reached yet does not make a rising floor old."""
    story = [
        A("2023-04-28", [("about", 2500000, None)]),
        A("2023-05-02", [("exact", 334053, "iom")], "Other"),
        A("2023-05-09", [("more_than", 700000, "iom")], "Third"),
    ]
    assert ("new_figure", 2) in kinds(replay(story, TOTAL))
    # on a claim that is no running total the larger figure satisfies the floor
    assert ("new_figure", 2) not in kinds(replay(story))


def test_a_running_totals_floor_below_an_earlier_figure_of_its_article_is_no_news() -> None:
    """ "At least 386 dead, the ministry says [...] more than 140, say rescuers in the north-west"."""
    story = [A("2023-02-06", [("at_least", 386, "ministry"), ("more_than", 140, "rescuers")])]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]
