"""The timeline of a figure claim: time across, the figure up, one colour per source, a bar
for the range the wording allows, dashed red lines between contradictory figures."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from monitor.detect.wording import format_number
from monitor.store.alert_queries import AlertView
from monitor.store.observation_queries import ObservationView
from monitor.web.chart.scales import TimeScale, ValueScale
from monitor.web.chart.svg import (
    CELL,
    LEGEND_WIDTH,
    WIDTH,
    Bin,
    Chart,
    alert_lane,
    frame,
    legend_rows,
    legend_symbol,
    mark,
    time_axis,
)
from monitor.web.present import KIND_LABELS, speaker

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
MAX_LINKS = 400
MAX_MARKS = 1200
MAX_CELL = 24.0


def _source_colours(labels: Sequence[str]) -> dict[str, str]:
    """Sources in order of first appearance, one colour each; the rest share grey."""
    order = list(dict.fromkeys(labels))
    return {label: PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR for i, label in enumerate(order)}


def _short_number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return format_number(round(value / 1_000_000, 2)) + "M"
    return format_number(round(value, 2))


def _figure_bins(
    figures: Sequence[ObservationView], x: TimeScale, y: ValueScale, colours: dict[str, str]
) -> dict[tuple[str, int, int], Bin]:
    """Merge marks of one colour that share a cell; the cell grows until the chart has at most
    MAX_MARKS marks (a dense history stays a picture instead of a blot)."""
    cell = CELL
    while True:
        bins: dict[tuple[str, int, int], Bin] = {}
        for view in figures:
            label = speaker(view)
            colour = colours[label]
            group = label if colour != OTHER_COLOUR else "other sources"
            px, py = x(view.published), y(float(view.value or 0.0))
            key = (group, int(px // cell), int(py // cell))
            found = bins.get(key)
            if found is None:
                found = bins[key] = Bin(px, py, group, colour)
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
    colours = _source_colours([speaker(v) for v in figures])

    bins = _figure_bins(figures, x, y, colours)
    parts = [f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" class="plot"/>']
    for value in y.ticks():
        py = y(value)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{py:.1f}" y2="{py:.1f}" class="grid"/>')
        parts.append(
            f'<text x="{left - 8}" y="{py + 4:.1f}" text-anchor="end" class="tick">'
            f"{_short_number(value)}</text>"
        )
    parts.append(time_axis(x, top, bottom, label_y))
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
        parts.append(mark(b, hollow=all(v.recalled for v in b.views)))
    lane, _ = alert_lane(alerts, x, lane_y)
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
    rows += [(legend_symbol(kind), f"alert: {KIND_LABELS[kind]}") for kind in ("new_figure", "contradiction")]
    parts.append(legend_rows(right + 24, top + 8, rows))
    svg = frame(height, "".join(parts), len(figures), len(bins), "figure", f"timeline of {claim_id}")
    return Chart(svg, len(figures), len(bins), legend)
