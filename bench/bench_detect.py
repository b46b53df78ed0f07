"""Benchmark: the alert stage's cost per new observation as a claim's history grows.

Builds one claim's history in SQLite (bulk insert, with the spans and voices
storing gives them) at 1k, 10k and 100k observations, each in its own
database, then judges a new article with one observation on top of each: a
repeated figure, a figure in a gap between known ones, a figure far above all
of them, and a status statement. The observation is stored the way the
pipeline stores it and the alert stage (:func:`raise_alerts`) is timed; the
transaction is rolled back after every call, so each size is measured on the
same history.

The history has a constant density (one observation every 30 minutes, ~48 a
day; 100k span 5.7 years), so the 14-day contradiction window holds the same
number of rows at every size; a second set of claims with a 10-year window
puts *every* observation in the window. Neither cost should grow with the
history: every query is an indexed range probe with a small LIMIT (with every
observation in the window, reading all the voice's supporters and searching
conflicts outside them cost 2.9-4.5x at 100k before the history asked only for
the four supporters that bound the covered time).

The sizes are measured in interleaved rounds (1k, 10k, 100k, 1k, ...), so a
burst of load on the shared machine lands on all of them; each round's ratio
100k / 1k is kept and the median printed. The SQL statements the alert stage
runs per observation are counted with a SQLAlchemy event listener, all of them:
the judging queue's, the history reads and the alert/outbox writes (57 before the
restructuring, most of them one known-figure probe per distinct figure below the
new one; 18 while detection still re-read and annotated what storing had written
and read mutes, installation id and actors per alert; 7-7.5 now).

    .venv/bin/python bench/bench_detect.py [--rounds 7] [--repeat 40]

Prints ``BENCH detect_growth_100k_vs_1k <ratio>``, ``BENCH
detect_growth_100k_vs_1k_all_in_window <ratio>``, ``BENCH
detect_per_observation <us> us`` (at 100k) and ``BENCH
detect_sql_per_observation <n> statements``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_line  # noqa: E402
from monitor.config import Config, parse_config  # noqa: E402
from monitor.detect.model import span_of, voice_of  # noqa: E402
from monitor.pipeline.alerts import claim_widening, raise_alerts  # noqa: E402
from monitor.store.db import make_engine, upgrade  # noqa: E402
from monitor.store.observations import PendingObservation, insert_observations  # noqa: E402
from monitor.store.schema import articles, claim_observations  # noqa: E402
from monitor.text.numbers.intervals import Widening  # noqa: E402

CLAIM, STATUS = "troops", "deployment"
START = datetime(2020, 1, 1, tzinfo=UTC)
STEP = timedelta(minutes=30)
SIZES = (1_000, 10_000, 100_000)
VOICES = [f"source-{i}" for i in range(30)] + [None]
QUALIFIERS = ["exact"] * 5 + ["about"] * 3 + ["more_than", "at_least", "up_to", "several"]
# ~200 distinct figures between 1,000 and 30,000 (news repeats round numbers)
FIGURES = [float(v) for v in range(1_000, 30_001, 150)]


def config_text(window_days: int) -> str:
    return f"""
watchlist:
  - {{id: north-korea, names: {{en: [North Korea]}}}}
claims:
  - {{id: troops, kind: figure, units: {{en: [soldiers]}}, cues: {{en: [sent]}}, actors: [north-korea],
     window_days: {window_days}}}
  - {{id: deployment, kind: status, topic: {{en: [troops]}}, actors: [north-korea],
     window_days: {window_days}}}
channels:
  - {{id: hook, type: webhook, url: "https://hooks.example.org/x", secret_env: HOOK_SECRET}}
subscriptions:
  - {{channel: hook}}
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
            "judged": True,  # history: judged long ago
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
    {"claim": CLAIM, "value": 12_100.0, "source": "source-3"},  # a known figure
    {"claim": CLAIM, "value": 10_075.0, "source": "source-4"},  # in a gap: walk down
    {"claim": CLAIM, "value": 95_000.0, "source": "new-voice"},  # far above all
    {"claim": STATUS, "polarity": "denied", "source": "source-5"},  # a statement
]


class StatementCounter:
    """Counts the SQL statements a connection runs while ``active``."""

    def __init__(self) -> None:
        self.count = 0
        self.reads = 0
        self.active = False

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self.active:
            self.count += 1
            self.reads += statement.lstrip().upper().startswith(("SELECT", "WITH"))


