"""Scope, sub-counts, two claims for two places, descriptions as speakers, measured units and messy
text, on a story configured in YAML alone: floods in two invented neighbouring countries.

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError
from monitor.text.engine import ClaimEngine
from monitor.text.explain import Explanation

CONFIG = """
watchlist:
  - id: valdoria
    kind: country
    names:
      de: [Valdorien, valdorisch]
      en: [Valdoria, Valdorian]
  - id: mirenka
    kind: country
    names:
      de: [Mirenka]
      en: [Mirenka]
  - id: port-ossa
    kind: place
    names:
      de: [Port Ossa]
      en: [Port Ossa]
  - id: relief-agency
    kind: organization
    names:
      de: [Katastrophenschutzbehörde Valdoriens, VKB]
      en: [Valdorian relief agency, VRA]
  - id: flood-mission
    kind: organization
    names:
      de: [UN-Hilfsmission]
      en: [UN flood relief mission]

claims:
  - id: valdoria-flood-deaths
    kind: figure
    units:
      de: [Tote, Menschen]
      en: [people, dead, deaths]
    actors: [valdoria]
    cues:
      de: [ums Leben gekommen, Tote, gestorben]
      en: [died, killed, dead, deaths, death toll]
    accumulates: true
    scope:
      places: [valdoria]
      exclude_places: [mirenka, port-ossa]
      since: 2031-03-01
  - id: mirenka-flood-deaths
    kind: figure
    units:
      de: [Tote, Menschen]
      en: [people, dead, deaths]
    actors: [mirenka]
    cues:
      de: [ums Leben gekommen, Tote, gestorben]
      en: [died, killed, dead, death toll]
    accumulates: true
    scope:
      places: [mirenka]
      exclude_places: [valdoria]
      since: 2031-03-01
  - id: evacuation-ordered
    kind: status
    topic:
      en: [evacuation order]
    actors: [valdoria]
    polarity_remove:
      denied: {en: [rejected]}
  - id: evacuation-ordered-plain
    kind: status
    topic:
      en: [evacuation order]
    actors: [valdoria]
  - id: valdoria-shelter-share
    kind: figure
    units:
      de: [Prozent]
      en: ["%", percent]
    actors: [valdoria]
    cues:
      de: [Notunterkünften]
      en: [shelters]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    path = tmp_path_factory.mktemp("floods") / "feeds.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    config = parse_config(CONFIG, path)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float, str | None]]:
    analysis = engine.analyze(text, language=language)
    return {(c.claim, c.value or 0.0, c.source) for c in analysis.claims if c.value is not None}


