"""The lock that serialises detection across worker processes."""

from __future__ import annotations

from sqlalchemy import Connection, text


def lock_judging(conn: Connection) -> None:
    """One judge at a time, until this transaction ends.

    Observations are judged in publication order once nothing published before
    them is pending (monitor.store.judging). Without one lock two workers could
    each decide, from what they see, that the other's observations are not ready
    (both still uncommitted) and leave them waiting; or judge two observations
    of one claim against a history missing the other (both alerting a "new"
    figure). With it, the second waits for the first to commit and then sees
    its rows. Judging is a few indexed queries, so serialising it costs little
    next to fetching and extracting. SQLite has a single writer anyway.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('monitor.judging'))"))
