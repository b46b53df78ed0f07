"""Faults a distributed deployment meets: a worker killed mid-batch, Redis restarted, PostgreSQL unreachable.

The shared Redis and PostgreSQL of this machine are never touched: the Redis
test runs its own redis-server, the PostgreSQL test cuts a TCP proxy between
the workers and the database.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.services import require_redis
from tests.workers.conftest import RedisSpace
from tests.workers.harness import (
    FlakyProxy,
    Ledger,
    World,
    article_statuses,
    cluster,
    cluster_env,
    free_port,
    ledger,
    private_redis,
    processed_count,
    wait_until,
    world_of,
)

pytestmark = pytest.mark.services


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with world_of(tmp_path, page_delay=0.25) as made:
        yield made


def assert_each_article_stored_once(book: Ledger, count: int) -> None:
    assert book.articles == book.processed == count
    assert len(book.observations_per_article) == count
    # the same page gives the same findings: a second, racing run would have doubled some article's rows
    assert len(set(book.observations_per_article.values())) == 1
    assert book.alerts >= 1
    assert book.alert_observations == book.alerts  # no observation alerted on twice


def test_worker_killed_mid_batch(world: World, redis_space: RedisSpace) -> None:
    count = 24
    env = cluster_env(
        broker_url=redis_space.url,
        prefix=redis_space.prefix,
        database_url=world.database_url,
        config=world.config(count, hook=True),
    )
    with cluster(env, world.tmp) as running:
        running.worker("sender", queues="deliver", concurrency=1)
        victim = running.worker("victim", queues="poll,process", concurrency=2)
        running.beat()
        wait_until(lambda: processed_count(world.engine) >= 6, 60, "the batch under way")
        victim.kill()
        killed_at = processed_count(world.engine)
        assert killed_at < count, "the batch was over before the kill"
        running.worker("rescuer", queues="poll,process", concurrency=2)
        wait_until(lambda: processed_count(world.engine) == count, 60, "every article processed")
        wait_until(
            lambda: ledger(world.engine).delivery_status.get("sent", 0) == ledger(world.engine).alerts,
            30,
            "every alert delivered",
        )

    book = ledger(world.engine)
    assert_each_article_stored_once(book, count)
    assert book.deliveries == book.delivery_pairs == book.alerts  # one delivery per alert and channel
    message_ids = [r.header("webhook-id") for r in world.server.requests_to("/hook")]
    assert len(message_ids) == len(set(message_ids)) == book.deliveries  # each alert arrived once


def test_redis_restarted_mid_run(world: World, tmp_path: Path) -> None:
    require_redis()  # the redis-server binary and a free port are all this needs
    count = 20
    port = free_port()
    with private_redis(port, tmp_path) as restart_redis:
        env = cluster_env(
            broker_url=f"redis://127.0.0.1:{port}/0",
            prefix="restart:",
            database_url=world.database_url,
            config=world.config(count, hook=False),
        )
        with cluster(env, world.tmp) as running:
            worker = running.worker("w1", concurrency=2)
            running.beat()
            wait_until(lambda: processed_count(world.engine) >= 4, 60, "processing under way")
            # on a slow machine the dispatcher may queue articles again before the restart too
            logged_before = len(worker.log())
            restart_redis()  # every queued message is gone now
            assert processed_count(world.engine) < count, "the run was over before the restart"
            wait_until(lambda: processed_count(world.engine) == count, 90, "every article processed")
            # the database, not the lost queue, brought the rest back
            assert "were in no queue" in worker.log()[logged_before:]
    assert_each_article_stored_once(ledger(world.engine), count)
    assert article_statuses(world.engine) == {"processed": count}


def test_a_slow_pool_process_start_is_waited_for(world: World, redis_space: RedisSpace) -> None:
    """A pool process that replaces another builds its runtime before it reports ready; on a
    loaded machine that takes seconds. Celery must wait for it, not kill it and fork the next
    (with its default of 4 s a busy worker did that to every replacement and ran no task)."""
    count = 4
    env = cluster_env(
        broker_url=redis_space.url,
        prefix=redis_space.prefix,
        database_url=world.database_url,
        config=world.config(count, hook=False),
    )
    with cluster(env, world.tmp) as running:
        worker = running.worker("w1", concurrency=1)
        wait_until(lambda: "worker process ready" in worker.log(), 60, "the first pool process")
        (first,) = worker.children()

        def others() -> list[int]:
            return [pid for pid in worker.children() if pid != first]

        os.kill(first, signal.SIGKILL)  # Celery forks a replacement
        wait_until(lambda: bool(others()), 10, "a replacement", every=0.005)
        (replacement,) = others()
        os.kill(replacement, signal.SIGSTOP)  # its start now takes as long as we say
        assert worker.log().count("worker process ready") == 1, "stopped too late: it was ready"
        time.sleep(6)  # longer than Celery's default wait for a new process
        try:
            os.kill(replacement, signal.SIGCONT)
        except ProcessLookupError:
            pytest.fail("the worker killed its new pool process before that was ready")
        running.beat()
        wait_until(lambda: processed_count(world.engine) == count, 60, "every article processed")
        assert worker.children() == [replacement]
        assert "Timed out waiting for UP message" not in worker.log()


def test_postgres_unreachable_for_a_while(world: World, redis_space: RedisSpace) -> None:
    count = 20
    proxy = FlakyProxy(5432)
    proxied_url = world.database_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    assert proxied_url != world.database_url
    env = cluster_env(
        broker_url=redis_space.url,
        prefix=redis_space.prefix,
        database_url=proxied_url,
        config=world.config(count, hook=False),
    )
    try:
        with cluster(env, world.tmp) as running:
            worker = running.worker("w1", concurrency=2)
            running.beat()
            wait_until(lambda: processed_count(world.engine) >= 4, 60, "processing under way")
            proxy.outage()
            down_since = time.monotonic()
            wait_until(lambda: proxy.refused >= 2, 20, "workers knocking on the closed database")
            time.sleep(max(0.0, 4.0 - (time.monotonic() - down_since)))  # a few seconds without a database
            assert processed_count(world.engine) < count, "the run was over before the outage ended"
            proxy.recover()
            wait_until(lambda: processed_count(world.engine) == count, 60, "every article processed")
            assert "Retry in" in worker.log()  # tasks hit the outage and were retried, not lost
            log = worker.log()
    finally:
        proxy.close()
    # one line per retry, not a traceback per retry (issue 12, item 11)
    assert "Traceback" not in log, log[log.index("Traceback") - 300 :][:3000]
    retries = [line for line in log.splitlines() if " retry: " in line]
    assert retries and all("Retry in" in line for line in retries)
    assert_each_article_stored_once(ledger(world.engine), count)
    assert article_statuses(world.engine) == {"processed": count}
