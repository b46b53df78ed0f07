from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from monitor.config import Config, Settings, parse_config
from monitor.pipeline.services import Services
from tests.support.db import engine_fixture
from tests.support.http_server import http_server_fixture

db_engine = engine_fixture()
http_server = http_server_fixture()

TEST_SETTINGS = Settings(
    allow_private=("127.0.0.1",), connect_timeout=2.0, read_timeout=2.0, max_body_bytes=2_000_000
)


def make_config(text: str, tmp_path: Path) -> Config:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, path)


@pytest.fixture
def services_for(db_engine: Engine, tmp_path: Path) -> Iterator[Callable[[str], Services]]:
    made: list[Services] = []

    def build(config_text: str) -> Services:
        services = Services.create(make_config(config_text, tmp_path), TEST_SETTINGS, engine=db_engine)
        made.append(services)
        return services

    yield build
    for services in made:
        services.close()
