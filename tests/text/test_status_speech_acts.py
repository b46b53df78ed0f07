"""Status statements as speech acts: who says what about a tracked event, in German and English.

The watchlist and claims are invented for these tests; so are the sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: veria
    kind: country
    names:
      de: [Veria, verianisch, Verias]
      en: [Veria, Verian]
  - id: coastal-front
    kind: group
    names:
      de: [Küstenfront]
      en: [Coastal Front]
  - id: porto-lume
    kind: place
    names:
      de: [Porto Lume]
      en: [Porto Lume]

claims:
  - id: veria-ceasefire
    description: whether Veria's government agreed to a ceasefire
    kind: status
    topic:
      de: [Waffenruhe, Feuerpause]
      en: [ceasefire, truce]
    actors: [veria]
    cues:
      de: [vereinbart, zugestimmt]
      en: [agreed]
  - id: front-attacks
    description: whether Coastal Front fighters attacked civilians
    kind: status
    topic:
      de: [Angriffe, Zivilisten]
      en: [attacks, civilians]
    actors: [coastal-front]
    cues:
      de: [angegriffen]
      en: [attacked]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("speech-acts.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _statements(engine: ClaimEngine, text: str, language: str) -> list[tuple[str, str | None, str | None]]:
    return [(f.claim, f.polarity, f.source) for f in engine.analyze(text, language=language).claims]


def test_a_speaker_saying_there_is_no_such_thing_denies_it(engine: ClaimEngine) -> None:
    english = "There will be no ceasefire with the rebels, the Verian defence minister told reporters."
    assert _statements(engine, english, "en") == [("veria-ceasefire", "denied", "veria")]
    german = "„Es gibt keine Waffenruhe“, sagte der verianische Außenminister am Abend."
    assert _statements(engine, german, "de") == [("veria-ceasefire", "denied", "veria")]


def test_a_report_of_no_ceasefire_without_a_speaker_is_no_statement(engine: ClaimEngine) -> None:
    assert _statements(engine, "In Veria there is still no ceasefire.", "en") == []
    assert _statements(engine, "Wenn es keine Waffenruhe in Veria gibt, droht eine Hungersnot.", "de") == []


def test_a_place_after_a_locative_does_not_own_the_topic(engine: ClaimEngine) -> None:
    text = "Die Küstenfront weist Vorwürfe zurück, ihre Kämpfer hätten in Porto Lume Zivilisten angegriffen."
    assert _statements(engine, text, "de") == [("front-attacks", "denied", "coastal-front")]


def test_a_nationality_before_the_topic_still_owns_it(engine: ClaimEngine) -> None:
    # the attacks are Veria's, not the Front's: what the Front denies is another matter
    assert _statements(engine, "Die Küstenfront bestreitet verianische Angriffe.", "de") == []


def test_unable_to_say_whether_is_unconfirmed(engine: ClaimEngine) -> None:
    text = "A Verian spokesman said he was unable to say whether a ceasefire had been agreed."
    assert _statements(engine, text, "en") == [("veria-ceasefire", "unconfirmed", "veria")]


def test_the_head_of_a_compound_named_earlier_is_the_topic(engine: ClaimEngine) -> None:
    text = "Die Feuerpause endet heute. Berichte, die Pause sei vereinbart, dementierte Veria am Abend."
    assert ("veria-ceasefire", "denied", "veria") in _statements(engine, text, "de")
    # without an earlier "Feuerpause", a "Pause" is any pause
    assert _statements(engine, "Berichte über die Pause dementierte Veria am Abend.", "de") == []
