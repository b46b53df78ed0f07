"""Which numbers become figures of which claim, on a story configured in YAML alone: a ferry that
sank off an invented harbour town, and an election in an invented country.

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from monitor.text.explain import Explanation
from monitor.text.words.sentences import split_sentences
from tests.text.yaml_story import engine_from_yaml, figures_found

CONFIG = """
watchlist:
  - id: valdoria
    kind: country
    names:
      de: [Valdorien]
      en: [Valdoria]
  - id: korvik
    kind: place
    names:
      de: [Korvik]
      en: [Korvik]
  - id: tarsa
    kind: place
    names:
      de: [Tarsa]
      en: [Tarsa]
  - id: coast-guard
    kind: organization
    names:
      de: [Küstenwache]
      en: [coast guard]
  - id: electoral-office
    kind: organization
    names:
      de: [Landeswahlamt]
      en: [electoral office]

claims:
  - id: ferry-rescued
    kind: figure
    units:
      de: [Menschen, Passagiere]
      en: [people, passengers]
    actors: [korvik]
    cues:
      de: [gerettet]
      en: [rescued]
    scope:
      places: [korvik]
      since: 2031-04-02
  - id: ferry-dead
    kind: figure
    units:
      de: [Leichen, Tote]
      en: [bodies, dead]
    actors: [korvik]
    cues:
      de: [geborgen, Tote]
      en: [recovered, dead]
    scope:
      places: [korvik]
      since: 2031-04-02
  - id: turnout
    kind: figure
    units:
      de: [Prozent]
      en: [percent, "%"]
    actors: [valdoria]
    cues:
      de: [Wahlbeteiligung, gewählt]
      en: [turnout, voted]
    scope:
      places: [valdoria]
      since: 2031-05-04
  - id: eligible
    kind: figure
    units:
      de: [Wahlberechtigte]
      en: [eligible voters, people]
    actors: [valdoria]
    cues:
      de: [wahlberechtigt, Wahlberechtigte]
      en: [eligible]
    scope:
      places: [valdoria]
      since: 2031-05-04
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("ferry"), CONFIG)


