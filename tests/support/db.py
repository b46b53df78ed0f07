"""Database fixtures: the same test runs on SQLite (embedded) and PostgreSQL (distributed).

    # a conftest.py
    from tests.support.db import engine_fixture
    db_engine = engine_fixture()          # parametrized: sqlite, postgresql

The schema is built by the real migrations, not by ``create_all``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.store.db import make_engine, upgrade
from tests.support.services import fresh_postgres_database


def engine_fixture(backends: tuple[str, ...] = ("sqlite", "postgresql"), scope: str = "function") -> Any:
    @pytest.fixture(params=backends, scope=scope)  # type: ignore[misc]
    def _engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
        if request.param == "sqlite":
            path: Path = tmp_path_factory.mktemp("db") / "monitor.db"
            engine = make_engine(f"sqlite:///{path}")
            upgrade(engine)
            yield engine
            engine.dispose()
        else:
            with fresh_postgres_database() as url:
                engine = make_engine(url)
                upgrade(engine)
                yield engine
                engine.dispose()

    return _engine
