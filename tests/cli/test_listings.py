"""The listing commands as a user (or a script) runs them: --json everywhere,
unknown filter values are errors, tables whole at 80 columns and in a pipe,
-c always means --config, `deliveries retry` sends failed deliveries again.

One demo run (the real `monitor run --once` on demo/feed.xml) feeds every test;
its webhook channel points at a loopback HTTP server that first refuses (a
permanent 400) and is then fixed, as a user fixes a secret or an address.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_run import MONITOR, config_text
from tests.support.http_server import LocalHTTPServer, Reply, serve

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def demo_only_config(hook_url: str) -> str:
    text = config_text()
    before, after = text.split("  - id: unreachable", 1)
    after = after.split("\n", 4)[4]  # drop the unreachable feed's four lines
    hook = f"{{id: hook, type: webhook, url: '{hook_url}', secret_env: DEMO_HOOK_SECRET, max_attempts: 1}}"
    return (
        before
        + after
        + f"\nchannels:\n  - {hook}\nsubscriptions:\n  - {{channel: hook, claims: [nk-troops-to-russia]}}\n"
    )


class Demo:
    def __init__(self, root: Path, server: LocalHTTPServer) -> None:
        self.server = server
        self.config = root / "feeds.yaml"
        self.config.write_text(demo_only_config(server.url("/hook")), encoding="utf-8")
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("COLUMNS", "MONITOR_CONFIG")},
            "MONITOR_DATABASE_URL": f"sqlite:///{root}/monitor.db",
            "MONITOR_ALLOW_PRIVATE": "127.0.0.1",
            "DEMO_HOOK_SECRET": "whsec_ZGVtby1zZWNyZXQ=",
        }

    def run(self, *args: str, columns: int | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(self.env, **({"COLUMNS": str(columns)} if columns else {}))
        return subprocess.run(
            [*MONITOR, *args], env=env, capture_output=True, text=True, timeout=120, cwd=self.config.parent
        )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with serve() as server:
        server.route("/hook", Reply(status=400, body=b"bad signature"))
        demo = Demo(tmp_path_factory.mktemp("listings"), server)
        result = demo.run("run", "--once", "-c", str(demo.config))
        assert result.returncode == 0, result.stderr
        yield demo


def json_lines(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_listing_speaks_json(demo: Demo) -> None:
    feeds = json_lines(demo.run("feeds", "--json", "-c", str(demo.config)))
    assert [(f["id"], f["status"], f["entries_seen"]) for f in feeds] == [("demo", "ok", 16)]
    articles = json_lines(demo.run("articles", "--json", "-n", "100", "-c", str(demo.config)))
    assert len(articles) == 16 and {a["status"] for a in articles} == {"processed"}
    assert all(re.match(r"\d{4}-\d{2}-\d{2}T", str(a["published"])) for a in articles)
    assert sum(int(str(a["claims"])) for a in articles) > 0
    claims = json_lines(demo.run("claims", "--json", "-c", str(demo.config)))
    by_id = {c["claim"]: c for c in claims}
    assert int(str(by_id["nk-troops-to-russia"]["observations"])) > 0
    history = json_lines(demo.run("claims", "nk-troops-to-russia", "--json", "-c", str(demo.config)))
    assert len(history) == by_id["nk-troops-to-russia"]["observations"]
    assert all(int(str(obs["backed_by"])) >= 1 for obs in history)
    deliveries = json_lines(demo.run("deliveries", "--json"))
    assert deliveries and {d["status"] for d in deliveries} == {"failed"}
    assert all("400" in str(d["last_error"]) for d in deliveries)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["articles", "--status", "bogus"], "--status: 'bogus' is not one of pending, processed, duplicate"),
        (["claims", "bogus"], "unknown claim 'bogus'"),
        (["deliveries", "--status", "bogus"], "--status: 'bogus' is not one of"),
        (["alerts", "--kind", "bogus"], "--kind: 'bogus' is not one of"),
    ],
)
def test_unknown_filter_values_are_errors(demo: Demo, args: list[str], message: str) -> None:
    takes_config = args[0] in ("articles", "claims")
    result = demo.run(*args, "-c", str(demo.config)) if takes_config else demo.run(*args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr and result.stdout == ""


def test_tables_keep_values_whole_at_80_columns_and_in_a_pipe(demo: Demo) -> None:
    for columns in (80, None):  # None: no COLUMNS, stdout is a pipe
        history = demo.run("claims", "nk-troops-deployment", "-c", str(demo.config), columns=columns)
        assert history.returncode == 0, history.stderr
        lines = history.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80
        assert "…" not in history.stdout
        rows = [line for line in lines if ISO_DATE.match(line)]
        assert rows and all(re.match(r"\d{4}-\d{2}-\d{2}\s+(affirmed|denied|unconfirmed)\b", r) for r in rows)
        articles = demo.run("articles", "-n", "100", "-c", str(demo.config), columns=columns)
        lines = articles.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80 and "…" not in articles.stdout
        row = re.compile(r"\d+\s+\d{4}-\d{2}-\d{2}\s+(en|de)\s+processed\b")
        assert sum(1 for line in lines if row.match(line)) == 16


def test_dash_c_means_config_for_the_worker_too(demo: Demo, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = demo.run("worker", "-c", str(missing))
    assert result.returncode == 2
    assert f"{missing}: no such file" in result.stderr


def test_failed_deliveries_are_sent_again_after_a_fix(demo: Demo) -> None:
    failed = json_lines(demo.run("deliveries", "--json", "--status", "failed"))
    assert failed
    nothing = demo.run("deliveries", "retry")
    assert nothing.returncode == 2 and "give delivery ids or --failed" in nothing.stderr
    demo.server.route("/hook", Reply(status=204))  # the receiver is fixed
    first_id = int(str(failed[-1]["id"]))
    one = demo.run("deliveries", "retry", str(first_id))
    assert one.returncode == 0, one.stderr
    assert "1 deliveries queued again" in one.stdout
    again = demo.run("deliveries", "retry", str(first_id))  # no longer failed: refused, not resent
    assert again.returncode == 2 and f"not failed (nothing to retry): {first_id}" in again.stderr
    rest = demo.run("deliveries", "retry", "--failed")
    assert f"{len(failed) - 1} deliveries queued again" in rest.stdout
    hits_before = demo.server.hits("/hook")
    sent = demo.run("run", "--once", "-c", str(demo.config))
    assert sent.returncode == 0, sent.stderr
    after = json_lines(demo.run("deliveries", "--json"))
    assert {d["status"] for d in after} == {"sent"}
    assert demo.server.hits("/hook") - hits_before == len(failed)
