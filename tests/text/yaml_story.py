"""An engine built from a story configured in YAML alone, as a user would write feeds.yaml,
and the figures it finds: shared by the tests that each invent such a story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from monitor.config import parse_config
from monitor.models import ClaimFinding
from monitor.text.engine import ClaimEngine

# the keys a wanted or unwanted finding may name; a value matches within 1 %
MATCH_KEYS = ("claim", "value", "qualifier", "source", "polarity", "recalled")


def engine_from_yaml(folder: Path, config_text: str) -> ClaimEngine:
    path = folder / "feeds.yaml"
    path.write_text(config_text, encoding="utf-8")
    config = parse_config(config_text, path)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def figures_found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float]]:
    analysis = engine.analyze(text, language=language)
    return {(c.claim, c.value) for c in analysis.claims if c.value is not None}


def finding_matches(finding: ClaimFinding, want: dict[str, Any]) -> bool:
    """Every key ``want`` gives matches the finding (``source: None`` demands no source)."""
    for key in MATCH_KEYS:
        if key not in want:
            continue
        got = getattr(finding, key)
        if key == "value":
            if got is None or abs(got - want["value"]) > 0.01 * max(abs(want["value"]), 1):
                return False
        elif got != want[key]:
            return False
    return True


def show_findings(findings: list[ClaimFinding]) -> str:
    return (
        "\n".join(
            f"  {f.claim} value={f.value} qualifier={f.qualifier} polarity={f.polarity} source={f.source!r}"
            for f in findings
        )
        or "  (nothing)"
    )
