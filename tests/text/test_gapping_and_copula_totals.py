"""A gapped second clause ("police counted 100,000 and organisers 350,000") and a count noun with
a copula ("the official toll is 39"), on a story configured in YAML alone: a flood and a rally in
an invented country.

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import engine_from_yaml

CONFIG = """
watchlist:
  - id: ostmark
    kind: country
    names:
      de: [Ostmarkien]
      en: [Ostmark]
  - id: velland
    kind: country
    names:
      de: [Vellanien]
      en: [Velland]
  - id: ministry
    kind: organization
    names:
      de: [Innenministerium]
      en: [interior ministry]
  - id: relief-agency
    kind: organization
    names:
      de: [Hilfswerk Brennar]
      en: [Brennar Relief]
  - id: police
    kind: organization
    names:
      de: [Polizei]
      en: [police]
  - id: organisers
    kind: organization
    names:
      de: [Veranstalter]
      en: [organisers]

claims:
  - id: flood-deaths
    kind: figure
    units:
      de: [Tote, Todesopfer]
      en: [dead, deaths, people]
    actors: [ostmark]
    cues:
      de: [Tote, Todesopfer]
      en: [dead, killed, death toll, deaths]
    exclude:
      en: [injured]
    accumulates: true
    scope:
      places: [ostmark]
      since: 2033-04-01
  - id: rally-crowd
    kind: figure
    units:
      de: [Menschen, Demonstranten]
      en: [people, protesters]
    actors: [ostmark]
    cues:
      de: [Kundgebung]
      en: [rally, crowd]
    scope:
      places: [ostmark]
      since: 2033-04-01
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("gapping"), CONFIG)


def found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float, str | None]]:
    analysis = engine.analyze(text, language=language)
    return {(c.claim, c.value, c.source) for c in analysis.claims if c.value is not None}


CASES: list[dict[str, Any]] = [
    {
        "id": "gapped-source-en",
        "language": "en",
        "text": "A rally against the dam filled the centre of Ostmark's capital on Sunday. Police "
        "counted 120,000 and organisers 310,000.",
        "want": {("rally-crowd", 120000, "police"), ("rally-crowd", 310000, "organisers")},
        "not": {("rally-crowd", 310000, "police")},
    },
    {
        "id": "gapped-source-and-unit-en",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The interior ministry reported 64 "
        "deaths and Brennar Relief 81.",
        "want": {("flood-deaths", 64, "ministry"), ("flood-deaths", 81, "relief-agency")},
        "not": {("flood-deaths", 81, "ministry")},
    },
    {
        "id": "gapped-source-de",
        "language": "de",
        "text": "In Ostmarkien gingen am Sonntag viele Menschen zu einer Kundgebung auf die Straße. "
        "Die Polizei zählte 120.000 und die Veranstalter 310.000.",
        "want": {("rally-crowd", 120000, "police"), ("rally-crowd", 310000, "organisers")},
        "not": {("rally-crowd", 310000, "police")},
    },
    {
        # a country kept in the gap may count its own dead: not the first figure's unit
        "id": "gapped-country-is-not-the-unit",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The interior ministry reported 64 "
        "deaths and Velland 12.",
        "want": set(),
        "not": {("flood-deaths", 12, "velland"), ("flood-deaths", 12, "ministry")},
    },
    {
        # a verb, not a speaker, between the numbers: the second number is not the deaths' figure
        "id": "coordinated-verb-is-no-gap",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The storm killed 64 people and "
        "injured 90.",
        "want": {("flood-deaths", 64, None)},
        "not": {("flood-deaths", 90, None)},
    },
    {
        "id": "count-noun-copula",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The official death toll is 57.",
        "want": {("flood-deaths", 57, None)},
        "not": set(),
    },
    {
        "id": "count-noun-copula-adverb",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The death toll was still 23 on "
        "Tuesday evening.",
        "want": {("flood-deaths", 23, None)},
        "not": set(),
    },
    {
        # the copula's subject is "the youngest", not the dead: an age, not a count
        "id": "plain-unit-copula-is-no-total",
        "language": "en",
        "text": "Heavy rain flooded the valleys of Ostmark this week. The youngest of the dead was 7.",
        "want": set(),
        "not": {("flood-deaths", 7, None)},
    },
    {
        "id": "count-noun-stands-de",
        "language": "de",
        "text": "In Ostmarkien hat das Hochwasser ganze Dörfer zerstört. Die Zahl der Toten liegt "
        "inzwischen bei 57.",
        "want": {("flood-deaths", 57, None)},
        "not": set(),
    },
]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_gapping_and_copula_case(engine: ClaimEngine, case: dict[str, Any]) -> None:
    got = found(engine, case["text"], case["language"])
    assert case["want"] <= got, f"missing {case['want'] - got}; got {got}"
    assert not (case["not"] & got), f"unexpected {case['not'] & got}"
