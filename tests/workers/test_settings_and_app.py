"""Worker settings from the environment and the Celery configuration built from them."""

from __future__ import annotations

import pytest

from monitor.errors import ConfigError
from tests.workers.conftest import RedisSpace
from workers.app import ROUTES, celery_config
from workers.coordination import CrashCounter, QueueMarkers
from workers.settings import QUEUES, WorkerSettings


def test_defaults_work_on_one_machine() -> None:
    settings = WorkerSettings.from_env({})
    assert settings.broker_url == "redis://127.0.0.1:6379/0"
    assert settings.redis_url == settings.broker_url
    assert settings.result_backend is None
    assert settings.visibility_timeout > settings.max_retry_delay + settings.time_limit


def test_environment_overrides() -> None:
    settings = WorkerSettings.from_env(
        {
            "MONITOR_BROKER_URL": "redis://queue:6379/3",
            "MONITOR_REDIS_URL": "redis://locks:6379/4",
            "MONITOR_RESULT_BACKEND": "redis://queue:6379/5",
            "MONITOR_REDIS_PREFIX": "prod:",
            "MONITOR_TASK_SOFT_TIME_LIMIT": "50",
            "MONITOR_TASK_TIME_LIMIT": "60",
            "MONITOR_DISPATCH_INTERVAL": "2.5",
        }
    )
    assert (settings.broker_url, settings.redis_url, settings.result_backend) == (
        "redis://queue:6379/3",
        "redis://locks:6379/4",
        "redis://queue:6379/5",
    )
    assert settings.key("dispatch", "last") == "prod:dispatch:last"
    assert (settings.soft_time_limit, settings.time_limit, settings.dispatch_interval) == (50, 60, 2.5)


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"MONITOR_VISIBILITY_TIMEOUT": "600"}, "MONITOR_VISIBILITY_TIMEOUT"),
        ({"MONITOR_TASK_SOFT_TIME_LIMIT": "200"}, "below MONITOR_TASK_TIME_LIMIT"),
        ({"MONITOR_MAX_RETRY_DELAY": "soon"}, "MONITOR_MAX_RETRY_DELAY='soon'"),
        ({"MONITOR_DISPATCH_INTERVAL": "-1"}, "must be positive"),
        ({"MONITOR_BROKER_URL": "amqp://rabbit//"}, "must be a Redis URL"),
    ],
)
def test_bad_settings_fail_with_one_line(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        WorkerSettings.from_env(env)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_celery_config_delivery_guarantees() -> None:
    settings = WorkerSettings(visibility_timeout=5000, soft_time_limit=100, time_limit=130, key_prefix="x:")
    conf = celery_config(settings)
    assert conf["task_acks_late"] and conf["task_reject_on_worker_lost"]
    assert conf["worker_prefetch_multiplier"] == 1
    assert (conf["task_soft_time_limit"], conf["task_time_limit"]) == (100, 130)
    assert conf["broker_transport_options"]["visibility_timeout"] == 5000
    assert conf["broker_transport_options"]["global_keyprefix"] == "x:"
    assert conf["worker_soft_shutdown_timeout"] > 0 and conf["worker_enable_soft_shutdown_on_idle"]
    assert conf["task_ignore_result"] is True
    assert [q.name for q in conf["task_queues"]] == list(QUEUES)
    assert {route["queue"] for route in ROUTES.values()} == set(QUEUES)
    entry = conf["beat_schedule"]["dispatch"]
    assert entry["task"] == "monitor.dispatch" and entry["schedule"] == settings.dispatch_interval
    assert entry["options"]["expires"] <= 2 * settings.dispatch_interval


def test_every_task_is_registered_and_routed() -> None:
    import workers.tasks  # noqa: F401 - registers the tasks
    from workers.app import app

    ours = {name for name in app.tasks if name.startswith("monitor.")}
    assert ours == set(ROUTES)
    assert app.tasks["monitor.process"].acks_late


def test_queue_markers(redis_space: RedisSpace) -> None:
    markers = QueueMarkers(redis_space.client, redis_space.prefix)
    assert markers.claim("feed", "a", 10)
    assert not markers.claim("feed", "a", 10)
    assert markers.claim_many("article", [1, 2, 3], 10) == [1, 2, 3]
    assert markers.claim_many("article", [2, 3, 4], 10) == [4]
    markers.clear("article", 2)
    assert markers.claim_many("article", [2, 3], 10) == [2]
    markers.mark_many("article", [7], 0.2)  # queued without asking: the dispatcher must skip it
    assert markers.claim_many("article", [7], 10) == []


def test_crash_counter_counts_only_runs_that_never_came_back(redis_space: RedisSpace) -> None:
    crashes = CrashCounter(redis_space.client, redis_space.prefix)
    assert crashes.enter(5) == 1
    crashes.leave(5)  # a normal end
    assert crashes.enter(5) == 1  # this run "dies": no leave
    assert crashes.enter(5) == 2
