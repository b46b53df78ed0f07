"""Pick up an edited feeds.yaml in a running service, without a restart.

A reload is asked for by SIGHUP (``request()``) or noticed when the file's
modification time changes. The new file is loaded and validated in full
first; only a valid one replaces the running config. A broken edit is logged
with every problem (the same lines `monitor check` prints) and the old
config stays in force; the same broken file is not reported again until it
changes once more.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from monitor.config import Config, load_config
from monitor.errors import ConfigError

log = logging.getLogger("monitor.drivers.reload")


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class ConfigWatcher:
    def __init__(self, config: Config) -> None:
        self.path = config.path
        self._seen = _mtime(self.path)
        self._requested = threading.Event()

    def request(self) -> None:
        """Ask for a reload at the next check (safe to call from a signal handler)."""
        self._requested.set()

    def check(self) -> Config | None:
        """A newly loaded config when a reload is due and the file is valid, else None."""
        current = _mtime(self.path)
        requested = self._requested.is_set()
        if not requested and current == self._seen:
            return None
        self._requested.clear()
        self._seen = current
        try:
            config = load_config(self.path)
        except ConfigError as exc:
            log.error(
                "%s changed but is not valid; keeping the running config:\n  %s",
                self.path,
                "\n  ".join(exc.problems),
            )
            return None
        log.info(
            "reloaded %s: %d feeds, %d claims, %d channels",
            self.path,
            len(config.feeds),
            len(config.claims),
            len(config.channels),
        )
        return config
