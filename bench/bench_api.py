"""REST API latency with 100,000 observations in the database, against a plain SELECT of the same rows.

One SQLite database holds a claim with 100,000 observations (and an alert on every 20th, 5,000
alerts). The real app runs under uvicorn on 127.0.0.1 and is asked over HTTP with a bearer token:

* ``alerts``: ``GET /api/v1/alerts?limit=50``, the first page and a page deep in the list (cursor);
* ``history``: ``GET /api/v1/claims/<id>/observations?limit=500``, first page and a deep page.

The baseline is the plain SELECT of the same rows (same order, same LIMIT, same keyset
condition) on a connection of the same engine, fetched to Python tuples: what reading the
rows costs before any API work (auth, joins, JSON, HTTP). Baseline and API alternate request by
request in every round, so load on the shared machine hits both alike. Printed: median and p95
of each in milliseconds, and the ratio of the medians.
"""

from __future__ import annotations

import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_line  # noqa: E402
from monitor.config import parse_config  # noqa: E402
from monitor.detect.model import span_of  # noqa: E402
from monitor.store import accounts  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402
from monitor.store.schema import alerts, articles, claim_observations  # noqa: E402
from monitor.web.app import create_app  # noqa: E402
from monitor.web.auth import new_token, token_hash  # noqa: E402
from monitor.web.serve import start_in_thread  # noqa: E402

OBSERVATIONS = 100_000
ALERT_EVERY = 20
ROUNDS = 7
PER_ROUND = 15
CLAIM = "troops"
START = datetime(2024, 1, 1, tzinfo=UTC)
CONFIG = """
watchlist:
  - {id: north-korea, names: {en: [North Korea]}}
claims:
  - {id: troops, kind: figure, units: {en: [soldiers]}, cues: {en: [sent]}, actors: [north-korea]}
"""


def fill(engine: Engine) -> None:
    rng = random.Random(11)
    for start in range(0, OBSERVATIONS, 10_000):
        article_rows, observation_rows, alert_rows = [], [], []
        for i in range(start, start + 10_000):
            published = START + timedelta(minutes=7 * i)
            value = float(rng.choice(range(1_000, 30_001, 150)))
            span = span_of(value, None, None, "exact", None)
            source = f"source-{rng.randrange(30)}"
            article_rows.append(
                {"id": i + 1, "origin": "bench", "entry_key": str(i), "url": f"https://bench.example/{i}",
                 "title": f"article {i}", "published": published, "discovered_at": published,
                 "outlet": f"outlet-{i % 7}", "summary": "", "fetch_page": False, "status": "processed",
                 "attempts": 0, "historical": True}
            )  # fmt: skip
            observation_rows.append(
                {"id": i + 1, "article_id": i + 1, "claim_id": CLAIM, "observation_key": "k", "value": value,
                 "low": value, "high": value, "qualifier": "exact", "source": source, "speaks_for": source,
                 "sentence": f"{source} said {value:,.0f} soldiers were sent", "published": published,
                 "span_low": span[0] if span else None, "span_high": span[1] if span else None,
                 "voice": source}
            )  # fmt: skip
            if i % ALERT_EVERY == 0:
                alert_rows.append(
                    {"id": i // ALERT_EVERY + 1, "dedupe_key": f"new_figure:{i}", "kind": "new_figure",
                     "claim_id": CLAIM, "observation_id": i + 1, "article_id": i + 1, "value": value,
                     "sources": [source], "summary": f"New figure for troops: {value:,.0f}",
                     "details": {"earlier": []}, "published": published, "created_at": published,
                     "historical": True}
                )  # fmt: skip
        with engine.begin() as conn:
            conn.execute(articles.insert(), article_rows)
            conn.execute(claim_observations.insert(), observation_rows)
            conn.execute(alerts.insert(), alert_rows)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def timings(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        fill(engine)
        token = new_token()
        with engine.begin() as conn:
            accounts.add_token(conn, "bench", token_hash(token), "reader", datetime.now(UTC))
        config = parse_config(CONFIG, Path(tmp) / "feeds.yaml")
        port = 18000 + random.Random().randrange(2000)
        server, thread = start_in_thread(create_app(config, engine), "127.0.0.1", port)
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        )

        deep_alert = client.get("/api/v1/alerts", params={"limit": 1000}).json()["items"][-1]
        deep_alert_key = datetime.fromisoformat(deep_alert["published"]), deep_alert["id"]
        deep_obs = START + timedelta(minutes=7 * OBSERVATIONS // 2)
        from monitor.web import cursor

        cases: dict[str, tuple[Callable[[], Any], str, dict[str, Any]]] = {
            "alerts": (
                lambda: client.get("/api/v1/alerts", params={"limit": 50}).json(),
                "SELECT * FROM alerts ORDER BY published DESC, id DESC LIMIT 50",
                {},
            ),
            "alerts_deep": (
                lambda: client.get(
                    "/api/v1/alerts",
                    params={"limit": 50, "cursor": cursor.encode(*deep_alert_key)},
                ).json(),
                "SELECT * FROM alerts WHERE (published, id) < (:p, :i) "
                "ORDER BY published DESC, id DESC LIMIT 50",
                {"p": deep_alert_key[0].replace(tzinfo=None), "i": deep_alert_key[1]},
            ),
            "history": (
                lambda: client.get(f"/api/v1/claims/{CLAIM}/observations", params={"limit": 500}).json(),
                "SELECT * FROM claim_observations WHERE claim_id = :c ORDER BY published, id LIMIT 500",
                {"c": CLAIM},
            ),
            "history_deep": (
                lambda: client.get(
                    f"/api/v1/claims/{CLAIM}/observations",
                    params={"limit": 500, "cursor": cursor.encode(deep_obs, 0)},
                ).json(),
                "SELECT * FROM claim_observations WHERE claim_id = :c AND (published, id) > (:p, 0) "
                "ORDER BY published, id LIMIT 500",
                {"c": CLAIM, "p": deep_obs.replace(tzinfo=None)},
            ),
        }  # fmt: skip
        api_ms: dict[str, list[float]] = {name: [] for name in cases}
        select_ms: dict[str, list[float]] = {name: [] for name in cases}
        with engine.connect() as conn:
            for name, (call, sql, params) in cases.items():  # warm-up, and check both read the same rows
                body = call()
                rows = conn.execute(text(sql), params).all()
                assert len(body["items"]) == len(rows) > 0, name
            for _ in range(ROUNDS):
                for name, (call, sql, params) in cases.items():
                    for _ in range(PER_ROUND):
                        select_ms[name].append(
                            timings(lambda s=sql, p=params: conn.execute(text(s), p).all())
                        )
                        api_ms[name].append(timings(call))
        server.should_exit = True
        thread.join(10)
        for name in cases:
            api, base = api_ms[name], select_ms[name]
            bench_line(f"api_{name}_median", statistics.median(api), "ms")
            bench_line(f"api_{name}_p95", p95(api), "ms")
            bench_line(f"select_{name}_median", statistics.median(base), "ms")
            bench_line(f"select_{name}_p95", p95(base), "ms")
            bench_line(f"api_{name}_vs_select", statistics.median(api) / statistics.median(base), "ratio")


if __name__ == "__main__":
    main()
