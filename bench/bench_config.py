"""Benchmark: loading a feeds.yaml with a 100,000-name watchlist, against the loader before.

The file is the default feeds.yaml with synthetic actors (the names of
bench_match) added to its watchlist. Each load runs in a fresh interpreter, so its
peak memory (ru_maxrss) is its own; the loader before this change (PyYAML's
pure-Python loader, once to compose the node tree for line numbers and once
more for the data) and today's (``load_config``: one pass of libyaml's events)
alternate in rounds, and the median of the per-round ratios is printed.

    .venv/bin/python bench/bench_config.py [--names 100000] [--rounds 5]

Prints ``BENCH config_load_vs_before_<names> <ratio> ratio`` (time, today's / before; the
same for CPU time, which a loaded machine disturbs less, as ``config_load_cpu_vs_before``),
``BENCH config_load_<names> <s> s`` and ``BENCH config_peak_rss_<names> <MiB> MiB``
(today's), and the loader before's time and memory as BENCH-INFO.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_match import synthetic_actors  # noqa: E402
from bench.common import ROOT, bench_line  # noqa: E402

# Runs in the child: load the file one way, print seconds and peak RSS as JSON.
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
path, way = Path(sys.argv[1]), sys.argv[2]
started, cpu_started = time.perf_counter(), time.process_time()
if way == "today":
    from monitor.config import load_config
    config = load_config(path)
else:
    # the loader before: the node tree (pure Python) for line numbers, then the data again
    import yaml
    from monitor.config import Config
    from monitor.config.feeds_file import ConfigModel
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    lines = {}
    def walk(current, key_path):
        lines.setdefault(key_path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                lines[(*key_path, key_node.value)] = key_node.start_mark.line + 1
                walk(value_node, (*key_path, key_node.value))
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                walk(item, (*key_path, i))
    walk(node, ())
    config = Config(path=path, model=ConfigModel.model_validate(data))
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak, "actors": len(config.watchlist)}))
"""


def write_config(path: Path, names: int) -> None:
    base = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    entries = []
    for actor in synthetic_actors(names):
        ((language, spelled),) = actor.names.items()
        names_line = f"{language}: [{json.dumps(spelled[0])}]"
        entries.append(f"  - id: {actor.id}\n    kind: {actor.kind}\n    names:\n      {names_line}")
    marker = "\nwatchlist:\n"
    at = base.index(marker) + len(marker)
    path.write_text(base[:at] + "\n".join(entries) + "\n" + base[at:], encoding="utf-8")


def load_once(path: Path, way: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), way], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feeds.yaml"
        write_config(path, args.names)
        print(f"# {path.stat().st_size / 1e6:.1f} MB, {args.names} synthetic names", flush=True)
        results: dict[str, list[dict[str, float]]] = {"before": [], "today": []}
        for round_no in range(args.rounds):
            order = ("before", "today") if round_no % 2 == 0 else ("today", "before")
            for way in order:
                results[way].append(load_once(path, way))
            before, today = results["before"][-1], results["today"][-1]
            assert before["actors"] == today["actors"]
            print(
                f"round {round_no + 1}: before {before['seconds']:.2f} s (cpu {before['cpu']:.2f} s) "
                f"{before['peak_mib']:.0f} MiB, today {today['seconds']:.2f} s (cpu {today['cpu']:.2f} s) "
                f"{today['peak_mib']:.0f} MiB",
                flush=True,
            )
    pairs = list(zip(results["before"], results["today"], strict=True))
    ratios = [t["seconds"] / b["seconds"] for b, t in pairs]
    cpu_ratios = [t["cpu"] / b["cpu"] for b, t in pairs]
    names = args.names
    before_s = statistics.median(r["seconds"] for r in results["before"])
    before_mib = statistics.median(r["peak_mib"] for r in results["before"])
    print(f"BENCH-INFO config_load_before_{names} {before_s:.2f} s, peak {before_mib:.0f} MiB")
    bench_line(f"config_load_vs_before_{names}", statistics.median(ratios), "ratio")
    bench_line(f"config_load_cpu_vs_before_{names}", statistics.median(cpu_ratios), "ratio")
    bench_line(f"config_load_{names}", statistics.median(r["seconds"] for r in results["today"]), "s")
    bench_line(f"config_peak_rss_{names}", statistics.median(r["peak_mib"] for r in results["today"]), "MiB")


if __name__ == "__main__":
    main()
