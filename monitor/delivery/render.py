"""How an alert reads: the JSON object (CLI and webhook), the email text and HTML.

Alerts arrive as anything shaped like :class:`AlertLike` (the store's
AlertRecord is one): delivery never imports the store. Everything that goes
into HTML is escaped, because sentences and sources come from news pages.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

KIND_TITLES = {
    "new_figure": "New figure",
    "contradiction": "Contradiction",
    "status_change": "Status change",
}


class AlertLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def claim(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def polarity(self) -> str | None: ...
    @property
    def from_polarity(self) -> str | None: ...
    @property
    def to_polarity(self) -> str | None: ...
    @property
    def sources(self) -> Sequence[str]: ...
    @property
    def summary(self) -> str: ...
    @property
    def earlier(self) -> Sequence[Mapping[str, Any]]: ...
    @property
    def article_url(self) -> str: ...
    @property
    def article_title(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...
    @property
    def published(self) -> datetime: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def historical(self) -> bool: ...


def alert_json(alert: AlertLike) -> dict[str, Any]:
    """The alert as one JSON object: the fields score_alerts.py reads, plus context."""
    return {
        "id": alert.id,
        "kind": alert.kind,
        "claim": alert.claim,
        "value": alert.value,
        "polarity": alert.polarity,
        "sources": list(alert.sources),
        "from": alert.from_polarity,
        "to": alert.to_polarity,
        "article_url": alert.article_url,
        "published": alert.published.isoformat(),
        "summary": alert.summary,
        "earlier": [
            {
                k: item.get(k)
                for k in ("value", "qualifier", "polarity", "source", "outlet", "published", "article_url")
            }
            for item in alert.earlier
        ],
        "sentence": alert.sentence,
        "historical": alert.historical,
    }


def dumps(data: Any) -> str:
    """Compact, stable JSON (the exact bytes a webhook signs)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def webhook_payload(alert: AlertLike) -> dict[str, Any]:
    """The Standard Webhooks envelope: type, timestamp (the alert's), data."""
    return {
        "type": f"alert.{alert.kind}",
        "timestamp": alert.created_at.isoformat(),
        "data": alert_json(alert),
    }


def title(alert: AlertLike) -> str:
    """What changed, in a line a mail list can be scanned by:
    ``New figure: quake-deaths 2,946 (ministry)``, ``Status change: troops denied → affirmed (kremlin)``."""
    head = f"{KIND_TITLES.get(alert.kind, alert.kind)}: {alert.claim}"
    if alert.kind == "status_change" and alert.from_polarity and alert.to_polarity:
        what = f"{alert.from_polarity} → {alert.to_polarity}"
    elif alert.polarity:
        what = alert.polarity
    elif alert.value is not None:
        what = _number(alert.value)
        qualifier = (alert.qualifier or "exact").replace("_", " ")
        if qualifier != "exact":
            what = f"{qualifier} {what}"
    else:
        what = ""
    sources = list(dict.fromkeys(alert.sources))
    if alert.kind == "contradiction" and alert.earlier and sources:
        # "10,000 (zelensky) vs 12,000 (nis)": both sides of the conflict
        other = alert.earlier[0]
        other_what = other.get("polarity") or _number(other.get("value"))
        other_who = other.get("source") or other.get("outlet") or "unattributed"
        return f"{head} {what} ({sources[0]}) vs {other_what} ({other_who})"
    who = ", ".join(sources)
    return " ".join(part for part in (head, what, f"({who})" if who else "") if part)


def email_subject(alerts: Sequence[AlertLike]) -> str:
    if len(alerts) == 1:
        return f"[monitor] {title(alerts[0])}"
    kinds = sorted({KIND_TITLES.get(a.kind, a.kind).lower() for a in alerts})
    return f"[monitor] {len(alerts)} alerts ({', '.join(kinds)})"


def _earlier_line(item: Mapping[str, Any]) -> str:
    what = item.get("polarity") or _number(item.get("value"))
    qualifier = item.get("qualifier")
    if qualifier and qualifier != "exact" and not item.get("polarity"):
        what = f"{what} ({qualifier})"
    who = item.get("source") or item.get("outlet") or "unattributed"
    when = str(item.get("published") or "")[:10]
    return f"{what} - {who}, {when}"


def _number(value: Any) -> str:
    if isinstance(value, int | float):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return "?"


def email_text(alerts: Sequence[AlertLike]) -> str:
    parts = []
    for alert in alerts:
        lines = [title(alert), "", alert.summary, ""]
        if alert.sentence:
            lines.append(f'Quote: "{alert.sentence}"')
        lines.append(f"Source: {', '.join(alert.sources)}")
        lines.append(f"Article: {alert.article_title or alert.article_url}")
        lines.append(
            f"  {alert.article_url} ({alert.outlet or 'unknown outlet'}, {alert.published:%Y-%m-%d})"
        )
        if alert.earlier:
            lines.append("Related:")
            lines.extend(f"  - {_earlier_line(item)}" for item in alert.earlier)
        parts.append("\n".join(lines))
    footer = "\n\n-- \nmonitor: alerts on the figures and statements of a developing story\n"
    return ("\n\n" + "=" * 60 + "\n\n").join(parts) + footer


def email_html(alerts: Sequence[AlertLike]) -> str:
    e = html.escape
    blocks = []
    for alert in alerts:
        related = "".join(f"<li>{e(_earlier_line(item))}</li>" for item in alert.earlier)
        quote = f"<blockquote>{e(alert.sentence)}</blockquote>" if alert.sentence else ""
        link = (
            f'<a href="{e(alert.article_url, quote=True)}">{e(alert.article_title or alert.article_url)}</a>'
        )
        blocks.append(
            f"<section><h2>{e(title(alert))}</h2><p>{e(alert.summary)}</p>{quote}"
            f"<p>Source: {e(', '.join(alert.sources))}<br>Article: {link} "
            f"({e(alert.outlet or 'unknown outlet')}, {alert.published:%Y-%m-%d})</p>"
            + (f"<p>Related:</p><ul>{related}</ul>" if related else "")
            + "</section>"
        )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
        + e(email_subject(alerts))
        + "</title></head><body>"
        + "<hr>".join(blocks)
        + "</body></html>"
    )
