"""The indexed queries of monitor.store.history give the same alerts as the plain-list reference.

Random stories (figures with every qualifier, statements, speakers that speak
for others, unattributed findings, articles arriving out of order) are run
through raise_alerts on a real database; the same observations are then
replayed through detect.history_from + judge, and the alerts must agree.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.detect.judge import history_from, judge
from monitor.detect.model import Observation, rule_for
from monitor.store import history
from tests.alerting.factory import F, all_alerts, make_config, process

T, D = "nk-troops-to-russia", "nk-troops-deployment"
SOURCES = ["nis", "zelensky", "peskov", "russia", "isw", None]
QUALIFIERS = ["exact", "exact", "about", "more_than", "at_least", "up_to", "several", "additional"]
VALUES = [1500, 2000, 3000, 9500, 10000, 10400, 11000, 12000, 15000, 18000]


def random_story(rng: random.Random, articles: int) -> list[tuple[str, datetime, str, list[F]]]:
    start = datetime(2024, 10, 1, tzinfo=UTC)
    story = []
    for i in range(articles):
        published = start + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        findings = []
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.35:
                findings.append(
                    F(
                        D,
                        polarity=rng.choice(["affirmed", "denied", "unconfirmed"]),
                        source=rng.choice(SOURCES),
                        recalled=rng.random() < 0.25,
                    )
                )
            else:
                findings.append(
                    F(T, float(rng.choice(VALUES)), rng.choice(QUALIFIERS), source=rng.choice(SOURCES))
                )
        story.append((f"https://r/{i}", published, rng.choice(["Daily", "Weekly"]), findings))
    story.sort(key=lambda item: item[1])
    # out-of-order arrivals: swap some neighbours, move a few articles far back
    for _ in range(articles // 4):
        j = rng.randrange(articles - 1)
        story[j], story[j + 1] = story[j + 1], story[j]
    for _ in range(2):
        story.append(story.pop(rng.randrange(articles // 2)))
    return story


# short windows over the two months of a story: a voice's supporters leave gaps in the window,
# before and after the observation's date, where conflicts are new
SHORT_WINDOWS = {T: {"window_days": 2}, D: {"window_days": 3}}


@pytest.mark.parametrize(
    ("seed", "accumulates", "short"),
    [(1, False, False), (2, False, False), (3, False, False), (4, True, False), (5, True, False)]
    + [(6, False, True), (7, False, True), (8, True, True)],
)
def test_database_history_matches_reference(
    db_engine: Engine, tmp_path: Path, seed: int, accumulates: bool, short: bool
) -> None:
    """Also for a running total (falls below earlier totals, the same-moment window), and with
    short windows (the supporters' covered time has gaps)."""
    rng = random.Random(seed)
    overrides: dict[str, dict[str, Any]] = (
        {T: dict(SHORT_WINDOWS[T]), D: dict(SHORT_WINDOWS[D])} if short else {}
    )
    if accumulates:
        overrides.setdefault(T, {}).update(accumulates=True, same_moment_hours=36)
    config = make_config(tmp_path, claim_overrides=overrides)
    article_ids: list[int] = []
    for url, published, outlet, findings in random_story(rng, 60 if short else 30):
        process(db_engine, config, url, published, findings, outlet=outlet)
    with db_engine.connect() as conn:
        from sqlalchemy import select

        from monitor.store.schema import articles

        article_ids = list(conn.scalars(select(articles.c.id).order_by(articles.c.id)))  # processing order
        per_article = [history.article_observations(conn, a) for a in article_ids]
    specs = {spec.id: spec for spec in config.claims}
    processed: list[Observation] = []
    expected = []
    for current in per_article:
        for obs in current:
            rule = rule_for(specs[obs.claim], obs.claim)
            for c in judge(obs, history_from(obs, processed + current, rule), rule):
                expected.append(
                    (c.observation.id, c.kind, list(c.sources), c.from_polarity, c.to_polarity, c.summary)
                )
        processed += current
    got = [
        (a["observation_id"], a["kind"], a["sources"], a["from_polarity"], a["to_polarity"], a["summary"])
        for a in sorted(all_alerts(db_engine), key=lambda a: a["id"])
    ]
    assert len(got) > 10  # the story is rich enough to exercise every rule
    assert {g[1] for g in got} == {"new_figure", "contradiction", "status_change"}
    assert got == expected
