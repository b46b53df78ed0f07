"""Bare numbers a source gives for what the paragraph counts ("Die Polizei zählte 42.000",
"organisers on 80,000"), on a story configured in YAML alone: rallies in two invented cities.

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import engine_from_yaml, figures_found

CONFIG = """
watchlist:
  - id: lorvenburg
    kind: place
    names:
      de: [Lorvenburg]
      en: [Lorvenburg]
  - id: caldera
    kind: place
    names:
      de: [Caldera]
      en: [Caldera]

claims:
  - id: lorvenburg-crowd
    kind: figure
    units:
      de: [Menschen, Demonstranten]
      en: [people, protesters]
    actors: [lorvenburg]
    cues:
      de: [Kundgebung, Demonstration, demonstriert, Demonstranten]
      en: [rally, protest, crowd, protesters]
    scope:
      places: [lorvenburg]
      since: 2032-03-06
  - id: lorvenburg-arrests
    kind: figure
    units:
      de: [Menschen, Demonstranten]
      en: [people, protesters]
    actors: [lorvenburg]
    cues:
      de: [festgenommen]
      en: [arrested]
    scope:
      places: [lorvenburg]
      since: 2032-03-06
  - id: caldera-crowd
    kind: figure
    units:
      de: [Menschen, Demonstranten]
      en: [people, protesters]
    actors: [caldera]
    cues:
      de: [Kundgebung, Demonstration, demonstriert]
      en: [rally, protest, crowd]
    scope:
      places: [caldera]
      since: 2032-03-06
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("rallies"), CONFIG)


