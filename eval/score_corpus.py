#!/usr/bin/env python3
"""Score the claim engine and the alert rules on the development corpus, story by story.

Usage:
  python eval/score_corpus.py [CORPUS] [--split dev --split heldout] [floors...] [-v]

CORPUS (default eval/corpus) holds one folder per split (dev/, heldout/), each with one
folder per story: articles, manifest.jsonl, gold.yaml and the story's own feeds.yaml.
For every story it runs the shared scorers exactly as a reviewer would:

* score_claims.py once per language, on a temporary gold file holding only that language's
  articles (so per-language figures are the scorer's own counts, pooled by adding tp/fp/fn),
  with ``--cmd "monitor analyze --json --config <story>/feeds.yaml"``;
* score_alerts.py on the story, with MONITOR_CONFIG=<story>/feeds.yaml in the environment
  (a fresh SQLite database per replay is the scorer's own doing).

It prints a table per story, then per split and per language: claims P/R/F1, attribution,
alerts expected found, forbidden raised and the unrequested share (alerts matching no
expected alert / all alerts). Floors make it a gate (exit 1 when one is missed):

  --min-f1-dev X       claims F1 of every language of the dev split
  --min-f1-heldout X   claims F1 of every language of the heldout split
  --min-attribution X  attribution share (correct sources / gold items with a source), per split
  --max-unrequested X  unrequested share of all alerts, per split
  --require-alerts     every expected alert raised (every story)
  --no-forbidden       no forbidden alert raised (every story)

The scorers live outside the repository: ../shared/tools beside the checkout, or
$MONITOR_SCORE_TOOLS. The monitor command is the one beside this interpreter.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "eval" / "corpus"
DEFAULT_TOOLS = ROOT.parent / "shared" / "tools"
# the scorers' own output lines (see their docstrings)
_CLAIM_COUNTS = re.compile(r"claims tp (\d+) fp (\d+) fn (\d+)")
_ATTRIBUTION = re.compile(r"attribution (\d+)/(\d+)")
_ALERT_TOTAL = re.compile(r"alerts (\d+)\s+forbidden (\d+)")
_ALERT_RECALL = re.compile(r"alerts recall (\d+)/(\d+) extra (\d+)")


@dataclass
class ClaimScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributed: int = 0
    with_source: int = 0

    def add(self, other: ClaimScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.attributed += other.attributed
        self.with_source += other.with_source

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.with_source if self.with_source else 1.0


@dataclass
class AlertScore:
    alerts: int = 0
    forbidden: int = 0
    found: int = 0
    expected: int = 0
    extra: int = 0

    def add(self, other: AlertScore) -> None:
        self.alerts += other.alerts
        self.forbidden += other.forbidden
        self.found += other.found
        self.expected += other.expected
        self.extra += other.extra

    @property
    def unrequested(self) -> float:
        return self.extra / self.alerts if self.alerts else 0.0


@dataclass
class StoryScore:
    split: str
    story: str
    by_language: dict[str, ClaimScore] = field(default_factory=dict)
    alerts: AlertScore = field(default_factory=AlertScore)
    log: list[str] = field(default_factory=list)

    @property
    def claims(self) -> ClaimScore:
        total = ClaimScore()
        for score in self.by_language.values():
            total.add(score)
        return total


class BrokenRun(RuntimeError):
    """A scorer could not run (exit status 2 or unreadable output)."""


def monitor_command() -> str:
    script = Path(sys.executable).with_name("monitor")
    return shlex.quote(str(script)) if script.exists() else "monitor"


def _match(pattern: re.Pattern[str], text: str, what: str) -> re.Match[str]:
    found = pattern.search(text)
    if found is None:
        raise BrokenRun(f"{what}: no {pattern.pattern!r} line in the scorer's output:\n{text[-1500:]}")
    return found


def score_language(
    tools: Path, story: Path, gold: dict[str, Any], language: str, monitor: str, verbose: bool
) -> tuple[ClaimScore, str]:
    """score_claims.py on the story's articles of one language (a temporary gold file beside them,
    because the scorer resolves article paths relative to the gold file)."""
    subset = dict(gold, articles=[a for a in gold["articles"] if a.get("language") == language])
    with tempfile.NamedTemporaryFile(
        "w", suffix=f".{language}.gold.yaml", prefix=".score-", dir=story, encoding="utf-8", delete=False
    ) as handle:
        yaml.safe_dump(subset, handle, allow_unicode=True, sort_keys=False)
        temporary = Path(handle.name)
    try:
        command = f"{monitor} analyze --json --config {shlex.quote(str(story / 'feeds.yaml'))}"
        args = [sys.executable, str(tools / "score_claims.py"), str(temporary), "--cmd", command]
        run = subprocess.run([*args, *(["-v"] if verbose else [])], capture_output=True, text=True)
    finally:
        temporary.unlink(missing_ok=True)
    if run.returncode == 2:
        raise BrokenRun(f"{story.name} ({language}): {run.stderr[-1500:]}{run.stdout[-500:]}")
    tp, fp, fn = (int(x) for x in _match(_CLAIM_COUNTS, run.stdout, story.name).groups())
    ok, total = (int(x) for x in _match(_ATTRIBUTION, run.stdout, story.name).groups())
    return ClaimScore(tp, fp, fn, ok, total), run.stdout


def score_alerts(tools: Path, story: Path, monitor: str, verbose: bool) -> tuple[AlertScore, str]:
    env = dict(os.environ, MONITOR_CONFIG=str(story / "feeds.yaml"))
    args = [
        sys.executable,
        str(tools / "score_alerts.py"),
        str(story / "gold.yaml"),
        "--backfill-cmd",
        f"{monitor} backfill",
        "--alerts-cmd",
        f"{monitor} alerts --json",
    ]
    run = subprocess.run([*args, *(["-v"] if verbose else [])], capture_output=True, text=True, env=env)
    if run.returncode == 2:
        raise BrokenRun(f"{story.name} (alerts): {run.stderr[-1500:]}{run.stdout[-500:]}")
    alerts, forbidden = (int(x) for x in _match(_ALERT_TOTAL, run.stdout, story.name).groups())
    found, expected, extra = (int(x) for x in _match(_ALERT_RECALL, run.stdout, story.name).groups())
    return AlertScore(alerts, forbidden, found, expected, extra), run.stdout


def score_story(tools: Path, split: str, story: Path, monitor: str, verbose: bool) -> StoryScore:
    gold = yaml.safe_load((story / "gold.yaml").read_text(encoding="utf-8"))
    result = StoryScore(split, story.name)
    languages = sorted({str(a.get("language")) for a in gold["articles"]})
    for language in languages:
        score, output = score_language(tools, story, gold, language, monitor, verbose)
        result.by_language[language] = score
        result.log.append(f"--- {split}/{story.name} claims ({language})\n{output}")
    result.alerts, output = score_alerts(tools, story, monitor, verbose)
    result.log.append(f"--- {split}/{story.name} alerts\n{output}")
    return result


def stories(corpus: Path, splits: Iterable[str]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for split in splits:
        folder = corpus / split
        if not folder.is_dir():
            raise SystemExit(f"score_corpus: no {split}/ in {corpus}")
        found.extend((split, story) for story in sorted(folder.iterdir()) if (story / "gold.yaml").exists())
    return found


def _claim_cells(score: ClaimScore) -> str:
    return (
        f"{score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  "
        f"{score.attributed:3d}/{score.with_source:<3d} ({score.attribution:4.2f})"
    )


def _alert_cells(score: AlertScore) -> str:
    return (
        f"{score.found:3d}/{score.expected:<3d} {score.forbidden:4d} "
        f"{score.extra:4d}/{score.alerts:<4d} ({score.unrequested:4.2f})"
    )


def report(results: list[StoryScore]) -> list[str]:
    lines = [
        f"{'split/story':38} {'P':>5} {'R':>5} {'F1':>5}  {'attribution':<14} "
        f"{'alerts':<7} {'forb':>4} {'unrequested':<16}",
    ]
    for item in results:
        by_language = "  ".join(f"{lang} {s.f1:4.2f}" for lang, s in sorted(item.by_language.items()))
        lines.append(
            f"{item.split + '/' + item.story:38} {_claim_cells(item.claims)} "
            f"{_alert_cells(item.alerts)}  [{by_language}]"
        )
    lines.append("")
    for split in dict.fromkeys(item.split for item in results):
        claims, alerts = ClaimScore(), AlertScore()
        per_language: dict[str, ClaimScore] = {}
        for item in results:
            if item.split != split:
                continue
            claims.add(item.claims)
            alerts.add(item.alerts)
            for language, score in item.by_language.items():
                per_language.setdefault(language, ClaimScore()).add(score)
        lines.append(f"{split + ' (all)':38} {_claim_cells(claims)} {_alert_cells(alerts)}")
        for language, score in sorted(per_language.items()):
            lines.append(f"{split + ' ' + language:38} {_claim_cells(score)}")
    return lines


def check_floors(results: list[StoryScore], args: argparse.Namespace) -> list[str]:
    failures = []
    floors = {"dev": args.min_f1_dev, "heldout": args.min_f1_heldout}
    for split in dict.fromkeys(item.split for item in results):
        members = [item for item in results if item.split == split]
        per_language: dict[str, ClaimScore] = {}
        claims, alerts = ClaimScore(), AlertScore()
        for item in members:
            claims.add(item.claims)
            alerts.add(item.alerts)
            for language, score in item.by_language.items():
                per_language.setdefault(language, ClaimScore()).add(score)
        floor = floors.get(split)
        for language, score in sorted(per_language.items()):
            if floor is not None and score.f1 < floor:
                failures.append(f"{split} {language}: claims F1 {score.f1:.2f} < {floor:.2f}")
        if args.min_attribution is not None and claims.attribution < args.min_attribution:
            failures.append(f"{split}: attribution {claims.attribution:.2f} < {args.min_attribution:.2f}")
        if args.max_unrequested is not None and alerts.unrequested > args.max_unrequested:
            share = alerts.unrequested
            failures.append(f"{split}: unrequested alerts {share:.2f} > {args.max_unrequested:.2f}")
        for item in members:
            if args.require_alerts and item.alerts.found < item.alerts.expected:
                missing = item.alerts.expected - item.alerts.found
                failures.append(f"{split}/{item.story}: {missing} expected alerts missing")
            if args.no_forbidden and item.alerts.forbidden:
                failures.append(f"{split}/{item.story}: {item.alerts.forbidden} forbidden alerts raised")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", action="append", dest="splits", help="dev, heldout (default both)")
    ap.add_argument("--story", action="append", dest="only", help="score only these story folders")
    ap.add_argument("--tools", type=Path, default=Path(os.environ.get("MONITOR_SCORE_TOOLS", DEFAULT_TOOLS)))
    ap.add_argument("--monitor", default=monitor_command(), help="the monitor command")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--min-f1-dev", type=float)
    ap.add_argument("--min-f1-heldout", type=float)
    ap.add_argument("--min-attribution", type=float)
    ap.add_argument("--max-unrequested", type=float)
    ap.add_argument("--require-alerts", action="store_true")
    ap.add_argument("--no-forbidden", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the scorers' own details")
    args = ap.parse_args(argv)

    todo = stories(args.corpus, args.splits or ["dev", "heldout"])
    if args.only:
        todo = [(split, story) for split, story in todo if story.name in args.only]
    if not todo:
        print("score_corpus: no story to score", file=sys.stderr)
        return 2
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            run = functools.partial(score_story, args.tools, monitor=args.monitor, verbose=args.verbose)
            results = list(pool.map(lambda job: run(job[0], job[1]), todo))
    except BrokenRun as exc:
        print(f"score_corpus: broken run: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        for item in results:
            print("\n".join(item.log))
    print("\n".join(report(results)))
    failures = check_floors(results, args)
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
