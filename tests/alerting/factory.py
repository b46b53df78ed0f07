"""Build stories for the alerting, delivery and bench code: a config, articles, observations.

Rows are inserted with SQLAlchemy Core the way the pipeline stores an article
(article row, actor mentions, one observation per finding in sentence order with its
span and voice, ``speaks_for`` resolved from the watchlist), then ``raise_alerts``
runs in the same transaction on the observations storing returned, exactly as the
pipeline calls it.
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
from monitor.pipeline.alerts import claim_widening, raise_alerts
from monitor.store.observations import PendingObservation, insert_observations
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


@dataclass(frozen=True)
class StoredArticle:
    """An article as storing left it: its id, its observations as the alert stage gets them,
    and the actors it mentions."""

    article_id: int
    observations: list[PendingObservation]
    actors: list[str]


def store_article(
    conn: Connection,
    url: str,
    published: datetime,
    findings: Sequence[F],
    *,
    config: Config | None = None,
    outlet: str | None = "Test Outlet",
    actors: Sequence[str] = (),
    historical: bool = False,
) -> StoredArticle:
    """``config``: the claims' span widening (None: the default one)."""
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
    rows = [
        {
            "claim_id": f.claim,
            "observation_key": hashlib.sha256(f"{i}|{f}".encode()).hexdigest()[:32],
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "polarity": f.polarity,
            "source": f.source,
            "speaks_for": SPEAKS_FOR.get(f.source, f.source) if f.source else None,
            "sentence": f.sentence or f"{f.source} said {f.value or f.polarity} ({f.claim})",
            "published": published,
            "recalled": f.recalled,
        }
        for i, f in enumerate(findings)
    ]
    stored = insert_observations(
        conn,
        article_id,
        rows,
        outlet=outlet,
        url=url,
        historical=historical,
        widening=claim_widening(config) if config is not None else {},
    )
    return StoredArticle(article_id, stored, list(actors))


def raise_stored(
    conn: Connection, config: Config, article: StoredArticle, now: datetime | None = None
) -> list[int]:
    """The alert stage on a stored article, as the pipeline calls it."""
    return raise_alerts(
        conn, article.observations, config, actors=article.actors, now=now or datetime.now(UTC)
    )


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
    """Store one article and raise its alerts in one transaction (as the pipeline does)."""
    when = day(published) if isinstance(published, str) else published
    with engine.begin() as conn:
        article = store_article(
            conn, url, when, findings, config=config, outlet=outlet, actors=actors, historical=historical
        )
        return raise_stored(conn, config, article, now)


def all_alerts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(alerts).order_by(alerts.c.published, alerts.c.id))
        return [dict(row._mapping) for row in rows]


def all_deliveries(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(deliveries).order_by(deliveries.c.id))]
