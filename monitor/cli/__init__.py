"""The ``monitor`` command: every command module registers itself on ``app``."""

from __future__ import annotations

import importlib
import logging

from monitor.cli.app import app

# Command modules, imported for their registrations. A module that is missing
# (a part not installed) must not take the other commands down with it.
_COMMAND_MODULES = (
    "monitor.cli.core",
    "monitor.cli.opml",
    "monitor.cli.analyze",
    "monitor.cli.alerts",
    "monitor.cli.backfill",
    "monitor.cli.workers",
    "monitor.cli.web",
)

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise
        logging.getLogger("monitor.cli").debug("command module %s not available", _name)


def main() -> None:
    app()


__all__ = ["app", "main"]
