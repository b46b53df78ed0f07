"""A running embedded service picks up an edited feeds.yaml (mtime or SIGHUP),
validating it first and keeping the old config when the new one is broken."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.config import Settings, load_config
from monitor.drivers.embedded import EmbeddedRunner
from monitor.pipeline.services import Services
from monitor.store import db
from monitor.store import feeds as feed_rows

ROOT = Path(__file__).resolve().parents[2]
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><guid>{guid}</guid><title>Item {guid}</title><link>https://news.example/{guid}</link>
<description>North Korea sent soldiers to Russia, the entry says.</description></item>
</channel></rss>"""


def feeds_yaml(*feed_ids: str) -> str:
    lines = ["feeds:"]
    for feed_id in feed_ids:
        lines.append(f"  - {{id: {feed_id}, url: {feed_id}.xml, language: en, fetch_page: false}}")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Write and move the mtime forward (file systems with coarse timestamps)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


@pytest.fixture
def runner(tmp_path: Path) -> EmbeddedRunner:
    for feed_id in ("first", "second"):
        (tmp_path / f"{feed_id}.xml").write_text(RSS.format(guid=feed_id), encoding="utf-8")
    write(tmp_path / "feeds.yaml", feeds_yaml("first"))
    settings = Settings(database_url=f"sqlite:///{tmp_path}/monitor.db")
    services = Services.create(load_config(tmp_path / "feeds.yaml"), settings)
    db.upgrade(services.engine)
    return EmbeddedRunner(services)


def feed_ids(runner: EmbeddedRunner) -> list[str]:
    with runner.services.engine.connect() as conn:
        return [row.id for row in feed_rows.list_feeds(conn)]


def test_an_edited_file_is_picked_up_at_the_next_pass(runner: EmbeddedRunner) -> None:
    runner.run_once()
    assert feed_ids(runner) == ["first"]
    write(runner.services.config.path, feeds_yaml("first", "second"))
    report = runner.run_once()
    assert feed_ids(runner) == ["first", "second"]
    assert [poll.feed_id for poll in report.polls] == ["second"]  # the new feed is due at once
    assert [spec.id for spec in runner.services.config.feeds] == ["first", "second"]


def test_a_broken_edit_keeps_the_running_config(
    runner: EmbeddedRunner, caplog: pytest.LogCaptureFixture
) -> None:
    runner.run_once()
    path = runner.services.config.path
    broken = "feeds:\n  - {id: first, url: first.xml, poll_interval: often}\n  - {id: x, url: 'htps//x'}\n"
    write(path, broken)
    with caplog.at_level(logging.ERROR, logger="monitor.drivers.reload"):
        runner.run_once()
        runner.run_once()  # the same broken file is reported once
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "keeping the running config" in errors[0]
    assert "feeds[0].poll_interval" in errors[0] and "feeds[1].url" in errors[0]  # every problem
    assert [spec.id for spec in runner.services.config.feeds] == ["first"]
    write(path, feeds_yaml("second"))  # fixed: taken
    runner.run_once()
    assert [spec.id for spec in runner.services.config.feeds] == ["second"]


def test_a_reload_request_reads_the_file_even_when_its_time_did_not_change(runner: EmbeddedRunner) -> None:
    path = runner.services.config.path
    stat = path.stat()
    path.write_text(feeds_yaml("first", "second"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as if edited within the same tick
    runner.run_once()
    assert [spec.id for spec in runner.services.config.feeds] == ["first"]
    runner.reload_config()
    runner.run_once()
    assert [spec.id for spec in runner.services.config.feeds] == ["first", "second"]


def test_sighup_reloads_a_running_monitor(tmp_path: Path) -> None:
    for feed_id in ("first", "second"):
        (tmp_path / f"{feed_id}.xml").write_text(RSS.format(guid=feed_id), encoding="utf-8")
    config = tmp_path / "feeds.yaml"
    write(config, feeds_yaml("first"))
    env = {
        **os.environ,
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path}/monitor.db",
        "MONITOR_CONFIG": str(config),
    }
    command = [str(ROOT / ".venv/bin/monitor")] if (ROOT / ".venv/bin/monitor").exists() else [
        sys.executable, "-m", "monitor.cli"
    ]
    process = subprocess.Popen(
        [*command, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    log = ""
    try:
        log += _read_until(process, "poll first")
        stat = config.stat()
        config.write_text(feeds_yaml("first", "second"), encoding="utf-8")
        os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the signal can tell
        process.send_signal(signal.SIGHUP)
        log += _read_until(process, "reloaded")
        log += _read_until(process, "poll second")
    finally:
        process.send_signal(signal.SIGINT)
        _out, rest = process.communicate(timeout=60)
    assert process.returncode == 0, log + rest
    assert "Traceback" not in log + rest


def _read_until(process: subprocess.Popen[str], needle: str, seconds: float = 60) -> str:
    assert process.stderr is not None
    seen = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen += line
        if needle in line:
            return seen
    raise AssertionError(f"{needle!r} not logged:\n{seen}")
