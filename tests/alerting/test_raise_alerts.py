"""raise_alerts on a real database (SQLite and PostgreSQL): seed replay, idempotency, outbox rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from monitor.delivery.render import alert_json
from monitor.store import alerts as alert_rows
from monitor.store.schema import claim_observations
from tests.alerting.factory import (
    F,
    all_alerts,
    all_deliveries,
    make_config,
    process,
    raise_stored,
    store_article,
)
from tests.alerting.seed_story import EXPECTED, FORBIDDEN, SEED_ARTICLES, matches

T, K, D = "nk-troops-to-russia", "nk-troops-killed", "nk-troops-deployment"

# Alerts beyond the expected ones, each justified by a rule (see /work/notes/readme-alerts.md):
JUSTIFIED_EXTRAS = sorted(
    [
        ("new_figure", T, 2000.0),  # ISW's "several thousand": the claim's first figure
        ("new_figure", "nk-rockets-to-russia", 500000.0),  # the claim's first figure
        ("new_figure", T, 1500.0),  # NIS 1,500: outside 2,000-9,999
        # NIS 1,500 and 12,000 vs ISW's "several thousand" 4 days earlier: another moment of the
        # count, no contradiction (figure claims compare voices within same_moment_hours)
        ("new_figure", T, 10000.0),  # Zelensky's 10,000 in 003 (first time; 000's repeat stays silent)
        ("contradiction", T, 10000.0),  # Zelensky 10,000 vs NIS 12,000 / 1,500
        ("new_figure", K, 6.0),  # the claim's first figure
        ("new_figure", T, 11000.0),  # NATO about 11,000 overlaps nothing earlier
        ("new_figure", K, 600.0),  # Lee's about 600 overlaps nothing earlier
        ("contradiction", T, 18000.0),  # Lee 18,000 vs NATO about 11,000, same article
    ]
)


def replay_seed(engine: Engine, tmp_path: Path) -> list[dict]:
    config = make_config(tmp_path)
    for url, published, outlet, findings in SEED_ARTICLES:
        process(engine, config, url, published, findings, outlet=outlet, historical=True)
    with engine.connect() as conn:
        return [alert_json(a) for a in alert_rows.load_alerts(conn)]


def test_seed_replay_raises_every_expected_alert_and_not_the_forbidden_one(db_engine: Engine, tmp_path: Path):
    found = replay_seed(db_engine, tmp_path)
    used: set[int] = set()
    for want in EXPECTED:
        hits = [i for i, alert in enumerate(found) if matches(want, alert)]
        assert hits, f"missing {want}"
        used.update(hits)
    assert not [a for a in found for bad in FORBIDDEN if matches(bad, a)]
    extras = sorted((a["kind"], a["claim"], a["value"]) for i, a in enumerate(found) if i not in used)
    assert extras == JUSTIFIED_EXTRAS
    assert all(a["historical"] for a in found)


def test_seed_replay_in_scrambled_arrival_order_still_meets_the_gold(db_engine: Engine, tmp_path: Path):
    config = make_config(tmp_path)
    for url, published, outlet, findings in reversed(SEED_ARTICLES):
        process(db_engine, config, url, published, findings, outlet=outlet, historical=True)
    with db_engine.connect() as conn:
        found = [alert_json(a) for a in alert_rows.load_alerts(conn)]
    # newest first: each article is judged against what was published before it, conflicts and
    # status changes are also searched among the later articles already processed; the one
    # documented loss: 3 million shells is not new when "several million" was alerted already
    missing = [want for want in EXPECTED if not any(matches(want, a) for a in found)]
    assert missing == [{"kind": "new_figure", "claim": "nk-shells-to-russia", "value": 3000000}]
    assert any(a["kind"] == "new_figure" and a["value"] == 2000000 for a in found)
    # 000 now arrives before 003, so its 10,000 is the first one seen; 003's (published earlier,
    # arriving later) repeats a figure already alerted: one new_figure for 10,000, not two
    tens = [a["article_url"] for a in found if a["kind"] == "new_figure" and a["value"] == 10000]
    assert tens == ["https://seeds.invalid/000"]


def test_reprocessing_never_alerts_twice(db_engine: Engine, tmp_path: Path):
    config = make_config(tmp_path)
    with db_engine.begin() as conn:
        article = store_article(
            conn, "https://x/1", datetime(2024, 10, 1, tzinfo=UTC), [F(T, 10000, source="nis")], config=config
        )
        first = raise_stored(conn, config, article)
    assert len(first) == 1
    with db_engine.begin() as conn:
        again = raise_stored(conn, config, article)
    assert again == []
    assert len(all_alerts(db_engine)) == 1


def test_alert_row_carries_summary_earlier_figures_and_quote(db_engine: Engine, tmp_path: Path):
    config = make_config(tmp_path)
    process(
        db_engine, config, "https://x/1", "2024-10-01", [F(T, 10000, source="nis", sentence="Ten thousand.")]
    )
    process(
        db_engine,
        config,
        "https://x/2",
        "2024-10-01T18:00",  # the same moment: figures of one claim days apart are no rivals
        [F(T, 12000, source="zelensky", sentence="Twelve.")],
        outlet="Other",
    )
    with db_engine.connect() as conn:
        contradiction = alert_rows.load_alerts(conn, kind="contradiction")[0]
    data = alert_json(contradiction)
    assert data["sources"] == ["zelensky", "nis"]
    assert data["sentence"] == "Twelve."
    assert data["article_url"] == "https://x/2"
    assert data["earlier"][0]["value"] == 10000 and data["earlier"][0]["source"] == "nis"
    assert data["earlier"][0]["published"].startswith("2024-10-01")
    assert "10,000" in data["summary"] and "12,000" in data["summary"]


def test_deliveries_follow_subscriptions_and_skip_historical(db_engine: Engine, tmp_path: Path):
    channels = [
        {"id": "hook", "type": "webhook", "url": "http://127.0.0.1:9/x", "secret_env": "S"},
        {"id": "mail", "type": "email", "to": ["a@example.org"]},
        {"id": "russia-desk", "type": "email", "to": ["r@example.org"]},
    ]
    subscriptions = [
        {"channel": "hook"},  # everything
        {"channel": "mail", "kinds": ["contradiction"], "claims": [T]},
        {"channel": "russia-desk", "actors": ["russia"]},
    ]
    config = make_config(tmp_path, channels=channels, subscriptions=subscriptions)
    now = datetime(2024, 10, 5, 12, tzinfo=UTC)
    process(
        db_engine, config, "https://x/0", "2024-09-01", [F(T, 500, source="nis")], historical=True, now=now
    )
    assert all_deliveries(db_engine) == []  # historical: stored, not delivered
    process(db_engine, config, "https://x/1", "2024-10-01", [F(T, 10000, source="nis")], now=now)
    process(
        db_engine,
        config,
        "https://x/2",
        "2024-10-01T18:00",  # the same moment: figures of one claim days apart are no rivals
        [F(T, 12000, source="zelensky")],
        now=now,
        actors=["russia"],
    )
    rows = all_deliveries(db_engine)
    by_alert: dict[int, set[str]] = {}
    for row in rows:
        by_alert.setdefault(row["alert_id"], set()).add(row["channel_id"])
        assert row["status"] == "pending" and row["next_attempt_at"] == now and row["attempts"] == 0
    kinds = {a["id"]: a["kind"] for a in all_alerts(db_engine)}
    summary = sorted((kinds[alert_id], tuple(sorted(chans))) for alert_id, chans in by_alert.items())
    assert summary == [
        ("contradiction", ("hook", "mail", "russia-desk")),
        ("new_figure", ("hook",)),
        ("new_figure", ("hook", "russia-desk")),
    ]
    assert len({row["message_id"] for row in rows}) == len(rows)


def test_speaks_for_source_matches_an_actor_subscription(db_engine: Engine, tmp_path: Path):
    channels = [{"id": "russia-desk", "type": "email", "to": ["r@example.org"]}]
    config = make_config(
        tmp_path, channels=channels, subscriptions=[{"channel": "russia-desk", "actors": ["russia"]}]
    )
    process(db_engine, config, "https://x/1", "2024-10-01", [F(D, polarity="affirmed", source="nis")])
    process(db_engine, config, "https://x/2", "2024-10-02", [F(D, polarity="denied", source="peskov")])
    rows = all_deliveries(db_engine)
    assert len(rows) == 1  # the contradiction voiced by peskov (speaks for russia); nis alone raised nothing


def test_digest_channel_rows_are_due_at_the_end_of_the_slot(db_engine: Engine, tmp_path: Path):
    channels = [{"id": "digest", "type": "email", "to": ["a@example.org"], "digest_minutes": 15}]
    config = make_config(tmp_path, channels=channels, subscriptions=[{"channel": "digest"}])
    now = datetime(2024, 10, 5, 12, 7, 30, tzinfo=UTC)
    process(db_engine, config, "https://x/1", "2024-10-01", [F(T, 10000, source="nis")], now=now)
    process(
        db_engine,
        config,
        "https://x/2",
        "2024-10-02",
        [F(K, 10, source="nis")],
        now=now + timedelta(minutes=5),
    )
    due = {row["next_attempt_at"] for row in all_deliveries(db_engine)}
    assert due == {datetime(2024, 10, 5, 12, 15, tzinfo=UTC)}


def test_annotations_are_stored_for_indexed_history(db_engine: Engine, tmp_path: Path):
    config = make_config(tmp_path)
    process(
        db_engine,
        config,
        "https://x/1",
        "2024-10-01",
        [F(T, 650000, "more_than", source="peskov"), F(D, polarity="denied")],
        outlet="Daily",
    )
    with db_engine.connect() as conn:
        rows = conn.execute(
            select(
                claim_observations.c.span_low, claim_observations.c.span_high, claim_observations.c.voice
            ).order_by(claim_observations.c.id)
        ).all()
    assert rows[0].span_low == 650000 and abs(rows[0].span_high - 715000) < 1e-6 and rows[0].voice == "russia"
    assert rows[1].span_low is None and rows[1].voice == "outlet:Daily"


def test_no_findings_raise_nothing(db_engine: Engine, tmp_path: Path):
    from monitor.pipeline.alerts import raise_alerts

    config = make_config(tmp_path)
    with db_engine.begin() as conn:
        assert raise_alerts(conn, [], config, now=datetime.now(UTC)) == []
        article = store_article(conn, "https://x/empty", datetime(2024, 1, 1, tzinfo=UTC), [], config=config)
        assert raise_stored(conn, config, article) == []
        assert conn.scalar(select(func.count()).select_from(claim_observations)) == 0
