"""Alerts to deliver: a config with channels, and a few processed articles raising alerts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from monitor.config import Config, Settings
from tests.alerting.factory import F, make_config, process

T = "nk-troops-to-russia"
# a base64 secret, as a receiver would give it out
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SETTINGS = Settings(allow_private=("127.0.0.1",), connect_timeout=2.0, read_timeout=2.0)


def webhook_channel(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "hook",
        "type": "webhook",
        "url": url,
        "secret_env": "HOOK_SECRET",
        "retry_base_seconds": 0.05,
        "retry_max_seconds": 0.2,
        **extra,
    }


def config_with(tmp_path: Path, *channels: dict[str, Any]) -> Config:
    return make_config(
        tmp_path, channels=list(channels), subscriptions=[{"channel": c["id"]} for c in channels]
    )


def raise_some(engine: Engine, config: Config, now: datetime) -> list[int]:
    """Three alerts: two new figures and a contradiction (sentence with HTML-like text)."""
    ids = process(
        engine,
        config,
        "https://news.example/a?x=1&y=2",
        "2024-10-18",
        [F(T, 12000, source="nis", sentence="NIS: 12,000 <b>troops</b> & more")],
        now=now,
    )
    ids += process(
        engine,
        config,
        "https://news.example/b",
        "2024-10-18T15:00",  # the same moment: figures of one claim days apart are no rivals
        [F(T, 10000, source="zelensky", sentence="Zelensky speaks of 10,000.")],
        now=now,
        outlet="Other",
    )
    return ids
