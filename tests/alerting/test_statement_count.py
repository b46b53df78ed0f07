"""The alert stage sends a handful of SQL statements per observation, whatever the history.

Storing hands the observations on (no re-read, no annotation), the claim's history is one or
two statements, and what deliveries need is read once: a new figure with one delivery costs
at most 8 statements (7, plus the judging lock on PostgreSQL); before, it cost 18.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from tests.alerting.factory import F, all_deliveries, day, make_config, process, raise_stored, store_article

T, D = "nk-troops-to-russia", "nk-troops-deployment"
SOURCES = ["nis", "zelensky", "peskov", "isw"]


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_one_observation_costs_a_bounded_number_of_statements(db_engine: Engine, tmp_path: Path) -> None:
    # every observation in the window: the case where reading the history used to scan it all
    config = make_config(
        tmp_path,
        channels=[{"id": "desk", "type": "email", "to": ["desk@example.org"]}],
        subscriptions=[{"channel": "desk"}],
        claim_overrides={T: {"window_days": 3650}, D: {"window_days": 3650}},
    )
    start = day("2024-01-01")
    for n in range(40):
        figure = F(T, float(1000 + 500 * (n % 9)), source=SOURCES[n % 4])
        statement = F(D, polarity=("affirmed", "denied")[n % 2], source=SOURCES[(n + 1) % 4])
        process(db_engine, config, f"https://h/{n}", start + timedelta(hours=n), [figure, statement])
    costs = []
    for n, finding in enumerate([F(T, 987654.0, source="nis"), F(D, polarity="affirmed", source="nis")]):
        with db_engine.begin() as conn:
            article = store_article(conn, f"https://new/{n}", day("2024-03-01"), [finding], config=config)
            with counted(db_engine) as statements:
                alert_ids = raise_stored(conn, config, article)
        assert alert_ids  # a new figure; a status change (nis denied until now)
        costs.append(len(statements) / len(alert_ids))
    assert len(all_deliveries(db_engine)) >= 2
    assert all(cost <= 8 for cost in costs), costs
