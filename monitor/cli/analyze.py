"""``monitor analyze FILE...``: run the claim engine on files, without a database."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from monitor.cli.app import ConfigOption, app, clean_errors, console, err_console, load_context
from monitor.errors import MonitorError
from monitor.models import Analysis

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_article(path: Path) -> tuple[str, str | None]:
    """Text and title of a file; HTML (also gzipped) is extracted first."""
    raw = path.read_bytes()
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        raw = gzip.decompress(raw)
        suffixes = suffixes[:-1]
    if (
        suffixes
        and suffixes[-1] in HTML_SUFFIXES
        or raw.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    ):
        # late import: trafilatura takes ~0.3 s to import; only HTML input needs it
        from monitor.ingest.extract import extract_page

        page = extract_page(raw.decode("utf-8", errors="replace"), None)
        return page.text, page.title
    return raw.decode("utf-8", errors="replace"), None


@app.command()
@clean_errors
def analyze(
    files: Annotated[list[Path], typer.Argument(help="Text or HTML files.")],
    config: ConfigOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per file (score_claims format).")
    ] = False,
    language: Annotated[
        str | None, typer.Option("--language", "-l", help="de or en (default: guess)")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why each figure or statement was taken, and why each number of a sentence "
            "naming a unit was not (with --json: an \"explain\" list per file).",
        ),
    ] = False,
) -> None:
    """Find watchlist actors and tracked claims in article files."""
    # late import: compiling the claim engine is the command's work; --help stays instant
    from monitor.text.engine import ClaimEngine, analysis_to_json
    from monitor.text.explain import Explanation

    ctx = load_context(config)
    engine = ClaimEngine.from_config(ctx.config.watchlist, ctx.config.claims)
    failed = 0
    for path in files:
        try:
            text, title = read_article(path)
            explanation = Explanation() if explain else None
            result = engine.analyze(text, language=language, title=title, explanation=explanation)
        except (OSError, MonitorError) as exc:
            failed += 1
            err_console.print(f"error: {path}: {exc}", highlight=False, markup=False)
            if as_json:
                print(json.dumps({"file": str(path), "error": str(exc), "actors": [], "claims": []}))
            continue
        lines = explanation.lines() if explanation is not None else None
        if as_json:
            out = analysis_to_json(str(path), result)
            if lines is not None:
                out["explain"] = lines
            print(json.dumps(out, ensure_ascii=False))
        else:
            _print_table(path, result)
            if lines is not None:
                _print_explanation(lines)
    if failed == len(files):
        raise typer.Exit(1)


def _print_table(path: Path, result: Analysis) -> None:
    actors = ", ".join(f"{m.actor_id} ({m.count})" for m in result.actors) or "none"
    console.print(f"[bold]{escape(str(path))}[/] [dim]({result.language})[/]  actors: {actors}")
    if not result.claims:
        console.print("  no tracked claims found\n")
        return
    table = Table(show_lines=False)
    for name in ("claim", "value", "qualifier", "polarity", "source", "sentence"):
        table.add_column(name, overflow="fold")
    for c in result.claims:
        value = "-" if c.value is None else f"{c.value:,.0f}"
        table.add_row(
            c.claim, value, c.qualifier, c.polarity or "-", escape(c.source or "-"), escape(c.sentence[:160])
        )
    console.print(table)


def _print_explanation(lines: list[str]) -> None:
    if not lines:
        console.print("  [dim]no number in a sentence naming a unit, no statement on a topic[/]\n")
        return
    for line in lines:
        console.print(f"  {escape(line)}", highlight=False, soft_wrap=True)
    console.print()
