"""`monitor worker` / `monitor beat`: the celery command lines they build, and their fail-fast checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from monitor.cli import app
from monitor.cli.workers import backfill_argv, beat_argv, worker_argv

ROOT = Path(__file__).resolve().parents[2]
MONITOR = str(Path(sys.executable).with_name("monitor"))


def test_worker_argv() -> None:
    argv = worker_argv(queues=["poll", "process"], concurrency=2, loglevel="INFO", hostname="w1@%h")
    assert argv[:6] == [sys.executable, "-m", "celery", "-A", "workers.app", "worker"]
    assert argv[argv.index("--queues") + 1] == "poll,process"
    assert argv[argv.index("--concurrency") + 1] == "2"
    assert argv[argv.index("--hostname") + 1] == "w1@%h"
    # nothing consumes worker events or state exchange: they would only cost the consumer CPU
    assert {"--without-gossip", "--without-mingle", "--without-heartbeat"} <= set(argv)
    assert "--concurrency" not in worker_argv(queues=["poll"], concurrency=None, loglevel="INFO")


def test_beat_and_backfill_argv() -> None:
    assert beat_argv(loglevel="DEBUG", schedule="/tmp/s")[-4:] == [
        "--loglevel",
        "DEBUG",
        "--schedule",
        "/tmp/s",
    ]
    argv = backfill_argv("warc:/data/a.warc.gz", since="2024-10-01T00:00:00", until=None, deliver=False)
    assert argv[argv.index("call") + 1] == "monitor.backfill"
    assert json.loads(argv[argv.index("--kwargs") + 1]) == {
        "source": "warc:/data/a.warc.gz",
        "since": "2024-10-01T00:00:00",
        "until": None,
        "deliver": False,
    }
    assert argv[argv.index("--queue") + 1] == "backfill"


def test_unknown_queue_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["worker", "--queues", "poll,bogus"])
    assert result.exit_code == 2
    assert "unknown queue bogus" in result.output


def test_bad_config_stops_before_celery_starts(tmp_path: Path) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text(
        "feeds:\n  - id: x\n    url: http://example.org/f\n    poll_interval: 1s\n", encoding="utf-8"
    )
    done = subprocess.run(
        [MONITOR, "worker", "--config", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"error: {bad}:4:")
    assert "Traceback" not in done.stderr


def test_beat_execs_celery(tmp_path: Path) -> None:
    """`monitor beat --help` reaches celery's own help: the wrapper really replaced itself with celery."""
    good = tmp_path / "feeds.yaml"
    good.write_text("feeds: []\n", encoding="utf-8")
    # an invalid option makes celery itself exit at once with its usage text
    done = subprocess.run(
        [MONITOR, "beat", "--config", str(good), "--loglevel", "NOPE"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "celery" in (done.stdout + done.stderr).lower()
    assert "NOPE" in done.stdout + done.stderr
