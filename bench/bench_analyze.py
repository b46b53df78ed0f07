"""What does the claim engine cost per article, next to extraction? Run: python bench/bench_analyze.py

Loads about 100 real news pages (German and English, the same selection as
``bench_match.py``), times ``trafilatura.extract`` on them (the baseline, same
run, same machine), then times ``ClaimEngine.analyze`` - sentences, actors,
figures, statements, attribution - on the extracted texts with the default
feeds.yaml, and once more with 10,000 synthetic names added to the watchlist.
Extraction and analysis alternate in 5 rounds (the order flips every round); the
ratios are medians of the per-round ratios.
The five seed articles (all about the tracked story, so every stage runs on
every sentence) are timed as well, as the dense worst case.

Prints::

    BENCH analyze_per_article <ms> ms            (news pages, default feeds.yaml)
    BENCH analyze_vs_extract <ratio> ratio       (analysis seconds / extraction seconds)
    BENCH analyze_vs_extract_10000 <ratio> ratio (whole analysis with a 10,000-name watchlist)
    BENCH analyze_per_seed_article <ms> ms       (the dense on-topic articles)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from bench.bench_match import (  # noqa: E402
    default_actors,
    extracted_texts,
    load_pages,
    measure,
    synthetic_actors,
)
from bench.common import bench_line, interleaved, median_ratio  # noqa: E402
from monitor.config import load_config  # noqa: E402
from monitor.text.engine import ClaimEngine  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def main() -> None:
    config = load_config(REPO / "feeds.yaml")
    pages = load_pages()
    texts = extracted_texts(pages)
    started = time.perf_counter()
    engine = ClaimEngine.from_config(config.watchlist, config.claims)
    print(f"# default engine built in {(time.perf_counter() - started) * 1000:.0f} ms")
    actors = default_actors() + synthetic_actors(10_000)
    started = time.perf_counter()
    large = ClaimEngine.from_config(actors, config.claims)
    print(f"# 10,000-name engine built in {time.perf_counter() - started:.2f} s")

    def extraction() -> float:
        return measure(trafilatura.extract, pages, repeat=1)

    # each round times extraction and analysis back to back, the order flipping every round
    default_rounds = interleaved(extraction, lambda: measure(engine.analyze, texts, repeat=1))
    large_rounds = interleaved(extraction, lambda: measure(large.analyze, texts, repeat=1))
    extract_s = statistics.median(base for base, _ in default_rounds)
    analysis_s = statistics.median(subject for _, subject in default_rounds)
    print(f"# {len(pages)} pages, extraction {extract_s / len(pages) * 1000:.2f} ms/page; {len(texts)} texts")
    # per page, like the extraction baseline (pages without text cost nothing to analyze)
    bench_line("analyze_per_article", analysis_s / len(texts) * 1000, "ms")
    bench_line("analyze_vs_extract", median_ratio(default_rounds), "ratio")
    bench_line("analyze_vs_extract_10000", median_ratio(large_rounds), "ratio")

    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("0*.txt"))]
    if seeds:
        seconds = measure(engine.analyze, seeds, repeat=5)
        bench_line("analyze_per_seed_article", seconds / len(seeds) * 1000, "ms")


if __name__ == "__main__":
    main()