def judge_probes(
    engine: Engine, config: Config, size: int, repeat: int, counter: StatementCounter
) -> list[float]:
    """Store one probe article after the history and time the alert stage on it, ``repeat`` times."""
    published = START + size * STEP + timedelta(hours=1)
    samples = []
    for n in range(repeat):
        probe = PROBES[n % len(PROBES)]
        with engine.connect() as conn:
            transaction = conn.begin()
            stored = store_probe(conn, config, probe, n, published)
            counter.active = True
            started = time.perf_counter()
            raise_alerts(conn, stored, config, actors=[], now=published)
            samples.append((time.perf_counter() - started) * 1e6)
            counter.active = False
            transaction.rollback()
    return samples


def store_probe(
    conn: Connection, config: Config, probe: dict[str, Any], n: int, published: datetime
) -> list[PendingObservation]:
    """The probe article and its one observation, stored as the pipeline stores them."""
    article_id = int(
        conn.execute(
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
    )
    row = {
        "claim_id": probe["claim"],
        "observation_key": "p",
        "value": probe.get("value"),
        "qualifier": "exact",
        "polarity": probe.get("polarity"),
        "source": probe["source"],
        "speaks_for": probe["source"],
        "sentence": "",
        "published": published,
    }
    return insert_observations(
        conn,
        article_id,
        [row],
        outlet="probe",
        url=f"https://probe.example/{n}",
        historical=False,
        widening=claim_widening(config),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds over all sizes")
    parser.add_argument("--repeat", type=int, default=40, help="alert-stage calls per size and round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        narrow = parse_config(config_text(14), Path(tmp) / "feeds.yaml")
        wide = parse_config(config_text(3650), Path(tmp) / "feeds.yaml")
        counter = StatementCounter()
        engines: dict[int, Engine] = {}
        for size in SIZES:
            started = time.perf_counter()
            engine = make_engine(f"sqlite:///{tmp}/bench-{size}.db")
            upgrade(engine)
            grow(engine, 0, size, random.Random(42))
            event.listen(engine, "before_cursor_execute", counter)
            engines[size] = engine
            print(
                f"BENCH-INFO detect history={size} built in {time.perf_counter() - started:.1f} s", flush=True
            )
        for size, engine in engines.items():  # warm caches and compiled statements
            judge_probes(engine, narrow, size, 8, counter)
            judge_probes(engine, wide, size, 8, counter)
        medians: dict[tuple[str, int], list[float]] = {}
        statements: dict[int, tuple[int, int, int]] = {}
        for round_no in range(args.rounds):
            for name, config in (("narrow", narrow), ("wide", wide)):
                for size, engine in engines.items():
                    counter.count = counter.reads = 0
                    samples = judge_probes(engine, config, size, args.repeat, counter)
                    medians.setdefault((name, size), []).append(statistics.median(samples))
                    if name == "narrow":
                        done, reads, calls = statements.get(size, (0, 0, 0))
                        statements[size] = (done + counter.count, reads + counter.reads, calls + args.repeat)
            line = ", ".join(
                f"{name} {size // 1000}k {medians[(name, size)][-1]:.0f} us"
                for name in ("narrow", "wide")
                for size in SIZES
            )
            print(f"round {round_no + 1}: {line}", flush=True)
        for engine in engines.values():
            engine.dispose()
    for size in SIZES:
        done, reads, calls = statements[size]
        print(
            f"BENCH-INFO detect_sql_per_observation history={size} {done / calls:.2f} statements "
            f"({reads / calls:.2f} history reads, the rest alert and outbox rows)"
        )
    for name, label in (("narrow", ""), ("wide", "_all_in_window")):
        ratios = [
            big / small
            for big, small in zip(medians[(name, SIZES[-1])], medians[(name, SIZES[0])], strict=True)
        ]
        bench_line(f"detect_growth_100k_vs_1k{label}", statistics.median(ratios), "ratio")
    bench_line("detect_per_observation", statistics.median(medians[("narrow", SIZES[-1])]), "us")
    done, _, calls = statements[SIZES[-1]]
    bench_line("detect_sql_per_observation", done / calls, "statements")


if __name__ == "__main__":
    main()
