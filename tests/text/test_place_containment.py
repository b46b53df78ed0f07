"""Places a user never listed: cities and regions of the watchlist's countries (the gazetteer),
``within`` on a watchlist place, and what must not count as a place.

The story: storms over Portugal and Spain, each country counting its own dead. The watchlist
lists the two countries only; their cities come from the gazetteer. Every sentence is written
for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError
from monitor.text.actors.places import PlaceIndex, country_codes
from monitor.text.engine import ClaimEngine
from monitor.text.explain import Explanation
from monitor.text.spec import ActorSpec
from monitor.text.words.language import tokenize

CONFIG = """
watchlist:
  - id: portugal
    kind: country
    names: {de: [Portugal], en: [Portugal]}
  - id: spain
    kind: country
    names: {de: [Spanien], en: [Spain]}
  - id: algarve
    kind: place
    names: {de: [Algarve], en: [Algarve]}
    within: portugal
  - id: civil-protection
    kind: organization
    names: {de: [Zivilschutzbehörde], en: [civil protection agency]}
claims:
  - id: portugal-storm-deaths
    kind: figure
    units: {de: [Tote, Menschen], en: [people, dead]}
    actors: [portugal]
    cues: {de: [ums Leben gekommen, Tote, gestorben, starben], en: [died, killed, dead]}
    scope:
      places: [portugal]
      exclude_places: [spain]
  - id: spain-storm-deaths
    kind: figure
    units: {de: [Tote, Menschen], en: [people, dead]}
    actors: [spain]
    cues: {de: [ums Leben gekommen, Tote, gestorben, starben], en: [died, killed, dead]}
    scope:
      places: [spain]
      exclude_places: [portugal]
  - id: iberia-storm-deaths-outside-portugal
    kind: figure
    units: {de: [Opfer], en: [victims]}
    actors: [spain]
    cues: {de: [gezählt], en: [counted]}
    scope:
      exclude_places: [portugal]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    path = tmp_path_factory.mktemp("storms") / "feeds.yaml"
    config = parse_config(CONFIG, path)
    return ClaimEngine.from_config(config.watchlist, config.claims)


def found(engine: ClaimEngine, text: str, language: str) -> set[tuple[str, float]]:
    return {(c.claim, c.value or 0.0) for c in engine.analyze(text, language=language).claims}


def test_countries_get_their_iso_code_by_name_or_by_code() -> None:
    actors = [
        ActorSpec(id="portugal", kind="country", names={"de": ["Portugal"]}),
        ActorSpec(id="tr", kind="country", names={"de": ["Türkei"], "en": ["Türkiye"]}),
        ActorSpec(id="korea", kind="country", names={"en": ["Korea"]}, code="KR"),
        ActorSpec(id="valdoria", kind="country", names={"en": ["Valdoria"]}),
        ActorSpec(id="lisbon", kind="place", names={"en": ["Portugal"]}),
    ]
    assert country_codes(actors) == {"portugal": "PT", "tr": "TR", "korea": "KR"}


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [
        ("Der Sturm traf in Sevilla zuerst die Altstadt.", "de", "spain"),
        ("The storm reached Porto on Sunday night, and in Porto the river rose.", "en", "portugal"),
        ("Besonders schwer getroffen wurde die Region bei Coimbra.", "de", "portugal"),
    ],
)
def test_a_gazetteer_city_lies_in_its_watchlist_country(text: str, language: str, want: str) -> None:
    config = parse_config(CONFIG, Path("feeds.yaml"))
    index = PlaceIndex(config.watchlist, config.claims)
    hits = index.find(tokenize(text), [])
    assert hits, text
    assert {index.within(hit.actor_id) for hit in hits} == {want}


def test_listed_names_and_lowercase_words_are_no_gazetteer_place() -> None:
    config = parse_config(CONFIG, Path("feeds.yaml"))
    index = PlaceIndex(config.watchlist, config.claims)
    # the watchlist's own name wins: the gazetteer adds nothing where the watchlist names a place
    text = "In Portugal und Spanien"
    assert index.find(tokenize(text), []) == []
    assert index.find(tokenize("ein glas in porto am abend"), []) == []  # lowercase: a word, not the city


COMMON_WORDS = """
watchlist:
  - id: germany
    kind: country
    names: {de: [Deutschland], en: [Germany]}
  - id: france
    kind: country
    names: {de: [Frankreich], en: [France]}
claims: []
"""


@pytest.mark.parametrize(
    "text",
    [
        "Die Feuerwehr war nicht in der Lage, alle zu retten.",  # Lage is a town too
        "Nach dem Essen in Essen fuhren sie weiter.",  # a common noun: never the city
        "Im Wetter der letzten Tage lag die Ursache.",
        "Die Verletzten warteten in der Halle auf Hilfe.",
        "They found the guests in Nice and sunny weather.",  # a common word: never the city
        "Locals call the old port the Paris of the south.",  # after an article: no city
    ],
)
def test_common_words_and_names_after_an_article_are_no_place(text: str) -> None:
    config = parse_config(COMMON_WORDS, Path("feeds.yaml"))
    index = PlaceIndex(config.watchlist, config.claims)
    assert index.find(tokenize(text), []) == [], text


