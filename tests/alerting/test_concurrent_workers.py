"""Two workers judging the same claim at the same time (PostgreSQL, the distributed mode)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine

from tests.alerting.factory import F, all_alerts, day, make_config, raise_stored, store_article


def test_the_same_new_figure_from_two_concurrent_articles_alerts_once(
    db_engine: Engine, tmp_path: Path
) -> None:
    """Without a per-claim lock each transaction would see a history without the
    other's observation, and both would call the figure new."""
    config = make_config(tmp_path)
    first_judged = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with db_engine.begin() as conn:
                article = store_article(
                    conn,
                    "https://a.example/1",
                    day("2024-10-18"),
                    [F("nk-troops-to-russia", 12000, source="nis")],
                    config=config,
                )
                raise_stored(conn, config, article)
                first_judged.set()
                # hold the transaction open while the second worker judges its article
                threading.Event().wait(1.0)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
            first_judged.set()

    def second() -> None:
        try:
            first_judged.wait(10)
            with db_engine.begin() as conn:
                article = store_article(
                    conn,
                    "https://b.example/2",
                    day("2024-10-19"),
                    [F("nk-troops-to-russia", 12000, source="zelensky")],
                    config=config,
                )
                raise_stored(conn, config, article)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    new_figures = [a for a in all_alerts(db_engine) if a["kind"] == "new_figure"]
    assert len(new_figures) == 1