CASES: list[dict[str, Any]] = [
    # two claims, two places: the place named with the figure decides
    {
        "id": "two-places-en",
        "language": "en",
        "text": "The floods have killed 1,240 people in Valdoria, while in Mirenka 310 people died.",
        "want": {("valdoria-flood-deaths", 1240), ("mirenka-flood-deaths", 310)},
        "not": {("mirenka-flood-deaths", 1240), ("valdoria-flood-deaths", 310)},
    },
    {
        "id": "two-places-de-place-first",
        "language": "de",
        "text": "In Mirenka sind nach Behördenangaben 95 Menschen ums Leben gekommen.",
        "want": {("mirenka-flood-deaths", 95)},
        "not": {("valdoria-flood-deaths", 95)},
    },
    # a headline's dash joins two statements: the place after it is the second one's
    {
        "id": "headline-dash-de",
        "language": "de",
        "text": "Flut in Valdorien: Mindestens 640 Tote \u2013 Damm in Mirenka gebrochen",
        "want": {("valdoria-flood-deaths", 640)},
        "not": {("mirenka-flood-deaths", 640)},
    },
    {
        "id": "headline-dash-en-place-after",
        "language": "en",
        "text": "Valdoria counts its losses \u2014 in Mirenka 210 people died",
        "want": {("mirenka-flood-deaths", 210)},
        "not": {("valdoria-flood-deaths", 210)},
    },
    # an excluded place inside the country (a city count is not the national total)
    {
        "id": "excluded-city-en",
        "language": "en",
        "text": "Valdoria's death toll rose to 2,100; in Port Ossa alone 800 people died.",
        "want": {("valdoria-flood-deaths", 2100)},
        "not": {("valdoria-flood-deaths", 800)},
    },
    # the figure of both countries belongs to neither
    {
        "id": "both-countries-de",
        "language": "de",
        "text": "In Valdorien und Mirenka sind in beiden Ländern zusammen mehr als 1.500 Menschen gestorben.",
        "want": set(),
        "not": {("valdoria-flood-deaths", 1500), ("mirenka-flood-deaths", 1500)},
    },
    # an earlier event: a year before scope.since in the figure's clause
    {
        "id": "earlier-event-en",
        "language": "en",
        "text": "In Valdoria the 2019 floods killed 430 people, far fewer than the 2,600 dead counted now.",
        "want": {("valdoria-flood-deaths", 2600)},
        "not": {("valdoria-flood-deaths", 430)},
    },
    # sub-counts are parts of the figure before, not totals
    {
        "id": "subcount-de",
        "language": "de",
        "text": "In Valdorien sind 2.300 Menschen ums Leben gekommen, darunter 640 Tote in Flussdörfern.",
        "want": {("valdoria-flood-deaths", 2300)},
        "not": {("valdoria-flood-deaths", 640)},
    },
    {
        "id": "subcount-en",
        "language": "en",
        "text": "In Valdoria 2,300 people have died, among them 640 dead in river villages.",
        "want": {("valdoria-flood-deaths", 2300)},
        "not": {("valdoria-flood-deaths", 640)},
    },
    # "davon" pointing ahead to a dass-clause is its correlate, not a sub-count marker
    {
        "id": "correlate-davon-de",
        "language": "de",
        "text": (
            "In Valdorien sind 900 Menschen gestorben. "
            "Die Behörden gehen davon aus, dass 1.400 Menschen gestorben sind."
        ),
        "want": {("valdoria-flood-deaths", 900), ("valdoria-flood-deaths", 1400)},
        "not": set(),
    },
    {
        "id": "subcount-davon-de",
        "language": "de",
        "text": "In Valdorien sind 900 Menschen gestorben, davon 400 Tote in Flussdörfern.",
        "want": {("valdoria-flood-deaths", 900)},
        "not": {("valdoria-flood-deaths", 400)},
    },
    # two places named as often, the figure naming neither: the place of the lead is the story's
    {
        "id": "lead-place-first-de",
        "language": "de",
        "text": (
            "Flut in Mirenka: Die Dämme brechen. Helfer aus Valdorien sind unterwegs.\n\n"
            "Bis Freitag sind 300 Menschen gestorben."
        ),
        "want": {("mirenka-flood-deaths", 300)},
        "not": {("valdoria-flood-deaths", 300)},
    },
    {
        "id": "lead-place-first-de-swapped",
        "language": "de",
        "text": (
            "Flut in Valdorien: Die Dämme brechen. Helfer aus Mirenka sind unterwegs.\n\n"
            "Bis Freitag sind 300 Menschen gestorben."
        ),
        "want": {("valdoria-flood-deaths", 300)},
        "not": {("mirenka-flood-deaths", 300)},
    },
    # "waren es": the inverted placeholder subject continues the sentence before, whose figure
    # belonged to an excluded place
    {
        "id": "copula-es-continues-de",
        "language": "de",
        "text": "In Port Ossa sind 800 Menschen gestorben. Für ganz Valdorien waren es 2.100 Menschen.",
        "want": {("valdoria-flood-deaths", 2100)},
        "not": {("valdoria-flood-deaths", 800)},
    },
    {
        "id": "copula-no-es-de",
        "language": "de",
        "text": "In Port Ossa sind 800 Menschen gestorben. Für ganz Valdorien waren 2.100 Menschen gemeldet.",
        "want": set(),
        "not": {("valdoria-flood-deaths", 2100)},
    },
    # a German cue phrase with its participle moved away ("kamen ... ums Leben")
    {
        "id": "participle-moved-de",
        "language": "de",
        "text": "In Valdorien kamen bis Freitag 1.870 Menschen ums Leben.",
        "want": {("valdoria-flood-deaths", 1870)},
        "not": set(),
    },
    # a measured unit the claim names keeps its number, decimals too
    {
        "id": "percent-en",
        "language": "en",
        "text": "In Valdoria 12.5% of the population now sleep in shelters.",
        "want": {("valdoria-shelter-share", 12.5)},
        "not": set(),
    },
    {
        "id": "percent-de",
        "language": "de",
        "text": "In Valdorien leben inzwischen 12,5 Prozent der Bevölkerung in Notunterkünften.",
        "want": {("valdoria-shelter-share", 12.5)},
        "not": set(),
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scope_case(engine: ClaimEngine, case: dict[str, Any]) -> None:
    got = {(claim, value) for claim, value, _ in found(engine, case["text"], case["language"])}
    assert case["want"] <= got, f"missing {case['want'] - got}; got {got}"
    assert not (case["not"] & got), f"unexpected {case['not'] & got}"


SOURCES: list[tuple[str, str, str, float, str | None]] = [
    # "the agency" / "die Behörde" is the body the article named before, by its name's head noun
    (
        "en",
        "The Valdorian relief agency opened shelters. The agency said 1,900 people had died in Valdoria.",
        "valdoria-flood-deaths",
        1900,
        "relief-agency",
    ),
    (
        "de",
        "Die Katastrophenschutzbehörde Valdoriens öffnete Lager. In Valdorien sind nach Angaben der "
        "Behörde 1.950 Menschen ums Leben gekommen.",
        "valdoria-flood-deaths",
        1950,
        "relief-agency",
    ),
    # a relative clause's subject is the noun before the comma
    (
        "en",
        "The UN flood relief mission, which on Monday reported 2,050 deaths in Valdoria, now says more.",
        "valdoria-flood-deaths",
        2050,
        "flood-mission",
    ),
    # a verb that reports a figure with its preposition ("kam auf")
    (
        "de",
        "Die VKB kam am Samstag auf 2.080 Tote in Valdorien.",
        "valdoria-flood-deaths",
        2080,
        "relief-agency",
    ),
    # a usual speaker noun with no watchlist actor behind it is the speaker as written
    (
        "en",
        "In Valdoria, police said 2,110 people had died.",
        "valdoria-flood-deaths",
        2110,
        "police",
    ),
    # "a spokesman" is someone, not the body named before
    (
        "en",
        "The VRA met on Monday. In Valdoria 2,120 people died, a spokesman said.",
        "valdoria-flood-deaths",
        2120,
        None,
    ),
]


@pytest.mark.parametrize(("language", "text", "claim", "value", "source"), SOURCES)
def test_source_by_description(
    engine: ClaimEngine, language: str, text: str, claim: str, value: float, source: str | None
) -> None:
    got = found(engine, text, language)
    assert (claim, value, source) in got, got


def test_run_together_sentences_are_split(engine: ClaimEngine) -> None:
    """ "...gab die Behörde an.Am Abend ...": the second sentence's figure keeps its own source."""
    text = (
        "In Valdorien sind 2.200 Menschen ums Leben gekommen, teilte die VKB mit.Am Abend meldete "
        "Mirenka 120 Tote."
    )
    got = found(engine, text, "de")
    assert ("valdoria-flood-deaths", 2200, "relief-agency") in got
    assert ("mirenka-flood-deaths", 120, "mirenka") in got


def test_explain_names_the_reason_for_each_number(engine: ClaimEngine) -> None:
    explanation = Explanation()
    engine.analyze(
        "Valdoria's death toll rose to 2,100, the VRA said; in Port Ossa alone 800 people died.",
        language="en",
        explanation=explanation,
    )
    lines = explanation.lines()
    taken = [line for line in lines if line.startswith("+")]
    left = [line for line in lines if line.startswith("-")]
    assert len(taken) == 1 and "valdoria-flood-deaths 2,100" in taken[0]
    assert "source relief-agency" in taken[0] and "cue " in taken[0] and "unit " in taken[0]
    assert any("'800'" in line and "port-ossa is excluded" in line for line in left), lines


def test_explain_says_when_no_unit_is_attached(engine: ClaimEngine) -> None:
    explanation = Explanation()
    engine.analyze("In Valdoria 2,000 people died and 40 bridges were lost.", "en", explanation=explanation)
    assert any("'40'" in line and "no unit term" in line for line in explanation.lines()), explanation.lines()


@pytest.mark.parametrize(
    ("claim_yaml", "message"),
    [
        ("scope: {places: [atlantis]}", "unknown actor id 'atlantis'"),
        ("scope: {places: [valdoria], exclude_places: [valdoria]}", "in both places and exclude_places"),
        ("scope: {since: not-a-date}", "since"),
        ("polarity_remove: {denied: {en: [refused]}}", "polarity_remove is for status claims"),
        ("same_moment_hours: 0", "same_moment_hours"),
    ],
)
def test_new_claim_keys_are_validated(tmp_path: Path, claim_yaml: str, message: str) -> None:
    scope = (
        "    scope:\n      places: [valdoria]\n      exclude_places: [mirenka, port-ossa]\n"
        "      since: 2031-03-01\n"
    )
    assert scope in CONFIG
    text = CONFIG.replace(scope, f"    {claim_yaml}\n", 1)
    path = tmp_path / "feeds.yaml"
    with pytest.raises(ConfigError) as error:
        parse_config(text, path)
    assert message in str(error.value)


def test_polarity_remove_switches_a_builtin_cue_off_for_one_claim(engine: ClaimEngine) -> None:
    """ "rejected" is a built-in denial; for a claim where residents reject an order it is none."""
    text = "In Valdoria, residents of the coast rejected the evacuation order, the VRA said."
    statements = {(c.claim, c.polarity) for c in engine.analyze(text, language="en").claims if c.polarity}
    assert ("evacuation-ordered-plain", "denied") in statements
    assert not any(claim == "evacuation-ordered" and polarity == "denied" for claim, polarity in statements)
