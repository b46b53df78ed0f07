"""How values read on the pages: figures with their qualifier, dates, who said it, backing counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from monitor.detect.model import Observation, overlaps
from monitor.detect.wording import describe, format_number
from monitor.store.observation_queries import ObservationView
from monitor.store.search import MATCH_END, MATCH_START

KIND_LABELS = {"new_figure": "new figure", "contradiction": "contradiction", "status_change": "status change"}


def as_observation(view: ObservationView) -> Observation:
    span = None
    if view.span_low is not None and view.span_high is not None:
        span = (float(view.span_low), float(view.span_high))
    return Observation(
        id=view.id,
        claim=view.claim,
        article_id=view.article_id,
        published=view.published,
        value=view.value,
        qualifier=view.qualifier,
        polarity=view.polarity,
        source=view.source,
        speaks_for=view.speaks_for,
        span=span,
        outlet=view.outlet,
        url=view.url,
        sentence=view.sentence,
        recalled=view.recalled,
    )


def said(view: ObservationView) -> str:
    """'about 10,000', 'denied (recalled)'."""
    return describe(as_observation(view))


def who(view: ObservationView) -> str:
    """The source, with the actor it speaks for: 'peskov (for russia)'."""
    if view.source and view.speaks_for and view.speaks_for != view.source:
        return f"{view.source} (for {view.speaks_for})"
    return view.source or view.speaks_for or "unattributed"


def speaker(view: ObservationView) -> str:
    """The lane of a status claim and the colour of a figure: who is speaking, as an actor."""
    return (
        view.speaks_for or view.source or (f"unattributed ({view.outlet})" if view.outlet else "unattributed")
    )


def backing(views: Sequence[ObservationView]) -> dict[int, int]:
    """Per observation: how many distinct voices stated an overlapping figure or the same position.

    Sorted by span start, each figure only looks at spans starting before its
    end, so this stays far from n*n on a real history.
    """
    result: dict[int, int] = {}
    figures = sorted(
        (v for v in views if v.span_low is not None and v.span_high is not None and v.polarity is None),
        key=lambda v: float(v.span_low or 0.0),
    )
    for i, view in enumerate(figures):
        assert view.span_low is not None and view.span_high is not None
        span = (float(view.span_low), float(view.span_high))
        voices = {view.voice}
        for other in figures[:i] + figures[i + 1 :]:
            assert other.span_low is not None and other.span_high is not None
            if float(other.span_low) > span[1]:
                break
            if overlaps(span, (float(other.span_low), float(other.span_high))):
                voices.add(other.voice)
        result[view.id] = len(voices)
    by_polarity: dict[str, set[str | None]] = {}
    for view in views:
        if view.polarity is not None:
            by_polarity.setdefault(view.polarity, set()).add(view.voice)
    for view in views:
        if view.polarity is not None:
            result[view.id] = len(by_polarity[view.polarity])
    return result


def day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else "-"


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "-"


def earlier_text(item: dict[str, Any]) -> str:
    """One related observation an alert keeps (JSON) as a line: '12,000 - nis, 2024-10-23'."""
    if item.get("polarity"):
        what = str(item["polarity"]) + (" (recalled)" if item.get("recalled") else "")
    else:
        qualifier = str(item.get("qualifier") or "exact")
        words = {"about": "about ", "more_than": "more than ", "up_to": "up to ", "at_least": "at least "}
        what = words.get(qualifier, "") + format_number(item.get("value"))
    names = [n for n in (item.get("source"), item.get("speaks_for")) if n] or [
        f"unattributed ({item.get('outlet')})"
    ]
    date = str(item.get("published") or "")[:10]
    return f"{what} - {', '.join(dict.fromkeys(str(n) for n in names))}, {date}"


def snippet(text: str) -> Markup:
    """A search snippet escaped, its matched words in bold."""
    safe = str(escape(text))
    return Markup(safe.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>"))


def plain_snippet(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


def install(templates: Jinja2Templates) -> None:
    env = templates.env
    env.filters["day"] = day
    env.filters["when"] = when
    env.filters["number"] = format_number
    env.filters["said"] = said
    env.filters["who"] = who
    env.filters["earlier"] = earlier_text
    env.filters["snippet"] = snippet
    env.globals["kind_labels"] = KIND_LABELS
