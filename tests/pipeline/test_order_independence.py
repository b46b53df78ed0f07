"""The same articles give the same alerts, whatever the order they are processed in
(issue 12, item 6): a retry after an outage, or two workers, must change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from monitor.config import parse_config
from monitor.models import FeedEntry
from monitor.pipeline.poll import ingest_entries
from monitor.pipeline.process import process_article
from monitor.pipeline.services import Services
from monitor.store.db import make_engine, upgrade
from monitor.store.schema import alerts, articles
from tests.pipeline.conftest import TEST_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2024, 10, 14, 8, 0, tzinfo=UTC)
CLAIMS = (ROOT / "feeds.yaml").read_text(encoding="utf-8").split("# ---- watchlist and claims", 1)[1]
STORY = [
    "Ukrainian President Zelensky said North Korea has sent 10,000 soldiers to Russia.",
    "South Korea's spy agency NIS said North Korea has sent 12,000 soldiers to Russia.",
    "Ukrainian President Zelensky said again that North Korea has sent 10,000 soldiers to Russia.",
    "Kremlin spokesman Peskov denied that North Korean soldiers had been sent to Russia.",
    "Russia confirmed that North Korean soldiers were sent to Russia.",
    "A Seoul lawmaker said North Korea has sent 18,000 soldiers to Russia.",
]


def services_on(engine: Engine, tmp_path: Path) -> Services:
    text = "feeds: []\nchannels: []\nsubscriptions: []\n" + CLAIMS.split("\n", 1)[1]
    return Services.create(parse_config(text, tmp_path / "feeds.yaml"), TEST_SETTINGS, engine=engine)


def alert_set(services: Services, order: list[int]) -> set[tuple[str, str, float | None, str | None]]:
    """Store the story as pending articles (all known at once), process them in ``order``."""
    entries = [
        FeedEntry(
            entry_key=f"story-{n}",
            url=f"https://news.example/{n}",
            title=f"Report {n}",
            published=START + timedelta(days=n),
            language="en",
            text=text,
        )
        for n, text in enumerate(STORY)
    ]
    ids = ingest_entries(
        services, entries, origin="feed:story", historical=False, now=START + timedelta(days=9)
    )
    for index in order:
        outcome = process_article(services, ids[index], now=START + timedelta(days=9))
        assert outcome.status == "processed"
    with services.engine.connect() as conn:
        rows = conn.execute(
            select(alerts.c.kind, articles.c.url, alerts.c.value, alerts.c.to_polarity).join(
                articles, articles.c.id == alerts.c.article_id
            )
        )
        return {(r.kind, r.url, r.value, r.to_polarity) for r in rows}


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[set[tuple[str, str, float | None, str | None]]]:
    engine = make_engine(f"sqlite:///{tmp_path}/reference.db")
    upgrade(engine)
    services = services_on(engine, tmp_path)
    try:
        yield alert_set(services, list(range(len(STORY))))  # publication order
    finally:
        services.close()
        engine.dispose()


@pytest.mark.parametrize("order", [[5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 4, 3], [1, 2, 0, 3, 5, 4]])
def test_any_processing_order_gives_the_alerts_of_publication_order(
    db_engine: Engine,
    tmp_path: Path,
    reference: set[tuple[str, str, float | None, str | None]],
    order: list[int],
) -> None:
    kinds = {kind for kind, *_ in reference}
    assert {"new_figure", "contradiction", "status_change"} <= kinds  # the story exercises every rule
    services = services_on(db_engine, tmp_path)
    try:
        assert alert_set(services, order) == reference
    finally:
        services.close()
