"""The newcomer's path, through the real `monitor` command: run, feeds, articles."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MONITOR = (
    [sys.executable, "-m", "monitor.cli"]
    if not (ROOT / ".venv/bin/monitor").exists()
    else [str(ROOT / ".venv/bin/monitor")]
)


def config_text() -> str:
    demo = (ROOT / "demo" / "feed.xml").resolve()
    return f"""
feeds:
  - id: demo
    url: {demo.as_uri()}
    language: en
    poll_interval: 1m
    fetch_page: false
  - id: unreachable
    url: https://feeds.unreachable.invalid/rss.xml
    language: de
    poll_interval: 10m
""" + (ROOT / "feeds.yaml").read_text(encoding="utf-8").split("# ---- watchlist and claims", 1)[1].split(
        "\n", 1
    )[1]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "feeds.yaml"
    config.write_text(config_text(), encoding="utf-8")
    return dict(
        os.environ,
        MONITOR_DATABASE_URL=f"sqlite:///{tmp_path}/monitor.db",
        MONITOR_CONFIG=str(config),
        COLUMNS="200",
    )


def monitor(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MONITOR, *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_run_once_ingests_the_demo_feed_and_reports_the_failing_feed(env: dict[str, str]) -> None:
    run = monitor("run", "--once", env=env)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    demo_items = len(re.findall(r"<item[\s>]", (ROOT / "demo" / "feed.xml").read_text(encoding="utf-8")))
    assert demo_items > 10
    assert f"{demo_items} new articles processed" in run.stdout
    assert "poll unreachable failed" in run.stderr

    feeds = monitor("feeds", env=env)
    assert feeds.returncode == 0 and "Traceback" not in feeds.stderr
    unreachable = next(line for line in feeds.stdout.splitlines() if "unreachable" in line)
    assert "error" in unreachable and "cannot resolve" in unreachable
    demo = next(line for line in feeds.stdout.splitlines() if line.startswith("demo "))
    assert " ok " in demo

    articles = monitor("articles", "--limit", "100", env=env)
    assert articles.returncode == 0
    assert f"{demo_items} processed" in articles.stdout

    again = monitor("run", "--once", env=env)
    assert again.returncode == 0
    assert "no new articles" in again.stdout


def test_run_stops_cleanly_on_ctrl_c(env: dict[str, str]) -> None:
    process = subprocess.Popen(
        [*MONITOR, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    stderr = ""
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        stderr += line
        if "alerts (" in line or "not modified" in line:  # the first article is through
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in stderr + err


def test_a_broken_config_is_one_line_and_exit_2(tmp_path: Path, env: dict[str, str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - id: x\n    url: http://a\n    poll_interval: often\n", encoding="utf-8")
    run = monitor("run", "--once", "--config", str(bad), env=env)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert f"{bad}:4: feeds[0].poll_interval" in run.stderr


@pytest.mark.parametrize(
    "kind", ["server-unreachable", "folder-is-a-file", "not-a-database", "names-no-file", "missing-folder"]
)
def test_a_database_that_cannot_be_opened_is_one_line_not_a_traceback(
    env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    (tmp_path / "junk.db").write_bytes(b"this is not an SQLite file at all" * 100)
    url, expected = {
        "server-unreachable": ("postgresql://nobody@127.0.0.1:1/nothing", "error: database:"),
        "folder-is-a-file": (
            f"sqlite:///{tmp_path}/a-file/monitor.db",
            "error: MONITOR_DATABASE_URL: cannot create",
        ),
        "not-a-database": (f"sqlite:///{tmp_path}/junk.db", "error: database:"),
        "names-no-file": ("sqlite:///", "error: MONITOR_DATABASE_URL: sqlite:/// names no file"),
        "missing-folder": (
            f"sqlite:///{tmp_path}/typo/monitor.db",
            "error: MONITOR_DATABASE_URL: cannot create the database in",
        ),
    }[kind]
    for command in (["articles"], ["run", "--once"]):
        result = monitor(*command, env=dict(env, MONITOR_DATABASE_URL=url))
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(expected) and result.stderr.strip().count("\n") == 0
    assert not (tmp_path / "typo").exists()


def test_sigterm_cuts_a_fetch_stuck_on_a_slow_server(tmp_path: Path, env: dict[str, str]) -> None:
    """A feed whose server drips its headers would hold `run --once` for its whole deadline
    (here 5 + 4 x 30 s); SIGTERM ends the run after the short grace period instead."""
    from tests.http.bombs import slow_header_server

    with slow_header_server(every=0.5) as url:
        config = tmp_path / "slow.yaml"
        config.write_text(
            config_text().replace(str((ROOT / "demo" / "feed.xml").resolve().as_uri()), url), encoding="utf-8"
        )
        slow_env = dict(env, MONITOR_CONFIG=str(config), MONITOR_ALLOW_PRIVATE="127.0.0.1")
        slow_env["MONITOR_READ_TIMEOUT"] = "30"
        process = subprocess.Popen(
            [*MONITOR, "run", "--once"],
            env=slow_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            time.sleep(6)  # start-up, then the poll is stuck in the dripping head
            assert process.poll() is None, process.communicate()
            process.send_signal(signal.SIGTERM)
            stopped = time.monotonic()
            _out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert time.monotonic() - stopped < 15
    assert "Traceback" not in err
