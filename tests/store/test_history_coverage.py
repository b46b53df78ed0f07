"""The supporters' covered time: four of them (the first and last on each side of the
observation's date) cover what all of them cover, and the gaps are exactly the rest of the
window. Checked against a brute force over every supporter, on random sets."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from monitor.detect.model import Observation
from monitor.store.history import coverage, gaps

T = datetime(2024, 10, 1, tzinfo=UTC)


def _at(moment: datetime, n: int) -> Observation:
    return Observation(id=n, claim="c", article_id=n, published=moment)


def _four(supporters: list[Observation], around: datetime) -> list[Observation]:
    """What the four supporter probes of monitor.store.history_queries return."""
    before = sorted((p for p in supporters if p.published <= around), key=lambda p: p.key)
    after = sorted((p for p in supporters if p.published > around), key=lambda p: p.key)
    picked = [side[i] for side in (before, after) if side for i in (0, -1)]
    return list({p.id: p for p in picked}.values())


def test_four_supporters_cover_what_all_cover_and_the_gaps_are_the_rest() -> None:
    rng = random.Random(13)
    window = timedelta(days=3)
    for _ in range(300):
        # supporters lie within two windows before and one after the observation's date
        count = rng.randint(0, 12)
        minutes = [rng.randint(-2 * 3 * 1440, 3 * 1440) for _ in range(count)]
        supporters = [_at(T + timedelta(minutes=m), n) for n, m in enumerate(minutes)]
        four = _four(supporters, T)
        assert coverage(four, window) == coverage(supporters, window)
        open_ranges = gaps(T, window, coverage(four, window))
        for m in range(-3 * 1440 - 5, 3 * 1440 + 6, 7):
            moment = T + timedelta(minutes=m)
            in_window = abs(moment - T) <= window
            covered = any(abs(moment - p.published) <= window for p in supporters)
            in_gap = any(low <= moment <= high for low, high in open_ranges)
            assert in_gap == (in_window and not covered), (minutes, m)


def test_a_covered_range_ends_are_covered_and_the_next_tick_is_not() -> None:
    window = timedelta(days=1)
    supporter = _at(T - timedelta(hours=30), 1)  # covers up to T - 6 h
    (gap,) = gaps(T, window, coverage([supporter], window))
    assert gap == (T - timedelta(hours=6) + timedelta(microseconds=1), T + window)
