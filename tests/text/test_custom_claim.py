"""A user tracks another story with YAML alone: displaced people and famine in Sudan.

No code changes: the watchlist and the claim patterns below are plain feeds.yaml
sections, loaded through the normal config loader, and the passages are new.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - id: sudan
    kind: country
    names:
      de: [Sudan, sudanesisch, Sudanesen, Khartum, Darfur]
      en: [Sudan, Sudanese, Khartoum, Darfur]
  - id: chad
    kind: country
    names:
      de: [Tschad, tschadisch]
      en: [Chad, Chadian]
  - id: rsf
    kind: group
    names:
      de: [RSF, Rapid Support Forces, Schnelle Eingreiftruppe]
      en: [RSF, Rapid Support Forces]
  - id: unhcr
    kind: organization
    names:
      de: [UNHCR, UN-Flüchtlingshilfswerk, Flüchtlingshilfswerk]
      en: [UNHCR, UN refugee agency]
  - id: iom
    kind: organization
    names:
      de: [IOM, Internationale Organisation für Migration]
      en: [IOM, International Organization for Migration]

claims:
  - id: sudan-displaced
    description: people displaced by the war in Sudan
    kind: figure
    units:
      de: [Menschen, Vertriebene, Binnenvertriebene, Flüchtlinge, Sudanesen, Zivilisten]
      en: [people, displaced, refugees, civilians, Sudanese]
    actors: [sudan]
    cues:
      de: [vertrieben, geflohen, flohen, Flucht, auf der Flucht, Vertriebene, Binnenvertriebene]
      en: [displaced, fled, uprooted, forced from their homes, displacement]
    exclude:
      de: [pro Tag, täglich, pro Woche]
      en: [per day, a day, daily, each week]
  - id: darfur-famine
    description: whether famine is officially declared in Darfur
    kind: status
    topic:
      de: [Hungersnot]
      en: [famine]
    actors: [sudan]
    cues:
      de: [herrscht, ausgerufen]
      en: [declared, confirmed]
    polarity:
      denied:
        en: [exaggerated]
"""


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("custom.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _found(
    engine: ClaimEngine, text: str, language: str
) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(f.claim, f.value, f.polarity, f.source) for f in engine.analyze(text, language=language).claims]


def test_german_displacement_figure(engine: ClaimEngine) -> None:
    text = "Laut UNHCR sind im Sudan inzwischen mehr als zwölf Millionen Menschen auf der Flucht."
    assert _found(engine, text, "de") == [("sudan-displaced", 12_000_000, None, "unhcr")]


def test_english_displacement_figure_with_qualifier(engine: ClaimEngine) -> None:
    text = "Some 8.8 million Sudanese have been displaced inside the country, the IOM said on Tuesday."
    analysis = engine.analyze(text, language="en")
    finding = analysis.claims[0]
    assert (finding.claim, finding.value, finding.qualifier, finding.source) == (
        "sudan-displaced",
        8_800_000,
        "about",
        "iom",
    )


def test_other_countries_refugees_do_not_count(engine: ClaimEngine) -> None:
    text = "Im Tschad sind zudem 400.000 tschadische Flüchtlinge aus früheren Konflikten auf der Flucht."
    assert _found(engine, text, "de") == []


def test_daily_rates_do_not_count(engine: ClaimEngine) -> None:
    text = "Nach Angaben der IOM fliehen im Sudan täglich bis zu 20.000 Menschen."
    assert _found(engine, text, "de") == []


def test_carried_source_and_elliptic_follow_up(engine: ClaimEngine) -> None:
    text = (
        "The UN refugee agency briefed journalists in Geneva on the war in Sudan. "
        "About 3 million Sudanese have fled abroad, it said, and another 2 million were displaced in Darfur."
    )
    assert _found(engine, text, "en") == [
        ("sudan-displaced", 3_000_000, None, "unhcr"),
        ("sudan-displaced", 2_000_000, None, "unhcr"),
    ]


def test_status_claim_from_yaml(engine: ClaimEngine) -> None:
    confirmed = "Die Vereinten Nationen bestätigten, dass in Teilen von Darfur eine Hungersnot herrscht."
    # the UN is not on this watchlist: the source is the name as written
    assert _found(engine, confirmed, "de") == [("darfur-famine", None, "affirmed", "Vereinten Nationen")]
    denied = "The army-backed government in Khartoum denied that there was a famine in Darfur."
    assert _found(engine, denied, "en") == [("darfur-famine", None, "denied", "sudan")]
    custom = "RSF commanders said reports of famine in Darfur were exaggerated."
    assert _found(engine, custom, "en") == [("darfur-famine", None, "denied", "rsf")]


def test_unknown_key_in_a_claim_is_a_config_error() -> None:
    broken = CONFIG.replace("    exclude:\n      de: [pro Tag", "    exclud:\n      de: [pro Tag", 1)
    with pytest.raises(ConfigError) as error:
        parse_config(broken, Path("custom.yaml"))
    assert "claims[0].exclud" in error.value.message and "unknown key" in error.value.message


def test_figure_claim_without_cues_is_a_config_error() -> None:
    start = CONFIG.index("    cues:\n      de: [vertrieben")
    end = CONFIG.index("    exclude:", start)
    broken = CONFIG[:start] + CONFIG[end:]
    with pytest.raises(ConfigError) as error:
        parse_config(broken, Path("custom.yaml"))
    assert "needs cues" in error.value.message