CASES: list[dict[str, Any]] = [
    {
        "id": "counted-after-a-unit-de",
        "language": "de",
        "text": "In Lorvenburg zogen am Samstag viele Demonstranten durch die Altstadt. Die Kundgebung "
        "blieb friedlich. Die Polizei zählte 42.000.",
        "want": {("lorvenburg-crowd", 42000)},
        "not": {("caldera-crowd", 42000)},
    },
    # the verb behind the number, the place opening the paragraph
    {
        "id": "fronted-preposition-de",
        "language": "de",
        "text": "Der Samstag in zwei Städten.\n\nCALDERA: Die Kundgebung am Hafen war friedlich. "
        "Auf 90.000 bezifferten die Veranstalter die Menge.",
        "want": {("caldera-crowd", 90000)},
        "not": {("lorvenburg-crowd", 90000)},
    },
    {
        "id": "colon-de",
        "language": "de",
        "text": "Der Samstag in zwei Städten.\n\nLORVENBURG: Die Demonstration zog bis zum Rathaus. "
        "Die Veranstalter jubelten: 75.000!",
        "want": {("lorvenburg-crowd", 75000)},
        "not": {("caldera-crowd", 75000)},
    },
    # the reporting verb left out in the second clause
    {
        "id": "gapped-clause-en",
        "language": "en",
        "text": "Caldera's rally filled the harbour. Police there settled on 30,000; organisers on 80,000.",
        "want": {("caldera-crowd", 30000), ("caldera-crowd", 80000)},
        "not": {("lorvenburg-crowd", 30000), ("lorvenburg-crowd", 80000)},
    },
    {
        "id": "colon-en",
        "language": "en",
        "text": "In Lorvenburg the protest filled the main square. Far more, the organisers maintained: "
        "120,000.",
        "want": {("lorvenburg-crowd", 120000)},
        "not": set(),
    },
    # a cue that is only the counted noun (shared with another claim) loses to a verb cue
    {
        "id": "noun-cue-loses-to-verb-en",
        "language": "en",
        "text": "In Lorvenburg 40 protesters were arrested after the march.",
        "want": {("lorvenburg-arrests", 40)},
        "not": {("lorvenburg-crowd", 40)},
    },
    {
        "id": "noun-cue-loses-to-verb-de",
        "language": "de",
        "text": "In Lorvenburg wurden 40 Demonstranten festgenommen.",
        "want": {("lorvenburg-arrests", 40)},
        "not": {("lorvenburg-crowd", 40)},
    },
    {
        "id": "noun-cue-alone-en",
        "language": "en",
        "text": "In Lorvenburg 9,000 protesters marched to the town hall.",
        "want": {("lorvenburg-crowd", 9000)},
        "not": {("lorvenburg-arrests", 9000)},
    },
    # the source's number in quotation marks; a qualifier before the first of two gapped clauses
    {
        "id": "quoted-number-en",
        "language": "en",
        "text": "In Lorvenburg the rally grew all afternoon. Police estimates started at 20,000 and "
        'ended at "well over 45,000".',
        "want": {("lorvenburg-crowd", 45000)},
        "not": {("caldera-crowd", 45000)},
    },
    {
        "id": "qualified-gapped-clause-en",
        "language": "en",
        "text": "Caldera, Saturday. Police put the crowd at around 30,000, organisers at 70,000.",
        "want": {("caldera-crowd", 30000), ("caldera-crowd", 70000)},
        "not": {("lorvenburg-crowd", 70000)},
    },
    # a paragraph that names nothing continues what the article counted before it
    {
        "id": "paragraph-continues-article-en",
        "language": "en",
        "text": "In Lorvenburg police counted 50,000 people at the rally.\n\nCaldera tells a similar "
        "story. Police there settled on 20,000; organisers on 60,000.",
        "want": {("lorvenburg-crowd", 50000), ("caldera-crowd", 20000), ("caldera-crowd", 60000)},
        "not": {("lorvenburg-crowd", 60000)},
    },
    {
        "id": "paragraph-counts-other-things-en",
        "language": "en",
        "text": "In Lorvenburg police counted 50,000 people at the rally.\n\nThe harbour has twelve "
        "piers. Its operator counted 400 ships last year.",
        "want": {("lorvenburg-crowd", 50000)},
        "not": {("lorvenburg-crowd", 400)},
    },
    # a source's figure of the unit takes the cue its paragraph named before it; the writer's own aside
    # does not
    {
        "id": "sourced-figure-paragraph-cue-de",
        "language": "de",
        "text": "LORVENBURG: Die Polizei löste die Kundgebung am Mittag auf. Laut Polizei waren "
        "64.000 Menschen dort.",
        "want": {("lorvenburg-crowd", 64000)},
        "not": {("caldera-crowd", 64000)},
    },
    {
        "id": "unsourced-aside-no-paragraph-cue-de",
        "language": "de",
        "text": "LORVENBURG: Die Polizei löste die Kundgebung am Mittag auf. In der Stadt leben "
        "310.000 Menschen.",
        "want": set(),
        "not": {("lorvenburg-crowd", 310000)},
    },
    # an inflected adjective after the number opens a noun phrase of its own
    {
        "id": "adjective-and-noun-de",
        "language": "de",
        "text": "Die Kundgebung in Lorvenburg blieb nicht ruhig. "
        "Die Polizei meldet 14 zerstörte Schaufenster.",
        "want": set(),
        "not": {("lorvenburg-crowd", 14)},
    },
    {
        "id": "bare-after-verb-de",
        "language": "de",
        "text": "Die Kundgebung in Lorvenburg wuchs stetig. Die Polizei meldet 14.000.",
        "want": {("lorvenburg-crowd", 14000)},
        "not": set(),
    },
    # a number in apposition spells out a multiple; a multiple alone is no figure (its value would
    # have to be computed from the one it multiplies)
    {
        "id": "multiple-spelled-out-en",
        "language": "en",
        "text": "In Lorvenburg police counted 45,000 people at the rally. "
        "The organisers spoke of twice that, "
        "around 90,000.",
        "want": {("lorvenburg-crowd", 45000), ("lorvenburg-crowd", 90000)},
        "not": {("lorvenburg-crowd", 2)},
    },
    {
        "id": "multiple-alone-en",
        "language": "en",
        "text": "In Lorvenburg police counted 45,000 people at the rally. "
        "The organisers spoke of twice that.",
        "want": {("lorvenburg-crowd", 45000)},
        "not": {("lorvenburg-crowd", 2), ("lorvenburg-crowd", 90000)},
    },
    {
        "id": "multiple-alone-de",
        "language": "de",
        "text": "In Lorvenburg zählte die Polizei 45.000 Demonstranten. Die Veranstalter sprachen von "
        "doppelt so vielen.",
        "want": {("lorvenburg-crowd", 45000)},
        "not": {("lorvenburg-crowd", 2), ("lorvenburg-crowd", 90000)},
    },
    # what is no crowd count
    {
        "id": "a-rate-en",
        "language": "en",
        "text": "At the rally in Lorvenburg, police counted three people per square metre.",
        "want": set(),
        "not": {("lorvenburg-crowd", 3)},
    },
    {
        "id": "a-rate-de",
        "language": "de",
        "text": "Bei der Kundgebung in Lorvenburg standen vier Menschen pro Quadratmeter.",
        "want": set(),
        "not": {("lorvenburg-crowd", 4)},
    },
    {
        "id": "money-en",
        "language": "en",
        "text": "In Lorvenburg the protest ended at dusk. Police reported 40,000 euros in damage.",
        "want": set(),
        "not": {("lorvenburg-crowd", 40000)},
    },
    {
        "id": "paragraph-counts-nothing-en",
        "language": "en",
        "text": "Lorvenburg is an old port town on the river. Its council counted 5,000.",
        "want": set(),
        "not": {("lorvenburg-crowd", 5000)},
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reported_case(engine: ClaimEngine, case: dict[str, Any]) -> None:
    got = figures_found(engine, case["text"], case["language"])
    assert case["want"] <= got, f"missing {case['want'] - got}; got {got}"
    assert not (case["not"] & got), f"unexpected {case['not'] & got}"
