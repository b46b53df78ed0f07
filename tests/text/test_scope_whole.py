"""A whole and its part: a country's storm deaths and those of one of its regions (invented).

"Landesweit", "across the country", "in total" make a figure the whole's count; a figure naming no
place is its speaker's country or region before the paragraph's; a partitive before the number
("Of those, ...", "Davon ...") is a sub-count, which is a region's own count only with a place of
its own. Every sentence here is written for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine
from monitor.text.explain import Explanation
from monitor.text.figures.scope import whole_of

CONFIG = """
watchlist:
  - id: ostravia
    kind: country
    names:
      de: [Ostravien, ostravisch]
      en: [Ostravia, Ostravian]
  - id: kelmar
    kind: place
    names:
      de: [Kelmar]
      en: [Kelmar]
  - id: druva
    kind: place
    names:
      de: [Druva]
      en: [Druva]
  - id: interior-ministry
    kind: organization
    names:
      de: [Innenministerium]
      en: [interior ministry]
    speaks_for: ostravia
  - id: regional-council
    kind: organization
    names:
      de: [Regionalrat]
      en: [regional council]
    speaks_for: kelmar
  - id: council-chair
    kind: person
    names:
      de: [Ilka Brandt]
      en: [Ilka Brandt]
    speaks_for: regional-council

claims:
  - id: ostravia-storm-deaths
    kind: figure
    units:
      de: [Tote, Menschen]
      en: [people, dead, deaths]
    actors: [ostravia]
    cues:
      de: [starben, Tote, ums Leben]
      en: [died, killed, dead, death toll]
    accumulates: true
    scope:
      places: [ostravia]
      exclude_places: [kelmar, druva]
  - id: kelmar-storm-deaths
    kind: figure
    units:
      de: [Tote, Menschen]
      en: [people, dead, deaths]
    actors: [kelmar]
    cues:
      de: [starben, Tote, ums Leben]
      en: [died, killed, dead, death toll]
    accumulates: true
    scope:
      places: [kelmar]
      exclude_places: [druva]
  - id: ostravia-evacuated
    kind: figure
    units:
      de: [Menschen]
      en: [people]
    actors: [ostravia]
    cues:
      de: [evakuiert, in Sicherheit gebracht]
      en: [evacuated]
    scope:
      places: [ostravia]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    return _engine()


def _found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float]]:
    analysis = engine.analyze(text, language=language)
    return {(c.claim, c.value) for c in analysis.claims if c.value is not None}


def test_a_nationwide_figure_after_a_regional_one_is_the_country_s(engine: ClaimEngine) -> None:
    german = (
        "In Kelmar starben nach Angaben des Regionalrats 140 Menschen. "
        "Landesweit sind es nach der Zählung des Innenministeriums 152 Tote."
    )
    found = _found(engine, german, "de")
    assert ("kelmar-storm-deaths", 140) in found
    assert ("ostravia-storm-deaths", 152) in found
    assert ("kelmar-storm-deaths", 152) not in found


def test_a_whole_marker_without_a_speaker_never_goes_to_the_part(engine: ClaimEngine) -> None:
    english = "The storm killed 140 people in Kelmar. Across the country the death toll stands at 152."
    found = _found(engine, english, "en")
    assert ("kelmar-storm-deaths", 140) in found
    assert ("kelmar-storm-deaths", 152) not in found
    assert ("ostravia-storm-deaths", 152) in found


def test_a_whole_marker_is_narrowed_by_a_place_of_its_own_clause(engine: ClaimEngine) -> None:
    german = "Das Unwetter traf vor allem den Osten. Insgesamt starben in Kelmar 140 Menschen."
    assert _found(engine, german, "de") == {("kelmar-storm-deaths", 140)}
    # the place after the comma is another figure's: the national figure stays the country's
    english = (
        "The regional council counts 140 dead in Kelmar. "
        "The national figure is 152, with twelve deaths in Druva."
    )
    assert _found(engine, english, "en") == {("kelmar-storm-deaths", 140), ("ostravia-storm-deaths", 152)}


def test_a_figure_without_a_place_takes_its_speaker_s_jurisdiction(engine: ClaimEngine) -> None:
    national = "Heavy rain hit Kelmar on Monday. The interior ministry said 152 people had died."
    assert _found(engine, national, "en") == {("ostravia-storm-deaths", 152)}
    # the speaker of the region: the paragraph's place and the speaker agree
    regional = "Heavy rain hit Ostravia on Monday. The regional council said 140 people had died."
    assert _found(engine, regional, "en") == {("kelmar-storm-deaths", 140)}
    # a person speaks for the council, which speaks for Kelmar
    german = (
        "Ostravien wurde am Montag von Starkregen getroffen. Ilka Brandt sagte, 140 Menschen seien gestorben."
    )
    assert ("ostravia-storm-deaths", 140) not in _found(engine, german, "de")


def test_a_partitive_with_a_place_is_that_place_s_count(engine: ClaimEngine) -> None:
    english = "The interior ministry put the death toll at 152. Of those, 140 died in Kelmar."
    assert _found(engine, english, "en") == {("ostravia-storm-deaths", 152), ("kelmar-storm-deaths", 140)}
    german = "Das Innenministerium meldete 152 Tote. Davon starben 140 in Kelmar, zwölf in Druva."
    assert _found(engine, german, "de") == {("ostravia-storm-deaths", 152), ("kelmar-storm-deaths", 140)}


def test_a_partitive_without_a_place_is_no_new_total_and_explain_says_so(engine: ClaimEngine) -> None:
    english = "The interior ministry said 152 people died. Of those, 140 died in the floods."
    explanation = Explanation()
    analysis = engine.analyze(english, language="en", explanation=explanation)
    assert {(c.claim, c.value) for c in analysis.claims} == {("ostravia-storm-deaths", 152)}
    assert any("'140'" in line and "sub-count ('of those')" in line for line in explanation.lines())
    taken = Explanation()
    engine.analyze(
        "The interior ministry said 152 people died. Of those, 140 died in Kelmar.", "en", None, taken
    )
    assert any("140" in line and "taken as kelmar-storm-deaths's own count" in line for line in taken.lines())


def test_neighbours_excluding_each_other_are_no_whole_and_part() -> None:
    config = parse_config(CONFIG, Path("storm.yaml"))
    claims = {claim.id: claim for claim in config.claims}
    assert whole_of(claims["kelmar-storm-deaths"], config.claims) is claims["ostravia-storm-deaths"]
    assert whole_of(claims["ostravia-storm-deaths"], config.claims) is None
    rivals = CONFIG.replace("exclude_places: [druva]", "exclude_places: [druva, ostravia]")
    rival_claims = parse_config(rivals, Path("storm.yaml")).claims
    assert whole_of(next(c for c in rival_claims if c.id == "kelmar-storm-deaths"), rival_claims) is None


def _engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("storm.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def test_a_partitive_of_the_same_things_is_another_claim_s_only_by_its_own_cue(engine: ClaimEngine) -> None:
    # the evacuation claim's cue is in the article, but not with the sub-count
    borrowed = (
        "Rescuers evacuated many people. In Ostravia, the interior ministry said 152 people died. "
        "Of those, 40 were children in Ostravia."
    )
    assert ("ostravia-evacuated", 40) not in _found(engine, borrowed, "en")
    own = "The interior ministry said 152 people died in Ostravia, of whom 40 had been evacuated."
    assert ("ostravia-evacuated", 40) in _found(engine, own, "en")
