"""The claim-pattern schema: strict, complete, and the default feeds.yaml covers the gold ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from monitor.config import load_config
from monitor.text.spec import ClaimSpec, PolarityCues
from tests.support.paths import SEED_GOLD

ROOT = Path(__file__).resolve().parents[2]
GOLD = SEED_GOLD

GOLD_CLAIMS = {
    "nk-troops-to-russia",
    "nk-troops-killed",
    "nk-troops-wounded",
    "russian-casualties",
    "nk-army-size",
    "nk-shells-to-russia",
    "nk-rockets-to-russia",
    "nk-containers-to-russia",
    "nk-troops-deployment",
}
GOLD_ACTORS = {
    "north-korea",
    "russia",
    "ukraine",
    "south-korea",
    "china",
    "united-states",
    "kim-jong-un",
    "putin",
    "zelensky",
    "yoon-suk-yeol",
    "xi-jinping",
    "peskov",
    "rutte",
    "sybiha",
    "lee-seong-kweun",
    "nis",
    "nato",
    "isw",
    "george-lopez",
    "ukrainian-media",
    "south-korean-media",
}


def test_default_config_defines_every_tracked_claim_and_actor() -> None:
    config = load_config(ROOT / "feeds.yaml")
    assert GOLD_CLAIMS <= {claim.id for claim in config.claims}
    assert GOLD_ACTORS <= {actor.id for actor in config.watchlist}
    for actor in config.watchlist:
        assert {"de", "en"} <= set(actor.names), f"{actor.id} needs German and English names"
    status = [claim for claim in config.claims if claim.kind == "status"]
    assert [claim.id for claim in status] == ["nk-troops-deployment"]


def test_ids_match_the_gold_annotation() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert set(gold["claims"]) == GOLD_CLAIMS
    assert set(gold["actors"]) == GOLD_ACTORS


def test_figure_claim_needs_units_and_cues() -> None:
    with pytest.raises(ValidationError, match="needs units"):
        ClaimSpec(id="x", cues={"en": ["sent"]})
    with pytest.raises(ValidationError, match="needs cues"):
        ClaimSpec(id="x", units={"en": ["troops"]})


def test_status_claim_needs_topic_and_actors() -> None:
    with pytest.raises(ValidationError, match="topic"):
        ClaimSpec(id="x", kind="status", actors=["a"])
    with pytest.raises(ValidationError, match="needs actors"):
        ClaimSpec(id="x", kind="status", topic={"en": ["troops"]})
    with pytest.raises(ValidationError, match="units are for figure claims"):
        ClaimSpec(id="x", kind="status", actors=["a"], topic={"en": ["t"]}, units={"en": ["u"]})


def test_unknown_keys_and_bad_languages_are_errors() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        ClaimSpec.model_validate({"id": "x", "units": {"en": ["a"]}, "cues": {"en": ["b"]}, "unit": {}})
    with pytest.raises(ValidationError, match="two-letter language"):
        ClaimSpec(id="x", units={"english": ["a"]}, cues={"en": ["b"]})
    with pytest.raises(ValidationError, match="empty term"):
        ClaimSpec(id="x", units={"en": [" "]}, cues={"en": ["b"]})
    with pytest.raises(ValidationError, match="Extra inputs"):
        PolarityCues.model_validate({"deny": {"en": ["no"]}})


def test_value_range_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="min_value"):
        ClaimSpec(id="x", units={"en": ["a"]}, cues={"en": ["b"]}, min_value=10, max_value=5)
