"""How listing commands print: JSON lines for machines, tables that survive 80 columns.

Every listing takes ``--json`` and then prints one JSON object per line (the
same shape ``monitor alerts --json`` uses). Tables keep short values (ids,
dates, statuses, counts) whole and on one line; only the free-text columns
(titles, errors, descriptions) give way when the terminal or a pipe is narrow,
so nothing reads ``2024-10…`` or ``unconfi…``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table

JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def print_json(record: object) -> None:
    """One object as one JSON line; a dataclass instance or a mapping."""
    fields: Mapping[str, Any]
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        fields = dataclasses.asdict(record)
    elif isinstance(record, Mapping):
        fields = record
    else:
        raise TypeError(f"cannot print {type(record).__name__} as JSON")
    typer.echo(json.dumps({str(key): _plain(value) for key, value in fields.items()}, ensure_ascii=False))


def listing_table(
    *columns: str, text: tuple[str, ...] = (), title: str | None = None, wide: str | None = None
) -> Table:
    """A table whose ``text`` columns wrap (``wide`` gets the most room) and whose other
    columns never break or get cut. No vertical rules: at 80 columns every character
    of width goes to the values."""
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        title_justify="left",
    )
    for name in columns:
        if name in text:
            table.add_column(name, overflow="fold", ratio=3 if name == wide else 1, min_width=8)
        else:
            table.add_column(name, no_wrap=True, overflow="ignore")
    return table
