"""A conflict is reported once per article, however many sentences or voices repeat one side."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from monitor.detect.conflicts import answered_in_article, restates_voice, stands_against
from monitor.detect.model import ClaimRule, Observation, rule_for, span_of
from monitor.text.numbers.intervals import Widening
from tests.detect.test_detect import A, kinds, replay

DAY_WINDOW = rule_for(SimpleNamespace(window_days=30, description=""), "troops")


def test_a_second_voice_of_one_side_in_the_same_article_raises_no_second_contradiction() -> None:
    """ "The White House counted 24 [...] Sullivan spoke of 24 prisoners": one side, one conflict."""
    story = [A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house"), ("exact", 24, "sullivan")])]
    found = replay(story)
    assert kinds(found) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]
    assert set(found[2][2]) == {"white-house", "mit"}


def test_the_outlet_restating_one_side_raises_no_second_contradiction() -> None:
    story = [A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house"), ("exact", 24, None)])]
    assert kinds(replay(story)) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]


def test_a_third_figure_in_the_same_article_is_a_conflict_of_its_own() -> None:
    story = [A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house"), ("exact", 20, "ngo")])]
    assert kinds(replay(story)) == [
        ("new_figure", 0),
        ("new_figure", 0),
        ("contradiction", 0),
        ("new_figure", 0),
        ("contradiction", 0),
    ]


def test_the_conflict_in_another_article_days_later_is_judged_there() -> None:
    """Per article: days later (outside the same-moment window) the other article's conflict is
    its own, reported there (Sullivan had not spoken before: no recap)."""
    story = [
        A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house")]),
        A("2024-08-06", [("exact", 26, "mit"), ("exact", 24, "sullivan")], "Other"),
    ]
    assert kinds(replay(story, DAY_WINDOW)) == [
        ("new_figure", 0),
        ("new_figure", 0),
        ("contradiction", 0),
        ("contradiction", 1),
    ]


def test_a_status_conflict_is_reported_once_per_article() -> None:
    story = [
        A(
            "2023-11-28",
            [("status", "denied", "israel"), ("status", "affirmed", "qatar"), ("status", "denied", "idf")],
        )
    ]
    assert kinds(replay(story)) == [("contradiction", 0)]


def test_a_conflict_with_another_articles_statement_is_reported_in_the_new_article() -> None:
    story = [
        A("2023-11-28", [("status", "denied", "israel"), ("status", "affirmed", "qatar")]),
        A("2023-11-28T12:00", [("status", "affirmed", "egypt")], "Other"),
    ]
    # Egypt's affirmation in another article is a conflict of that article with Israel's denial
    assert kinds(replay(story)) == [("contradiction", 0), ("contradiction", 1)]


def _figure(id_: int, value: float, source: str | None, article: int = 1) -> Observation:
    return Observation(
        id=id_,
        claim="troops",
        article_id=article,
        published=datetime(2024, 8, 2, tzinfo=UTC),
        value=value,
        source=source,
        speaks_for=source,
        span=span_of(value, None, None, "exact", Widening()),
        outlet="Outlet",
    )


def test_answered_in_article_needs_an_earlier_agreeing_sentence_of_the_same_article() -> None:
    rule = ClaimRule(claim="troops", window=timedelta(days=14))
    mit, white_house = _figure(1, 26, "mit"), _figure(2, 24, "white-house")
    sullivan = _figure(3, 24, "sullivan")
    assert stands_against(mit, sullivan, rule)
    assert answered_in_article(mit, sullivan, [mit, white_house], rule)
    # a later sentence, another article's sentence, or a disagreeing one answers nothing
    assert not answered_in_article(mit, white_house, [mit, sullivan], rule)
    assert not answered_in_article(mit, sullivan, [_figure(2, 24, "white-house", article=2)], rule)
    assert not answered_in_article(mit, sullivan, [mit, _figure(2, 20, "ngo")], rule)


def test_a_recap_of_both_sides_a_year_on_raises_no_contradiction() -> None:
    """ "26 by MIT's count; the White House counted 24": both voices restate their old figures."""
    story = [
        A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house")]),
        A("2025-08-01", [("exact", 26, "mit"), ("exact", 24, "white-house")], "Other"),
    ]
    assert kinds(replay(story, DAY_WINDOW)) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]


def test_a_side_with_a_new_figure_is_no_recap() -> None:
    story = [
        A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house")]),
        A("2024-08-06", [("exact", 26, "mit"), ("exact", 25, "white-house")], "Other"),
    ]
    assert kinds(replay(story, DAY_WINDOW)) == [
        ("new_figure", 0),
        ("new_figure", 0),
        ("contradiction", 0),
        ("new_figure", 1),
        ("contradiction", 1),
    ]


def test_restates_voice_looks_for_the_same_voice_in_an_earlier_article() -> None:
    earlier = _figure(1, 26, "mit", article=1)
    again = dataclasses.replace(_figure(5, 26, "mit", article=2), published=datetime(2025, 8, 1, tzinfo=UTC))
    assert restates_voice(again, [earlier])
    assert not restates_voice(again, [_figure(1, 26, "turkey", article=1)])  # another voice
    assert not restates_voice(again, [_figure(1, 27, "mit", article=1)])  # another figure
    assert not restates_voice(again, [dataclasses.replace(earlier, article_id=2)])  # its own article
    assert not restates_voice(earlier, [again])  # published after it


def test_the_outlets_own_words_do_not_answer_for_a_named_source_that_follows() -> None:
    """The outlet says it, then Ukraine's foreign minister: the named conflict is the one reported."""
    story = [
        A(
            "2022-03-29",
            [("status", "denied", "russia"), ("status", "affirmed", None), ("status", "affirmed", "ukraine")],
        )
    ]
    found = replay(story)
    assert kinds(found) == [("contradiction", 0), ("contradiction", 0)]
    assert set(found[1][2]) == {"ukraine", "russia"}


def test_the_outlets_restatement_of_a_known_figure_raises_no_contradiction() -> None:
    """A tabloid's unattributed 26 days after MIT's 26 and the White House's 24: a corroboration."""
    story = [
        A("2024-08-02", [("exact", 26, "mit"), ("exact", 24, "white-house")]),
        A("2024-08-02T12:00", [("exact", 26, None)], "Tabloid"),
    ]
    assert kinds(replay(story)) == [("new_figure", 0), ("new_figure", 0), ("contradiction", 0)]
    # a named source restating it still stands against the other side (reported once per voice)
    named = [story[0], A("2024-08-02T12:00", [("exact", 26, "turkey")], "Tabloid")]
    assert kinds(replay(named))[-1] == ("contradiction", 1)
    # and the outlet's own new figure is a rival count
    new = [story[0], A("2024-08-02T12:00", [("exact", 30, None)], "Tabloid")]
    assert ("contradiction", 1) in kinds(replay(new))
