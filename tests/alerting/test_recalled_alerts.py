"""Recalled statements through raise_alerts on a real database (SQLite and PostgreSQL).

The story the rule exists for: Peskov denies in October, Russia admits in April
(a status change), and a May article recalls the October denial. The recall is
stored and shown in the claim's history but raises nothing; the indexed queries
agree with the plain-list reference of monitor.detect.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from monitor.detect.judge import history_from, judge
from monitor.detect.model import Observation, rule_for
from monitor.store import history
from monitor.store.schema import articles
from tests.alerting.factory import F, all_alerts, make_config, process

D = "nk-troops-deployment"


def test_a_recalled_denial_after_the_admission_raises_nothing(db_engine: Engine, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    process(db_engine, config, "https://a/oct", "2024-10-25", [F(D, polarity="denied", source="peskov")])
    process(db_engine, config, "https://a/apr", "2025-04-26", [F(D, polarity="affirmed", source="russia")])
    before = all_alerts(db_engine)
    recall = F(D, polarity="denied", source="peskov", recalled=True)
    new = process(db_engine, config, "https://a/may", "2025-05-02", [recall])
    assert new == []
    assert [(a["kind"], a["from_polarity"], a["to_polarity"]) for a in before] == [
        ("status_change", "denied", "affirmed")
    ]
    with db_engine.connect() as conn:
        timeline = history.claim_timeline(conn, D)
    assert [(o.polarity, o.recalled) for o in timeline] == [
        ("denied", False),
        ("affirmed", False),
        ("denied", True),
    ]
    # a later confirmation is compared with April's, not with the recall: no change
    assert (
        process(
            db_engine, config, "https://a/jun", "2025-06-01", [F(D, polarity="affirmed", source="russia")]
        )
        == []
    )


def test_first_denied_now_confirms_in_one_article_is_a_status_change(
    db_engine: Engine, tmp_path: Path
) -> None:
    config = make_config(tmp_path)
    findings = [
        F(D, polarity="affirmed", source="russia"),
        F(D, polarity="denied", source="peskov", recalled=True),
    ]
    process(db_engine, config, "https://a/apr", "2025-04-26", findings)
    [alert] = all_alerts(db_engine)
    assert (alert["kind"], alert["from_polarity"], alert["to_polarity"]) == (
        "status_change",
        "denied",
        "affirmed",
    )
    assert "as recalled by" in alert["summary"]
    assert alert["details"]["earlier"][0]["recalled"] is True


def test_database_matches_the_reference_on_a_story_with_recalls(db_engine: Engine, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    story = [
        ("https://s/1", "2024-10-20", [F(D, polarity="affirmed", source="zelensky")]),
        ("https://s/2", "2024-10-21", [F(D, polarity="denied", source="russia", recalled=True)]),
        ("https://s/3", "2024-10-25", [F(D, polarity="denied", source="peskov")]),
        ("https://s/4", "2025-05-02", [F(D, polarity="denied", source="north-korea", recalled=True)]),
        ("https://s/5", "2025-04-28", [F(D, polarity="affirmed", source="north-korea")]),  # late
        ("https://s/6", "2025-05-10", [F(D, polarity="affirmed", source="kcna", recalled=True)]),
        ("https://s/7", "2025-04-26", [F(D, polarity="affirmed", source="russia")]),  # late
    ]
    for url, published, findings in story:
        process(db_engine, config, url, published, findings)
    with db_engine.connect() as conn:
        article_ids = conn.scalars(select(articles.c.id).order_by(articles.c.id)).all()  # processing order
        per_article = [history.article_observations(conn, a) for a in article_ids]
    rule = rule_for(next(s for s in config.claims if s.id == D), D)
    processed: list[Observation] = []
    expected = []
    for current in per_article:
        for obs in current:
            expected += [
                (c.observation.id, c.kind, c.summary)
                for c in judge(obs, history_from(obs, processed + current, rule), rule)
            ]
        processed += current
    got = [
        (a["observation_id"], a["kind"], a["summary"])
        for a in sorted(all_alerts(db_engine), key=lambda a: a["id"])
    ]
    assert got == expected
    assert {kind for _, kind, _ in got} == {"contradiction", "status_change"}
