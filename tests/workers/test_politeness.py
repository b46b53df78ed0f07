"""Per-host limits through the real Redis: concurrency slots, the per-minute window, leases."""

from __future__ import annotations

import threading
import time

import pytest

from tests.workers.conftest import RedisSpace
from workers.politeness import HostLimiter, HostLimits, host_of
from workers.runtime import redis_client


def limiter(space: RedisSpace, concurrency: int, per_minute: int, lease: float = 30.0) -> HostLimiter:
    return HostLimiter(
        space.client,
        prefix=space.prefix,
        limits=HostLimits(concurrency, per_minute),
        lease_seconds=lease,
        busy_retry_seconds=0.5,
    )


def test_host_of() -> None:
    assert host_of("https://WWW.Example.org:8443/a?b=1") == "www.example.org"
    assert host_of("http://127.0.0.1:8000/feed.xml") == "127.0.0.1"
    assert host_of("file:///srv/feeds/demo.xml") is None
    assert host_of("urn:monitor:feed:x:1") is None


def test_no_host_needs_no_slot(redis_space: RedisSpace) -> None:
    grant = limiter(redis_space, 1, 1).try_acquire(None)
    assert grant.granted and grant.token is None
    assert redis_space.keys() == []


def test_concurrency_slots_are_counted_and_given_back(redis_space: RedisSpace) -> None:
    hosts = limiter(redis_space, concurrency=2, per_minute=1000)
    first, second = hosts.try_acquire("a.example"), hosts.try_acquire("a.example")
    third = hosts.try_acquire("a.example")
    assert first.granted and second.granted
    assert not third.granted
    assert 0 < third.wait <= 0.5  # busy: try again soon, not after a whole lease
    assert hosts.try_acquire("b.example").granted  # another host has its own slots
    hosts.release(first)
    assert hosts.in_flight("a.example") == 1
    assert hosts.try_acquire("a.example").granted


def test_per_minute_window(redis_space: RedisSpace) -> None:
    hosts = limiter(redis_space, concurrency=10, per_minute=3)
    for _ in range(3):
        grant = hosts.try_acquire("slow.example")
        assert grant.granted
        hosts.release(grant)  # releasing frees the slot but the request still counts this minute
    refused = hosts.try_acquire("slow.example")
    assert not refused.granted
    assert 58.0 < refused.wait <= 60.0
    assert refused.wait <= refused.countdown() <= refused.wait * 1.5 + 0.5


def test_a_lost_slot_expires_with_its_lease(redis_space: RedisSpace) -> None:
    hosts = limiter(redis_space, concurrency=1, per_minute=1000, lease=0.3)
    assert hosts.try_acquire("crash.example").granted  # never released: its worker "died"
    assert not hosts.try_acquire("crash.example").granted
    time.sleep(0.4)
    assert hosts.try_acquire("crash.example").granted


@pytest.mark.services
def test_many_workers_never_exceed_the_limit(redis_space: RedisSpace) -> None:
    """Eight clients (as eight worker processes would) hammering one host: never more than K inside."""
    limit, inside, peak, granted = 3, [0], [0], [0]
    lock = threading.Lock()

    def worker() -> None:
        client = redis_client(redis_space.url)
        hosts = HostLimiter(
            client, prefix=redis_space.prefix, limits=HostLimits(limit, 100000), lease_seconds=30
        )
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            grant = hosts.try_acquire("busy.example")
            if not grant.granted:
                time.sleep(0.001)
                continue
            with lock:
                inside[0] += 1
                granted[0] += 1
                peak[0] = max(peak[0], inside[0])
            time.sleep(0.003)
            with lock:
                inside[0] -= 1
            hosts.release(grant)
        client.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == limit  # the limit was reached, and never passed
    assert granted[0] > 20
