"""A backfill's checkpoint: its phase, the source's cursor and the counts of all its runs,
stored with each ingested batch so an interrupted backfill resumes exactly after it."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from monitor.archive.base import Cursor, DateWindow
from monitor.clock import utcnow
from monitor.pipeline.process import ProcessOutcome
from monitor.store import backfill as stored

FLUSH_SECONDS = 5.0  # the checkpoint is stored at least this often while a phase runs
ORIGIN_LIMIT = 300  # articles.origin is VARCHAR(300)


@dataclass
class BackfillCounts:
    """Totals of one backfill over all its runs (they live in the checkpoint)."""

    found: int = 0  # entries of the window the source yielded
    new: int = 0  # ... stored as new articles
    existing: int = 0  # ... already stored (an earlier run, a live feed, another archive)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> records passed over
    broken: list[str] = field(default_factory=list)  # parts that could not be read to the end
    # parts that failed for a passing reason (timeout, 5xx, DNS) in the last run:
    # the backfill ends "incomplete" and the next run reads the source again
    unreachable: int = 0
    processed: int = 0
    already: int = 0  # processed meanwhile by someone else (a worker, the runner)
    failed: int = 0
    retry: int = 0  # transient failures: still pending, retried by the next run
    queued: int = 0  # ids handed to ``process`` that returned no outcome (distributed mode)
    claims: int = 0
    alerts: int = 0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> BackfillCounts:
        data = data or {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def count_outcome(self, outcome: ProcessOutcome | None) -> None:
        if outcome is None:
            self.queued += 1
            return
        if outcome.status == "processed":
            self.processed += 1
            self.claims += outcome.claims
            self.alerts += len(outcome.alert_ids)
        elif outcome.status in ("already", "missing"):
            self.already += 1
        elif outcome.status == "retry":
            self.retry += 1
        else:
            self.failed += 1


@dataclass
class Checkpoint:
    phase: str = "ingest"  # ingest | process | complete
    cursor: Cursor | None = None
    units: int = 0
    counts: BackfillCounts = field(default_factory=BackfillCounts)

    def to_json(self) -> dict[str, Any]:
        counts = self.counts.to_json()
        return {"phase": self.phase, "cursor": self.cursor, "units": self.units, "counts": counts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            phase=str(data.get("phase") or "ingest"),
            cursor=data.get("cursor"),
            units=int(data.get("units") or 0),
            counts=BackfillCounts.from_json(data.get("counts")),
        )


def origin_for(source_key: str) -> str:
    """The articles' origin for a source: readable, and within the column's 300 characters."""
    origin = f"backfill:{source_key}"
    if len(origin) <= ORIGIN_LIMIT:
        return origin
    digest = hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:16]
    return f"{origin[: ORIGIN_LIMIT - len(digest) - 1]}#{digest}"


def checkpoint_key(source_key: str, window: DateWindow) -> str:
    """One checkpoint per source and window: another window is another backfill."""
    since = window.since.isoformat() if window.since else "-"
    until = window.until.isoformat() if window.until else "-"
    return f"{source_key}|{since}|{until}"


def load_checkpoint(conn: Connection, key: str) -> Checkpoint | None:
    raw = stored.load_checkpoint_state(conn, key)
    return Checkpoint.from_json(raw) if raw is not None else None


def save_checkpoint(conn: Connection, key: str, state: Checkpoint) -> None:
    stored.save_checkpoint_state(conn, key, state.to_json(), utcnow())


def store_checkpoint(engine: Engine, key: str, state: Checkpoint) -> None:
    with engine.begin() as conn:
        save_checkpoint(conn, key, state)
