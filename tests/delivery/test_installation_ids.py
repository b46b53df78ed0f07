"""Two installations, the same alert: different webhook-ids (issue 12, item 11)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from monitor.store.db import make_engine, upgrade
from tests.alerting.factory import F, all_deliveries, process
from tests.delivery.alerts import T, config_with, webhook_channel

NOW = datetime(2024, 10, 18, 12, 0, tzinfo=UTC)


def test_the_same_alert_gets_another_message_id_in_another_installation(tmp_path: Path) -> None:
    config = config_with(tmp_path, webhook_channel("http://127.0.0.1:9/hook"))
    ids: list[list[str]] = []
    for name in ("newsroom-a", "newsroom-b"):
        engine = make_engine(f"sqlite:///{tmp_path}/{name}.db")
        upgrade(engine)
        process(engine, config, "https://news.example/a", "2024-10-18", [F(T, 12000, source="nis")], now=NOW)
        ids.append([row["message_id"] for row in all_deliveries(engine)])
        engine.dispose()
    first, second = ids
    assert len(first) == len(second) == 1
    assert first != second
