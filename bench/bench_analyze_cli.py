"""Benchmark: ``monitor analyze --json`` on 100 real pages as a whole process, against plain
extraction timed the same way.

Both sides are fresh processes started from here and timed from start to exit, so
start-up (imports, loading feeds.yaml, building the claim engine) counts: the
subject is ``monitor analyze --json`` on 100 real news pages (HTML files: read,
extracted, analyzed, printed), the baseline a Python process that imports
trafilatura and runs ``trafilatura.extract`` on the same files. They alternate in
5 rounds (the order flips every round); printed is the median of the per-round
ratios of baseline time over subject time (1.0: analysing costs nothing on top
of extraction; the target is >= 0.90).

    .venv/bin/python bench/bench_analyze_cli.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_line, interleaved, news_pages  # noqa: E402

PAGES = 100
EXTRACT_ONLY = (
    "import sys, trafilatura\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8', errors='replace') as handle:\n"
    "        trafilatura.extract(handle.read())\n"
)
MONITOR = str(Path(sys.executable).with_name("monitor"))


def timed_process(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for number, (_name, html) in enumerate(news_pages(PAGES)):
            path = Path(tmp) / f"{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
        rounds = interleaved(
            lambda: timed_process([sys.executable, "-c", EXTRACT_ONLY, *files]),
            lambda: timed_process([MONITOR, "analyze", "--json", *files]),
        )
    for number, (base, subject) in enumerate(rounds, 1):
        print(f"round {number}: extraction {base:.2f} s, monitor analyze {subject:.2f} s")
    # throughput of the whole command over that of extraction alone: baseline / subject
    throughput = statistics.median(base / subject for base, subject in rounds)
    bench_line("analyze_cli_vs_extract", throughput, "ratio")


if __name__ == "__main__":
    main()
