"""`monitor alerts`, `monitor claims`, `monitor deliveries` against a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

import monitor.cli.alerts  # noqa: F401 - registers the commands
from monitor.cli.app import app
from monitor.store.db import make_engine, upgrade
from monitor.store.schema import deliveries
from tests.alerting.factory import make_config, process
from tests.alerting.seed_story import SEED_ARTICLES

SCORE_FIELDS = {"kind", "claim", "value", "polarity", "sources", "from", "to", "article_url", "published"}
EXTRA_FIELDS = {"id", "summary", "earlier", "sentence", "historical"}


@pytest.fixture
def replayed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("MONITOR_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "220")  # rich tables unclipped
    engine = make_engine(db_url)
    upgrade(engine)
    config = make_config(
        tmp_path,
        channels=[{"id": "mail", "type": "email", "to": ["a@example.org"]}],
        subscriptions=[{"channel": "mail", "kinds": ["status_change"]}],
    )
    for url, published, outlet, findings in SEED_ARTICLES:
        process(engine, config, url, published, findings, outlet=outlet, historical=url.endswith("001"))
    with engine.begin() as conn:
        conn.execute(
            update(deliveries).values(status="failed", attempts=6, last_error="HTTP 500 from the relay")
        )
    engine.dispose()
    return tmp_path / "feeds.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_alerts_json_has_the_score_fields_and_context(replayed: Path) -> None:
    lines = [json.loads(line) for line in run("alerts", "--json").splitlines()]
    assert len(lines) == 20  # the seed replay's alerts (tests/alerting/test_raise_alerts.py)
    assert all(set(line) == SCORE_FIELDS | EXTRA_FIELDS for line in lines)
    change = next(line for line in lines if line["kind"] == "status_change")
    assert (change["from"], change["to"], change["sources"][0]) == ("denied", "affirmed", "russia")
    assert change["earlier"][0]["source"] == "peskov" and change["earlier"][0]["published"].startswith(
        "2024-10-18"
    )
    assert change["article_url"] == "https://seeds.invalid/002" and change["historical"] is False
    assert [line["historical"] for line in lines if line["article_url"].endswith("001")] == [True, True]


def test_alerts_filters(replayed: Path) -> None:
    kinds = {json.loads(x)["kind"] for x in run("alerts", "--json", "--kind", "contradiction").splitlines()}
    assert kinds == {"contradiction"}
    claims = {
        json.loads(x)["claim"] for x in run("alerts", "--json", "--claim", "nk-troops-killed").splitlines()
    }
    assert claims == {"nk-troops-killed"}
    late = [
        json.loads(x)["published"][:10] for x in run("alerts", "--json", "--since", "2025-01-01").splitlines()
    ]
    assert late and set(late) == {"2025-04-29"}


def test_alerts_readable_list(replayed: Path) -> None:
    out = run("alerts", "--kind", "status_change")
    assert "russia went from denied" in out and "seeds.invalid/002" in out and "1 alerts" in out


def test_bad_kind_is_one_clean_line(replayed: Path) -> None:
    result = CliRunner().invoke(app, ["alerts", "--kind", "rumour"])
    assert result.exit_code == 2 and "rumour" in result.output and "Traceback" not in result.output


def test_claims_table_and_history(replayed: Path) -> None:
    table = run("claims", "--config", str(replayed))
    assert "nk-troops-to-russia" in table and "nk-troops-deployment" in table
    history = run("claims", "nk-troops-to-russia")
    # the table has no vertical rules: a row starts with its date, "backed by" is the last column
    rows = [line for line in history.splitlines() if re.match(r"\d{4}-\d{2}-\d{2}\s", line)]
    dates = [line[:10] for line in rows]
    assert dates == sorted(dates) and len(dates) == 8  # time order, every observation
    ten_thousand = [line for line in rows if "10,000" in line]
    assert len(ten_thousand) == 2 and all(line.split()[-1] == "1" for line in ten_thousand)


def test_deliveries_lists_failed_ones(replayed: Path) -> None:
    out = run("deliveries", "--status", "failed")
    assert "HTTP 500 from the relay" in out and "failed 1" in out
    assert "no deliveries" not in out
