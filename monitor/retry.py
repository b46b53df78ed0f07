"""The one backoff: how long to wait before trying again after failures.

Feeds, article attempts, deliveries and Celery retries all wait
``base * 2**attempt`` capped at ``cap``, shortened by a random share of up to
``jitter`` so that things which failed together do not retry together, and
never sooner than a server's Retry-After. What differs between them is only
the numbers, which each caller names.
"""

from __future__ import annotations

import random

# 2**62 times any base is past every cap; a larger exponent would only risk overflow
_MAX_EXPONENT = 62


def backoff(
    attempt: int,
    *,
    base: float,
    cap: float,
    jitter: float = 0.0,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after ``attempt`` doublings (0: wait ``base``).

    ``jitter`` is the largest share taken off (0.2: the wait lies between 80 %
    and 100 % of the capped backoff). ``retry_after`` is a floor.
    """
    exponent = min(max(attempt, 0), _MAX_EXPONENT)
    delay = min(base * 2.0**exponent, cap)
    if jitter:
        delay *= (rng or random).uniform(1.0 - jitter, 1.0)
    if retry_after is not None and retry_after > delay:
        delay = retry_after
    return delay
