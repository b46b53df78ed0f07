"""The interval of values a qualified figure allows ("rund 10.000" -> [9500, 10500]).

Pure arithmetic shared by the number parser (``Figure.low``/``Figure.high``) and
by alert detection, which compares the intervals of two observations rather than
their bare values: "about 10,000" and "10,400" do not contradict each other.

Qualifiers and their intervals (``w`` = the widening for that qualifier):

- ``exact``:       [v, v]
- ``about``:       [v * (1 - w), v * (1 + w)]          default w = 5 %
- ``more_than``:   [v, v * (1 + w)]                    default w = 10 %
- ``at_least``:    [v, v * (1 + w)]                    default w = 10 %
- ``up_to``:       [v * (1 - w), v]                    default w = 10 %
- ``additional``:  [v, v]  (a delta; the claim engine decides how to add it)
- ``several``:     v is the unit word's size ("mehrere tausend", "Tausende": v = 1000;
  "Dutzende": v = 12).  The interval runs from two units to just below the next
  power of ten: [2 * v, 10 ** (digits(2 * v)) - 1], i.e. thousands = [2000, 9999],
  Zehntausende = [20000, 99999], dozens = [24, 99].

The "more than" intervals are bounded on purpose: "more than 10,000" in a news
sentence almost never means 50,000, and an unbounded interval could never
contradict anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

QUALIFIERS: frozenset[str] = frozenset(
    {"exact", "about", "more_than", "at_least", "up_to", "several", "additional"}
)


@dataclass(frozen=True)
class Widening:
    """Relative widths of the qualified intervals (0.05 = 5 %)."""

    about: float = 0.05
    more_than: float = 0.10
    at_least: float = 0.10
    up_to: float = 0.10


DEFAULT_WIDENING = Widening()


def several_interval(unit: float) -> tuple[float, float]:
    """[2 units, the next power of ten minus one]: "thousands" = [2000, 9999]."""
    low = 2 * unit
    if low < 1:
        return (low, low)
    digits = int(math.floor(math.log10(low))) + 1
    return (low, float(10**digits - 1))


def interval(value: float, qualifier: str, widening: Widening = DEFAULT_WIDENING) -> tuple[float, float]:
    """Return (low, high) for a figure ``value`` with ``qualifier``.

    Unknown qualifiers raise ValueError: a typo must not silently become "exact".
    """
    if qualifier in ("exact", "additional"):
        return (value, value)
    if qualifier == "about":
        return (value * (1 - widening.about), value * (1 + widening.about))
    if qualifier == "more_than":
        return (value, value * (1 + widening.more_than))
    if qualifier == "at_least":
        return (value, value * (1 + widening.at_least))
    if qualifier == "up_to":
        return (value * (1 - widening.up_to), value)
    if qualifier == "several":
        return several_interval(value)
    raise ValueError(f"unknown qualifier {qualifier!r}")
