"""Expectations are no counts ("rechnen mit bis zu 30.000", "could rise to 50,000"): on the rallies
story of ``test_reported_figures``; and what looks like one but counts (comparisons, passives).

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from monitor.text.figures.forecast import forecast_marker
from monitor.text.words.language import tokenize
from tests.text.test_reported_figures import CONFIG
from tests.text.yaml_story import engine_from_yaml, figures_found


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("forecasts"), CONFIG)


CASES: list[dict[str, Any]] = [
    {
        "id": "rechnen-mit-de",
        "language": "de",
        "text": "In Lorvenburg rechnen die Veranstalter für Samstag mit bis zu 30.000 Demonstranten.",
        "want": set(),
        "not": {("lorvenburg-crowd", 30000)},
    },
    {
        "id": "infinitive-after-figure-de",
        "language": "de",
        "text": "Die Zahl der Demonstranten in Lorvenburg könnte am Abend auf 50.000 steigen.",
        "want": set(),
        "not": {("lorvenburg-crowd", 50000)},
    },
    {
        "id": "future-without-verb-de",
        "language": "de",
        "text": "Die Veranstalter der Kundgebung in Lorvenburg sind sicher: "
        "Es werden mehr als 40.000 Menschen.",
        "want": set(),
        "not": {("lorvenburg-crowd", 40000)},
    },
    {
        "id": "expect-en",
        "language": "en",
        "text": "Organisers of the Lorvenburg rally expect 30,000 protesters on Saturday.",
        "want": set(),
        "not": {("lorvenburg-crowd", 30000)},
    },
    {
        "id": "modal-and-change-en",
        "language": "en",
        "text": "The crowd at the Lorvenburg rally could rise to 50,000 people by the evening, police said.",
        "want": set(),
        "not": {("lorvenburg-crowd", 50000)},
    },
    {
        "id": "expected-to-reach-en",
        "language": "en",
        "text": "The Lorvenburg protest is expected to reach 50,000 people on Sunday.",
        "want": set(),
        "not": {("lorvenburg-crowd", 50000)},
    },
    # counts, although an expectation is named
    {
        "id": "more-than-expected-de",
        "language": "de",
        "text": "Zur Kundgebung in Lorvenburg kamen 45.000 Menschen, deutlich mehr als erwartet.",
        "want": {("lorvenburg-crowd", 45000)},
        "not": set(),
    },
    {
        "id": "more-than-expected-en",
        "language": "en",
        "text": "The Lorvenburg rally drew 45,000 protesters, more than expected.",
        "want": {("lorvenburg-crowd", 45000)},
        "not": set(),
    },
    {
        "id": "expectation-in-another-clause-en",
        "language": "en",
        "text": "Police had expected 20,000; in the end 45,000 people joined the rally in Lorvenburg.",
        "want": {("lorvenburg-crowd", 45000)},
        "not": {("lorvenburg-crowd", 20000)},
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_forecast_case(engine: ClaimEngine, case: dict[str, Any]) -> None:
    got = figures_found(engine, case["text"], case["language"])
    assert case["want"] <= got, f"missing {case['want'] - got}; got {got}"
    assert not (case["not"] & got), f"unexpected {case['not'] & got}"


def _marker(text: str, number: str, language: str) -> str | None:
    tokens = tokenize(text, ())
    position = next(i for i, token in enumerate(tokens) if token.surface == number)
    return forecast_marker(tokens, position, position, language)


def test_future_auxiliary_without_verb_is_a_forecast() -> None:
    assert _marker("Es werden über 900 Tote", "900", "de") == "werden"


@pytest.mark.parametrize(
    "text",
    [
        "Es werden noch 76 Menschen vermisst",
        "Gesucht werden dort noch 61 Menschen",
        "Zwei Menschen werden vermisst",
    ],
)
def test_a_passive_is_no_forecast(text: str) -> None:
    number = next(word for word in text.split() if word.isdigit() or word == "Zwei")
    assert _marker(text, number, "de") is None


def test_a_plan_is_no_forecast() -> None:
    # "expects to cut": a plan the claim itself may track (job cuts)
    assert _marker("The carmaker expects to cut 4,000 jobs", "4,000", "en") is None
