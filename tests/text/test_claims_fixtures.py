"""Golden passages for the claim engine: what must and must not be found.

Every passage in tests/text/fixtures/*.yaml was written for this project (no
sentence is copied from the seed corpus). A case lists ``expect`` findings
(every key given must match: value within 1 %, source exactly, ``source: null``
demanding no source) and ``reject`` findings (no finding may match all keys
given), plus optional ``actors`` / ``no_actors``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.config import load_config
from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import finding_matches, show_findings

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    return params


CASES = _cases()


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = load_config(ROOT / "feeds.yaml")
    return ClaimEngine.from_config(config.watchlist, config.claims)


def test_fixture_set_is_large_and_varied() -> None:
    languages = {case.values[0]["language"] for case in CASES}
    assert len(CASES) >= 150
    assert languages == {"de", "en"}


@pytest.mark.parametrize("case", CASES)
def test_passage(engine: ClaimEngine, case: dict[str, Any]) -> None:
    assert case.get("expect") or case.get("reject") or case.get("actors") or case.get("no_actors")
    analysis = engine.analyze(case["text"], language=case["language"], title=case.get("title"))
    findings = analysis.claims
    for want in case.get("expect", []):
        assert any(finding_matches(f, want) for f in findings), (
            f"missing {want}; found:\n{show_findings(findings)}"
        )
    for unwanted in case.get("reject", []):
        bad = [f for f in findings if finding_matches(f, unwanted)]
        assert not bad, f"must not find {unwanted}; found:\n{show_findings(bad)}"
    found_actors = {mention.actor_id for mention in analysis.actors}
    for actor in case.get("actors", []):
        assert actor in found_actors, f"actor {actor} not found in {sorted(found_actors)}"
    for actor in case.get("no_actors", []):
        assert actor not in found_actors, f"actor {actor} must not be found"
