"""The shared Typer application and the plumbing every command uses.

Each command group lives in its own module under ``monitor/cli`` and registers
itself on ``app``; ``monitor.cli.main`` imports them all.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console

from monitor.config import Config, Settings, load_config
from monitor.errors import MonitorError

app = typer.Typer(
    name="monitor",
    help="Watch news feeds for the figures and statements of a developing story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _commands() -> None:
    # a group even when only one command module is imported (monitor.cli.main imports just
    # the one that runs): without a callback Typer would run a lone command without its name
    pass

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

ConfigOption = Annotated[
    str | None,
    typer.Option("--config", "-c", help="feeds.yaml to use (else $MONITOR_CONFIG, else ./feeds.yaml)."),
]

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Context:
    config: Config
    settings: Settings


def load_context(config_path: str | None) -> Context:
    return Context(config=load_config(config_path), settings=Settings.from_env())


def clean_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one line on stderr and exit status 2: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except MonitorError as exc:
            err_console.print(f"error: {exc}", highlight=False, markup=False)
            raise typer.Exit(2) from None
        except Exception as exc:
            if not _is_database_error(exc):
                raise
            # an unreachable server, a missing database, a file that is no database
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            err_console.print(
                f"error: database: {detail} (MONITOR_DATABASE_URL)", highlight=False, markup=False
            )
            raise typer.Exit(2) from None

    return wrapper


def _is_database_error(exc: Exception) -> bool:
    """A SQLAlchemy error, checked without importing SQLAlchemy: a command that never
    imported it (``monitor analyze``) cannot have raised one."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.SQLAlchemyError)


def setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-5s %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "httpcore", "trafilatura", "htmldate", "charset_normalizer", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def fail(message: str) -> NoReturn:
    err_console.print(f"error: {message}", highlight=False, markup=False)
    raise typer.Exit(2)
