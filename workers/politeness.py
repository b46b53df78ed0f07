"""Per-host politeness shared by every worker on every machine, through Redis.

Two limits per host, from feeds.yaml ``settings``:

* at most ``per_host_concurrency`` requests in flight: a semaphore whose slots
  are leases (a sorted set of token -> expiry), so a worker killed while it
  holds a slot cannot block the host for longer than the lease;
* at most ``per_host_per_minute`` requests in any 60 seconds: a sliding-window
  log (a sorted set of token -> start time) holding at most that many entries.

Both checks and the grant happen in one Lua script, on Redis's clock, so two
workers can never both take the last slot and clocks of different machines
don't matter. A task that gets no slot is told how long to wait and schedules
itself again with that countdown: it never blocks a worker process.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import redis

# KEYS: active (token -> lease expiry ms), window (token -> start ms)
# ARGV: token, concurrency, per_minute, lease_ms, busy_retry_ms
# returns 0 when granted, else the milliseconds to wait before trying again
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local concurrency = tonumber(ARGV[2])
local per_minute = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
local wait = 0
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  local soonest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  wait = math.min(tonumber(ARGV[5]), tonumber(soonest[2]) - now)
end
if redis.call('ZCARD', KEYS[2]) >= per_minute then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + 60000 - now)
end
if wait > 0 then
  return wait
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease + 1000)
redis.call('PEXPIRE', KEYS[2], 61000)
return 0
"""


def host_of(url: str) -> str | None:
    """The host a URL's request goes to; None for URLs that make no network request."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    return (parts.hostname or "").lower() or None


@dataclass(frozen=True)
class HostLimits:
    concurrency: int
    per_minute: int


@dataclass(frozen=True)
class Grant:
    """A slot (``token`` set) or the seconds to wait before asking again."""

    host: str | None
    token: str | None
    wait: float = 0.0

    @property
    def granted(self) -> bool:
        return self.token is not None or self.host is None

    def countdown(self) -> float:
        """When to try again: the wait plus jitter, so deferred tasks don't return as one herd."""
        return round(self.wait * (1.0 + random.random() * 0.5) + random.random() * 0.5, 3)


NO_LIMIT = Grant(host=None, token=None)


class HostLimiter:
    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str,
        limits: HostLimits,
        lease_seconds: float,
        busy_retry_seconds: float = 1.0,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self.limits = limits
        self._lease_ms = int(lease_seconds * 1000)
        self._busy_retry_ms = int(busy_retry_seconds * 1000)
        self._acquire: Any = client.register_script(_ACQUIRE)

    def _keys(self, host: str) -> list[str]:
        return [f"{self._prefix}host:{host}:active", f"{self._prefix}host:{host}:window"]

    def try_acquire(self, host: str | None) -> Grant:
        if host is None:
            return NO_LIMIT
        token = uuid.uuid4().hex
        wait_ms = int(
            self._acquire(
                keys=self._keys(host),
                args=[
                    token,
                    self.limits.concurrency,
                    self.limits.per_minute,
                    self._lease_ms,
                    self._busy_retry_ms,
                ],
            )
        )
        if wait_ms > 0:
            return Grant(host=host, token=None, wait=wait_ms / 1000.0)
        return Grant(host=host, token=token)

    def release(self, grant: Grant) -> None:
        """Give the concurrency slot back (the request still counts in the minute's window)."""
        if grant.host is not None and grant.token is not None:
            self._client.zrem(self._keys(grant.host)[0], grant.token)

    def in_flight(self, host: str) -> int:
        return int(self._client.zcard(self._keys(host)[0]))
