"""The SVG pieces both charts draw with: the result type, merged observation marks, the alert
lane under the time axis with its markers, the time axis, legend rows and the outer frame."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from monitor.store.alert_queries import AlertView
from monitor.store.observation_queries import ObservationView
from monitor.web.chart.scales import TimeScale
from monitor.web.present import KIND_LABELS, said

WIDTH = 980
LEGEND_WIDTH = 210
CELL = 5.0  # px: observations closer than this (same source) share one mark
CONFLICT_COLOUR = "#d62728"
ALERT_STYLE = {"new_figure": ("#222222", "triangle"), "contradiction": (CONFLICT_COLOUR, "diamond")}
ALERT_STYLE["status_change"] = ("#6a3d9a", "square")


@dataclass
class Chart:
    svg: str
    observations: int
    marks: int
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # label, colour, observations


@dataclass
class Bin:
    x: float
    y: float
    label: str
    colour: str
    views: list[ObservationView] = field(default_factory=list)


def tooltip(b: Bin) -> str:
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


def mark(b: Bin, hollow: bool) -> str:
    count = len(b.views)
    radius = 4.5 if count == 1 else min(11.0, 4.5 + 1.6 * math.sqrt(count - 1))
    fill = "none" if hollow else b.colour
    ids = " ".join(str(v.id) for v in b.views[:50])
    circle = (
        f'<circle class="obs" cx="{b.x:.1f}" cy="{b.y:.1f}" r="{radius:.1f}" fill="{fill}" '
        f'stroke="{b.colour}" stroke-width="{2 if hollow else 1}" '
        f'fill-opacity="{0.9 if count == 1 else 0.7}" '
        f'data-count="{count}" data-ids="{ids}" data-source="{escape(b.label)}">'
        f"<title>{escape(tooltip(b))}</title></circle>"
    )
    if count == 1:
        return f'<a href="/articles/{b.views[0].article_id}#obs-{b.views[0].id}">{circle}</a>'
    return circle


def alert_lane(alerts: Sequence[AlertView], x: TimeScale, y: float) -> tuple[str, int]:
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


def time_axis(x: TimeScale, top: float, bottom: float, label_y: float) -> str:
    parts = []
    for when, label in x.ticks():
        px = x(when)
        parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{bottom}" class="grid"/>')
        parts.append(f'<text x="{px:.1f}" y="{label_y}" text-anchor="middle" class="tick">{label}</text>')
    parts.append(f'<line x1="{x.left}" x2="{x.right}" y1="{bottom}" y2="{bottom}" class="axis"/>')
    return "".join(parts)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def legend_rows(x0: float, y0: float, rows: Sequence[tuple[str, str]]) -> str:
    """Legend lines: (svg of the symbol at 0,0, text); long texts are cut, the full one is the tooltip."""
    parts = []
    for i, (symbol, text) in enumerate(rows):
        y = y0 + i * 19
        parts.append(
            f'<g transform="translate({x0:.1f},{y:.1f})"><title>{escape(text)}</title>{symbol}'
            f'<text x="14" y="4" class="legend">{escape(shorten(text, 28))}</text></g>'
        )
    return "".join(parts)


def frame(height: float, body: str, total: int, marks: int, kind: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(title)}" data-kind="{kind}" '
        f'data-observations="{total}" data-marks="{marks}">{body}</svg>'
    )


def legend_symbol(kind: str) -> str:
    colour, shape = ALERT_STYLE[kind]
    if shape == "triangle":
        return f'<polygon points="0,-5 -5,4 5,4" fill="{colour}"/>'
    if shape == "diamond":
        return f'<polygon points="0,-5 5,0 0,5 -5,0" fill="{colour}"/>'
    return f'<rect x="-4" y="-4" width="8" height="8" fill="{colour}"/>'
