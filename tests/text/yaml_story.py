"""An engine built from a story configured in YAML alone, as a user would write feeds.yaml,
and the figures it finds: shared by the tests that each invent such a story."""

from __future__ import annotations

from pathlib import Path

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine


def engine_from_yaml(folder: Path, config_text: str) -> ClaimEngine:
    path = folder / "feeds.yaml"
    path.write_text(config_text, encoding="utf-8")
    config = parse_config(config_text, path)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def figures_found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float]]:
    analysis = engine.analyze(text, language=language)
    return {(c.claim, c.value) for c in analysis.claims if c.value is not None}
