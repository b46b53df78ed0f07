"""``monitor backfill`` on the command line."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.cli.backfill import LogReporter
from monitor.drivers.backfill_checkpoint import BackfillCounts
from tests.archive.conftest import ARTICLES, make_config, write_manifest_folder


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    config = make_config(tmp_path)
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    result = CliRunner().invoke(app, ["backfill", *args, "--config", str(config.path)], env=env)
    return result.exit_code, " ".join(result.output.split()) if result.exit_code else result.output


def test_backfill_prints_a_summary_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    code, output = run(tmp_path, str(folder), "--json")
    assert code == 0, output
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary["status"] == "complete" and summary["new"] == len(ARTICLES)
    assert summary["processed"] == len(ARTICLES)
    code, output = run(tmp_path, str(folder), "--json", "--rescan")
    again = json.loads(output.strip().splitlines()[-1])
    assert code == 0 and again["new"] == 0 and again["existing"] == len(ARTICLES)


def test_limit_stops_early_and_the_next_run_continues(tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    code, output = run(tmp_path, str(folder), "--limit", "1")
    assert code == 0 and "run the same command again" in output
    code, output = run(tmp_path, str(folder), "--json")
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary["resumed"] and summary["new"] == len(ARTICLES)


def test_bad_arguments_give_one_line_errors(tmp_path: Path) -> None:
    code, output = run(tmp_path, str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in output
    folder = write_manifest_folder(tmp_path / "archive")
    code, output = run(tmp_path, str(folder), "--since", "yesterday")
    assert code == 2 and "is not a date" in output
    code, output = run(tmp_path, str(folder), "--since", "2025-01-01", "--until", "2024-01-01")
    assert code == 2 and "--since must be before --until" in output


def test_plain_progress_lines_when_not_on_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    reporter = LogReporter()
    reporter.EVERY = 0.0
    with caplog.at_level(logging.INFO, logger="monitor.drivers.backfill"):
        reporter.start("ingest", 200, 0)
        time.sleep(0.01)
        reporter.advance(50, BackfillCounts(found=40, new=38, existing=2, skipped={"request": 10}))
    lines = [record.getMessage() for record in caplog.records]
    assert lines[0] == "backfill ingest: 200 to go"
    assert "25%" in lines[1] and "ETA" in lines[1] and "found 40, new 38, existing 2, skipped 10" in lines[1]
