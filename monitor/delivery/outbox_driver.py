"""The delivery driver: claim due deliveries, render, send, record the outcome.

Used by the embedded runner (:func:`deliver_due` each loop, :func:`sweep_stale`
now and then) and by Celery (one :func:`deliver_one` task per delivery id).

Exactly-once as far as a sender can promise it: a delivery is claimed by a
conditional UPDATE (see :mod:`monitor.store.outbox`), sent outside any
transaction, and its outcome recorded only while the claim is still ours.
The claim is a lease: it must outlast a send (default 5 minutes, far above
the channel timeouts), and a runner killed between claiming and recording
leaves a row the sweeper hands back once the lease expired.

Retries: transient errors (timeouts, 5xx, 429, SMTP 4xx) are retried after
``retry_base_seconds * 2 ** (attempt - 1)``, capped at ``retry_max_seconds``,
times a random factor in [0.5, 1) so that many failed deliveries do not all
come back at once; a ``Retry-After`` from the receiver replaces that delay.
Permanent errors, and the last of ``max_attempts``, end as ``failed`` (listed
by ``monitor deliveries --status failed``).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from monitor.clock import utcnow
from monitor.config import Config, Settings
from monitor.config.channels import ChannelSpec
from monitor.delivery.channel import Channel, Outgoing
from monitor.delivery.registry import build_channel
from monitor.errors import DeliveryError
from monitor.retry import backoff
from monitor.store import alerts as alert_rows
from monitor.store import outbox
from monitor.store.alerts import AlertRecord
from monitor.store.outbox import DeliveryRow

log = logging.getLogger("monitor.delivery")

DEFAULT_LEASE = timedelta(minutes=5)
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    # outcomes not recorded because the claim had expired and was taken over
    lost: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.lost += other.lost
        self.errors.extend(other.errors)


def retry_delay(
    attempt: int, spec: ChannelSpec, retry_after: float | None = None, rng: random.Random | None = None
) -> float:
    """Seconds until the next attempt after failed attempt number ``attempt`` (1-based)."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), MAX_RETRY_AFTER)
    return backoff(
        attempt - 1, base=spec.retry_base_seconds, cap=spec.retry_max_seconds, jitter=0.5, rng=rng
    )


def sweep_stale(engine: Engine, now: datetime | None = None) -> int:
    """Return deliveries whose claim expired (their runner died) to pending."""
    with engine.begin() as conn:
        count = outbox.sweep(conn, now or utcnow())
    if count:
        log.warning("returned %d stale delivery claims to pending", count)
    return count


def deliver_due(
    engine: Engine,
    config: Config,
    *,
    worker_id: str,
    now: datetime | None = None,
    limit: int = 100,
    settings: Settings | None = None,
    environ: Mapping[str, str] | None = None,
    lease: timedelta = DEFAULT_LEASE,
) -> DeliveryReport:
    """Claim up to ``limit`` due deliveries and send them (digest rows of a channel as one message)."""
    clock = now or utcnow()
    with engine.begin() as conn:
        ids = outbox.due_ids(conn, clock, limit=limit)
        claimed = [i for i in ids if outbox.claim(conn, i, worker_id, clock, lease)]
    return _send_claimed(
        engine,
        config,
        claimed,
        worker_id=worker_id,
        now=now,
        # the environment is read before anything is sent, never halfway through a batch
        settings=settings or Settings.from_env(),
        environ=environ,
    )


def deliver_one(
    engine: Engine,
    config: Config,
    delivery_id: int,
    *,
    worker_id: str,
    now: datetime | None = None,
    settings: Settings | None = None,
    environ: Mapping[str, str] | None = None,
    lease: timedelta = DEFAULT_LEASE,
) -> DeliveryReport:
    """Send one delivery if it is due and nobody holds it (for one Celery task per delivery).

    For a digest channel the other due rows of that channel go in the same message.
    """
    clock = now or utcnow()
    with engine.begin() as conn:
        if not outbox.claim(conn, delivery_id, worker_id, clock, lease):
            return DeliveryReport()
        claimed = [delivery_id]
        row = outbox.get_deliveries(conn, [delivery_id])[0]
        spec = _channels(config).get(row.channel_id)
        if spec is not None and spec.digest_minutes:
            siblings = outbox.due_ids(conn, clock, limit=500, channel_id=row.channel_id)
            claimed += [i for i in siblings if outbox.claim(conn, i, worker_id, clock, lease)]
    return _send_claimed(
        engine,
        config,
        claimed,
        worker_id=worker_id,
        now=now,
        # the environment is read before anything is sent, never halfway through a batch
        settings=settings or Settings.from_env(),
        environ=environ,
    )


def _channels(config: Config) -> dict[str, ChannelSpec]:
    return {spec.id: spec for spec in config.channels}


@dataclass
class _Batch:
    spec: ChannelSpec
    rows: list[DeliveryRow]


