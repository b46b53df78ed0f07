"""Agency copy across outlets: near-duplicate grouping measured on eval/syndication,
agency credits, and "backed by" counting independent voices."""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from monitor.cli.alerts import backing
from monitor.detect.model import Observation
from monitor.detect.syndication import agency_of, group_syndicated

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "eval" / "syndication" / "cases.jsonl"


def load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("syndication_score", ROOT / "eval/syndication/score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_grouping_precision_and_recall_on_the_evaluation_set() -> None:
    score = load_score()
    cases = score.load()
    stories = {case["story"] for case in cases}
    assert len(cases) >= 20 and len(stories) >= 10  # copies and same-topic stories that must stay apart
    precision, recall, grouped, true_pairs = score.score(cases)
    assert true_pairs >= 20 and grouped > 0
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


def test_a_shared_background_sentence_does_not_make_a_copy() -> None:
    cases = {c["id"]: c["text"] for c in map(json.loads, CASES.read_text(encoding="utf-8").splitlines())}
    ids = ["A-zeitung-nord", "J-zeitung-nord"]  # one dpa desk, two reports, two sentences in common
    result = group_syndicated({i: cases[name] for i, name in enumerate(ids)})
    assert result.original == {0: 0, 1: 1}


def test_short_texts_are_never_grouped() -> None:
    result = group_syndicated({1: "Seoul (dpa) - Troops moved.", 2: "Seoul (dpa) - Troops moved."})
    assert result.original == {1: 1, 2: 2}


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Seoul (dpa) - Südkoreas Militär hat ...", "dpa"),
        ("Berlin - Die Regierung ... (dpa/AFP)", "dpa"),
        ("Brüssel (AFP) - Die Nato hat ...", "afp"),
        ("KYIV (Reuters) - Ukraine's military ...", "reuters"),
        ("WASHINGTON (AP) - The Pentagon said ...", "ap"),
        ("Seoul - Der Geheimdienst schätzt ...", None),
        ("An adaptation of the map was shown.", None),  # "ap" inside a word is no credit
    ],
)
def test_agency_credits(text: str, agency: str | None) -> None:
    assert agency_of(text) == agency


def observation(obs_id: int, article_id: int, outlet: str, source: str | None = None) -> Observation:
    return Observation(
        id=obs_id,
        claim="c",
        article_id=article_id,
        published=datetime(2024, 10, 18, tzinfo=UTC),
        value=3000.0,
        source=source,
        span=(3000.0, 3000.0),
        outlet=outlet,
    )


def test_backed_by_counts_agency_copy_once() -> None:
    cases = {c["id"]: c["text"] for c in map(json.loads, CASES.read_text(encoding="utf-8").splitlines())}
    copies = ["B-daily-post", "B-the-courier", "B-metro-news", "B-evening-star"]
    texts = {i + 1: cases[name] for i, name in enumerate(copies)}
    texts[9] = cases["G-the-courier"]  # an outlet's own report, not a copy
    timeline = [observation(i, i, outlet=f"outlet-{i}") for i in texts]
    syndication = group_syndicated(texts)
    assert syndication.copies_of(1) == [2, 3, 4] and syndication.agency[3] == "reuters"
    # four papers printing one Reuters figure plus one paper's own: two voices, not five
    assert set(backing(timeline, syndication).values()) == {2}
    assert set(backing(timeline).values()) == {5}  # what counting outlets said before
    # a named source stays its own voice in every copy: still one voice
    named = [observation(i, i, outlet=f"outlet-{i}", source="hur") for i in texts]
    assert set(backing(named, syndication).values()) == {1}
