"""French golden passages: a user following French-language reporting is served.

The claims and watchlist are a user's own, in ``examples/fr/feeds.yaml`` (two stories: the
2023 earthquake in Morocco and North Korean soldiers in Russia); the passages in
``tests/text/fixtures_fr/*.yaml`` were written for this project, in the same format as the
German and English ones (``expect`` findings that must be there, ``reject`` ones that must not).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.config import load_config
from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import finding_matches as _matches
from tests.text.yaml_story import show_findings as _show

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures_fr"
CONFIG = ROOT / "examples" / "fr" / "feeds.yaml"


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    return params


CASES = _cases()


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = load_config(CONFIG)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def test_french_fixture_set_is_large_and_french() -> None:
    assert len(CASES) >= 60
    assert {case.values[0]["language"] for case in CASES} == {"fr"}
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES)
def test_french_passage(engine: ClaimEngine, case: dict[str, Any]) -> None:
    assert case.get("expect") or case.get("reject")
    findings = engine.analyze(case["text"], language=case["language"], title=case.get("title")).claims
    for want in case.get("expect", []):
        assert any(_matches(f, want) for f in findings), f"missing {want}; found:\n{_show(findings)}"
    for unwanted in case.get("reject", []):
        assert not any(_matches(f, unwanted) for f in findings), (
            f"unwanted {unwanted}; found:\n{_show(findings)}"
        )


def test_a_french_article_is_recognised_as_french(engine: ClaimEngine) -> None:
    text = (
        "Le séisme qui a frappé le Maroc dans la nuit de vendredi à samedi a fait au moins 2 012 morts, "
        "selon un nouveau bilan publié par le ministère de l'Intérieur. Les secours poursuivent leurs "
        "recherches dans les villages de montagne, où les maisons se sont effondrées."
    )
    analysis = engine.analyze(text)
    assert analysis.language == "fr"
    assert any(f.claim == "seisme-maroc-morts" and f.value == 2012 for f in analysis.claims)
