"""A confirmation whose object is a count reports a figure, not a position on a status claim.

The watchlist, claims and sentences are invented for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: ostmark-health
    kind: organization
    names:
      de: [Gesundheitsamt Ostmark]
      en: [Ostmark health office]
  - id: veria
    kind: country
    names:
      de: [Veria, verianisch]
      en: [Veria, Verian]

claims:
  - id: fever-outbreak-over
    description: whether the Ostmark health office declares the fever outbreak over
    kind: status
    topic:
      de: [Ausbruch]
      en: [outbreak]
    actors: [ostmark-health]
  - id: veria-troops
    description: whether Verian troops are deployed at the border
    kind: status
    topic:
      de: [Soldaten]
      en: [troops, soldiers]
    actors: [veria]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("status-counts.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _polarities(engine: ClaimEngine, text: str, language: str, claim: str) -> list[str | None]:
    return [f.polarity for f in engine.analyze(text, language=language).claims if f.claim == claim]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Ostmark health office has confirmed 14 new cases linked to the outbreak.", "en"),
        ("In the outbreak, 37 cases have been confirmed so far, the Ostmark health office said.", "en"),
        ("Das Gesundheitsamt Ostmark hat zum Ausbruch inzwischen 52 Fälle bestätigt.", "de"),
    ],
)
def test_confirming_a_count_is_no_status(engine: ClaimEngine, text: str, language: str) -> None:
    assert _polarities(engine, text, language, "fever-outbreak-over") == []


@pytest.mark.parametrize(
    ("text", "language", "polarity"),
    [
        # the negative cases: the cue's object is the status itself, or the count follows "that"
        ("The Ostmark health office confirmed that the outbreak is over.", "en", "affirmed"),
        (
            "The Ostmark health office confirmed that 14 people had recovered and the outbreak was over.",
            "en",
            "affirmed",
        ),
        ("Das Gesundheitsamt Ostmark bestritt, dass der Ausbruch vorbei sei.", "de", "denied"),
        ("Das Gesundheitsamt Ostmark veröffentlichte ein Dementi zum Ende des Ausbruchs.", "de", "denied"),
    ],
)
def test_confirming_the_status_keeps_its_polarity(
    engine: ClaimEngine, text: str, language: str, polarity: str
) -> None:
    assert polarity in _polarities(engine, text, language, "fever-outbreak-over")


def test_a_count_of_the_topic_itself_affirms_it(engine: ClaimEngine) -> None:
    text = "Veria confirmed 3,000 troops at the border on Monday."
    assert "affirmed" in _polarities(engine, text, "en", "veria-troops")


def test_that_opening_a_clause_points_back_to_nothing(engine: ClaimEngine) -> None:
    # the quote is what the spokeswoman confirms; "that the family" opens a clause of its own
    text = (
        "The outbreak has reached a third school, the Ostmark health office said. "
        '"A teacher is in hospital," a spokeswoman confirmed, adding that the family had been told.'
    )
    assert _polarities(engine, text, "en", "fever-outbreak-over") == []


def test_that_pointing_back_still_takes_the_earlier_topic(engine: ClaimEngine) -> None:
    # the negative case: "denied that" points back to the sentence before
    text = (
        "Local papers reported that the outbreak was over. The Ostmark health office denied that on Tuesday."
    )
    assert "denied" in _polarities(engine, text, "en", "fever-outbreak-over")
