"""Shared helpers of the library measurements: the project's own texts, and interleaved timing.

The texts are the project's: eval/holdout, eval/corpus (dev and heldout stories, with the language
each manifest gives) and the golden passages of tests/text (with their labelled language).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
CASES = Path(__file__).resolve().parent / "cases"


def articles() -> list[tuple[str, str, str]]:
    """(name, language, text) of every project article whose language is recorded."""
    out: list[tuple[str, str, str]] = []
    holdout = yaml.safe_load((REPO / "eval/holdout/gold.yaml").read_text(encoding="utf-8"))
    for article in holdout["articles"]:
        path = REPO / "eval/holdout" / article["file"]
        out.append((f"holdout/{article['file']}", article["language"], path.read_text(encoding="utf-8")))
    for manifest in sorted((REPO / "eval/corpus").glob("*/*/manifest.jsonl")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                path = manifest.parent / entry["file"]
                name = f"{manifest.parent.parent.name}/{manifest.parent.name}/{entry['file']}"
                out.append((name, entry["language"], path.read_text(encoding="utf-8")))
    return out


def passages() -> list[tuple[str, str]]:
    """(language, text) of every golden passage in tests/text."""
    out: list[tuple[str, str]] = []
    for path in sorted((REPO / "tests/text").glob("fixtures*/*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            out.append((case["language"], case["text"]))
    return out


def cases(name: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))["cases"]
    return loaded


def interleaved_ms(
    contenders: dict[str, Callable[[Any], object]], items: Sequence[Any], rounds: int = 5
) -> dict[str, float]:
    """Median over rounds of the mean ms per item; the contenders take turns within each round, so
    a slow moment of the machine hits all of them alike."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():  # warm caches and lazy loading once, untimed
        for item in items[:3]:
            fn(item)
    for round_number in range(rounds):
        order = list(contenders.items())
        if round_number % 2:
            order.reverse()
        for name, fn in order:
            started = time.perf_counter()
            for item in items:
                fn(item)
            samples[name].append((time.perf_counter() - started) * 1000 / len(items))
    return {name: statistics.median(values) for name, values in samples.items()}


def row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"
