"""What a process builds once and shares between the pipeline's stages."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import Engine

from monitor.config import Config, Settings
from monitor.http.client import make_client
from monitor.store.db import make_engine

if TYPE_CHECKING:
    # the claim engine compiles the watchlist; imported lazily below so that commands
    # which never analyse text don't pay for it
    from monitor.text.engine import ClaimEngine

MAX_ATTEMPTS = 5


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Services:
    """What a process builds once and reuses for every unit of work."""

    config: Config
    settings: Settings
    engine: Engine
    _client: httpx.Client | None = field(default=None, repr=False)

    @classmethod
    def create(cls, config: Config, settings: Settings, engine: Engine | None = None) -> Services:
        return cls(config=config, settings=settings, engine=engine or make_engine(settings.database_url))

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    @cached_property
    def claim_engine(self) -> ClaimEngine:
        # late import: built on first use; commands that never analyse skip the import
        from monitor.text.engine import ClaimEngine

        return ClaimEngine.from_config(self.config.watchlist, self.config.claims)

    @cached_property
    def speaks_for(self) -> dict[str, str]:
        return {a.id: a.speaks_for for a in self.config.watchlist if a.speaks_for}

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
