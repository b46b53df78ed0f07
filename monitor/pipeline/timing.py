"""Per-stage latency histograms (Prometheus), observed by the pipeline's stage functions.

The histograms live in the process that runs the stages: ``monitor run --web``
serves them on its own /metrics; a separate ``monitor web`` process shows only
the counts it reads from the database.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from prometheus_client import Histogram

P = ParamSpec("P")
R = TypeVar("R")

STAGE_SECONDS = Histogram(
    "monitor_stage_seconds",
    "Time spent in one pipeline stage for one feed or article",
    ["stage"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)


def timed(stage: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Record how long each call of the decorated stage function takes (failures too)."""
    histogram = STAGE_SECONDS.labels(stage=stage)

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                histogram.observe(time.perf_counter() - started)

        return wrapper

    return decorate
