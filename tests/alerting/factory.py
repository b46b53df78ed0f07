"""Build stories for the alerting, delivery and bench code: a config, articles, observations.

Rows are inserted with SQLAlchemy Core the way the pipeline stores an article
(article row, actor mentions, one observation per finding in sentence order with
its span and voice, ``speaks_for`` resolved from the watchlist), then the alert
stage judges what storing returned in the same transaction, as the pipeline does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection, Engine, select

from monitor.config import Config, parse_config
from monitor.detect.model import voice_of
from monitor.models import ClaimFinding
from monitor.pipeline.alerts import judge_article, span_rule
from monitor.store.observations import (
    ArticleObservations,
    NewObservation,
    StoredObservation,
    insert_observations,
)
from monitor.store.repo import default_span
from monitor.store.schema import actor_mentions, alerts, articles, deliveries

WATCHLIST: list[dict[str, Any]] = [
    {"id": "north-korea", "kind": "country", "names": {"en": ["North Korea"]}},
    {"id": "russia", "kind": "country", "names": {"en": ["Russia", "Kremlin"]}},
    {"id": "ukraine", "kind": "country", "names": {"en": ["Ukraine"]}},
    {"id": "peskov", "kind": "person", "names": {"en": ["Peskov"]}, "speaks_for": "russia"},
    {"id": "nis", "kind": "organization", "names": {"en": ["NIS"]}},
    {"id": "zelensky", "kind": "person", "names": {"en": ["Zelensky"]}},
    {"id": "nato", "kind": "organization", "names": {"en": ["NATO"]}},
    {"id": "rutte", "kind": "person", "names": {"en": ["Rutte"]}, "speaks_for": "nato"},
    {"id": "lee-seong-kweun", "kind": "person", "names": {"en": ["Lee Seong-kweun"]}},
    {"id": "isw", "kind": "organization", "names": {"en": ["ISW"]}},
    {"id": "george-lopez", "kind": "person", "names": {"en": ["George Lopez"]}},
]


def _figure_claim(claim_id: str, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": claim_id,
        "kind": "figure",
        "units": {"en": [unit]},
        "cues": {"en": ["sent"]},
        "actors": ["north-korea"],
        **extra,
    }


FIGURE_CLAIMS = [
    ("nk-troops-to-russia", "soldiers"),
    ("nk-troops-killed", "soldiers"),
    ("nk-troops-wounded", "soldiers"),
    ("russian-casualties", "soldiers"),
    ("nk-army-size", "soldiers"),
    ("nk-shells-to-russia", "shells"),
    ("nk-rockets-to-russia", "rockets"),
    ("nk-containers-to-russia", "containers"),
]
STATUS_CLAIM = {
    "id": "nk-troops-deployment",
    "kind": "status",
    "topic": {"en": ["troops"]},
    "actors": ["north-korea"],
}


def make_config(
    tmp_path: Path,
    *,
    channels: Sequence[dict[str, Any]] = (),
    subscriptions: Sequence[dict[str, Any]] = (),
    claim_overrides: dict[str, dict[str, Any]] | None = None,
) -> Config:
    overrides = claim_overrides or {}
    claims = [_figure_claim(cid, unit, **overrides.get(cid, {})) for cid, unit in FIGURE_CLAIMS]
    claims.append({**STATUS_CLAIM, **overrides.get(STATUS_CLAIM["id"], {})})
    data = {
        "watchlist": WATCHLIST,
        "claims": claims,
        "channels": list(channels),
        "subscriptions": list(subscriptions),
    }
    text = yaml.safe_dump(data, sort_keys=False)
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, path)


SPEAKS_FOR = {a["id"]: a["speaks_for"] for a in WATCHLIST if a.get("speaks_for")}


@dataclass(frozen=True)
class F:
    """One finding as the claim engine reports it."""

    claim: str
    value: float | None = None
    qualifier: str = "exact"
    polarity: str | None = None
    source: str | None = None
    low: float | None = None
    high: float | None = None
    sentence: str = ""
    recalled: bool = False


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def store_article(
    conn: Connection,
    url: str,
    published: datetime,
    findings: Sequence[F],
    *,
    outlet: str | None = "Test Outlet",
    actors: Sequence[str] = (),
    historical: bool = False,
    config: Config | None = None,
) -> int:
    """Store an article and its observations; ``config`` gives the claims' widening (else the default)."""
    article_id = insert_article(conn, url, published, outlet=outlet, actors=actors, historical=historical)
    stored_article(conn, article_id, url, published, findings, outlet=outlet, config=config)
    return article_id


def insert_article(
    conn: Connection,
    url: str,
    published: datetime,
    *,
    outlet: str | None,
    actors: Sequence[str],
    historical: bool,
) -> int:
    article_id = int(
        conn.execute(
            articles.insert().values(
                origin="test",
                entry_key=url,
                url=url,
                title=f"Article {url}",
                published=published,
                discovered_at=published,
                outlet=outlet,
                summary="",
                fetch_page=False,
                status="processed",
                attempts=0,
                historical=historical,
            )
        ).inserted_primary_key[0]
    )
    for actor in actors:
        conn.execute(actor_mentions.insert().values(article_id=article_id, actor_id=actor, count=1))
    return article_id


def stored_article(
    conn: Connection,
    article_id: int,
    url: str,
    published: datetime,
    findings: Sequence[F],
    *,
    outlet: str | None,
    config: Config | None,
) -> list[StoredObservation]:
    """Insert one observation per finding, with the span and voice storing gives it."""
    span_for = span_rule(config) if config is not None else default_span
    rows = []
    for i, f in enumerate(findings):
        speaker = SPEAKS_FOR.get(f.source, f.source) if f.source else None
        finding = ClaimFinding(f.claim, f.value, f.low, f.high, f.qualifier, f.polarity, f.source, "")
        rows.append(
            NewObservation(
                claim=f.claim,
                observation_key=hashlib.sha256(f"{i}|{f}".encode()).hexdigest()[:32],
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                polarity=f.polarity,
                source=f.source,
                speaks_for=speaker,
                sentence=f.sentence or f"{f.source} said {f.value or f.polarity} ({f.claim})",
                recalled=f.recalled,
                span=span_for(finding) if f.polarity is None else None,
                voice=voice_of(speaker, f.source, outlet, article_id),
            )
        )
    return insert_observations(conn, article_id, rows, published=published, url=url, outlet=outlet)


def process(
    engine: Engine,
    config: Config,
    url: str,
    published: datetime | str,
    findings: Sequence[F],
    *,
    historical: bool = False,
    now: datetime | None = None,
    outlet: str | None = "Test Outlet",
    actors: Sequence[str] = (),
) -> list[int]:
    """Store one article and raise its alerts in one transaction, handing the stored observations
    on to the alert stage as the pipeline does."""
    when = day(published) if isinstance(published, str) else published
    with engine.begin() as conn:
        article_id = insert_article(conn, url, when, outlet=outlet, actors=actors, historical=historical)
        stored = stored_article(conn, article_id, url, when, findings, outlet=outlet, config=config)
        article = ArticleObservations(article_id, url, frozenset(actors), stored)
        return judge_article(conn, article, config, historical=historical, now=now or datetime.now(UTC))


def all_alerts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(alerts).order_by(alerts.c.published, alerts.c.id))
        return [dict(row._mapping) for row in rows]


def all_deliveries(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(deliveries).order_by(deliveries.c.id))]
