"""monitor.detect.model.lowest_reaching_start: no span of a figure with a value (not "several")
that reaches up to a figure starts below it, for any widening below 100 %."""

from __future__ import annotations

import random

from monitor.detect.model import lowest_reaching_start, span_of
from monitor.text.numbers.intervals import Widening

QUALIFIERS = ["exact", "about", "more_than", "at_least", "up_to", "additional"]


def test_every_reaching_span_starts_at_or_above_the_floor() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        widening = Widening(*(rng.choice([0.0, 0.02, 0.05, 0.1, 0.3, 0.6]) for _ in range(4)))
        low = rng.choice([0.45, 3.5, 12.0, 99.5, 1000.0, 29605.0])
        floor = lowest_reaching_start(low, widening)
        assert floor is not None
        value = round(rng.uniform(0, low * 1.2), rng.choice([0, 1, 2]))
        span = span_of(value, None, None, rng.choice(QUALIFIERS), widening)
        assert span is not None
        if span[1] >= low:
            assert span[0] >= floor, (value, span, low, widening)


def test_a_vague_magnitude_reaches_from_below_the_floor() -> None:
    """Why "several" is left out: "thousands" = [2000, 9999] reaches 9,000 from far below."""
    floor = lowest_reaching_start(9000.0, Widening())
    span = span_of(1000.0, None, None, "several", Widening())
    assert floor is not None and span is not None
    assert span[1] >= 9000.0 and span[0] < floor


def test_no_floor_for_a_widening_of_100_percent_or_a_figure_at_or_below_zero() -> None:
    assert lowest_reaching_start(100.0, Widening(up_to=1.0)) is None
    assert lowest_reaching_start(100.0, Widening(about=1.0)) is None
    assert lowest_reaching_start(0.0, Widening()) is None
    assert lowest_reaching_start(100.0, Widening()) is not None
