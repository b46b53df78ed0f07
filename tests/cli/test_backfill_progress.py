"""The backfill progress display ends on the final counts, even when the last
updates came faster than it redraws (the summary and the last frame agree)."""

from __future__ import annotations

import io
import logging

import pytest
from rich.console import Console

from monitor.cli.backfill import LogReporter, RichReporter
from monitor.drivers.backfill_checkpoint import BackfillCounts


def test_the_last_frame_shows_the_final_counts() -> None:
    out = io.StringIO()
    reporter = RichReporter(Console(file=out, force_terminal=True, width=200, color_system=None))
    counts = BackfillCounts()
    reporter.start("ingest", 16, 0)
    counts.found = counts.new = 1
    reporter.advance(1, counts)  # drawn
    for found in range(2, 17):  # all within the redraw interval: throttled
        counts.found = counts.new = found
        reporter.advance(found, counts)
    reporter.stop()
    final = out.getvalue().split("\r")[-1]
    assert "found 16, new 16" in final
    assert "100%" in final


def test_the_plain_log_ends_with_the_final_counts(caplog: pytest.LogCaptureFixture) -> None:
    reporter = LogReporter()
    counts = BackfillCounts()
    with caplog.at_level(logging.INFO):
        reporter.start("ingest", 16, 0)
        for found in range(1, 17):
            counts.found = found
            reporter.advance(found, counts)
        reporter.stop()
    assert "found 16" in caplog.records[-1].getMessage()
