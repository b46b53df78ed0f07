"""What every request handler shares: the engine, the configuration, the templates, the limiter."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from prometheus_client import CollectorRegistry
from sqlalchemy import Engine

from monitor.config import Config
from monitor.web.auth import LoginLimiter

HERE = Path(__file__).parent


@dataclass
class WebContext:
    engine: Engine
    config: Config
    templates: Jinja2Templates
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    # how often the live stream looks for new alerts
    stream_interval: float = 1.0
    # Celery queue lengths (distributed mode), for /metrics
    queue_depths: Callable[[], Mapping[str, int]] | None = None
    registry: CollectorRegistry | None = None

    def claim_kind(self, claim_id: str) -> str:
        for spec in self.config.claims:
            if spec.id == claim_id:
                return spec.kind
        return "figure"


def web(request: Request) -> WebContext:
    found = request.app.state.web
    assert isinstance(found, WebContext)
    return found


def parse_when(value: str | None, name: str) -> datetime | None:
    """A date (2024-10-01) or an ISO time; naive values are UTC. Bad input is a clear 400."""
    if value is None or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (use 2024-10-01 or an ISO time)") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
