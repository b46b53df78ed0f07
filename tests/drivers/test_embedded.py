"""The embedded runner on a backlog: constant work per batch, deliveries as it goes
(issue 12, items 4 and 5)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from monitor.drivers.embedded import EmbeddedRunner
from monitor.models import FeedEntry
from monitor.pipeline.poll import ingest_entries
from monitor.pipeline.process import ProcessOutcome
from monitor.pipeline.services import Services
from tests.support.http_server import LocalHTTPServer, Reply

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2024, 10, 1, 8, 0, tzinfo=UTC)
CLAIMS = (ROOT / "feeds.yaml").read_text(encoding="utf-8").split("# ---- watchlist and claims", 1)[1]


def config(hook_url: str | None = None) -> str:
    channels = "channels: []\nsubscriptions: []\n"
    if hook_url:
        channels = (
            f"channels:\n  - id: hook\n    type: webhook\n    url: {hook_url}\n    secret_env: HOOK_SECRET\n"
            "subscriptions:\n  - channel: hook\n"
        )
    return "feeds: []\n" + channels + CLAIMS.split("\n", 1)[1]


def articles(services: Services, texts: list[str]) -> list[int]:
    entries = [
        FeedEntry(
            entry_key=f"e{n}",
            url=f"https://news.example/{n}",
            title=f"Report {n}",
            published=START + timedelta(hours=n),
            language="en",
            text=text,
        )
        for n, text in enumerate(texts)
    ]
    return ingest_entries(services, entries, origin="feed:test", historical=False, now=START)


@contextmanager
def bind_counts(engine: Engine) -> Iterator[list[tuple[str, int]]]:
    """(statement, number of bind parameters) of every SELECT on articles."""
    seen: list[tuple[str, int]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM articles" in statement:
            seen.append((statement, len(parameters) if parameters else 0))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_pending_query_does_not_grow_with_the_articles_already_handled(
    services_for: Callable[[str], Services],
) -> None:
    services = services_for(config())
    ids = articles(services, [f"Weather report number {n}: rain in the north." for n in range(450)])
    runner = EmbeddedRunner(services)
    with bind_counts(services.engine) as statements:
        outcomes = runner.process_pending()
    assert sorted(o.article_id for o in outcomes) == sorted(ids)
    assert {o.status for o in outcomes} == {"processed"}
    pending_queries = [count for sql, count in statements if "status" in sql and "LIMIT" in sql.upper()]
    assert len(pending_queries) >= 3  # 450 articles in batches of 200
    assert max(pending_queries) < 20, pending_queries  # not one parameter per article handled


@pytest.mark.parametrize("db_engine", ["sqlite"], indirect=True)
def test_webhooks_go_out_while_the_backlog_is_processed(
    services_for: Callable[[str], Services],
    http_server: LocalHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    hook = http_server.route("/hook", Reply(status=204))
    services = services_for(config(hook))
    figures = ["10,000", "12,000", "18,000", "25,000"]
    articles(
        services,
        [f"North Korea has sent {figure} soldiers to Russia, Zelensky said." for figure in figures]
        + [f"Weather report number {n}: rain in the north." for n in range(6)],
    )
    delivered_when: list[int] = []

    def after_each(_outcome: ProcessOutcome) -> None:
        delivered_when.append(http_server.hits("/hook"))

    outcomes = EmbeddedRunner(services).process_pending(after_each)
    alerts = sum(len(o.alert_ids) for o in outcomes)
    assert alerts >= len(figures)
    # the first alert's webhook is out before the last article of the backlog is processed
    assert delivered_when[-2] >= 1, delivered_when


@pytest.mark.parametrize("db_engine", ["sqlite"], indirect=True)
def test_one_pass_polls_every_due_feed_not_only_the_first_thousand(
    services_for: Callable[[str], Services], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_text('<rss version="2.0"><channel><title>quiet</title></channel></rss>', encoding="utf-8")
    feeds = "".join(
        f"  - {{id: f{n}, url: {empty.as_uri()}, language: en, poll_interval: 1h}}\n" for n in range(1100)
    )
    services = services_for(config().replace("feeds: []\n", "feeds:\n" + feeds))
    report = EmbeddedRunner(services).run_once(START)
    assert len(report.polls) == 1100
    assert {p.status for p in report.polls} == {"ok"}
