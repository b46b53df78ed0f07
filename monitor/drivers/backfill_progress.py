"""Where a backfill's progress goes: the port the CLI fills with a progress bar or log lines."""

from __future__ import annotations

from typing import Protocol

from monitor.drivers.backfill_checkpoint import BackfillCounts


class Reporter(Protocol):
    """Where progress goes: a rich progress bar on a terminal, log lines otherwise."""

    def start(self, phase: str, total: int | None, done: int) -> None: ...

    def advance(self, done: int, counts: BackfillCounts) -> None: ...

    def stop(self) -> None: ...


class NullReporter:
    def start(self, phase: str, total: int | None, done: int) -> None:
        pass

    def advance(self, done: int, counts: BackfillCounts) -> None:
        pass

    def stop(self) -> None:
        pass
