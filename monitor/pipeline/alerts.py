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

from sqlalchemy import Connection, Engine

from monitor.clock import utcnow
from monitor.config import Config
from monitor.config.channels import ChannelSpec, channels_for
from monitor.detect.judge import AlertCandidate, dedupe_key, judge
from monitor.detect.model import ClaimRule, Observation, rule_for, span_of, voice_of
from monitor.store import alerts as alert_rows
from monitor.store import history, judging, reviews
from monitor.store.locks import lock_judging
from monitor.store.outbox import NewDelivery, insert_deliveries

log = logging.getLogger("monitor.pipeline.alerts")


# how long a pending article may hold back the judging of what was published after it
DEFAULT_HOLD_SECONDS = 600.0


def raise_alerts(
    conn: Connection,
    article_id: int,
    config: Config,
    *,
    historical: bool,
    now: datetime,
    hold_seconds: float = DEFAULT_HOLD_SECONDS,
) -> list[int]:
    """Annotate the article's observations, then judge every observation that is ready;
    return the new alert ids (they may belong to other articles, held back until now).

    ``historical`` alerts (a backfill) are stored but get no deliveries.
    Running it twice for an article adds nothing: alerts have a unique dedupe key,
    and an observation is judged once.
    """
    article = history.article_outlet(conn, article_id)
    if article is None:
        return judge_ready(conn, config, now=now, hold_seconds=hold_seconds)
    _url, outlet = article
    findings = history.article_findings(conn, article_id)
    specs = {spec.id: spec for spec in config.claims}
    annotations = []
    for finding in findings:
        rule = rule_for(specs.get(finding.claim), finding.claim)
        span = None
        if finding.polarity is None:
            span = span_of(finding.value, finding.low, finding.high, finding.qualifier, rule.widening)
        annotations.append(
            (finding.id, span, voice_of(finding.speaks_for, finding.source, outlet, article_id))
        )
    history.annotate(conn, annotations)
    return judge_ready(
        conn, config, now=now, hold_seconds=hold_seconds, historical_override={article_id: historical}
    )


def judge_ready(
    conn: Connection,
    config: Config,
    *,
    now: datetime,
    hold_seconds: float = DEFAULT_HOLD_SECONDS,
    historical_override: dict[int, bool] | None = None,
) -> list[int]:
    """Judge the stored, unjudged observations that are ready, in publication order.

    Why the order: the rules compare an observation with what was published
    before it ("new" figure, the previous position, who contradicted whom
    first), so judging in the order articles happen to be processed (a retry
    after an outage, two workers) gave different alerts for the same articles.
    Held back instead, until nothing published before them is pending
    (monitor.store.judging), observations are judged exactly as if the articles
    had come in publication order, whatever the order and concurrency.
    """
    # the lock first: a check before it could miss observations another worker commits while
    # this one finishes, and each would leave the other's waiting (see lock_judging)
    lock_judging(conn)
    if not judging.has_unjudged(conn):
        return []
    before = judging.ready_before(conn, now=now, hold_seconds=hold_seconds)
    specs = {spec.id: spec for spec in config.claims}
    rules: dict[str, ClaimRule] = {}
    override = historical_override or {}
    new_ids: list[int] = []
    while True:
        ready = judging.ready_observations(conn, before)
        if not ready:
            break
        flags = judging.articles_historical(conn, (obs.article_id for obs, _key in ready))
        mentioned: dict[int, set[str]] = {}
        for obs, observation_key in ready:
            rule = rules.setdefault(obs.claim, rule_for(specs.get(obs.claim), obs.claim))
            historical = override.get(obs.article_id, flags.get(obs.article_id, False))
            for candidate in judge(obs, history.claim_history(conn, obs, rule), rule):
                key = dedupe_key(candidate.kind, obs.url or "", observation_key)
                alert_id = alert_rows.insert_alert(
                    conn, alert_row(candidate, key, now=now, historical=historical)
                )
                if alert_id is None:
                    continue
                new_ids.append(alert_id)
                # a claim an editor muted (web app) keeps its alerts, but none is sent
                if not historical and not reviews.is_muted(conn, obs.claim, now):
                    if obs.article_id not in mentioned:
                        mentioned[obs.article_id] = history.article_actor_ids(conn, obs.article_id)
                    actors = mentioned[obs.article_id] | {n for n in (obs.source, obs.speaks_for) if n}
                    queue_deliveries(conn, config, alert_id, key, candidate, actors, now)
            # one by one: the next observation's history includes this one
            judging.mark_judged(conn, [obs.id])
    if new_ids:
        log.info("%d new alerts %s", len(new_ids), new_ids)
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
    installation = judging.installation_id(conn) if channels else ""
    wanted = [
        NewDelivery(channel.id, message_id(key, channel.id, installation), first_due(channel, now))
        for channel in channels
    ]
    return insert_deliveries(conn, alert_id, wanted, now)


def message_id(key: str, channel_id: str, installation: str = "") -> str:
    """The Standard Webhooks message id: fixed per (alert, channel), the same on every retry,
    and different per installation (a receiver drops repeated ids across all its senders)."""
    return "msg_" + hashlib.sha256(f"{installation}|{key}|{channel_id}".encode()).hexdigest()[:32]


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


def judge_held(engine: Engine, config: Config, *, hold_seconds: float = DEFAULT_HOLD_SECONDS) -> list[int]:
    """Judge what became ready without an article to trigger it (the one holding it back failed,
    or its hold ran out): the dispatcher and the embedded runner call this regularly."""
    with engine.begin() as conn:
        return judge_ready(conn, config, now=utcnow(), hold_seconds=hold_seconds)