CASES: list[dict[str, Any]] = [
    # a claim about what happened at a place: the article names the place once, the figure's
    # sentence does not
    {
        "id": "place-named-once-de",
        "language": "de",
        "text": "Die Fähre sank am Morgen vor Korvik. Die Küstenwache war mit drei Booten im Einsatz, "
        "die Küstenwache des Nachbarbezirks mit zwei. "
        "Bis zum Abend wurden 61 Menschen gerettet, teilte die Küstenwache mit. "
        "Die Zahl der geborgenen Leichen stieg auf 14.",
        "want": {("ferry-rescued", 61), ("ferry-dead", 14)},
        "not": set(),
    },
    {
        "id": "place-named-once-en",
        "language": "en",
        "text": "A ferry sank off Korvik on Tuesday. The coast guard sent four boats, and a second coast "
        "guard crew a helicopter. "
        "By noon 58 people had been rescued and 9 bodies were recovered, the coast guard said.",
        "want": {("ferry-rescued", 58), ("ferry-dead", 9)},
        "not": set(),
    },
    # ... but another place named with the figure is that place's count
    {
        "id": "other-place-with-the-figure-en",
        "language": "en",
        "text": "A ferry sank off Korvik on Tuesday. In Tarsa, 40 people were rescued from a barge.",
        "want": set(),
        "not": {("ferry-rescued", 40)},
    },
    # an article that names no place at all may still be about the claim's place
    {
        "id": "no-place-named-de",
        "language": "de",
        "text": "Das Landeswahlamt meldete am Abend eine hohe Wahlbeteiligung. "
        "Nach der Hochrechnung lag die Wahlbeteiligung bei 71,5 Prozent.",
        "want": {("turnout", 71.5)},
        "not": set(),
    },
    {
        "id": "only-another-place-named-de",
        "language": "de",
        "text": "In Tarsa lag die Wahlbeteiligung bei 60 Prozent.",
        "want": set(),
        "not": {("turnout", 60)},
    },
    # a share of the counted noun is no count of it
    {
        "id": "share-of-the-unit-de",
        "language": "de",
        "text": "In Valdorien hatten bis Mittag 38 Prozent der Wahlberechtigten gewählt.",
        "want": set(),
        "not": {("eligible", 38)},
    },
    {
        "id": "share-of-the-unit-en",
        "language": "en",
        "text": "In Valdoria 38% of eligible voters had voted by noon.",
        "want": set(),
        "not": {("eligible", 38)},
    },
    # a year an earlier clause names sets the figure in another event
    {
        "id": "year-in-apposition-de",
        "language": "de",
        "text": "In Valdorien war die Wahlbeteiligung von 2027, knapp 66 Prozent, schon niedrig.",
        "want": set(),
        "not": {("turnout", 66)},
    },
    {
        "id": "year-in-opening-clause-en",
        "language": "en",
        "text": "At the 2027 election in Valdoria, when 40.1 million people were eligible, turnout had "
        "been 66%.",
        "want": set(),
        "not": {("turnout", 66), ("eligible", 40_100_000)},
    },
    {
        "id": "year-before-a-comma-en",
        "language": "en",
        "text": "Valdoria's lowest turnout came in 2019, with 58.2%.",
        "want": set(),
        "not": {("turnout", 58.2)},
    },
    {
        "id": "year-range-en",
        "language": "en",
        "text": "Valdoria has not seen such a turnout since the votes of 2026-27, when 74% voted.",
        "want": set(),
        "not": {("turnout", 74)},
    },
    # "last year", "im Vorjahr": the year before is another event too; "since last year" is not
    {
        "id": "last-year-en",
        "language": "en",
        "text": "In Valdoria turnout last year's vote was 61%.",
        "want": set(),
        "not": {("turnout", 61)},
    },
    {
        "id": "vorjahr-de",
        "language": "de",
        "text": "Im Vorjahr lag die Wahlbeteiligung in Valdorien bei 61 Prozent.",
        "want": set(),
        "not": {("turnout", 61)},
    },
    {
        "id": "same-period-last-year-en",
        "language": "en",
        "text": "In Valdoria turnout was higher than in the same vote last year, when 61% voted.",
        "want": set(),
        "not": {("turnout", 61)},
    },
    {
        "id": "since-last-year-de",
        "language": "de",
        "text": "In Valdorien ist die Wahlbeteiligung seit dem Vorjahr auf 71,5 Prozent gestiegen.",
        "want": {("turnout", 71.5)},
        "not": set(),
    },
    # ... but not when a figure of its own stands between, or the figure is said to be today's
    {
        "id": "year-with-its-own-figure-en",
        "language": "en",
        "text": "In Valdoria turnout in 2027 was 66%, far below the 71.5% voted now.",
        "want": {("turnout", 71.5)},
        "not": {("turnout", 66)},
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_figure_case(engine: ClaimEngine, case: dict[str, Any]) -> None:
    got = figures_found(engine, case["text"], case["language"])
    assert case["want"] <= got, f"missing {case['want'] - got}; got {got}"
    assert not (case["not"] & got), f"unexpected {case['not'] & got}"


def test_explain_names_the_earlier_year(engine: ClaimEngine) -> None:
    explanation = Explanation()
    engine.analyze("Valdoria's lowest turnout came in 2019, with 58.2%.", "en", explanation=explanation)
    lines = explanation.lines()
    assert any("'58.2'" in line and "2019" in line and "before the event" in line for line in lines), lines


def test_a_number_before_a_sentence_opener_ends_the_sentence() -> None:
    """ "stieg auf 222. Davon starben 215": no ordinal, two sentences (each figure its own place)."""
    texts = [x.text for x in split_sentences("Die Zahl stieg auf 222. Davon starben 215 in Korvik.", "de")]
    assert texts == ["Die Zahl stieg auf 222.", "Davon starben 215 in Korvik."]
    assert len(split_sentences("Die Fähre fuhr auf der 3. Linie nach Korvik.", "de")) == 1
