"""Fixtures for the distributed-mode tests.

Redis is shared with other people's test runs on this machine, so each test
gets a database number from 11-14 that is empty when chosen (if one is) and a
unique key prefix; kombu writes its queues under that prefix too
(``global_keyprefix``), and only keys under the prefix are deleted afterwards,
so a FLUSHDB never removes somebody else's keys.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis

from tests.support.services import REDIS_HOST, REDIS_PORT, require_redis

TEST_DBS = (11, 12, 13, 14)


@dataclass(frozen=True)
class RedisSpace:
    """One test's corner of Redis: a URL (with db number) and a key prefix."""

    url: str
    prefix: str
    client: redis.Redis

    def keys(self) -> list[str]:
        return sorted(k.decode() for k in self.client.scan_iter(match=self.prefix + "*", count=1000))

    def clean(self) -> None:
        clean_prefix(self.client, self.prefix)


def clean_prefix(client: redis.Redis, prefix: str) -> None:
    batch = list(client.scan_iter(match=prefix + "*", count=1000))
    for start in range(0, len(batch), 500):
        client.delete(*batch[start : start + 500])


def pick_db(host: str, port: int) -> int:
    dbs = list(TEST_DBS)
    random.shuffle(dbs)
    for db in dbs:
        with redis.Redis(host=host, port=port, db=db) as probe:
            if probe.dbsize() == 0:
                return db
    return dbs[0]  # all in use: the unique prefix still keeps us apart


def open_space(host: str = REDIS_HOST, port: int = REDIS_PORT) -> RedisSpace:
    db = pick_db(host, port)
    prefix = f"mt-{uuid.uuid4().hex[:10]}:"
    return RedisSpace(
        url=f"redis://{host}:{port}/{db}", prefix=prefix, client=redis.Redis(host=host, port=port, db=db)
    )


@pytest.fixture
def redis_space() -> Iterator[RedisSpace]:
    require_redis()
    space = open_space()
    try:
        yield space
    finally:
        space.clean()
        space.client.close()
