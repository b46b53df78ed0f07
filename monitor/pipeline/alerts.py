"""Detect and store the alerts of one processed article, and queue their deliveries.

Called by the pipeline inside the transaction that stored the article's
observations, so the alerts and their outbox rows commit (or roll back)
together with the article: the outbox pattern. Nothing is sent here; the
outbox runner (:mod:`monitor.delivery.outbox_driver`) sends after the commit.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from monitor.config import Config
from monitor.config.channels import ChannelSpec, channels_for
from monitor.detect.judge import AlertCandidate, dedupe_key, judge
from monitor.detect.model import ClaimRule, Observation, rule_for, span_of, voice_of
from monitor.store import alerts as alert_rows
from monitor.store import history, reviews
from monitor.store.locks import lock_claims
from monitor.store.outbox import NewDelivery, insert_deliveries

log = logging.getLogger("monitor.pipeline.alerts")


def raise_alerts(
    conn: Connection, article_id: int, config: Config, *, historical: bool, now: datetime
) -> list[int]:
    """Judge the article's observations against their claims' history; return the new alert ids.

    ``historical`` alerts (a backfill) are stored but get no deliveries.
    Running it twice for an article adds nothing: alerts have a unique dedupe key.
    """
    article = history.article_outlet(conn, article_id)
    if article is None:
        return []
    url, outlet = article
    findings = history.article_findings(conn, article_id)
    if not findings:
        return []
    lock_claims(conn, sorted({finding.claim for finding in findings}))
    specs = {spec.id: spec for spec in config.claims}
    rules: dict[str, ClaimRule] = {}
    annotations = []
    for finding in findings:
        rule = rules.setdefault(finding.claim, rule_for(specs.get(finding.claim), finding.claim))
        span = None
        if finding.polarity is None:
            span = span_of(finding.value, finding.low, finding.high, finding.qualifier, rule.widening)
        annotations.append(
            (finding.id, span, voice_of(finding.speaks_for, finding.source, outlet, article_id))
        )
    history.annotate(conn, annotations)

    observation_keys = {finding.id: finding.observation_key for finding in findings}
    mentioned = history.article_actor_ids(conn, article_id)
    new_ids: list[int] = []
    for obs in history.article_observations(conn, article_id):  # sentence order
        rule = rules[obs.claim]
        for candidate in judge(obs, history.claim_history(conn, obs, rule), rule):
            key = dedupe_key(candidate.kind, url, observation_keys[obs.id])
            row = alert_row(candidate, key, now=now, historical=historical)
            alert_id = alert_rows.insert_alert(conn, row)
            if alert_id is None:
                continue
            new_ids.append(alert_id)
            # a claim an editor muted (web app) keeps its alerts, but none is sent
            if not historical and not reviews.is_muted(conn, obs.claim, now):
                actors = mentioned | {name for name in (obs.source, obs.speaks_for) if name}
                queue_deliveries(conn, config, alert_id, key, candidate, actors, now)
    if new_ids:
        log.info("article %d: %d new alerts %s", article_id, len(new_ids), new_ids)
    return new_ids


def alert_row(candidate: AlertCandidate, key: str, *, now: datetime, historical: bool) -> dict[str, Any]:
    obs = candidate.observation
    return {
        "dedupe_key": key,
        "kind": candidate.kind,
        "claim_id": obs.claim,
        "observation_id": obs.id,
        "article_id": obs.article_id,
        "value": obs.value,
        "polarity": obs.polarity,
        "from_polarity": candidate.from_polarity,
        "to_polarity": candidate.to_polarity,
        "sources": list(candidate.sources),
        "summary": candidate.summary,
        "details": {
            "earlier": [observation_dict(o) for o in candidate.related],
            "qualifier": obs.qualifier,
            "span": list(obs.span) if obs.span else None,
            "voice": obs.voice,
        },
        "published": obs.published,
        "created_at": now,
        "historical": historical,
    }


def observation_dict(obs: Observation) -> dict[str, Any]:
    """A related observation as the alert keeps it (JSON): what, who, where, when."""
    return {
        "value": obs.value,
        "qualifier": obs.qualifier,
        "polarity": obs.polarity,
        "source": obs.source,
        "speaks_for": obs.speaks_for,
        "outlet": obs.outlet,
        "published": obs.published.isoformat(),
        "article_url": obs.url,
        "sentence": obs.sentence[:500],
        "recalled": obs.recalled,
    }


def queue_deliveries(
    conn: Connection,
    config: Config,
    alert_id: int,
    key: str,
    candidate: AlertCandidate,
    actors: set[str],
    now: datetime,
) -> int:
    """One outbox row per channel whose subscriptions match (kind, claim, actors)."""
    channels = channels_for(
        config.channels, config.subscriptions, candidate.kind, candidate.observation.claim, actors
    )
    wanted = [
        NewDelivery(channel.id, message_id(key, channel.id), first_due(channel, now)) for channel in channels
    ]
    return insert_deliveries(conn, alert_id, wanted, now)


def message_id(key: str, channel_id: str) -> str:
    """The Standard Webhooks message id: fixed per (alert, channel), the same on every retry."""
    return "msg_" + hashlib.sha256(f"{key}|{channel_id}".encode()).hexdigest()[:32]


def first_due(channel: ChannelSpec, now: datetime) -> datetime:
    """Now, or for a digest channel the end of the current digest slot.

    Slots are aligned to the epoch, so every alert of one slot becomes due at
    the same moment and the runner sends them as one message.
    """
    minutes = channel.digest_minutes
    if not minutes:
        return now
    slot = minutes * 60
    aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    start = int(aware.timestamp()) // slot * slot
    return datetime.fromtimestamp(start, UTC) + timedelta(seconds=slot)
