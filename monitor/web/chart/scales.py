"""The chart's two scales: time across (ticks of days, weeks or months as the span asks) and
the figure up (linear with round steps, or logarithmic when the figures span more than 50x)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta


class TimeScale:
    def __init__(self, times: Sequence[datetime], left: float, right: float) -> None:
        start, end = min(times), max(times)
        if end - start < timedelta(days=2):
            start, end = start - timedelta(days=1), end + timedelta(days=1)
        pad = (end - start) * 0.04
        self.start, self.end = start - pad, end + pad
        self.left, self.right = left, right

    def __call__(self, when: datetime) -> float:
        total = (self.end - self.start).total_seconds()
        return self.left + (when - self.start).total_seconds() / total * (self.right - self.left)

    def ticks(self) -> list[tuple[datetime, str]]:
        days = (self.end - self.start).total_seconds() / 86400
        for step, months in ((1, 0), (2, 0), (7, 0), (14, 0), (0, 1), (0, 2), (0, 3), (0, 6), (0, 12)):
            span = step or months * 30.5
            if days / span <= 9:
                break
        out: list[tuple[datetime, str]] = []
        if months:
            current = datetime(self.start.year, self.start.month, 1, tzinfo=UTC)
            while current <= self.end:
                if current >= self.start:
                    out.append((current, current.strftime("%b %Y") if months < 12 else str(current.year)))
                month = current.month - 1 + months
                current = current.replace(year=current.year + month // 12, month=month % 12 + 1)
        else:
            current = datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)
            while current <= self.end:
                if current >= self.start:
                    out.append((current, current.strftime("%d %b")))
                current += timedelta(days=step)
        return out


class ValueScale:
    def __init__(self, low: float, high: float, top: float, bottom: float) -> None:
        self.log = low > 0 and high / low > 50
        self.top, self.bottom = top, bottom
        if self.log:
            self.low, self.high = 10 ** math.floor(math.log10(low)), 10 ** math.ceil(math.log10(high))
        else:
            if high == low:
                low, high = low * 0.9, high * 1.1 + (1 if high == 0 else 0)
            pad = (high - low) * 0.08
            step = _nice_step((high - low + 2 * pad) / 6)
            self.low = max(0.0, math.floor((low - pad) / step) * step) if low >= 0 else (low - pad)
            self.high = math.ceil((high + pad) / step) * step
            self.step = step

    def __call__(self, value: float) -> float:
        if self.log:
            share = (math.log10(max(value, self.low)) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        else:
            share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)

    def ticks(self) -> list[float]:
        if self.log:
            out: list[float] = []
            power = self.low
            while power <= self.high:
                out.extend(v for v in (power, 2 * power, 5 * power) if v <= self.high)
                power *= 10
            return out
        count = int(round((self.high - self.low) / self.step))
        return [self.low + i * self.step for i in range(count + 1)]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)
