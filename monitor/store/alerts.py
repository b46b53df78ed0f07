"""Stored alerts and per-claim counts: the insert detection's driver runs, the reads the CLI and delivery run.

:mod:`monitor.store.history` holds the indexed queries that judge an observation;
these read and write whole alert rows and need none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from monitor.store.schema import alerts, articles, claim_observations

co = claim_observations


def insert_alert(conn: Connection, values: dict[str, Any]) -> int | None:
    """Insert one alert; None when its dedupe key exists already (a re-run)."""
    dialect = conn.dialect.name
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - other backends: look first
        if conn.scalar(select(alerts.c.id).where(alerts.c.dedupe_key == values["dedupe_key"])) is not None:
            return None
        return int(conn.execute(alerts.insert().values(**values).returning(alerts.c.id)).scalar_one())
    new_id = conn.execute(_insert_alert(dialect), values).scalar_one_or_none()
    return int(new_id) if new_id is not None else None


@cache
def _insert_alert(dialect: str) -> Any:
    """Built once per backend, the values bound at execution: SQLAlchemy then compiles it once."""
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(alerts).on_conflict_do_nothing(index_elements=[alerts.c.dedupe_key]).returning(alerts.c.id)


@dataclass(frozen=True)
class AlertRecord:
    """One stored alert with what a reader needs (the shape monitor.delivery renders)."""

    id: int
    kind: str
    claim: str
    value: float | None
    qualifier: str | None
    polarity: str | None
    from_polarity: str | None
    to_polarity: str | None
    sources: Sequence[str]
    summary: str
    earlier: Sequence[dict[str, Any]]
    article_url: str
    article_title: str
    outlet: str | None
    sentence: str
    published: datetime
    created_at: datetime
    historical: bool


def _alert_query() -> Any:
    return select(
        alerts,
        articles.c.url,
        articles.c.title,
        articles.c.outlet,
        co.c.sentence,
        co.c.qualifier,
    ).select_from(
        alerts.join(articles, articles.c.id == alerts.c.article_id).join(
            co, co.c.id == alerts.c.observation_id
        )
    )


def record_fields(m: Mapping[str, Any]) -> dict[str, Any]:
    """The AlertRecord fields of a row that joins the alert, its article and its observation."""
    details = m["details"] or {}
    return {
        "id": int(m["id"]),
        "kind": m["kind"],
        "claim": m["claim_id"],
        "value": m["value"],
        "qualifier": m["qualifier"],
        "polarity": m["polarity"],
        "from_polarity": m["from_polarity"],
        "to_polarity": m["to_polarity"],
        "sources": list(m["sources"] or []),
        "summary": m["summary"],
        "earlier": list(details.get("earlier", [])),
        "article_url": m["url"],
        "article_title": m["title"] or "",
        "outlet": m["outlet"],
        "sentence": m["sentence"] or "",
        "published": m["published"],
        "created_at": m["created_at"],
        "historical": bool(m["historical"]),
    }


def _alert_record(row: Any) -> AlertRecord:
    return AlertRecord(**record_fields(row._mapping))


def load_alerts(
    conn: Connection,
    *,
    ids: Sequence[int] | None = None,
    claim: str | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[AlertRecord]:
    """Alerts in order of publication (the story's time), then id."""
    query = _alert_query()
    if ids is not None:
        query = query.where(alerts.c.id.in_(list(ids)))
    if claim:
        query = query.where(alerts.c.claim_id == claim)
    if kind:
        query = query.where(alerts.c.kind == kind)
    if since is not None:
        query = query.where(alerts.c.published >= since)
    query = query.order_by(alerts.c.published, alerts.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [_alert_record(row) for row in conn.execute(query)]


@dataclass(frozen=True)
class ClaimCount:
    claim: str
    observations: int
    alerts: int
    last_published: datetime | None


def claim_counts(conn: Connection) -> dict[str, ClaimCount]:
    observed = {
        row.claim_id: (row.n, row.last)
        for row in conn.execute(
            select(co.c.claim_id, func.count().label("n"), func.max(co.c.published).label("last")).group_by(
                co.c.claim_id
            )
        )
    }
    alerted = {
        str(row[0]): int(row[1])
        for row in conn.execute(select(alerts.c.claim_id, func.count()).group_by(alerts.c.claim_id))
    }
    return {
        claim: ClaimCount(
            claim, observed.get(claim, (0, None))[0], alerted.get(claim, 0), observed.get(claim, (0, None))[1]
        )
        for claim in sorted(set(observed) | set(alerted))
    }
