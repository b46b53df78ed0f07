"""Small Redis helpers the tasks and the dispatcher share.

Nothing here is a source of truth (the database is): losing every key (a
Redis restart) only means some work is queued twice, and every task is
idempotent. The keys exist so that the normal case queues each thing once.
"""

from __future__ import annotations

from collections.abc import Iterable

import redis


class QueueMarkers:
    """ "Already queued" flags with expiry, so the dispatcher never floods a queue.

    The dispatcher queues a due feed, or a pending article the queue may have
    lost, only when it can set the flag (SET NX); a flag expires on its own, so
    a message lost with its flag is queued again later.
    """

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._client = client
        self._prefix = prefix

    def _key(self, kind: str, ident: object) -> str:
        return f"{self._prefix}queued:{kind}:{ident}"

    def claim(self, kind: str, ident: object, ttl: float) -> bool:
        return bool(self._client.set(self._key(kind, ident), 1, nx=True, px=int(ttl * 1000)))

    def claim_many(self, kind: str, idents: Iterable[object], ttl: float) -> list[object]:
        """Set the flags in one round trip; returns the idents whose flag was free."""
        wanted = list(idents)
        if not wanted:
            return []
        pipe = self._client.pipeline(transaction=False)
        for ident in wanted:
            pipe.set(self._key(kind, ident), 1, nx=True, px=int(ttl * 1000))
        return [ident for ident, ok in zip(wanted, pipe.execute(), strict=True) if ok]

    def mark_many(self, kind: str, idents: Iterable[object], ttl: float) -> None:
        """Set (or extend) the flags of things queued without asking (new articles of a poll)."""
        pipe = self._client.pipeline(transaction=False)
        for ident in idents:
            pipe.set(self._key(kind, ident), 1, px=int(ttl * 1000))
        pipe.execute()

    def clear(self, kind: str, ident: object) -> None:
        self._client.delete(self._key(kind, ident))


class CrashCounter:
    """Counts runs of one article that never came back: the process died inside
    (hard time limit, out of memory, SIGKILL). ``enter`` before, ``leave`` after
    any normal return or exception, so only vanished runs accumulate; a page
    that kills its worker every time is given up after a few tries instead of
    being redelivered for ever.
    """

    def __init__(self, client: redis.Redis, prefix: str, *, ttl: float = 7 * 86400) -> None:
        self._client = client
        self._prefix = prefix
        self._ttl = int(ttl)

    def _key(self, article_id: int) -> str:
        return f"{self._prefix}unfinished:{article_id}"

    def enter(self, article_id: int) -> int:
        """Record a run; returns how many runs are unfinished, this one included."""
        pipe = self._client.pipeline(transaction=False)
        pipe.incr(self._key(article_id))
        pipe.expire(self._key(article_id), self._ttl)
        count, _ = pipe.execute()
        return int(count)

    def leave(self, article_id: int) -> None:
        self._client.decr(self._key(article_id))
