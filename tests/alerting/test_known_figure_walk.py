"""An exact count after rounder figures: the walk for a known figure that repeats it
(monitor.store.history_queries.repeating_figure_query) on a real database.

The walk steps over each distinct rounder figure once, however often it was stated,
and must still find a figure below them that repeats the count, and a figure without a
value (an engine's range), as the reference rules of monitor.detect.judge.repeats do.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.alerting.factory import F, all_alerts, make_config, process

T = "nk-troops-to-russia"


def _kinds_of_last(engine: Engine, value: float) -> set[str]:
    return {a["kind"] for a in all_alerts(engine) if a["value"] == value}


def _rounder_history(engine: Engine, tmp_path: Path, repeats: int = 25) -> None:
    config = make_config(tmp_path)
    for n in range(repeats):
        outlet = f"Outlet {n % 3}"
        process(
            engine,
            config,
            f"https://w/round-{n}",
            f"2024-10-01T{n % 20:02d}:00",
            [F(T, 30000.0, "about")],
            outlet=outlet,
        )
        process(
            engine,
            config,
            f"https://w/more-{n}",
            f"2024-10-02T{n % 20:02d}:00",
            [F(T, 29000.0, "more_than")],
            outlet=outlet,
        )


def test_an_exact_count_after_many_rounder_figures_is_new(db_engine: Engine, tmp_path: Path) -> None:
    _rounder_history(db_engine, tmp_path)
    process(db_engine, make_config(tmp_path), "https://w/exact", "2024-10-03T09:00", [F(T, 29605.0)])
    assert "new_figure" in _kinds_of_last(db_engine, 29605.0)


def test_an_exact_count_stated_before_is_no_new_figure(db_engine: Engine, tmp_path: Path) -> None:
    _rounder_history(db_engine, tmp_path)
    config = make_config(tmp_path)
    process(db_engine, config, "https://w/exact-1", "2024-10-03T09:00", [F(T, 29605.0)], outlet="One")
    process(db_engine, config, "https://w/exact-2", "2024-10-03T12:00", [F(T, 29605.0)], outlet="Two")
    news = [a for a in all_alerts(db_engine) if a["value"] == 29605.0 and a["kind"] == "new_figure"]
    assert [a["article_id"] for a in news] == [news[0]["article_id"]]  # the first one only


def test_a_qualified_figure_as_precise_as_the_count_below_the_rounder_ones_repeats_it(
    db_engine: Engine, tmp_path: Path
) -> None:
    """ "about 29,603" is no multiple of the count's rounding unit (10): not rounder, so the count
    within its span is old news, although rounder spans lie between the two."""
    config = make_config(tmp_path)
    process(db_engine, config, "https://w/precise", "2024-09-30T09:00", [F(T, 29603.0, "about")])
    _rounder_history(db_engine, tmp_path)
    process(db_engine, config, "https://w/exact", "2024-10-03T09:00", [F(T, 29605.0)])
    assert "new_figure" not in _kinds_of_last(db_engine, 29605.0)


def test_a_range_without_a_value_covering_the_count_repeats_it(db_engine: Engine, tmp_path: Path) -> None:
    """An engine's range ("between 28,000 and 32,000", no value) is no rounder figure."""
    config = make_config(tmp_path)
    process(
        db_engine,
        config,
        "https://w/range",
        "2024-09-30T09:00",
        [F(T, None, "about", low=28000.0, high=32000.0)],
    )
    _rounder_history(db_engine, tmp_path, repeats=3)
    process(db_engine, config, "https://w/exact", "2024-10-03T09:00", [F(T, 29605.0)])
    assert "new_figure" not in _kinds_of_last(db_engine, 29605.0)


def test_a_vague_range_without_a_value_does_not_repeat_the_count(db_engine: Engine, tmp_path: Path) -> None:
    """ "Tens of thousands" as a range without a value: a magnitude, the count is still news."""
    config = make_config(tmp_path)
    process(
        db_engine,
        config,
        "https://w/vague",
        "2024-09-30T09:00",
        [F(T, None, "several", low=20000.0, high=99999.0)],
    )
    _rounder_history(db_engine, tmp_path, repeats=3)
    process(db_engine, config, "https://w/exact", "2024-10-03T09:00", [F(T, 29605.0)])
    assert "new_figure" in _kinds_of_last(db_engine, 29605.0)
