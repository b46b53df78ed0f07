"""``monitor feeds import FILE.opml`` and ``monitor feeds export``: OPML in and out."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.app import ConfigOption, clean_errors, console, fail
from monitor.cli.core import feeds_app
from monitor.config import find_config_path, load_config, parse_config
from monitor.config.opml import add_feeds, new_feeds, read_opml, write_opml
from monitor.errors import ConfigError


@feeds_app.command("import")
@clean_errors
def import_opml(
    opml_file: Annotated[Path, typer.Argument(help="An OPML file from a feed reader.", show_default=False)],
    config: ConfigOption = None,
    language: Annotated[
        str | None, typer.Option("--language", "-l", help="Language of the imported feeds (de, en).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; change nothing.")
    ] = False,
) -> None:
    """Add the feeds of an OPML file to feeds.yaml (feeds already there are skipped)."""
    try:
        data = opml_file.read_bytes()
    except OSError as exc:
        fail(f"{opml_file}: cannot read: {exc.strerror or exc}")
    found = read_opml(data, source=str(opml_file))
    current = load_config(config)
    fresh = new_feeds(found, current.feeds)
    text = current.path.read_text(encoding="utf-8")
    updated = add_feeds(text, fresh, language=language)
    try:
        # the result must load before it replaces the file: a running service reloads it
        parse_config(updated, current.path)
    except ConfigError as exc:
        fail(f"the imported feeds would not load: {exc}")
    skipped = len(found) - len(fresh)
    summary = f"{len(fresh)} feeds added, {skipped} already configured"
    if dry_run:
        for feed in fresh:
            console.print(f"+ {feed.id}: {feed.url}", highlight=False, markup=False)
        console.print(f"{summary} (dry run: {current.path} unchanged)", highlight=False)
        return
    if fresh:
        _replace(current.path, updated)
    console.print(f"{current.path}: {summary}", highlight=False)


@feeds_app.command("export")
@clean_errors
def export_opml(config: ConfigOption = None) -> None:
    """Print the configured feeds as OPML 2.0 (for a feed reader)."""
    current = load_config(find_config_path(config))
    typer.echo(write_opml(current.feeds), nl=False)


def _replace(path: Path, text: str) -> None:
    """Write next to the file, then rename over it: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
