"""Module-scoped databases (one PostgreSQL database per test module, not per test),
emptied after every test so each test still starts from empty tables."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from monitor.store.schema import metadata
from tests.support.db import engine_fixture

ENGINE_FIXTURES = ("db_engine", "sqlite_engine")


def module_engines() -> tuple[object, object]:
    return engine_fixture(scope="module"), engine_fixture(backends=("sqlite",), scope="module")


@pytest.fixture(autouse=True)
def empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    for name in ENGINE_FIXTURES:
        if name in request.fixturenames:
            engine: Engine = request.getfixturevalue(name)
            with engine.begin() as conn:
                for table in reversed(metadata.sorted_tables):
                    conn.execute(table.delete())
