"""The claim timeline as server-rendered SVG: no script, no CDN, readable at 10 and at 5,000 points.

Figure claims: time across, the figure up; one colour per source; a vertical
bar shows the range the wording allows ("about", "more than", "up to",
"several thousand"); dashed red lines join figures an alert found
contradictory; alerts sit as markers on a lane under the time axis.
Status claims: one lane per speaker, a dot per statement coloured by position
(affirmed, denied, unconfirmed; hollow when recalled), and a light band for the
position the speaker held until the next one.

Many observations on few pixels are merged, never dropped: marks that would
fall on the same 5x5 pixel cell of the same source (or lane and position)
become one larger mark whose ``data-count`` says how many observations it
stands for, so the counts of all marks add up to the observations drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape

from monitor.detect.wording import format_number
from monitor.store.alert_queries import AlertView
from monitor.store.observation_queries import ObservationView
from monitor.web.present import KIND_LABELS, said, speaker

WIDTH = 980
LEGEND_WIDTH = 210
CELL = 5.0  # px: observations closer than this (same source) share one mark
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
    "#7b4173",
)
OTHER_COLOUR = "#9a9a9a"
CONFLICT_COLOUR = "#d62728"
POLARITY_COLOURS = {"affirmed": "#2ca02c", "denied": "#d62728", "unconfirmed": "#8a8a8a"}
ALERT_STYLE = {"new_figure": ("#222222", "triangle"), "contradiction": (CONFLICT_COLOUR, "diamond")}
ALERT_STYLE["status_change"] = ("#6a3d9a", "square")
MAX_LINKS = 400
MAX_MARKS = 1200
MAX_CELL = 24.0


@dataclass
class Chart:
    svg: str
    observations: int
    marks: int
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # label, colour, observations


@dataclass
class _Bin:
    x: float
    y: float
    label: str
    colour: str
    views: list[ObservationView] = field(default_factory=list)


# ---------------------------------------------------------------- scales


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


def _short_number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return format_number(round(value / 1_000_000, 2)) + "M"
    return format_number(round(value, 2))


# ---------------------------------------------------------------- pieces


def _colours(labels: Sequence[str]) -> dict[str, str]:
    """Sources in order of first appearance, one colour each; the rest share grey."""
    order = list(dict.fromkeys(labels))
    return {label: PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR for i, label in enumerate(order)}


def _tooltip(b: _Bin) -> str:
    first = b.views[0]
    if len(b.views) == 1:
        lines = [f"{said(first)} - {b.label}", f"{first.published:%Y-%m-%d} · {first.outlet or ''}"]
        if first.sentence:
            lines.append(first.sentence[:220])
        return "\n".join(lines)
    last = b.views[-1]
    return (
        f"{len(b.views)} observations by {b.label}, {first.published:%Y-%m-%d} to {last.published:%Y-%m-%d}"
    )


def _mark(b: _Bin, hollow: bool) -> str:
    count = len(b.views)
    radius = 4.5 if count == 1 else min(11.0, 4.5 + 1.6 * math.sqrt(count - 1))
    fill = "none" if hollow else b.colour
    ids = " ".join(str(v.id) for v in b.views[:50])
    circle = (
        f'<circle class="obs" cx="{b.x:.1f}" cy="{b.y:.1f}" r="{radius:.1f}" fill="{fill}" '
        f'stroke="{b.colour}" stroke-width="{2 if hollow else 1}" '
        f'fill-opacity="{0.9 if count == 1 else 0.7}" '
        f'data-count="{count}" data-ids="{ids}" data-source="{escape(b.label)}">'
        f"<title>{escape(_tooltip(b))}</title></circle>"
    )
    if count == 1:
        return f'<a href="/articles/{b.views[0].article_id}#obs-{b.views[0].id}">{circle}</a>'
    return circle


def _alert_lane(alerts: Sequence[AlertView], x: TimeScale, y: float) -> tuple[str, int]:
    bins: dict[tuple[str, int], list[AlertView]] = {}
    for alert in alerts:
        if x.start <= alert.published <= x.end:
            bins.setdefault((alert.kind, int(x(alert.published) // 6)), []).append(alert)
    parts = [
        f'<text x="{x.left - 8}" y="{y + 4}" text-anchor="end" class="lane-label">alerts</text>',
        f'<line x1="{x.left}" x2="{x.right}" y1="{y}" y2="{y}" class="lane-line"/>',
    ]
    offsets = {"new_figure": -7.0, "contradiction": 0.0, "status_change": 7.0}
    for (kind, _), group in bins.items():
        colour, shape = ALERT_STYLE.get(kind, ("#444", "square"))
        cx = sum(x(a.published) for a in group) / len(group)
        cy = y + offsets.get(kind, 0.0)
        size = 5.0
        if shape == "triangle":
            corners: tuple[tuple[float, float], ...] = (
                (cx, cy - size),
                (cx - size, cy + size * 0.8),
                (cx + size, cy + size * 0.8),
            )
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
            body = f'<polygon points="{points}" fill="{colour}"'
        elif shape == "diamond":
            corners = ((cx, cy - size), (cx + size, cy), (cx, cy + size), (cx - size, cy))
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
            body = f'<polygon points="{points}" fill="{colour}"'
        else:
            body = f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}"'
        label = KIND_LABELS.get(kind, kind)
        tip = "\n".join(f"{a.published:%Y-%m-%d} {label}: {a.summary[:160]}" for a in group[:5])
        if len(group) > 5:
            tip += f"\n... and {len(group) - 5} more"
        target = f"/alerts/{group[0].id}"
        parts.append(
            f'<a href="{target}"><g class="alert-mark" data-kind="{kind}" data-count="{len(group)}">'
            f"{body}/><title>{escape(tip)}</title></g></a>"
        )
    return "".join(parts), sum(1 for _ in bins)


def _time_axis(x: TimeScale, top: float, bottom: float, label_y: float) -> str:
    parts = []
    for when, label in x.ticks():
        px = x(when)
        parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{bottom}" class="grid"/>')
        parts.append(f'<text x="{px:.1f}" y="{label_y}" text-anchor="middle" class="tick">{label}</text>')
    parts.append(f'<line x1="{x.left}" x2="{x.right}" y1="{bottom}" y2="{bottom}" class="axis"/>')
    return "".join(parts)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _legend_rows(x0: float, y0: float, rows: Sequence[tuple[str, str]]) -> str:
    """Legend lines: (svg of the symbol at 0,0, text); long texts are cut, the full one is the tooltip."""
    parts = []
    for i, (symbol, text) in enumerate(rows):
        y = y0 + i * 19
        parts.append(
            f'<g transform="translate({x0:.1f},{y:.1f})"><title>{escape(text)}</title>{symbol}'
            f'<text x="14" y="4" class="legend">{escape(_short(text, 28))}</text></g>'
        )
    return "".join(parts)


def _frame(height: float, body: str, total: int, marks: int, kind: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(title)}" data-kind="{kind}" '
        f'data-observations="{total}" data-marks="{marks}">{body}</svg>'
    )


# ---------------------------------------------------------------- figure claims


def _figure_bins(
    figures: Sequence[ObservationView], x: TimeScale, y: ValueScale, colours: dict[str, str]
) -> dict[tuple[str, int, int], _Bin]:
    """Merge marks of one colour that share a cell; the cell grows until the chart has at most
    MAX_MARKS marks (a dense history stays a picture instead of a blot)."""
    cell = CELL
    while True:
        bins: dict[tuple[str, int, int], _Bin] = {}
        for view in figures:
            label = speaker(view)
            colour = colours[label]
            group = label if colour != OTHER_COLOUR else "other sources"
            px, py = x(view.published), y(float(view.value or 0.0))
            key = (group, int(px // cell), int(py // cell))
            found = bins.get(key)
            if found is None:
                found = bins[key] = _Bin(px, py, group, colour)
            found.views.append(view)
        if len(bins) <= MAX_MARKS or cell >= MAX_CELL:
            break
        cell *= 1.5
    for b in bins.values():  # a merged mark sits at the middle of what it stands for
        if len(b.views) > 1:
            b.x = sum(x(v.published) for v in b.views) / len(b.views)
            b.y = sum(y(float(v.value or 0.0)) for v in b.views) / len(b.views)
    return bins



def figure_chart(
    views: Sequence[ObservationView], alerts: Sequence[AlertView], claim_id: str, unit: str = ""
) -> Chart:
    figures = [v for v in views if v.value is not None and v.polarity is None]
    if not figures:
        return Chart("", 0, 0)
    left, right, top, bottom = 78.0, WIDTH - LEGEND_WIDTH - 10.0, 16.0, 330.0
    lane_y, label_y, height = bottom + 26.0, bottom + 56.0, bottom + 66.0
    x = TimeScale([v.published for v in figures], left, right)
    lows = [float(v.span_low if v.span_low is not None else v.value or 0.0) for v in figures]
    highs = [float(v.span_high if v.span_high is not None else v.value or 0.0) for v in figures]
    y = ValueScale(min(lows), max(highs), top, bottom)
    colours = _colours([speaker(v) for v in figures])

    bins = _figure_bins(figures, x, y, colours)
    parts = [f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" class="plot"/>']
    for value in y.ticks():
        py = y(value)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{py:.1f}" y2="{py:.1f}" class="grid"/>')
        parts.append(
            f'<text x="{left - 8}" y="{py + 4:.1f}" text-anchor="end" class="tick">'
            f"{_short_number(value)}</text>"
        )
    parts.append(_time_axis(x, top, bottom, label_y))
    axis_title = (f"{unit}, log scale" if unit else "log scale") if y.log else unit
    if axis_title:
        parts.append(
            f'<text transform="translate(16,{(top + bottom) / 2:.0f}) rotate(-90)" text-anchor="middle" '
            f'class="axis-title">{escape(axis_title)}</text>'
        )

    # interval bars first, so points sit on top of them; lighter when there are many
    interval_class = "interval dense" if len(figures) > 500 else "interval"
    for b in bins.values():
        low = (
            min(float(v.span_low) for v in b.views if v.span_low is not None)
            if any(v.span_low is not None for v in b.views)
            else None
        )
        high = (
            max(float(v.span_high) for v in b.views if v.span_high is not None)
            if any(v.span_high is not None for v in b.views)
            else None
        )
        if low is None or high is None or high <= low:
            continue
        y1, y2 = y(high), y(low)
        if y2 - y1 < 2:
            continue
        parts.append(
            f'<g class="{interval_class}" stroke="{b.colour}">'
            f'<line x1="{b.x:.1f}" x2="{b.x:.1f}" y1="{y1:.1f}" y2="{y2:.1f}"/>'
            f'<line x1="{b.x - 4:.1f}" x2="{b.x + 4:.1f}" y1="{y1:.1f}" y2="{y1:.1f}"/>'
            f'<line x1="{b.x - 4:.1f}" x2="{b.x + 4:.1f}" y1="{y2:.1f}" y2="{y2:.1f}"/></g>'
        )

    # contradiction links: the alert's figure to each figure it conflicts with
    where = {v.id: b for b in bins.values() for v in b.views}
    by_statement: dict[tuple[str, float | None, str | None], int] = {
        (v.url, v.value, v.source): v.id for v in figures
    }
    links: set[tuple[int, int]] = set()
    for alert in alerts:
        if alert.kind != "contradiction" or alert.observation_id not in where:
            continue
        for item in alert.earlier:
            statement = (str(item.get("article_url")), item.get("value"), item.get("source"))
            other = by_statement.get(statement)
            if other is None or other not in where:
                continue
            ends = id(where[alert.observation_id]), id(where[other])
            pair = (min(ends), max(ends))
            if pair in links or len(links) >= MAX_LINKS:
                continue
            links.add(pair)
            p, q = where[alert.observation_id], where[other]
            parts.append(
                f'<line class="conflict" x1="{p.x:.1f}" y1="{p.y:.1f}" x2="{q.x:.1f}" y2="{q.y:.1f}">'
                f"<title>{escape(alert.summary[:300])}</title></line>"
            )

    for b in bins.values():
        parts.append(_mark(b, hollow=all(v.recalled for v in b.views)))
    lane, _ = _alert_lane(alerts, x, lane_y)
    parts.append(lane)

    counts: dict[str, int] = {}
    for view in figures:
        counts[speaker(view)] = counts.get(speaker(view), 0) + 1
    legend = [(label, colours[label], counts[label]) for label in colours]
    rows = [(f'<circle r="5" fill="{colour}"/>', f"{label} ({n})") for label, colour, n in legend[:14]]
    if len(legend) > 14:
        rest = sum(n for _, _, n in legend[14:])
        rows.append((f'<circle r="5" fill="{OTHER_COLOUR}"/>', f"{len(legend) - 14} more sources ({rest})"))
    rows += [
        ('<line x1="0" x2="0" y1="-7" y2="7" stroke="#555" stroke-width="2"/>', "range the wording allows"),
        ('<line x1="-6" x2="6" y1="0" y2="0" class="conflict"/>', "contradiction"),
        ('<circle r="5" fill="#fff" stroke="#555" stroke-width="2"/>', "recalled statement"),
        ('<circle r="8" fill="#888" fill-opacity="0.7"/>', "several observations"),
    ]
    rows += [
        (_legend_symbol(kind), f"alert: {KIND_LABELS[kind]}") for kind in ("new_figure", "contradiction")
    ]
    parts.append(_legend_rows(right + 24, top + 8, rows))
    svg = _frame(height, "".join(parts), len(figures), len(bins), "figure", f"timeline of {claim_id}")
    return Chart(svg, len(figures), len(bins), legend)


def _legend_symbol(kind: str) -> str:
    colour, shape = ALERT_STYLE[kind]
    if shape == "triangle":
        return f'<polygon points="0,-5 -5,4 5,4" fill="{colour}"/>'
    if shape == "diamond":
        return f'<polygon points="0,-5 5,0 0,5 -5,0" fill="{colour}"/>'
    return f'<rect x="-4" y="-4" width="8" height="8" fill="{colour}"/>'


# ---------------------------------------------------------------- status claims


def status_chart(views: Sequence[ObservationView], alerts: Sequence[AlertView], claim_id: str) -> Chart:
    statements = [v for v in views if v.polarity is not None]
    if not statements:
        return Chart("", 0, 0)
    lanes = list(dict.fromkeys(speaker(v) for v in statements))
    lane_height = 34.0
    left, right, top = 170.0, WIDTH - LEGEND_WIDTH - 10.0, 16.0
    bottom = top + lane_height * len(lanes) + 8
    lane_y, label_y = bottom + 26.0, bottom + 56.0
    height = max(bottom + 66.0, 16.0 + 19 * 7 + 10)
    x = TimeScale([v.published for v in statements], left, right)
    centre = {name: top + lane_height * (i + 0.5) + 4 for i, name in enumerate(lanes)}

    parts = [f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" class="plot"/>']
    parts.append(_time_axis(x, top, bottom, label_y))
    for name in lanes:
        cy = centre[name]
        parts.append(
            f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end" class="lane-label">'
            f"<title>{escape(name)}</title>{escape(_short(name, 24))}</text>"
        )
        parts.append(f'<line x1="{left}" x2="{right}" y1="{cy:.1f}" y2="{cy:.1f}" class="lane-line"/>')
        held = sorted(
            (
                v
                for v in statements
                if speaker(v) == name and not v.recalled and v.polarity in ("affirmed", "denied")
            ),
            key=lambda v: (v.published, v.id),
        )
        for i, view in enumerate(held):
            start = x(view.published)
            end = x(held[i + 1].published) if i + 1 < len(held) else right
            colour = POLARITY_COLOURS[view.polarity or "unconfirmed"]
            parts.append(
                f'<rect class="held" x="{start:.1f}" y="{cy - 9:.1f}" width="{max(end - start, 1):.1f}" '
                f'height="18" fill="{colour}" fill-opacity="0.16"/>'
            )

    bins: dict[tuple[str, int, str, bool], _Bin] = {}
    for view in statements:
        name = speaker(view)
        px = x(view.published)
        polarity = view.polarity or "unconfirmed"
        key = (name, int(px // CELL), polarity, view.recalled)
        found = bins.get(key)
        if found is None:
            cy = centre[name] - (9.0 if view.recalled else 0.0)
            found = bins[key] = _Bin(px, cy, name, POLARITY_COLOURS.get(polarity, "#555"))
        found.views.append(view)
    for b in bins.values():
        parts.append(_mark(b, hollow=all(v.recalled for v in b.views)))
    lane, _ = _alert_lane(alerts, x, lane_y)
    parts.append(lane)

    rows = [(f'<circle r="5" fill="{c}"/>', name) for name, c in POLARITY_COLOURS.items()]
    rows += [
        ('<circle r="5" fill="#fff" stroke="#555" stroke-width="2"/>', "recalled (said earlier)"),
        ('<rect x="-6" y="-6" width="12" height="12" fill="#2ca02c" fill-opacity="0.25"/>', "position held"),
        (_legend_symbol("status_change"), "alert: status change"),
        (_legend_symbol("contradiction"), "alert: contradiction"),
    ]
    parts.append(_legend_rows(right + 24, top + 8, rows))
    counts: dict[str, int] = {}
    for view in statements:
        counts[speaker(view)] = counts.get(speaker(view), 0) + 1
    legend = [(name, "#555", counts[name]) for name in lanes]
    svg = _frame(height, "".join(parts), len(statements), len(bins), "status", f"positions on {claim_id}")
    return Chart(svg, len(statements), len(bins), legend)
