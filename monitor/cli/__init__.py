"""The ``monitor`` command: every command module registers itself on ``app``.

A command module is imported only when its command runs: ``monitor analyze`` then
never imports the database or HTTP layers (SQLAlchemy, Alembic, httpx) that the
other commands need, which were most of its start-up time. Help, an unknown
command and ``monitor.cli.app`` (tests) get every command.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

from monitor.cli.app import app as _app

# Importing the submodule monitor.cli.app made it this package's attribute "app"; the name
# means the Typer app, with every command registered, served by __getattr__ below.
del globals()["app"]

# the commands each module registers
_COMMANDS: dict[str, tuple[str, ...]] = {
    "monitor.cli.core": ("check", "run", "feeds", "articles", "db"),
    # feeds import/export; it imports monitor.cli.core, so `feeds` maps here
    "monitor.cli.opml": ("feeds",),
    "monitor.cli.analyze": ("analyze",),
    "monitor.cli.alerts": ("alerts", "claims", "deliveries"),
    "monitor.cli.backfill": ("backfill",),
    "monitor.cli.workers": ("worker", "beat", "queues", "queue-backfill"),
    "monitor.cli.web": ("web", "users", "tokens"),
}
_MODULE_OF = {command: module for module, commands in _COMMANDS.items() for command in commands}


def _register(modules: tuple[str, ...] | list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # a module that is missing (a part not installed) must not take the others down
            if exc.name != name:
                raise
            logging.getLogger("monitor.cli").debug("command module %s not available", name)


def register_all() -> None:
    _register(list(_COMMANDS))


def _invoked(argv: list[str]) -> str | None:
    """The command named on the command line (options come after it: no global options)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main() -> None:
    module = _MODULE_OF.get(_invoked(sys.argv[1:]) or "")
    if module is None:
        register_all()
    else:
        _register([module])
    _app()


def __getattr__(name: str) -> Any:
    # ``from monitor.cli import app``: the app with every command (tests, other callers)
    if name == "app":
        register_all()
        return _app
    raise AttributeError(f"module 'monitor.cli' has no attribute {name!r}")


__all__ = ["app", "main", "register_all"]
