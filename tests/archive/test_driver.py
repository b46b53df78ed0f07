"""The backfill driver on a manifest folder: order, idempotency, resume, the historical flag."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from monitor.archive.base import Cursor, DateWindow, Event, UrlKnown
from monitor.archive.manifest import ManifestSource
from monitor.config import load_config
from monitor.drivers.backfill import run_backfill
from monitor.drivers.backfill_checkpoint import checkpoint_key, load_checkpoint, origin_for
from monitor.pipeline.process import ProcessOutcome, process_article
from monitor.pipeline.services import Services
from monitor.store.schema import alerts, articles
from tests.archive.conftest import ARTICLES, TEST_SETTINGS, write_manifest_folder
from tests.archive.warcs import REAL_WARCS


def stored(services: Services) -> list[tuple[str, str, bool]]:
    with services.engine.connect() as conn:
        rows = conn.execute(
            select(articles.c.url, articles.c.status, articles.c.historical).order_by(articles.c.id)
        )
        return [(r.url, r.status, r.historical) for r in rows]


def article_count(services: Services) -> int:
    with services.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(articles)) or 0)


class Recorder:
    """Processes in-process like the default and remembers the order of publication dates."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.published: list[datetime] = []

    def __call__(self, article_id: int) -> ProcessOutcome:
        with self.services.engine.connect() as conn:
            published = conn.scalar(select(articles.c.published).where(articles.c.id == article_id))
        assert published is not None
        self.published.append(published)
        return process_article(self.services, article_id, historical=True)


