"""Each command imports only what it uses: ``monitor analyze`` touches no database or HTTP code.

Checked in a fresh interpreter (a subprocess), as the installed ``monitor`` entry point
runs: the modules a test process already imported would hide a stray import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, sys
from monitor.cli import main
sys.argv = ["monitor", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("MODULES " + json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
sys.exit(code)
"""


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return done, set(json.loads(line.removeprefix("MODULES ")))


def test_analyze_imports_no_database_or_http_code(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Peskow sagte, Russland habe keine Soldaten geschickt.", encoding="utf-8")
    done, modules = run("analyze", str(article), "--json", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["actors"], done.stdout  # it did analyze the text
    assert not modules & {"sqlalchemy", "alembic", "httpx", "celery", "redis", "psycopg"}, modules


def test_a_database_command_still_gets_its_database(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'monitor.db'}"
    done, modules = run("feeds", cwd=ROOT, env={"MONITOR_DATABASE_URL": database})
    assert done.returncode == 0, done.stderr
    assert "sqlalchemy" in modules


def test_help_lists_every_command() -> None:
    done, _ = run("--help", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for command in ("analyze", "alerts", "backfill", "check", "queue-backfill", "worker"):
        assert command in done.stdout
