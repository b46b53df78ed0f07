"""Count nouns are built-in cues: "the toll", "die Zahl der Flutopfer" name what a deaths claim
counts without the user listing them; the other senses of those words do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: valdoria
    kind: country
    names:
      de: [Valdorien, valdorisch]
      en: [Valdoria, Valdorian]
claims:
  - id: valdoria-flood-deaths
    description: people killed by the floods in Valdoria
    kind: figure
    units:
      de: [Tote, Opfer, Menschen]
      en: [people, dead, deaths, victims]
    actors: [valdoria]
    cues:
      de: [starben, ums Leben gekommen, Tote, Opferbilanz]
      en: [died, killed, dead, death toll]
  - id: valdoria-flood-missing
    description: people missing after the floods in Valdoria
    kind: figure
    units:
      de: [Vermisste, Menschen]
      en: [missing, people]
    actors: [valdoria]
    cues:
      de: [vermisst]
      en: [missing]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("count-nouns.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _found(engine: ClaimEngine, text: str, language: str) -> list[tuple[str, float | None]]:
    return [(f.claim, f.value) for f in engine.analyze(text, language=language).claims]


def test_bare_toll_counts_for_a_claim_whose_cue_is_a_toll(engine: ClaimEngine) -> None:
    text = "The government of Valdoria now puts the toll at 140 people."
    assert _found(engine, text, "en") == [("valdoria-flood-deaths", 140)]


def test_toll_with_a_number_complement(engine: ClaimEngine) -> None:
    text = "Valdoria's interior ministry confirmed the toll of 87 people on Monday."
    assert _found(engine, text, "en") == [("valdoria-flood-deaths", 87)]


def test_german_compound_victims_after_count_noun(engine: ClaimEngine) -> None:
    text = "In Valdorien ist die Zahl der Hochwasseropfer auf 63 Menschen gestiegen."
    assert _found(engine, text, "de") == [("valdoria-flood-deaths", 63)]


def test_count_of_a_shared_unit_is_no_cue(engine: ClaimEngine) -> None:
    # "Menschen" are counted by the missing claim too: the count noun says nothing of deaths
    text = "In Valdorien ist die Zahl der Menschen in Notunterkünften auf 900 gestiegen."
    assert _found(engine, text, "de") == []


def test_company_balance_is_no_toll(engine: ClaimEngine) -> None:
    text = "Die Bilanz des valdorischen Versicherers weist 300 Menschen als neue Kunden aus."
    assert _found(engine, text, "de") == []


def test_toll_road_is_no_toll(engine: ClaimEngine) -> None:
    text = "The toll road into Valdoria carried 4,000 people on Sunday."
    assert _found(engine, text, "en") == []


def test_figurative_toll_on_the_economy_is_no_toll(engine: ClaimEngine) -> None:
    text = "The floods took a heavy toll on Valdoria's economy, leaving 2,500 people without work."
    assert _found(engine, text, "en") == []


def test_bare_bilanz_counts_for_a_claim_whose_cue_is_a_bilanz(engine: ClaimEngine) -> None:
    text = "Die Regierung Valdoriens korrigierte die Bilanz am Abend auf 75 Menschen."
    assert _found(engine, text, "de") == [("valdoria-flood-deaths", 75)]
