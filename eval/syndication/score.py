"""Precision and recall of the agency-copy grouping on eval/syndication/cases.jsonl.

    python eval/syndication/score.py

cases.jsonl holds fictional texts written for this evaluation: three agency
reports (dpa, Reuters, AFP), each in several outlets' versions (trimmed, a new
headline, words changed, an outlet's own paragraph added), and seven
different reports on the same topic that must not merge with anything.
Scored over pairs: a pair is "together" when both texts are in one group.
Precision = pairs grouped that belong together / pairs grouped; recall = pairs
that belong together that were grouped / pairs that belong together.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from monitor.detect.syndication import agency_of, group_syndicated  # noqa: E402


def load() -> list[dict[str, str]]:
    lines = (HERE / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(cases: list[dict[str, str]]) -> tuple[float, float, int, int]:
    result = group_syndicated({i: case["text"] for i, case in enumerate(cases)})
    true_pairs = grouped = correct = 0
    for i, j in combinations(range(len(cases)), 2):
        same_story = cases[i]["story"] == cases[j]["story"]
        together = result.original[i] == result.original[j]
        true_pairs += same_story
        grouped += together
        correct += same_story and together
    precision = correct / grouped if grouped else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    return precision, recall, grouped, true_pairs


def main() -> int:
    cases = load()
    precision, recall, grouped, true_pairs = score(cases)
    credited = sum(1 for case in cases if agency_of(case["text"]))
    print(f"cases {len(cases)}  pairs together (gold) {true_pairs}  pairs grouped {grouped}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  texts crediting an agency {credited}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