def test_articles_are_processed_oldest_first_and_kept_historical(services: Services, tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    recorder = Recorder(services)
    summary = run_backfill(services, str(folder), process=recorder)
    assert summary.status == "complete" and not summary.resumed
    assert recorder.published == sorted(recorder.published) and len(recorder.published) == len(ARTICLES)
    assert summary.counts.found == summary.counts.new == len(ARTICLES)
    assert summary.counts.processed == len(ARTICLES) and summary.pending == 0
    assert all(status == "processed" and historical for _url, status, historical in stored(services))
    assert summary.origin == origin_for(f"manifest:{folder.resolve()}")


def test_deliver_makes_articles_live(services: Services, tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    run_backfill(services, str(folder), deliver=True)
    assert [historical for *_rest, historical in stored(services)] == [False] * len(ARTICLES)


def test_the_same_backfill_twice_adds_nothing(services: Services, tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    first = run_backfill(services, str(folder))
    before = stored(services)
    again = run_backfill(services, str(folder))
    assert stored(services) == before
    assert first.counts.new == len(ARTICLES) and not first.already_complete
    # the second run reports what it did (nothing), not the first run's numbers as its own
    assert again.already_complete and again.status == "complete"
    assert (again.counts.found, again.counts.new, again.counts.processed) == (0, 0, 0)
    with services.engine.connect() as conn:
        saved = load_checkpoint(conn, checkpoint_key(f"manifest:{folder.resolve()}", DateWindow()))
    assert saved is not None and saved.counts.new == len(ARTICLES)  # the first run's record is kept
    rescanned = run_backfill(services, str(folder), rescan=True)
    assert rescanned.counts.new == 0 and rescanned.counts.existing == len(ARTICLES)
    assert rescanned.counts.processed == 0
    assert stored(services) == before


def test_an_interrupted_backfill_resumes_from_its_checkpoint(any_services: Services, tmp_path: Path) -> None:
    services = any_services
    folder = write_manifest_folder(tmp_path / "archive")
    first = run_backfill(services, str(folder), stop_after=2, batch_size=1)
    assert first.status == "interrupted"
    assert article_count(services) == 2 and first.pending == 2
    with services.engine.connect() as conn:
        saved = load_checkpoint(conn, checkpoint_key(f"manifest:{folder.resolve()}", DateWindow()))
    assert saved is not None and saved.phase == "ingest" and saved.cursor == {"line": 2}
    second = run_backfill(services, str(folder))
    assert second.resumed and second.status == "complete"
    assert second.counts.found == second.counts.new == len(ARTICLES) and second.counts.existing == 0
    assert article_count(services) == len(ARTICLES)
    assert [status for _u, status, _h in stored(services)] == ["processed"] * len(ARTICLES)


class FailingAfter:
    """A source that breaks (a crash, a lost disk) after ``limit`` events."""

    fetch_pages = False

    def __init__(self, inner: ManifestSource, limit: int) -> None:
        self.inner, self.limit, self.key = inner, limit, inner.key

    def total_units(self) -> int | None:
        return self.inner.total_units()

    def read(self, window: DateWindow, resume: Cursor | None, known: UrlKnown) -> Iterator[Event]:
        for number, event in enumerate(self.inner.read(window, resume, known), start=1):
            if number > self.limit:
                raise OSError("disk went away")
            yield event


def test_a_crash_keeps_what_was_read_and_the_resume_reads_the_rest(
    services: Services, tmp_path: Path
) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    source = ManifestSource(folder / "manifest.jsonl")
    with pytest.raises(OSError, match="disk went away"):
        run_backfill(services, FailingAfter(source, 3))
    assert article_count(services) == 3
    summary = run_backfill(services, source)
    assert summary.resumed and summary.counts.new == len(ARTICLES) and summary.counts.existing == 0
    assert article_count(services) == len(ARTICLES)


def test_a_window_is_its_own_backfill(services: Services, tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    october = run_backfill(
        services,
        str(folder),
        since=datetime(2024, 10, 1, tzinfo=UTC),
        until=datetime(2024, 11, 1, tzinfo=UTC),
    )
    assert october.counts.new == 2 and october.counts.skipped == {"outside window": 2}
    everything = run_backfill(services, str(folder))
    assert everything.counts.new == 2 and everything.counts.existing == 2
    assert article_count(services) == len(ARTICLES)


def test_process_hook_receives_ids_instead_of_processing(services: Services, tmp_path: Path) -> None:
    folder = write_manifest_folder(tmp_path / "archive")
    queued: list[int] = []

    def enqueue(article_id: int) -> None:
        queued.append(article_id)

    summary = run_backfill(services, str(folder), process=enqueue)
    assert len(queued) == len(ARTICLES) and summary.counts.queued == len(ARTICLES)
    assert summary.pending == len(ARTICLES)  # the workers have not run yet
    assert {status for _u, status, _h in stored(services)} == {"pending"}


REPO_CONFIG = Path(__file__).resolve().parents[2] / "feeds.yaml"


@pytest.mark.parametrize("deliver", [False, True])
def test_with_the_default_claims_alerts_are_stored_historical_unless_delivered(
    db_engine: Engine, tmp_path: Path, deliver: bool
) -> None:
    """End to end on the shipped watchlist and claims: the figure in the test articles raises an alert."""
    services = Services.create(load_config(REPO_CONFIG), TEST_SETTINGS, engine=db_engine)
    try:
        summary = run_backfill(services, str(write_manifest_folder(tmp_path / "archive")), deliver=deliver)
    finally:
        services.close()
    assert summary.counts.processed == len(ARTICLES) and summary.counts.claims >= 1
    with db_engine.connect() as conn:
        flags = list(conn.scalars(select(alerts.c.historical)))
    assert len(flags) == summary.counts.alerts >= 1
    assert set(flags) == {not deliver}


def test_real_archives_through_the_pipeline(any_services: Services, tmp_path: Path) -> None:
    """Real WARC/ARC files (one URL captured twice) into SQLite and PostgreSQL, processed oldest first."""
    folder = tmp_path / "crawls"
    folder.mkdir()
    for name in (
        "warcio/example.warc.gz",
        "warcio/example.arc",
        "ukwa-webarchive-test-suite/IAH-20080430204825-00000-blackbook-truncated.warc.gz",
    ):
        (folder / Path(name).name).symlink_to(REAL_WARCS / name)
    recorder = Recorder(any_services)
    summary = run_backfill(any_services, str(folder), process=recorder)
    assert (summary.counts.found, summary.counts.new, summary.counts.existing) == (4, 3, 1)
    assert recorder.published == sorted(recorder.published) and len(recorder.published) == 3
    assert {url for url, _s, _h in stored(any_services)} == {
        "http://example.com/",
        "http://www.archive.org/",
        "http://www.archive.org/index.php",
    }


def test_long_source_names_fit_the_origin_column() -> None:
    key = "sitemap:https://news.example/" + "x" * 400
    origin = origin_for(key)
    assert len(origin) == 300 and origin != origin_for(key + "y")
    assert origin_for("warc:/data") == "backfill:warc:/data"
