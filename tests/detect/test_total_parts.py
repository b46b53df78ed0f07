"""Running totals: breakdowns, earlier stages and outdated counts are no news
(monitor.detect.totals). Invented stories: a flood's toll, a count of evacuees."""

from __future__ import annotations

from datetime import timedelta

from monitor.detect.model import ClaimRule
from tests.detect.test_detect import A, kinds, replay

TOTAL = ClaimRule(claim="troops", window=timedelta(hours=24), accumulates=True)


def test_a_breakdown_after_its_total_raises_nothing() -> None:
    """ "The agency counts 8,000 homes destroyed, 4,100 of them in the north" (same voice)."""
    story = [
        A("2024-05-02T09:00", [("about", 8000, "agency"), ("exact", 4100, "agency"), ("exact", 3500, None)])
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]


def test_a_lower_figure_only_looks_back_for_its_total() -> None:
    """ "The ministry counts 165 dead [...] Last year more than 240 died": a larger figure further
    down the article is no total the 165 belongs to."""
    story = [
        A("2024-05-01T09:00", [("exact", 150, "ministry")]),
        A("2024-05-03T09:00", [("exact", 165, "ministry"), ("more_than", 240, None)], "Other"),
    ]
    assert kinds(replay(story, TOTAL))[:2] == [("new_figure", 0), ("new_figure", 1)]


def test_two_named_sources_side_by_side_are_no_breakdown() -> None:
    """ "Officials count 29 dead; a residents' group says at least 40": a disagreement."""
    story = [A("2024-05-02T09:00", [("exact", 29, "officials"), ("at_least", 40, "residents")])]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]


def test_a_lower_figure_than_the_latest_total_is_no_new_figure() -> None:
    """A later article's "of them, 61 were children" (unattributed) below the latest 340."""
    story = [
        A("2024-05-03T09:00", [("exact", 340, "ministry")]),
        A("2024-05-06T09:00", [("exact", 61, None)], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]


def test_a_rise_above_the_latest_total_is_news_even_below_an_old_outlier() -> None:
    """Only the latest total counts: one inflated figure does not silence every later rise."""
    story = [
        A("2024-05-01T09:00", [("exact", 90000, None)], "Wire"),
        A("2024-05-03T09:00", [("exact", 30000, "agency")]),
        A("2024-05-06T09:00", [("exact", 45000, "agency")], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 2)]


def test_an_outlets_figure_and_a_named_higher_one_hours_later_are_two_moments() -> None:
    """A headline's "10 dead" in the morning, the coroner's 16 in the evening: an update."""
    story = [
        A("2024-05-02T06:00", [("exact", 10, None)], "Morning Paper"),
        A("2024-05-02T20:00", [("exact", 16, "coroner")], "Evening Paper"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_lower_named_figure_hours_after_an_outlets_one_still_contradicts() -> None:
    story = [
        A("2024-05-02T06:00", [("exact", 16, None)], "Morning Paper"),
        A("2024-05-02T20:00", [("exact", 10, "coroner")], "Evening Paper"),
    ]
    assert ("contradiction", 1) in kinds(replay(story, TOTAL))


def test_a_breakdown_is_only_skipped_for_running_totals() -> None:
    """A claim of one moment (a crowd) compares every figure: 4,100 vs 8,000 of another source."""
    story = [A("2024-05-02T09:00", [("about", 8000, "police"), ("exact", 4100, None)])]
    assert ("contradiction", 0) in kinds(replay(story))


def test_a_vague_figure_is_no_total_an_exact_count_is_part_of() -> None:
    """ "The agency counts 8,000 dead; for the capital alone, locals speak of tens of thousands"."""
    story = [A("2024-05-02T09:00", [("exact", 8000, "agency"), ("several", 20000, None)])]
    assert ("new_figure", 0) in kinds(replay(story, TOTAL))


def test_a_delta_below_the_total_is_the_rise_not_a_new_figure() -> None:
    """ "41 were freed by Saturday; another 17 on Sunday": the 17 is how much the total rose."""
    story = [
        A("2024-05-02T09:00", [("exact", 41, "army")]),
        A("2024-05-03T09:00", [("additional", 17, None)], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]


def test_a_further_count_above_the_total_is_kept() -> None:
    """ "A further 2,300 were injured" after 900 dead: "further" names another count."""
    story = [
        A("2024-05-02T09:00", [("exact", 900, "agency")]),
        A("2024-05-03T09:00", [("additional", 2300, "agency")], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_total_after_its_own_part_contradicts_nothing() -> None:
    """ "On Saturday alone 973 arrived" (unattributed), then "more than 26,000 this year, the Home
    Office says": the part came first, the total is news, not a rival count."""
    story = [A("2024-10-06T09:00", [("exact", 973, None), ("more_than", 26000, "home-office")])]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 0)]


def test_two_named_voices_in_one_article_still_disagree_in_either_order() -> None:
    """Negative case: a state's 505 cases, then an epidemiologist's 1,500 in the same article."""
    story = [A("2025-04-11T09:00", [("exact", 505, "state"), ("exact", 1500, "epidemiologist")])]
    assert ("contradiction", 0) in kinds(replay(story, TOTAL))


def test_a_rounder_figure_leaves_the_news_to_the_precise_count_of_its_article() -> None:
    """A headline's "more than 1,600 dead", the text's 1,644: one new figure, the precise one,
    whichever comes first."""
    headline_first = [
        A("2025-03-28T09:00", [("exact", 144, "junta")]),
        A("2025-03-29T18:00", [("more_than", 1600, "junta"), ("exact", 1644, "junta")], "Other"),
    ]
    found = replay(headline_first, TOTAL)
    assert kinds(found) == [("new_figure", 0), ("new_figure", 1)]


def test_a_rounder_figure_without_a_precise_one_inside_it_is_news() -> None:
    """Negative cases: "more than 1,600" alone is news, and so is it beside a figure outside its
    span (an exact 2,000 further down is another count, and news of its own)."""
    alone = [
        A("2025-03-28T09:00", [("exact", 144, "junta")]),
        A("2025-03-29T18:00", [("more_than", 1600, "junta")], "Other"),
    ]
    assert kinds(replay(alone, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]
    outside = [A("2025-03-29T18:00", [("more_than", 1600, "junta"), ("exact", 2000, "junta")])]
    assert kinds(replay(outside, TOTAL)) == [("new_figure", 0), ("new_figure", 0)]
