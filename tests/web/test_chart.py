"""The timeline SVG, pure: every observation is counted in exactly one mark, at 10 and 5,000."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from monitor.store.alert_queries import AlertView
from monitor.store.observation_queries import ObservationView
from monitor.web.chart.figure import PALETTE, figure_chart
from monitor.web.chart.status import status_chart

START = datetime(2024, 10, 1, tzinfo=UTC)
SVG = "{http://www.w3.org/2000/svg}"


def obs(
    i: int,
    value: float | None,
    source: str,
    day: float,
    *,
    qualifier: str = "exact",
    polarity: str | None = None,
    recalled: bool = False,
    url: str | None = None,
) -> ObservationView:
    width = {"about": 0.05, "more_than": 0.1}.get(qualifier, 0.0)
    return ObservationView(
        id=i, claim="c", article_id=i, published=START + timedelta(days=day),
        value=value, low=value, high=value,
        span_low=None if value is None else value * (1 - (width if qualifier == "about" else 0)),
        span_high=None if value is None else value * (1 + width), qualifier=qualifier, polarity=polarity,
        source=source, speaks_for=source, voice=source, recalled=recalled, sentence=f"sentence {i}",
        outlet="Outlet", url=url or f"https://x.example/{i}", title=f"t{i}", wrong_by=None, wrong_at=None,
    )  # fmt: skip


def alert(i: int, observation: ObservationView, kind: str, earlier: list[ObservationView]) -> AlertView:
    return AlertView(
        id=i, kind=kind, claim="c", value=observation.value, qualifier=observation.qualifier, polarity=None,
        from_polarity=None, to_polarity=None, sources=[observation.source or ""], summary=f"{kind} {i}",
        earlier=[{"article_url": o.url, "value": o.value, "source": o.source} for o in earlier],
        observation_id=observation.id, source=observation.source, article_id=observation.article_id,
        article_url=observation.url, article_title="", outlet=None, sentence="",
        published=observation.published,
        created_at=observation.published, historical=False, acknowledged_by=None, acknowledged_at=None,
        wrong_by=None, wrong_at=None,
    )  # fmt: skip


def counts(svg: str) -> list[int]:
    root = ET.fromstring(svg)  # it is well-formed XML, too
    return [int(c.get("data-count", "0")) for c in root.iter(f"{SVG}circle") if c.get("class") == "obs"]


def test_ten_observations_are_ten_marks_with_bars_links_and_alert_markers() -> None:
    sources = ["nis", "zelensky", "nato", "lee"]
    views = [
        obs(i, 10000.0 + 1000 * i, sources[i % 4], day=i * 9, qualifier="about" if i % 2 else "exact")
        for i in range(10)
    ]
    conflict = alert(1, views[5], "contradiction", [views[2], views[3]])
    new = alert(2, views[0], "new_figure", [])
    chart = figure_chart(views, [conflict, new], "c", "soldiers")
    assert counts(chart.svg) == [1] * 10
    assert (chart.observations, chart.marks) == (10, 10)
    assert chart.svg.count('class="interval"') == 5  # the five "about" figures
    assert chart.svg.count('<line class="conflict"') == 2
    assert len(re.findall(r'class="alert-mark" data-kind="(\w+)"', chart.svg)) == 2
    assert [colour for _, colour, _ in chart.legend] == list(PALETTE[:4])  # one colour per source
    assert [n for _, _, n in chart.legend] == [3, 3, 2, 2]
    assert "soldiers" in chart.svg


def test_five_thousand_observations_are_merged_but_all_counted() -> None:
    rng = random.Random(7)
    views = [
        obs(i, rng.choice([12000.0, 10000.0, 11000.0, 1500.0]) * rng.uniform(0.98, 1.02),
            f"source-{rng.randrange(20)}", day=rng.uniform(0, 200))
        for i in range(5000)
    ]  # fmt: skip
    views.sort(key=lambda v: v.published)
    chart = figure_chart(views, [], "c", "soldiers")
    drawn = counts(chart.svg)
    assert sum(drawn) == chart.observations == 5000
    assert len(drawn) == chart.marks <= 1500  # far fewer marks than points: readable
    assert max(drawn) > 1
    assert len(chart.svg) < 3_000_000
    # 20 sources: 12 colours, the rest share grey and are summed in the legend
    assert len(chart.legend) == 20 and "more sources" in chart.svg


def test_a_wide_range_gets_a_log_axis() -> None:
    views = [obs(1, 2.0, "a", 0), obs(2, 1000.0, "b", 5), obs(3, 12000.0, "c", 10)]
    assert "log scale" in figure_chart(views, [], "c", "").svg
    assert "log scale" not in figure_chart(views[1:], [], "c", "").svg


def test_status_lanes_per_speaker_with_recalled_statements_kept_apart() -> None:
    views = [
        obs(1, None, "russia", 0, polarity="denied"),
        obs(2, None, "south-korea", 1, polarity="affirmed"),
        obs(3, None, "russia", 180, polarity="affirmed"),
        obs(4, None, "russia", 180, polarity="denied", recalled=True),
        obs(5, None, "north-korea", 90, polarity="unconfirmed"),
    ]
    chart = status_chart(views, [], "c")
    assert counts(chart.svg) == [1] * 5
    lanes = re.findall(r'class="lane-label"><title>([^<]+)</title>', chart.svg)
    assert lanes == ["russia", "south-korea", "north-korea"]
    # the position held: russia denied, then affirmed; south-korea affirmed; unconfirmed holds nothing
    assert chart.svg.count('class="held"') == 3
    assert 'fill="none"' in chart.svg  # the recalled denial is hollow