def _batches(rows: Sequence[DeliveryRow], specs: Mapping[str, ChannelSpec]) -> list[_Batch]:
    """One batch per row, except digest channels: all their rows in one batch."""
    batches: list[_Batch] = []
    digests: dict[str, _Batch] = {}
    for row in rows:
        spec = specs[row.channel_id]
        if spec.digest_minutes:
            if row.channel_id not in digests:
                digests[row.channel_id] = _Batch(spec, [])
                batches.append(digests[row.channel_id])
            digests[row.channel_id].rows.append(row)
        else:
            batches.append(_Batch(spec, [row]))
    return batches


def _send_claimed(
    engine: Engine,
    config: Config,
    claimed: Sequence[int],
    *,
    worker_id: str,
    now: datetime | None,
    settings: Settings,
    environ: Mapping[str, str] | None,
) -> DeliveryReport:
    report = DeliveryReport(claimed=len(claimed))
    if not claimed:
        return report
    specs = _channels(config)
    with engine.connect() as conn:
        rows = outbox.get_deliveries(conn, claimed)
        records = {a.id: a for a in alert_rows.load_alerts(conn, ids=sorted({r.alert_id for r in rows}))}
    sendable: list[DeliveryRow] = []
    for row in rows:
        spec = specs.get(row.channel_id)
        if spec is None:
            _record_batch(
                engine,
                report,
                [row],
                worker_id,
                DeliveryError(f"channel {row.channel_id!r} is no longer configured", permanent=True),
                None,
                now,
            )
        elif row.attempts > spec.max_attempts:
            _record_batch(
                engine,
                report,
                [row],
                worker_id,
                DeliveryError(f"gave up after {spec.max_attempts} attempts", permanent=True),
                spec,
                now,
            )
        elif row.alert_id not in records:
            gone = DeliveryError("the alert is gone", permanent=True)
            _record_batch(engine, report, [row], worker_id, gone, spec, now)
        else:
            sendable.append(row)
    channels: dict[str, Channel] = {}
    try:
        for batch in _batches(sendable, specs):
            error: DeliveryError | None = None
            try:
                channel = channels.get(batch.spec.id)
                if channel is None:
                    channel = channels[batch.spec.id] = build_channel(batch.spec, settings, environ)
                alerts: list[AlertRecord] = [records[row.alert_id] for row in batch.rows]
                channel.send(Outgoing(batch.rows[0].message_id, alerts, attempt=batch.rows[0].attempts))
            except DeliveryError as exc:
                error = exc
            except Exception as exc:  # noqa: BLE001 - a bug in a channel must not stop the others
                log.exception("channel %s crashed", batch.spec.id)
                error = DeliveryError(f"internal error: {type(exc).__name__}: {exc}")
            _record_batch(engine, report, batch.rows, worker_id, error, batch.spec, now)
    finally:
        for channel in channels.values():
            channel.close()
    return report


def _record_batch(
    engine: Engine,
    report: DeliveryReport,
    rows: list[DeliveryRow],
    worker_id: str,
    error: DeliveryError | None,
    spec: ChannelSpec | None,
    now: datetime | None,
) -> None:
    """Record one send's outcome for all its rows, in one transaction.

    The rows of a digest share one retry time (one jitter draw), so the retry
    goes out as one message again instead of one mail per alert.
    """
    clock = now or utcnow()
    retry_at = None
    if error is not None and spec is not None and rows:
        attempts = max(row.attempts for row in rows)
        retry_at = clock + timedelta(seconds=retry_delay(attempts, spec, error.retry_after))
    outcomes: list[tuple[DeliveryRow, str, bool]] = []
    with engine.begin() as conn:
        for row in rows:
            if error is None:
                held = outbox.record_sent(conn, row.id, worker_id, clock)
                outcome = "sent"
            elif error.permanent or spec is None or retry_at is None or row.attempts >= spec.max_attempts:
                held = outbox.record_failed(conn, row.id, worker_id, str(error))
                outcome = "failed"
            else:
                held = outbox.record_retry(conn, row.id, worker_id, str(error), retry_at)
                outcome = "retried"
            outcomes.append((row, outcome, held))
    for row, outcome, held in outcomes:
        _report(report, row, outcome, held, error)


def _report(
    report: DeliveryReport, row: DeliveryRow, outcome: str, held: bool, error: DeliveryError | None
) -> None:
    if not held:
        report.lost += 1
        log.warning("delivery %d: claim lost before recording %s (lease too short?)", row.id, outcome)
        return
    if error is not None:
        report.errors.append(f"delivery {row.id}: {error}")
        log.warning(
            "delivery %d to %s attempt %d %s: %s", row.id, row.channel_id, row.attempts, outcome, error
        )
    else:
        log.info("delivery %d to %s sent (attempt %d)", row.id, row.channel_id, row.attempts)
    setattr(report, outcome, getattr(report, outcome) + 1)
