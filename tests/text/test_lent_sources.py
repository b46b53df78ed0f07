"""A headline figure without a source takes the source the body gives the same figure, also when
the body's sentence was read as another claim (an invented dam failure with two tracked counts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: valdor
    kind: country
    names:
      de: [Valdor]
      en: [Valdor]
  - id: dam-agency
    kind: organization
    names:
      de: [Talsperrenbehörde]
      en: [dam safety agency]
claims:
  - id: dam-deaths
    description: people killed by the Valdor dam failure
    kind: figure
    units:
      de: [Tote, Menschen]
      en: [dead, people]
    actors: [valdor]
    cues:
      de: [Tote, ums Leben, starben]
      en: [dead, died, killed]
  - id: dam-evacuated
    description: people evacuated below the Valdor dam
    kind: figure
    units:
      de: [Menschen, Anwohner]
      en: [people, residents]
    actors: [valdor]
    cues:
      de: [evakuiert, in Sicherheit gebracht]
      en: [evacuated]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("dam.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _headline_source(engine: ClaimEngine, body: str) -> str | None:
    text = "Dammbruch in Valdor: Schon 52 Tote\n\n" + body
    found = engine.analyze(text, language="de").claims
    headline = [f for f in found if f.sentence.startswith("Dammbruch")]
    assert headline, found
    return headline[0].source


def test_the_same_figure_lends_its_source_across_claims(engine: ClaimEngine) -> None:
    # the body's sentence is read as the evacuation count; its 52 is still the headline's 52
    body = "Laut Talsperrenbehörde sind damit schon 52 Menschen evakuiert worden oder ums Leben gekommen."
    assert _headline_source(engine, body) == "dam-agency"


def test_another_figure_lends_nothing(engine: ClaimEngine) -> None:
    body = "Laut Talsperrenbehörde wurden 300 Anwohner evakuiert."
    assert _headline_source(engine, body) is None