def test_a_city_after_a_locative_without_article_is_found() -> None:
    config = parse_config(COMMON_WORDS, Path("feeds.yaml"))
    index = PlaceIndex(config.watchlist, config.claims)
    hits = index.find(tokenize("Die Helfer sammelten sich in Köln und in Lyon."), [])
    assert {index.within(hit.actor_id) for hit in hits} == {"germany", "france"}
    # without a preposition of place the name may be a club, a person, a brand
    assert index.find(tokenize("Köln gewann, und Lyon verlor."), []) == []


@pytest.mark.parametrize(
    ("text", "language", "want", "never"),
    [
        # a city of the other country is excluded, and not the national count of its own
        (
            "In Portugal the storm killed 40 people; in Seville 12 people died.",
            "en",
            {("portugal-storm-deaths", 40)},
            {("portugal-storm-deaths", 12), ("spain-storm-deaths", 12)},
        ),
        (
            "In Sevilla sind zwölf Menschen ums Leben gekommen.",
            "de",
            set(),
            {("portugal-storm-deaths", 12), ("spain-storm-deaths", 12)},
        ),
        (
            "In Porto starben nach Angaben der Zivilschutzbehörde neun Menschen.",
            "de",
            set(),
            {("spain-storm-deaths", 9), ("portugal-storm-deaths", 9)},
        ),
        # the country's own place phrase still decides
        (
            "In Spain 31 people died, the civil protection agency said.",
            "en",
            {("spain-storm-deaths", 31)},
            {("portugal-storm-deaths", 31)},
        ),
        # where words were said is not where the dead are
        (
            "In Spanien richtete der Sturm die größten Schäden an. "
            "Neun Menschen sind gestorben, teilte das Innenministerium in Sevilla mit.",
            "de",
            {("spain-storm-deaths", 9)},
            {("portugal-storm-deaths", 9)},
        ),
        (
            "In Spain the storm was at its worst. "
            "At a briefing in Seville, officials said 14 people had died.",
            "en",
            {("spain-storm-deaths", 14)},
            {("portugal-storm-deaths", 14)},
        ),
        # ... nor what the next sentence is about
        (
            "Elf Menschen sind in Spanien gestorben, teilte das Ministerium in Sevilla mit. "
            "Mehr als 20 Menschen starben außerdem auf den Straßen.",
            "de",
            {("spain-storm-deaths", 11), ("spain-storm-deaths", 20)},
            {("portugal-storm-deaths", 20)},
        ),
        # a watchlist place within Portugal is excluded where Portugal is
        (
            "In the Algarve 5 victims were counted.",
            "en",
            set(),
            {("iberia-storm-deaths-outside-portugal", 5)},
        ),
        # ... and the claim does count where Portugal is not
        (
            "In Spain 5 victims were counted.",
            "en",
            {("iberia-storm-deaths-outside-portugal", 5)},
            set(),
        ),
    ],
)
def test_scope_of_places_within_countries(
    engine: ClaimEngine,
    text: str,
    language: str,
    want: set[tuple[str, float]],
    never: set[tuple[str, float]],
) -> None:
    got = found(engine, text, language)
    assert want <= got, (text, got)
    assert not never & got, (text, got)


def test_explain_names_the_gazetteer_place_and_its_country(engine: ClaimEngine) -> None:
    explanation = Explanation()
    engine.analyze("In Porto 9 people died.", language="en", explanation=explanation)
    lines = "\n".join(explanation.lines())
    assert "place Porto (in portugal)" in lines
    assert "a part of portugal" in lines
    assert "place Porto (in portugal) lies in portugal, which is excluded" in lines


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("within: atlantis", "unknown actor id 'atlantis'"),
        ("within: civil-protection", "no other country or place"),
    ],
)
def test_within_must_name_a_country_or_place(entry: str, message: str) -> None:
    config = CONFIG.replace("within: portugal", entry)
    with pytest.raises(ConfigError, match=message):
        parse_config(config, Path("feeds.yaml"))


def test_within_and_code_belong_on_their_kinds() -> None:
    on_country = CONFIG.replace(
        "    names: {de: [Spanien], en: [Spain]}\n",
        "    names: {de: [Spanien], en: [Spain]}\n    within: portugal\n",
    )
    with pytest.raises(ConfigError, match="within is for kind: place"):
        parse_config(on_country, Path("feeds.yaml"))
    on_place = CONFIG.replace("    within: portugal\n", "    code: PT\n")
    with pytest.raises(ConfigError, match="code is for kind: country"):
        parse_config(on_place, Path("feeds.yaml"))
