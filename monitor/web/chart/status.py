"""The timeline of a status claim: one lane per speaker, a dot per statement coloured by
position (hollow when recalled), and a light band for the position held until the next one."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from monitor.store.alert_queries import AlertView
from monitor.store.observation_queries import ObservationView
from monitor.web.chart.scales import TimeScale
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
    shorten,
    time_axis,
)
from monitor.web.present import speaker

POLARITY_COLOURS = {"affirmed": "#2ca02c", "denied": "#d62728", "unconfirmed": "#8a8a8a"}


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
    parts.append(time_axis(x, top, bottom, label_y))
    for name in lanes:
        cy = centre[name]
        parts.append(
            f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end" class="lane-label">'
            f"<title>{escape(name)}</title>{escape(shorten(name, 24))}</text>"
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

    bins: dict[tuple[str, int, str, bool], Bin] = {}
    for view in statements:
        name = speaker(view)
        px = x(view.published)
        polarity = view.polarity or "unconfirmed"
        key = (name, int(px // CELL), polarity, view.recalled)
        found = bins.get(key)
        if found is None:
            cy = centre[name] - (9.0 if view.recalled else 0.0)
            found = bins[key] = Bin(px, cy, name, POLARITY_COLOURS.get(polarity, "#555"))
        found.views.append(view)
    for b in bins.values():
        parts.append(mark(b, hollow=all(v.recalled for v in b.views)))
    lane, _ = alert_lane(alerts, x, lane_y)
    parts.append(lane)

    rows = [(f'<circle r="5" fill="{c}"/>', name) for name, c in POLARITY_COLOURS.items()]
    rows += [
        ('<circle r="5" fill="#fff" stroke="#555" stroke-width="2"/>', "recalled (said earlier)"),
        ('<rect x="-6" y="-6" width="12" height="12" fill="#2ca02c" fill-opacity="0.25"/>', "position held"),
        (legend_symbol("status_change"), "alert: status change"),
        (legend_symbol("contradiction"), "alert: contradiction"),
    ]
    parts.append(legend_rows(right + 24, top + 8, rows))
    counts: dict[str, int] = {}
    for view in statements:
        counts[speaker(view)] = counts.get(speaker(view), 0) + 1
    legend = [(name, "#555", counts[name]) for name in lanes]
    svg = frame(height, "".join(parts), len(statements), len(bins), "status", f"positions on {claim_id}")
    return Chart(svg, len(statements), len(bins), legend)
