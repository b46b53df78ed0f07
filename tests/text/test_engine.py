"""The claim engine's public API: analyze() never crashes, JSON has the scorer's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.config import load_config
from monitor.models import Analysis
from monitor.text.engine import ClaimEngine, analysis_to_json
from monitor.text.lexicon import lexicon
from monitor.text.spec import ActorSpec, ClaimSpec

ROOT = Path(__file__).resolve().parents[2]

# Pieces that make the engine take its interesting paths, mixed with arbitrary text.
FRAGMENTS = [
    "Nordkorea",
    "nordkoreanische Soldaten",
    "12.000",
    "rund 1.500",
    "mehrere tausend",
    "getötet",
    "verwundet oder getötet",
    "sagte Selenskyj",
    "laut NIS",
    "„",
    "“",
    "«",
    "»",
    '"',
    "demnach",
    "bestritt",
    "nicht",
    "weder bestätigt noch dementiert",
    "North Korean troops",
    "about 10,000",
    "said Peskov",
    "according to",
    "citing",
    "denied",
    "did not deny",
    "3500 weitere",
    "another 3,000",
    "pro Tag",
    "per day",
    "Kim",
    "Xi",
    ",",
    ".",
    "?",
    "\n",
    " ",
    "-",
    "–",
    "(",
    ")",
    "ß",
    "İ",
    "\u00ad",
]


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = load_config(ROOT / "feeds.yaml")
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _check(analysis: Analysis) -> None:
    # any language with a lexicon may be recognised (a two-letter "ET" reads as French)
    assert analysis.language in lexicon().languages
    for mention in analysis.actors:
        assert mention.count >= 1
    for finding in analysis.claims:
        if finding.polarity is None:
            assert finding.value is not None and finding.low is not None and finding.high is not None
            assert finding.low <= finding.value <= finding.high or finding.qualifier == "several"
        else:
            assert finding.polarity in ("affirmed", "denied", "unconfirmed")
            assert finding.value is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40))
def test_arbitrary_text_never_crashes(engine: ClaimEngine, pieces: list[str]) -> None:
    text = " ".join(pieces)
    for language in (None, "de", "en"):
        _check(engine.analyze(text, language=language, title=pieces[0] if pieces else None))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_unicode_noise_never_crashes(engine: ClaimEngine, text: str) -> None:
    _check(engine.analyze(text))


def test_empty_and_whitespace(engine: ClaimEngine) -> None:
    for text in ("", " ", "\n\n", "..."):
        analysis = engine.analyze(text)
        assert analysis.claims == [] and analysis.actors == []


def test_json_has_the_scorer_shape(engine: ClaimEngine) -> None:
    text = "Südkoreas Geheimdienst sagte, Nordkorea habe rund 12.000 Soldaten nach Russland entsandt."
    obj = analysis_to_json("a/b.txt", engine.analyze(text))
    assert set(obj) == {"file", "language", "actors", "claims"}
    assert obj["file"] == "a/b.txt" and obj["language"] == "de"
    assert {"id": "north-korea", "count": 1} in obj["actors"]
    figure = next(c for c in obj["claims"] if c["claim"] == "nk-troops-to-russia")
    assert set(figure) == set("claim value low high qualifier polarity source sentence recalled".split())
    assert figure["recalled"] is False
    assert (figure["value"], figure["qualifier"], figure["source"]) == (12000, "about", "nis")
    assert figure["low"] < 12000 < figure["high"]
    json.dumps(obj)  # plain JSON types only


def test_title_is_read_when_the_text_lacks_it(engine: ClaimEngine) -> None:
    analysis = engine.analyze(
        "Das Verteidigungsministerium in Seoul nannte keine Einzelheiten.",
        language="de",
        title="Nordkorea hat 1.000 weitere Soldaten nach Russland verlegt",
    )
    assert [(f.claim, f.value) for f in analysis.claims] == [("nk-troops-to-russia", 1000)]


def test_several_reports_its_lowest_reading(engine: ClaimEngine) -> None:
    analysis = engine.analyze(
        "Laut ISW sind mehrere tausend nordkoreanische Soldaten in Russland eingetroffen."
    )
    finding = analysis.claims[0]
    assert (finding.value, finding.low, finding.high, finding.qualifier) == (2000, 2000, 9999, "several")


def test_duplicates_in_one_article_collapse(engine: ClaimEngine) -> None:
    sentence = "Selenskyj sagte, 10.000 nordkoreanische Soldaten seien in Russland."
    analysis = engine.analyze(f"{sentence}\n{sentence}")
    assert len([f for f in analysis.claims if f.claim == "nk-troops-to-russia"]) == 1


def test_article_without_claim_actors_is_cheap_and_empty(engine: ClaimEngine) -> None:
    analysis = engine.analyze(
        "Die Bundesregierung hat 10.000 Soldaten nach Litauen verlegt, sagte ein Sprecher."
    )
    assert analysis.claims == []


def test_engine_without_claims_still_counts_actors() -> None:
    actors = [ActorSpec(id="acme", kind="organization", names={"en": ["Acme Corp"]})]
    engine = ClaimEngine.from_config(actors, [])
    analysis = engine.analyze("Acme Corp said profits rose. Acme Corp hired 300 people.")
    assert [(m.actor_id, m.count) for m in analysis.actors] == [("acme", 2)]
    assert analysis.claims == []


def test_claim_spec_without_actors_is_searched_everywhere() -> None:
    claims = [ClaimSpec(id="layoffs", units={"en": ["jobs"]}, cues={"en": ["cut", "cuts"]})]
    engine = ClaimEngine.from_config([], claims)
    analysis = engine.analyze(
        "The carmaker will cut 4,000 jobs by next year, the company said.", language="en"
    )
    assert [(f.claim, f.value) for f in analysis.claims] == [("layoffs", 4000)]
