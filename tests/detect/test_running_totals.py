"""Running totals (``accumulates: true``): rises are news, falls are contradictions, and sources
contradict each other only about the same moment (``same_moment_hours``)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from monitor.detect.model import ClaimRule, rule_for
from tests.detect.test_detect import A, kinds, replay

TOTAL = ClaimRule(claim="troops", window=timedelta(hours=24), accumulates=True)


def test_rule_for_uses_the_same_moment_span_for_running_totals() -> None:
    spec = SimpleNamespace(window_days=14, accumulates=True, same_moment_hours=6)
    rule = rule_for(spec, "toll")
    assert rule.accumulates and rule.window == timedelta(hours=6)
    plain = rule_for(SimpleNamespace(window_days=14, accumulates=False, same_moment_hours=6), "toll")
    assert not plain.accumulates and plain.window == timedelta(hours=6)


def test_each_rise_is_a_new_figure_and_no_contradiction_across_days() -> None:
    story = [
        A("2023-02-06T10:00", [("exact", 1500, "ministry")]),
        A("2023-02-07T10:30", [("exact", 2900, "agency")]),
        A("2023-02-08T11:00", [("exact", 3012, "ministry")]),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 1), ("new_figure", 2)]
    # the same figures on a claim that does not accumulate: different sources within 14 days conflict
    plain = kinds(replay(story))
    assert ("contradiction", 1) in plain and ("contradiction", 2) in plain


def test_sources_disagreeing_about_the_same_moment_contradict() -> None:
    story = [
        A("2023-02-07T08:00", [("exact", 2900, "ministry")]),
        A("2023-02-07T15:00", [("exact", 4000, "rescuers")]),
    ]
    found = replay(story, TOTAL)
    assert kinds(found) == [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)]
    assert set(found[2][2]) == {"rescuers", "ministry"}


def test_a_total_below_the_same_sources_earlier_one_is_a_contradiction_not_a_new_figure() -> None:
    story = [
        A("2023-02-08T10:00", [("exact", 3012, "ministry")]),
        A("2023-02-10T10:00", [("exact", 2500, "ministry")], "Other"),
    ]
    found = replay(story, TOTAL)
    assert kinds(found) == [("new_figure", 0), ("contradiction", 1)]
    assert set(found[1][2]) == {"ministry"}


def test_a_lower_figure_of_another_source_days_later_is_neither_news_nor_a_contradiction() -> None:
    """A governor's 2,500 two days after the ministry's 3,012: one province's or an outdated
    count, not a second opinion about the same moment."""
    story = [
        A("2023-02-08T10:00", [("exact", 3012, "ministry")]),
        A("2023-02-10T10:00", [("exact", 2500, "governor")]),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0)]


def test_a_repeated_earlier_total_is_no_fall() -> None:
    """ "On Monday the toll stood at 1,500": recalled on Wednesday after a higher total."""
    story = [
        A("2023-02-06T10:00", [("exact", 1500, "ministry")]),
        A("2023-02-07T10:00", [("exact", 2900, "ministry")]),
        A("2023-02-08T10:00", [("exact", 1500, "ministry"), ("exact", 3400, "ministry")]),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 1), ("new_figure", 2)]


def test_a_late_article_with_a_higher_total_contradicts_the_same_sources_later_lower_one() -> None:
    """Processed out of order: the later-published 2,000 was judged without the earlier 3,000."""
    story = [
        A("2023-02-10T10:00", [("exact", 2000, "ministry")]),
        A("2023-02-08T10:00", [("exact", 3000, "ministry")], "Other"),
    ]
    found = replay(story, TOTAL)
    assert kinds(found) == [("new_figure", 0), ("new_figure", 1), ("contradiction", 1)]


def test_a_total_rising_past_a_lower_bound_is_a_new_figure() -> None:
    """ "More than 1,600" then 1,700: the toll moved past the bound, although 1,700 lies in its
    span (+10 %); on a claim that does not accumulate it stays a corroboration."""
    story = [
        A("2025-03-29T08:00", [("more_than", 1600, "junta")]),
        A("2025-03-30T08:00", [("exact", 1700, "junta")], "Other"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]
    assert kinds(replay(story)) == [("new_figure", 0)]


def test_a_figure_at_or_below_the_latest_total_is_no_rise() -> None:
    """The bound is surpassed only by a higher value: the same value again, or a rounder figure
    below an exact total, stays a repeat."""
    story = [
        A("2025-03-20T08:00", [("at_least", 73, "ministry")]),
        A("2025-03-22T08:00", [("exact", 73, "ministry")], "Other"),
        A("2025-03-24T08:00", [("exact", 78, "ministry")]),
        A("2025-03-26T08:00", [("about", 77, "ministry")], "Third"),
    ]
    assert kinds(replay(story, TOTAL)) == [("new_figure", 0), ("new_figure", 2)]


def test_an_old_total_repeated_after_lower_ones_is_no_rise() -> None:
    """A figure equal to an old total that later, lower figures replaced ("the 11,300 first
    given") repeats that total: it is no rise above the latest ones."""
    story = [
        A("2023-09-14T08:00", [("exact", 11300, "red-crescent")]),
        A("2023-09-17T08:00", [("exact", 3958, "who")]),
        A("2023-09-21T08:00", [("exact", 4014, "who")]),
        A("2023-09-25T08:00", [("exact", 11300, "red-crescent")], "Other"),
    ]
    assert ("new_figure", 3) not in kinds(replay(story, TOTAL))


def test_a_rounder_figure_reaching_down_to_the_latest_total_is_no_rise() -> None:
    """ "Nearly 500 cases" after the exact 481, "about 5,950" after "more than 5,900": a rounder
    statement of the count already known (its span reaches down to it), not a move of the total."""
    nearly = [
        A("2025-03-07T08:00", [("exact", 481, "state")]),
        A("2025-03-08T08:00", [("up_to", 500, "state")], "Other"),
    ]
    assert kinds(replay(nearly, TOTAL)) == [("new_figure", 0)]
    about = [
        A("2025-02-20T08:00", [("more_than", 5900, "un")]),
        A("2025-02-27T08:00", [("about", 5950, "un")], "Other"),
    ]
    assert kinds(replay(about, TOTAL)) == [("new_figure", 0)]


def test_a_figure_wholly_above_the_latest_total_is_still_a_rise() -> None:
    """Negative cases: an exact 500 after 481, and "about 1,700" after "more than 1,600" (its
    whole span lies above the bound's value), are the total moving on."""
    exact = [
        A("2025-03-07T08:00", [("exact", 481, "state")]),
        A("2025-03-08T08:00", [("exact", 500, "state")], "Other"),
    ]
    assert kinds(replay(exact, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]
    about = [
        A("2025-03-29T08:00", [("more_than", 1600, "junta")]),
        A("2025-03-30T08:00", [("about", 1700, "junta")], "Other"),
    ]
    assert kinds(replay(about, TOTAL)) == [("new_figure", 0), ("new_figure", 1)]


def test_a_fall_to_a_tenth_of_the_voices_total_is_a_part_not_a_revision() -> None:
    """The Home Office's 13,489 arrivals so far, then its "351 arrived on Monday": one day's count,
    no revision of the total (and no new figure). A fall to 3,958 from 11,300 is a revision."""
    part = [
        A("2024-07-01T10:00", [("exact", 13489, "home-office")]),
        A("2024-09-03T10:00", [("exact", 351, "home-office")], "Other"),
    ]
    assert kinds(replay(part, TOTAL)) == [("new_figure", 0)]
    revision = [
        A("2023-09-14T10:00", [("exact", 11300, "red-crescent")]),
        A("2023-09-17T10:00", [("exact", 3958, "red-crescent")], "Other"),
    ]
    assert kinds(replay(revision, TOTAL)) == [("new_figure", 0), ("contradiction", 1)]
