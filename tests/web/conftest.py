from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.support.db import engine_fixture
from tests.web.world import WebWorld, running_world

web_engine = engine_fixture(scope="module")


@pytest.fixture(scope="module")
def world(web_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    """The demo story on SQLite and on PostgreSQL, served on loopback (one per module and backend)."""
    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        running_world(web_engine, tmp_path_factory.mktemp("web"), monkeypatch) as found,
    ):
        yield found
