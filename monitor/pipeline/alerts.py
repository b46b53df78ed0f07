"""Detect and store the alerts of one processed article, and queue their deliveries.

Called by the pipeline inside the transaction that stored the article's
observations, so the alerts and their outbox rows commit (or roll back)
together with the article: the outbox pattern. Nothing is sent here; the
outbox runner (:mod:`monitor.delivery.outbox_driver`) sends after the commit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from monitor.clock import utcnow
from monitor.config import Config
from monitor.config.channels import ChannelSpec, channels_for
from monitor.detect.judge import AlertCandidate, dedupe_key, judge
from monitor.detect.model import ClaimRule, Observation, rule_for
from monitor.store import alerts as alert_rows
from monitor.store import history, judging
from monitor.store.locks import lock_judging
from monitor.store.observations import PendingObservation
from monitor.store.outbox import NewDelivery, insert_deliveries
from monitor.text.numbers.intervals import Widening

log = logging.getLogger("monitor.pipeline.alerts")


# how long a pending article may hold back the judging of what was published after it
DEFAULT_HOLD_SECONDS = 600.0


def raise_alerts(
    conn: Connection,
    stored: Sequence[PendingObservation],
    config: Config,
    *,
    actors: Iterable[str] = (),
    now: datetime,
    hold_seconds: float = DEFAULT_HOLD_SECONDS,
) -> list[int]:
    """Judge an article's observations as storing returned them (ids, spans, voices), with
    everything else that is ready; return the new alert ids (they may belong to other
    articles, held back until now).

    ``actors``: the actor ids the article mentions (the subscriptions' filter), as stored with
    it. Observations of a ``historical`` article (a backfill) get alerts but no deliveries.
    Running it twice adds nothing: alerts have a unique dedupe key.
    """
    return judge_ready(
        conn, config, now=now, hold_seconds=hold_seconds, fresh=stored, fresh_actors=set(actors)
    )


def judge_ready(
    conn: Connection,
    config: Config,
    *,
    now: datetime,
    hold_seconds: float = DEFAULT_HOLD_SECONDS,
    fresh: Sequence[PendingObservation] = (),
    fresh_actors: set[str] | None = None,
) -> list[int]:
    """Judge the stored, unjudged observations that are ready, in publication order.

    ``fresh``: one article's observations as storing returned them (and ``fresh_actors`` the
    actors it mentions), so they are not read back; every other one comes from the database.

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
    if not fresh and not judging.has_unjudged(conn):
        return []
    own = fresh[0].observation.article_id if fresh else None
    before, others = judging.first_ready(conn, now=now, hold_seconds=hold_seconds, other_than=own)
    ready = sorted(
        [*others, *(p for p in fresh if before is None or p.observation.published < before)],
        key=lambda p: p.observation.key,
    )
    if len(others) == judging.BATCH:
        # more wait beyond this batch: the fresh ones after its last are judged with those
        last = others[-1].observation.key
        ready = [p for p in ready if p.observation.key <= last]
    judge = _Judge(conn, config, now)
    if own is not None and fresh_actors is not None:
        judge.actors[own] = fresh_actors
    full = len(others) == judging.BATCH
    while ready:
        for pending in ready:
            judge.one(pending)
        judge.flush()
        if not full:
            break
        ready = judging.ready_observations(conn, before)
        full = len(ready) == judging.BATCH
    if judge.new_ids:
        log.info("%d new alerts %s", len(judge.new_ids), judge.new_ids)
    return judge.new_ids


class _Judge:
    """Judges ready observations one by one and queues their alerts' deliveries, reading what
    the deliveries need (mutes, installation id, an article's actors) once per call."""

    def __init__(self, conn: Connection, config: Config, now: datetime) -> None:
        self.conn, self.config, self.now = conn, config, now
        self.specs = {spec.id: spec for spec in config.claims}
        self.rules: dict[str, ClaimRule] = {}
        self.actors: dict[int, set[str]] = {}
        self.facts: judging.DeliveryFacts | None = None
        self.new_ids: list[int] = []
        # judged, not marked yet: an article's own earlier sentences are history without the
        # mark (by id), other articles' rows only with it, so the marks are written before an
        # observation of another article is judged
        self.unmarked: list[int] = []
        self.unmarked_article: int | None = None

    def one(self, pending: PendingObservation) -> None:
        obs = pending.observation
        if self.unmarked and obs.article_id != self.unmarked_article:
            self.flush()
        conn = self.conn
        rule = self.rules.setdefault(obs.claim, rule_for(self.specs.get(obs.claim), obs.claim))
        for candidate in judge(obs, history.claim_history(conn, obs, rule), rule):
            key = dedupe_key(candidate.kind, obs.url or "", pending.key)
            alert_id = alert_rows.insert_alert(
                conn, alert_row(candidate, key, now=self.now, historical=pending.historical)
            )
            if alert_id is None:
                continue
            self.new_ids.append(alert_id)
            if pending.historical:
                continue
            if self.facts is None:
                self.facts = judging.delivery_facts(conn, self.now)
            # a claim an editor muted (web app) keeps its alerts, but none is sent
            if obs.claim in self.facts.muted:
                continue
            if obs.article_id not in self.actors:
                self.actors[obs.article_id] = judging.article_actor_ids(conn, obs.article_id)
            actors = self.actors[obs.article_id] | {n for n in (obs.source, obs.speaks_for) if n}
            queue_deliveries(conn, self.config, alert_id, key, candidate, actors, self.now, self.facts)
        self.unmarked.append(obs.id)
        self.unmarked_article = obs.article_id

    def flush(self) -> None:
        judging.mark_judged(self.conn, self.unmarked)
        self.unmarked = []
        self.unmarked_article = None


def claim_widening(config: Config) -> dict[str, Widening]:
    """The span widening of every configured claim, as storing an observation needs it."""
    return {spec.id: rule_for(spec, spec.id).widening for spec in config.claims}


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
    facts: judging.DeliveryFacts,
) -> int:
    """One outbox row per channel whose subscriptions match (kind, claim, actors)."""
    channels = channels_for(
        config.channels, config.subscriptions, candidate.kind, candidate.observation.claim, actors
    )
    wanted = [
        NewDelivery(channel.id, message_id(key, channel.id, facts.installation), first_due(channel, now))
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
