"""Locks that serialise detection per claim across worker processes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text


def lock_claims(conn: Connection, claim_ids: Sequence[str]) -> None:
    """Serialise detection per claim for the rest of the transaction.

    Two workers processing two articles with the same new figure would each
    see a history without the other's observation and both alert (or both miss
    a contradiction). On PostgreSQL a transaction-scoped advisory lock per claim
    serialises them: the second waits for the first to commit, then sees its
    observations. Locks are taken in sorted order, so two articles never
    deadlock. SQLite has a single writer anyway (and the embedded runner is one
    process), so nothing is needed there.
    """
    if conn.dialect.name != "postgresql":
        return
    for claim_id in sorted(claim_ids):
        key = f"monitor.claim:{claim_id}"
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
