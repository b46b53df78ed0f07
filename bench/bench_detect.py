"""Benchmark: alert detection cost per new observation as a claim's history grows.

Builds one claim's history in SQLite (bulk insert, with the spans and voices
detection stores) at 1k, 10k and 100k observations, and times
``raise_alerts`` for a new article with one observation on top of each:
a repeated figure, a figure in a gap between known ones, a figure far above
all of them, and a status statement. The article is rolled back after every
call, so each size is measured on the same history.

The history has a constant density (one observation every 30 minutes,
~48 a day; 100k span 5.7 years): the contradiction window holds the same
number of rows at every size, so what the numbers show is whether the cost
grows with the history itself. It should not: every query is an indexed
range probe with a small LIMIT.

    .venv/bin/python bench/bench_detect.py [--repeat 200]

Prints ``BENCH detect_per_observation <us> us`` (median at 100k) and
``BENCH-INFO`` lines for the smaller sizes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from monitor.config import Config, parse_config
from monitor.detect.model import span_of, voice_of
from monitor.pipeline.alerts import raise_alerts
from monitor.store.db import make_engine, upgrade
from monitor.store.schema import articles, claim_observations
from monitor.text.intervals import Widening

CLAIM, STATUS = "troops", "deployment"
START = datetime(2020, 1, 1, tzinfo=UTC)
STEP = timedelta(minutes=30)
SIZES = (1_000, 10_000, 100_000)
VOICES = [f"source-{i}" for i in range(30)] + [None]
QUALIFIERS = ["exact"] * 5 + ["about"] * 3 + ["more_than", "at_least", "up_to", "several"]
# ~200 distinct figures between 1,000 and 30,000 (news repeats round numbers)
FIGURES = [float(v) for v in range(1_000, 30_001, 150)]

CONFIG = """
watchlist:
  - {id: north-korea, names: {en: [North Korea]}}
claims:
  - {id: troops, kind: figure, units: {en: [soldiers]}, cues: {en: [sent]}, actors: [north-korea]}
  - {id: deployment, kind: status, topic: {en: [troops]}, actors: [north-korea]}
channels:
  - {id: hook, type: webhook, url: "https://hooks.example.org/x", secret_env: HOOK_SECRET}
subscriptions:
  - {channel: hook}
"""


def history_rows(
    start_index: int, count: int, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    article_rows, observation_rows = [], []
    for i in range(start_index, start_index + count):
        published = START + i * STEP
        url = f"https://bench.example/{i}"
        article_rows.append(
            {
                "id": i + 1,
                "origin": "bench",
                "entry_key": str(i),
                "url": url,
                "title": "",
                "published": published,
                "discovered_at": published,
                "outlet": f"outlet-{i % 7}",
                "summary": "",
                "fetch_page": False,
                "status": "processed",
                "attempts": 0,
                "historical": True,
            }
        )
        source = rng.choice(VOICES)
        row: dict[str, Any] = {
            "id": i + 1,
            "article_id": i + 1,
            "observation_key": "k",
            "source": source,
            "speaks_for": source,
            "published": published,
            "sentence": "",
            "voice": voice_of(source, source, f"outlet-{i % 7}", i + 1),
        }
        if rng.random() < 0.1:
            row.update(
                claim_id=STATUS,
                qualifier="exact",
                polarity=rng.choice(["affirmed", "denied", "unconfirmed"]),
                value=None,
                span_low=None,
                span_high=None,
            )
        else:
            value, qualifier = rng.choice(FIGURES), rng.choice(QUALIFIERS)
            span = span_of(value, None, None, qualifier, Widening())
            assert span is not None
            row.update(
                claim_id=CLAIM,
                qualifier=qualifier,
                polarity=None,
                value=value,
                span_low=span[0],
                span_high=span[1],
            )
        observation_rows.append(row)
    return article_rows, observation_rows


def grow(engine: Engine, have: int, want: int, rng: random.Random) -> None:
    for start in range(have, want, 10_000):
        article_rows, observation_rows = history_rows(start, min(10_000, want - start), rng)
        with engine.begin() as conn:
            conn.execute(articles.insert(), article_rows)
            conn.execute(claim_observations.insert(), observation_rows)


PROBES: list[dict[str, Any]] = [
    {"claim_id": CLAIM, "value": 12_100.0, "qualifier": "exact", "source": "source-3"},  # a known figure
    {"claim_id": CLAIM, "value": 10_075.0, "qualifier": "exact", "source": "source-4"},  # in a gap: walk down
    {"claim_id": CLAIM, "value": 95_000.0, "qualifier": "exact", "source": "new-voice"},  # far above all
    {"claim_id": STATUS, "polarity": "denied", "qualifier": "exact", "source": "source-5"},  # a statement
]


def time_raise_alerts(engine: Engine, config: Config, size: int, repeat: int) -> list[float]:
    published = START + size * STEP + timedelta(hours=1)
    samples = []
    for n in range(repeat):
        probe = PROBES[n % len(PROBES)]
        with engine.connect() as conn:
            transaction = conn.begin()
            article_id = conn.execute(
                articles.insert().values(
                    origin="probe",
                    entry_key=str(n),
                    url=f"https://probe.example/{n}",
                    title="",
                    published=published,
                    discovered_at=published,
                    outlet="probe",
                    summary="",
                    fetch_page=False,
                    status="processed",
                    attempts=0,
                    historical=False,
                )
            ).inserted_primary_key[0]
            conn.execute(
                claim_observations.insert().values(
                    article_id=article_id,
                    observation_key="p",
                    sentence="",
                    published=published,
                    speaks_for=probe["source"],
                    **probe,
                )
            )
            started = time.perf_counter()
            raise_alerts(conn, int(article_id), config, historical=False, now=published)
            samples.append((time.perf_counter() - started) * 1e6)
            transaction.rollback()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="raise_alerts calls per history size")
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        config = parse_config(CONFIG, Path(tmp) / "feeds.yaml")
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        have = 0
        results: dict[int, float] = {}
        for size in SIZES:
            started = time.perf_counter()
            grow(engine, have, size, rng)
            have = size
            with engine.connect() as conn:
                stored = len(conn.execute(select(claim_observations.c.id)).all())
            build = time.perf_counter() - started
            time_raise_alerts(engine, config, size, 20)  # warm caches
            samples = time_raise_alerts(engine, config, size, args.repeat)
            median = statistics.median(samples)
            results[size] = median
            p90 = statistics.quantiles(samples, n=10)[-1]
            print(
                f"BENCH-INFO detect_per_observation history={stored} median={median:.0f} us p90={p90:.0f} us "
                f"(history built in {build:.1f} s)",
                flush=True,
            )
        growth = results[SIZES[-1]] / results[SIZES[0]]
        print(f"BENCH-INFO detect_per_observation growth 100k/1k = {growth:.2f}x")
        print(f"BENCH detect_per_observation {results[SIZES[-1]]:.0f} us")
        engine.dispose()


if __name__ == "__main__":
    main()
