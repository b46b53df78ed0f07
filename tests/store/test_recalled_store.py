"""The recalled flag of claim observations: migration 0003 and save_analysis (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select, text

from monitor.models import Analysis, ClaimFinding
from monitor.store import articles as article_rows
from monitor.store.db import current_revision, make_engine, upgrade
from monitor.store.schema import articles, claim_observations
from tests.support.services import fresh_postgres_database

NOW = datetime(2025, 5, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def bare_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database: the test chooses which migrations run."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
        yield engine
        engine.dispose()
    else:
        with fresh_postgres_database() as url:
            engine = make_engine(url)
            yield engine
            engine.dispose()


def _article(engine: Engine) -> int:
    """An article row with only the columns the older schema has (today's insert_entries
    writes columns later migrations added)."""
    row = {
        "feed_id": "a",
        "origin": "feed:a",
        "entry_key": "e1",
        "url": "https://news.example/e1",
        "title": "t",
        "published": NOW,
        "discovered_at": NOW,
        "language": "de",
        "summary": "",
        "fetch_page": True,
        "status": "pending",
        "attempts": 0,
        "historical": False,
    }
    with engine.begin() as conn:
        article_id = conn.execute(articles.insert().values(**row)).inserted_primary_key[0]
    return int(article_id)


def _columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("claim_observations")}


def test_migration_0003_adds_recalled_false_to_existing_rows(bare_engine: Engine) -> None:
    upgrade(bare_engine, "0002")
    assert "recalled" not in _columns(bare_engine)
    article_id = _article(bare_engine)
    with bare_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO claim_observations (article_id, claim_id, observation_key, qualifier, polarity,"
                " source, sentence, published) VALUES (:a, 'status', 'k1', 'exact', 'denied', 'peskov', 's',"
                " :p)"
            ),
            {"a": article_id, "p": NOW},
        )
    upgrade(bare_engine, "0003")  # the revision under test, not whatever head is now
    assert current_revision(bare_engine) == "0003"
    with bare_engine.connect() as conn:
        assert conn.scalar(select(claim_observations.c.recalled)) is False


def test_save_analysis_stores_the_flag_and_a_current_duplicate_wins(bare_engine: Engine) -> None:
    upgrade(bare_engine)
    article_id = _article(bare_engine)
    then = ClaimFinding("status", None, None, None, "exact", "denied", "peskov", "had denied", recalled=True)
    now = ClaimFinding("status", None, None, None, "exact", "denied", "peskov", "denies again")
    other = ClaimFinding(
        "status", None, None, None, "exact", "affirmed", "kcna", "had confirmed", recalled=True
    )
    with bare_engine.begin() as conn:
        article_rows.save_analysis(
            conn, article_id, Analysis("en", [], [then, other, now]), published=NOW, speaks_for={}
        )
        rows = conn.execute(
            select(claim_observations.c.source, claim_observations.c.recalled).order_by(
                claim_observations.c.id
            )
        ).all()
    assert [(r.source, r.recalled) for r in rows] == [("peskov", False), ("kcna", True)]


def test_migration_0005_counts_existing_rows_as_judged_and_new_ones_as_not(bare_engine: Engine) -> None:
    upgrade(bare_engine, "0004")
    article_id = _article(bare_engine)
    insert = text(
        "INSERT INTO claim_observations (article_id, claim_id, observation_key, qualifier, sentence,"
        " published) VALUES (:a, 'figure', :k, 'exact', 's', :p)"
    )
    with bare_engine.begin() as conn:
        conn.execute(insert, {"a": article_id, "k": "before", "p": NOW})
    upgrade(bare_engine, "0005")
    assert current_revision(bare_engine) == "0005"
    with bare_engine.begin() as conn:
        conn.execute(insert, {"a": article_id, "k": "after", "p": NOW})
        judged = dict(
            conn.execute(select(claim_observations.c.observation_key, claim_observations.c.judged)).all()
        )
    assert judged == {"before": True, "after": False}
