"""Benchmark: trafilatura's modes on the extraction gold, main-text F1 and ms/page.

Pages and gold from ../shared/corpus/html/:

* trafilatura's news subset (German and English): each page lists snippets the
  main text must contain and boilerplate it must not; a snippet found is a true
  positive, a missing one a false negative, boilerplate found a false positive
  (the upstream project's scoring);
* zyte-aeb (mostly English): the full gold body; word 4-gram shingles of gold
  and extraction, each page's counts normalised to sum 1, precision and recall
  over all pages (the benchmark's own scoring).

Modes, each with the options monitor uses (no comments, tables kept): default,
``fast=True``, ``favor_precision=True``, each without and with trafilatura's
metadata (``with_metadata=True``), and monitor's choice: ``fast=True`` with the
default mode as fallback for pages where the fast one finds too little.
F1 comes from one pass of every mode over every page. Timing: the modes run in
interleaved rounds over a spread of 100 of the pages (the order rotates every
round); reported are the median ms/page over the rounds and each mode's time
against the default's in the same round (median of the per-round ratios).

    .venv/bin/python bench/bench_extract_modes.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, bench_line  # noqa: E402
from monitor.ingest.extract import extract_main_text  # noqa: E402

OPTIONS = {"include_comments": False, "include_tables": True}
Extractor = Callable[[str], str | None]


def _mode(**extra: bool) -> Extractor:
    def extract(html: str) -> str | None:
        result: str | None = trafilatura.extract(html, **OPTIONS, **extra)
        return result

    return extract


MODES: dict[str, Extractor] = {
    "default": _mode(),
    "fast": _mode(fast=True),
    "favor_precision": _mode(favor_precision=True),
    "default+metadata": _mode(with_metadata=True),
    "fast+metadata": _mode(fast=True, with_metadata=True),
    "favor_precision+metadata": _mode(favor_precision=True, with_metadata=True),
    "monitor (fast, default as fallback)": lambda html: extract_main_text(html, None),
}


@dataclass(frozen=True)
class SnippetPage:
    html: str
    with_: list[str]
    without: list[str]


def snippet_pages() -> list[SnippetPage]:
    folder = CORPUS / "html" / "trafilatura"
    gold = json.loads((folder / "evaldata_news_subset.json").read_text(encoding="utf-8"))
    pages = []
    for entry in gold.values():
        if entry.get("subset") not in ("de_news", "en_news"):
            continue
        html = (folder / entry["subset"] / entry["file"]).read_text(encoding="utf-8", errors="replace")
        pages.append(SnippetPage(html, _snippets(entry.get("with")), _snippets(entry.get("without"))))
    return pages


def _snippets(value: object) -> list[str]:
    # the subset file keeps upstream's lists as their Python text ("['a', 'b']")
    if isinstance(value, str):
        value = ast.literal_eval(value) if value.strip().startswith("[") else [value]
    return [str(item) for item in value or []]


def body_pages() -> list[tuple[str, str]]:
    folder = CORPUS / "html" / "zyte-aeb"
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"),
            item["articleBody"],
        )
        for key, item in sorted(gold.items())
    ]


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def snippet_score(pages: list[SnippetPage], texts: list[str]) -> float:
    tp = fn = fp = 0
    for page, text in zip(pages, texts, strict=True):
        for snippet in page.with_:
            if snippet in text:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for snippet in page.without if snippet in text)
    return f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


_WORD = re.compile(r"\w+")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3)))


def shingle_score(golds: list[str], texts: list[str]) -> float:
    tp = fp = fn = 0.0
    for gold, text in zip(golds, texts, strict=True):
        expected, found = _shingles(gold), _shingles(text)
        hit = sum((expected & found).values())
        extra, missed = sum(found.values()) - hit, sum(expected.values()) - hit
        total = hit + extra + missed
        if total:
            tp, fp, fn = tp + hit / total, fp + extra / total, fn + missed / total
    return f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timing-pages", type=int, default=100, help="pages timed per mode and round")
    args = parser.parse_args()
    snippets, bodies = snippet_pages(), body_pages()
    htmls = [page.html for page in snippets] + [html for html, _ in bodies]
    names = list(MODES)
    for extract in MODES.values():  # warm up
        extract(htmls[0])
    # F1: one pass of every mode over every page
    texts = {name: [MODES[name](html) or "" for html in htmls] for name in names}
    # time: interleaved rounds over a spread of the pages (every k-th), the order rotating
    sample = htmls[:: max(1, len(htmls) // args.timing_pages)]
    per_round: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(args.rounds):
        order = names[round_no % len(names) :] + names[: round_no % len(names)]
        for name in order:
            extract = MODES[name]
            started = time.perf_counter()
            for html in sample:
                extract(html)
            per_round[name].append((time.perf_counter() - started) * 1000 / len(sample))
        print(f"round {round_no + 1}: " + ", ".join(f"{n} {per_round[n][-1]:.1f}" for n in names), flush=True)
    print(
        f"# F1 on {len(snippets)} trafilatura gold pages and {len(bodies)} zyte-aeb pages; "
        f"ms/page on {len(sample)}"
    )
    print(f"{'mode':40} {'F1 snippets':>11} {'F1 zyte':>8} {'ms/page':>8} {'vs default':>10}")
    for name in names:
        out = texts[name]
        snippet_f1 = snippet_score(snippets, out[: len(snippets)])
        body_f1 = shingle_score([gold for _, gold in bodies], out[len(snippets) :])
        ratio = statistics.median(
            mine / base for mine, base in zip(per_round[name], per_round["default"], strict=True)
        )
        ms = statistics.median(per_round[name])
        print(f"{name:40} {snippet_f1:11.3f} {body_f1:8.3f} {ms:8.1f} {ratio:10.2f}")
        slug = re.sub(r"[^a-z0-9]+", "_", name.split(" (")[0].lower()).strip("_")
        bench_line(f"extract_mode_{slug}_vs_default", ratio, "ratio")


if __name__ == "__main__":
    main()
