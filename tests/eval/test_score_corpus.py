"""eval/score_corpus.py: the corpus gate CI runs, on a one-story corpus built from eval/holdout.

It runs the real scorers (../shared/tools) and the real ``monitor analyze`` / ``monitor backfill``,
so the per-language split, the pooled counts and the floors are checked end to end.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import SCORE_CLAIMS

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "eval" / "score_corpus.py"
TOOLS = Path(SCORE_CLAIMS).parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    story = root / "dev" / "nk-troops"
    shutil.copytree(ROOT / "eval" / "holdout", story)
    shutil.copy(ROOT / "feeds.yaml", story / "feeds.yaml")
    return root


def run(corpus: Path, *options: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, str(SCRIPT), str(corpus), "--split", "dev", "--tools", str(TOOLS), *options]
    return subprocess.run(args, capture_output=True, text=True, timeout=600)


def test_scores_per_story_split_and_language(corpus: Path) -> None:
    result = run(corpus, "--min-f1-dev", "0.5", "--no-forbidden")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    story = next(line for line in lines if line.startswith("dev/nk-troops"))
    assert "[de " in story and " en " in story
    per_language = {line.split()[1]: line for line in lines if re.match(r"dev (de|en)\b", line)}
    assert set(per_language) == {"de", "en"}
    # the pooled split line adds the languages' counts: its attribution total is their sum
    totals = [int(m.group(1)) for m in (re.search(r"\d+/(\d+) ", per_language[k]) for k in ("de", "en")) if m]
    pooled = next(line for line in lines if line.startswith("dev (all)"))
    pooled_total = re.search(r"\d+/(\d+) ", pooled)
    assert pooled_total is not None and int(pooled_total.group(1)) == sum(totals)
    assert not [line for line in lines if line.startswith("FAIL")]


def test_floors_fail_with_a_reason(corpus: Path) -> None:
    result = run(corpus, "--min-f1-dev", "0.99", "--min-attribution", "0.99", "--require-alerts")
    assert result.returncode == 1, result.stdout + result.stderr
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert any(re.match(r"FAIL dev (de|en): claims F1 0\.\d\d < 0\.99", line) for line in failures), failures
    assert any("attribution" in line for line in failures), failures
    assert any("expected alerts missing" in line for line in failures), failures


def test_a_missing_split_is_an_error(corpus: Path) -> None:
    result = run(corpus, "--split", "heldout")
    assert result.returncode != 0
    assert "no heldout/" in result.stdout + result.stderr
