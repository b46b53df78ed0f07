"""Editors' marks reach detection: a figure marked wrong is no part of the history later
observations are judged against, and a muted claim's new alerts are stored but not delivered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from monitor.store import history, reviews
from monitor.store.schema import claim_observations
from tests.alerting.factory import F, all_alerts, all_deliveries, make_config, process

T = "nk-troops-to-russia"
NOW = datetime(2024, 10, 20, tzinfo=UTC)


def _observation_id(engine: Engine, value: float) -> int:
    with engine.connect() as conn:
        found = conn.scalar(select(claim_observations.c.id).where(claim_observations.c.value == value))
    assert found is not None
    return int(found)


def _kinds(engine: Engine, url: str) -> list[str]:
    return sorted(
        a["kind"] for a in all_alerts(engine) if a["details"] and a["article_id"] == _article(engine, url)
    )


def _article(engine: Engine, url: str) -> int:
    from monitor.store.schema import articles

    with engine.connect() as conn:
        return int(conn.scalar(select(articles.c.id).where(articles.c.url == url)) or 0)


def test_a_figure_marked_wrong_is_new_again_when_someone_really_states_it(
    db_engine: Engine, tmp_path: Path
) -> None:
    config = make_config(tmp_path)
    process(db_engine, config, "https://a.example/1", "2024-10-18", [F(T, 12000.0, source="nis")])
    with db_engine.begin() as conn:
        assert reviews.mark_observation_wrong(conn, _observation_id(db_engine, 12000.0), "editor", NOW)
    process(db_engine, config, "https://b.example/2", "2024-10-19", [F(T, 12000.0, source="zelensky")])
    # the only earlier 12,000 was a false hit: this one is the first real statement of it
    assert _kinds(db_engine, "https://b.example/2") == ["new_figure"]


def test_without_the_mark_the_same_figure_is_only_a_corroboration(db_engine: Engine, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    process(db_engine, config, "https://a.example/1", "2024-10-18", [F(T, 12000.0, source="nis")])
    process(db_engine, config, "https://b.example/2", "2024-10-19", [F(T, 12000.0, source="zelensky")])
    assert _kinds(db_engine, "https://b.example/2") == []


def test_a_figure_marked_wrong_contradicts_nothing(db_engine: Engine, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    process(db_engine, config, "https://a.example/1", "2024-10-18", [F(T, 12000.0, source="nis")])
    process(db_engine, config, "https://a.example/2", "2024-10-18T12:00", [F(T, 1500.0, source="isw")])
    assert "contradiction" in _kinds(db_engine, "https://a.example/2")  # the rule does fire here
    with db_engine.begin() as conn:
        reviews.mark_observation_wrong(conn, _observation_id(db_engine, 12000.0), "editor", NOW)
        reviews.mark_observation_wrong(conn, _observation_id(db_engine, 1500.0), "editor", NOW)
    process(db_engine, config, "https://b.example/3", "2024-10-19", [F(T, 10000.0, source="zelensky")])
    # 10,000 is disjoint from both 12,000 and 1,500, but both were marked wrong
    assert _kinds(db_engine, "https://b.example/3") == ["new_figure"]
    with db_engine.connect() as conn:
        shown = [o.value for o in history.claim_timeline(conn, T)]
    assert shown == [10000.0]


def test_marking_an_alert_wrong_marks_its_observation_and_is_kept_with_who(
    db_engine: Engine, tmp_path: Path
) -> None:
    config = make_config(tmp_path)
    [alert_id] = process(
        db_engine, config, "https://a.example/1", "2024-10-18", [F(T, 12000.0, source="nis")]
    )
    with db_engine.begin() as conn:
        assert reviews.mark_alert_wrong(conn, alert_id, "editor", NOW)
        assert not reviews.mark_alert_wrong(conn, alert_id, "someone-else", NOW)  # a repeat changes nothing
        row = conn.execute(select(claim_observations)).one()
    assert (row.wrong_by, row.wrong_at) == ("editor", NOW)
    assert row.value == 12000.0  # stored still


def test_a_muted_claim_raises_alerts_but_sends_nothing(db_engine: Engine, tmp_path: Path) -> None:
    hook = {"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/hook", "secret_env": "X_SECRET"}
    config = make_config(tmp_path, channels=[hook], subscriptions=[{"channel": "hook"}])
    now = datetime.now(UTC)
    with db_engine.begin() as conn:
        reviews.mute_claim(conn, T, now + timedelta(hours=1), "editor", now)
        reviews.mute_claim(conn, "nk-troops-killed", now - timedelta(minutes=1), "editor", now)  # ran out
    muted = process(db_engine, config, "https://a.example/1", "2024-10-18", [F(T, 12000.0, source="nis")])
    loud = process(
        db_engine, config, "https://a.example/2", "2024-10-18", [F("nk-troops-killed", 100.0, source="nis")]
    )
    assert muted and loud
    assert [d["alert_id"] for d in all_deliveries(db_engine)] == loud
    with db_engine.begin() as conn:
        assert reviews.unmute_claim(conn, T)
    later = process(db_engine, config, "https://b.example/3", "2024-10-19", [F(T, 30000.0, source="nato")])
    assert sorted(d["alert_id"] for d in all_deliveries(db_engine)) == sorted(loud + later)
