"""German claims and their sources on an invented story configured in YAML alone: job cuts and a
strike at a firm, a rally in a city, a flood with its dead and evacuated, prisoners set free.

A table of German sentences written for this test (none from the corpus): separable verbs split
in a main clause ("baut ... ab", "kamen ... frei"), all-caps headlines, gender forms ("Sprecherin",
"Arbeiterinnen und Arbeiter"), reporting phrasings, number words and qualifiers, and numbers that
are no count of the claim (ages, dates, ranks, money, an earlier event, a forecast, distances).
Each case lists findings that must be found (every key given must match) and findings that must
not; a case whose ``expect`` is empty says that nothing of the kind may be found.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import engine_from_yaml, finding_matches, show_findings

CONFIG = """
watchlist:
  - id: valdoria
    kind: country
    names:
      de: [Valdorien, valdorisch, Valdorier]
      en: [Valdoria, Valdorian]
  - id: kesselburg
    kind: place
    names:
      de: [Kesselburg]
      en: [Kesselburg]
  - id: ardtek
    kind: organization
    names:
      de: [Ardtek]
      en: [Ardtek]
  - id: metallbund
    kind: group
    names:
      de: [Metallbund, Gewerkschaft Metallbund]
      en: [Metallbund]
  - id: red-cross
    kind: organization
    names:
      de: [Rotes Kreuz, Roten Kreuz, Roten Kreuzes]
      en: [Red Cross]
  - id: valdoria-interior
    kind: organization
    names:
      de: [Innenministerium, valdorisches Innenministerium]
      en: [Interior Ministry]
    speaks_for: valdoria
  - id: mira-halden
    kind: person
    names:
      de: [Mira Halden]
      en: [Mira Halden]
    speaks_for: ardtek
  - id: jonas-weller
    kind: person
    names:
      de: [Jonas Weller]
      en: [Jonas Weller]
    speaks_for: metallbund

claims:
  - id: ardtek-job-cuts
    kind: figure
    units:
      de: [Stellen, Arbeitsplätze, Jobs]
      en: [jobs]
    actors: [ardtek]
    cues:
      de: [abbauen, streichen, wegfallen, Stellenabbau, gestrichen]
      en: [cut, axe]
  - id: ardtek-strikers
    kind: figure
    units:
      de: [Beschäftigte, Mitarbeiter, Arbeiter, Streikende]
      en: [workers, employees]
    actors: [ardtek, metallbund]
    cues:
      de: [Streik, Warnstreik, streikten, gestreikt]
      en: [strike, struck]
  - id: kesselburg-crowd
    kind: figure
    units:
      de: [Menschen, Demonstranten, Teilnehmer]
      en: [people, protesters]
    actors: [kesselburg]
    cues:
      de: [Kundgebung, Demonstration, demonstrierten, demonstriert]
      en: [rally, protest]
    scope:
      places: [kesselburg]
  - id: kesselburg-arrests
    kind: figure
    units:
      de: [Menschen, Demonstranten, Teilnehmer]
      en: [people, protesters]
    actors: [kesselburg]
    cues:
      de: [festgenommen]
      en: [arrested]
    scope:
      places: [kesselburg]
  - id: valdoria-flood-deaths
    kind: figure
    units:
      de: [Menschen, Tote, Todesopfer]
      en: [people, dead]
    actors: [valdoria]
    cues:
      de: [gestorben, starben, ums Leben gekommen, getötet, Tote, Todesopfer]
      en: [died, killed, dead]
    accumulates: true
    scope:
      since: 2031-01-01
  - id: valdoria-evacuated
    kind: figure
    units:
      de: [Menschen, Bewohner, Einwohner]
      en: [people, residents]
    actors: [valdoria]
    cues:
      de: [evakuiert, in Sicherheit gebracht]
      en: [evacuated]
  - id: valdoria-prisoners-freed
    kind: figure
    units:
      de: [Gefangene, Häftlinge]
      en: [prisoners]
    actors: [valdoria]
    cues:
      de: [freigelassen, freigekommen]
      en: [released, freed]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("german-table"), CONFIG)


CUTS = "ardtek-job-cuts"
STRIKE = "ardtek-strikers"
CROWD = "kesselburg-crowd"
ARRESTS = "kesselburg-arrests"
DEATHS = "valdoria-flood-deaths"
EVACUATED = "valdoria-evacuated"
FREED = "valdoria-prisoners-freed"


def _case(
    case_id: str,
    text: str,
    expect: list[dict[str, Any]],
    reject: list[dict[str, Any]] | None = None,
    title: str | None = None,
) -> Any:
    return pytest.param(text, title, expect, reject or [], id=case_id)


CASES = [
    # --- a separable verb split in a main clause: the particle closes the clause ---
    _case(
        "baut-ab",
        "Ardtek baut bis 2033 rund 4.000 Stellen ab.",
        [{"claim": CUTS, "value": 4000, "qualifier": "about"}],
    ),
    _case(
        "fallen-weg",
        "Bei Ardtek fallen in den kommenden drei Jahren 2.500 Arbeitsplätze weg.",
        [{"claim": CUTS, "value": 2500}],
    ),
    _case(
        "fielen-weg-strong-past",
        "In den Werken von Ardtek fielen damit insgesamt 1.800 Jobs weg, sagte Mira Halden.",
        [{"claim": CUTS, "value": 1800, "source": "mira-halden"}],
    ),
    _case(
        "baue-ab-reported",
        "Ardtek teilte mit, man baue 700 Stellen in der Verwaltung ab.",
        [{"claim": CUTS, "value": 700, "source": "ardtek"}],
    ),
    _case(
        "abbaut-subordinate",
        "Der Betriebsrat kritisierte, dass Ardtek 1.500 Stellen abbaut.",
        [{"claim": CUTS, "value": 1500}],
    ),
    _case(
        "wegfallen-subordinate-finite",
        "Betroffen ist vor allem Kesselburg, wo bei Ardtek 600 Stellen wegfallen.",
        [{"claim": CUTS, "value": 600}],
    ),
    _case(
        "kamen-frei",
        "In Valdorien kamen nach dem Amnestiegesetz 340 Gefangene frei.",
        [{"claim": FREED, "value": 340}],
    ),
    _case(
        "liess-frei",
        "Die Regierung von Valdorien ließ am Montag 120 Häftlinge frei.",
        [{"claim": FREED, "value": 120}],
    ),
    _case(
        "particle-differs-auf",
        "Der Konzern Ardtek baut in Kesselburg 2.000 neue Stellen auf.",
        [],
        [{"claim": CUTS}],
    ),
    _case(
        "no-particle-at-all",
        "Ardtek baut in Kesselburg ein Werk mit 3.000 Stellen.",
        [],
        [{"claim": CUTS}],
    ),
    _case(
        "particle-of-another-clause",
        "Ardtek baut ein Werk mit 3.000 Stellen, und die alte Halle reißt die Stadt ab.",
        [],
        [{"claim": CUTS}],
    ),
    _case(
        "preposition-is-no-particle",
        "Ardtek baut 900 Stellen ab Januar in einem neuen Werk.",
        [],
        [{"claim": CUTS}],
    ),
    _case(
        "stieg-an-count-noun",
        "Die Zahl der Toten in Valdorien stieg bis zum Abend auf 212 an.",
        [{"claim": DEATHS, "value": 212}],
    ),
    # --- all-caps headlines: the case of a word tells nothing there ---
    _case(
        "caps-headline-verb",
        "Der Konzern Ardtek hat am Montag in Kesselburg seine Pläne vorgestellt.",
        [{"claim": CUTS, "value": 5000}],
        title="ARDTEK STREICHT 5.000 STELLEN",
    ),
    _case(
        "caps-headline-participle",
        "Die Flut hat weite Teile des Landes verwüstet.",
        [{"claim": DEATHS, "value": 120}],
        title="FLUT IN VALDORIEN: 120 MENSCHEN GESTORBEN",
    ),
    _case(
        "caps-headline-separable",
        "Der Konzern hat seine Pläne am Montag vorgestellt.",
        [{"claim": CUTS, "value": 3000}],
        title="ARDTEK BAUT 3.000 STELLEN AB",
    ),
    _case(
        "mixed-case-still-tells-nouns",
        "In Valdorien sind 70 Häftlinge frei, die Freigelassenen sind 30 Gefangene.",
        [],
        [{"claim": FREED, "value": 30}],
    ),
    # --- reporting phrasings ---
    _case(
        "polizeiangaben",
        "Nach Polizeiangaben versammelten sich in Kesselburg rund 8.000 Demonstranten zur Kundgebung.",
        [{"claim": CROWD, "value": 8000, "qualifier": "about", "source": "Polizei"}],
    ),
    _case(
        "laut-schaetzung-der-veranstalter",
        "Laut Schätzung der Veranstalter nahmen an der Kundgebung in Kesselburg 20.000 Menschen teil.",
        [{"claim": CROWD, "value": 20000, "source": "Veranstalter"}],
    ),
    _case(
        "wie-mitteilte",
        "Wie das Innenministerium mitteilte, sind in Valdorien bislang 57 Menschen ums Leben gekommen.",
        [{"claim": DEATHS, "value": 57, "source": "valdoria-interior"}],
    ),
    _case(
        "gab-die-zahl-mit-an",
        "Das Innenministerium gab die Zahl der Todesopfer in Valdorien mit 63 an.",
        [{"claim": DEATHS, "value": 63, "source": "valdoria-interior"}],
    ),
    _case(
        "zufolge",
        "Dem Roten Kreuz zufolge wurden in Valdorien 4.300 Bewohner evakuiert.",
        [{"claim": EVACUATED, "value": 4300, "source": "red-cross"}],
    ),
    _case(
        "teilte-mit-after",
        "In Valdorien starben 81 Menschen in den Fluten, teilte das Innenministerium mit.",
        [{"claim": DEATHS, "value": 81, "source": "valdoria-interior"}],
    ),
    _case(
        "so-after-quote",
        "„Wir haben bei der Kundgebung in Kesselburg 45.000 Teilnehmer gezählt“, so Jonas Weller am Abend.",
        [{"claim": CROWD, "value": 45000, "source": "jonas-weller"}],
    ),
    _case(
        "hiess-es-aus",
        "Aus dem Innenministerium hieß es, in Valdorien seien 90 Menschen gestorben.",
        [{"claim": DEATHS, "value": 90, "source": "valdoria-interior"}],
    ),
    _case(
        "hiess-es-aus-after",
        "In Valdorien seien 95 Menschen gestorben, hieß es aus dem Innenministerium.",
        [{"claim": DEATHS, "value": 95, "source": "valdoria-interior"}],
    ),
    _case(
        "hiess-es-without-origin",
        "In Valdorien seien 97 Menschen gestorben, hieß es am Abend.",
        [{"claim": DEATHS, "value": 97, "source": None}],
    ),
    _case(
        "bezifferte-auf",
        "Die Gewerkschaft Metallbund bezifferte die Zahl der Streikenden bei Ardtek auf 12.000.",
        [{"claim": STRIKE, "value": 12000, "source": "metallbund"}],
    ),
    _case(
        "spricht-von",
        "Die Polizei spricht von 6.500 Teilnehmern der Kundgebung in Kesselburg.",
        [{"claim": CROWD, "value": 6500, "source": "Polizei"}],
    ),
    _case(
        "geht-von-aus",
        "Der Betriebsrat geht von rund 3.000 gestrichenen Stellen bei Ardtek aus.",
        [{"claim": CUTS, "value": 3000, "qualifier": "about", "source": "Betriebsrat"}],
    ),
    _case(
        "nach-angaben-von",
        "Nach Angaben von Mira Halden sollen bei Ardtek 2.200 Stellen wegfallen.",
        [{"claim": CUTS, "value": 2200, "source": "mira-halden"}],
    ),
    _case(
        "gewerkschaftsangaben",
        "Am Warnstreik beim Metallbund-Betrieb Ardtek beteiligten sich nach Gewerkschaftsangaben mehr als"
        " 3.000 Beschäftigte.",
        [{"claim": STRIKE, "value": 3000, "qualifier": "more_than", "source": "metallbund"}],
    ),
    _case(
        "unnamed-writer",
        "In Valdorien sind 33 Menschen in den Fluten gestorben.",
        [{"claim": DEATHS, "value": 33, "source": None}],
    ),
    # --- gender forms of the counted and of the speaker ---
    _case(
        "sprecherin",
        "Eine Sprecherin des Innenministeriums sagte, in Valdorien seien 48 Menschen gestorben.",
        [{"claim": DEATHS, "value": 48, "source": "valdoria-interior"}],
    ),
    _case(
        "mitarbeitende",
        "Am Streik bei Ardtek beteiligten sich 7.000 Mitarbeitende.",
        [{"claim": STRIKE, "value": 7000}],
    ),
    _case(
        "arbeiterinnen-und-arbeiter",
        "Mehr als 900 Arbeiterinnen und Arbeiter von Ardtek streikten am Freitag.",
        [{"claim": STRIKE, "value": 900, "qualifier": "more_than"}],
    ),
    _case(
        "demonstrantinnen",
        "In Kesselburg demonstrierten 2.000 Demonstrantinnen und Demonstranten vor dem Rathaus.",
        [{"claim": CROWD, "value": 2000}],
    ),
    _case(
        "feminine-of-a-non-unit-is-none",
        "Ardtek beschäftigt in Kesselburg 40 Ingenieurinnen, die beim Streik mitmachen.",
        [],
        [{"claim": STRIKE, "value": 40}],
    ),
    # --- number words and qualifiers ---
    _case(
        "millionen-decimal",
        "Rund 1,5 Millionen Menschen wurden in Valdorien evakuiert.",
        [{"claim": EVACUATED, "value": 1_500_000, "qualifier": "about"}],
    ),
    _case(
        "knapp",
        "Knapp 300 Menschen sind in Valdorien ums Leben gekommen.",
        [{"claim": DEATHS, "value": 300, "qualifier": "about"}],
    ),
    _case(
        "bis-zu",
        "Bis zu 40.000 Demonstranten zogen bei der Kundgebung durch Kesselburg.",
        [{"claim": CROWD, "value": 40000, "qualifier": "up_to"}],
    ),
    _case(
        "gut",
        "Gut 2.000 Beschäftigte von Ardtek beteiligten sich am Streik.",
        [{"claim": STRIKE, "value": 2000, "qualifier": "about"}],
    ),
    _case(
        "an-die",
        "An die 500 Menschen demonstrierten in Kesselburg gegen die Schließung.",
        [{"claim": CROWD, "value": 500, "qualifier": "about"}],
    ),
    _case(
        "tausende",
        "Tausende Menschen demonstrierten am Samstag in Kesselburg.",
        [{"claim": CROWD, "qualifier": "several"}],
    ),
    _case(
        "mehrere-hundert-split",
        "Mehrere Hundert Häftlinge kamen in Valdorien frei.",
        [{"claim": FREED, "value": 200, "qualifier": "several"}],
    ),
    _case(
        "zwei-dutzend",
        "Zwei Dutzend Menschen starben in Valdorien in den Fluten.",
        [{"claim": DEATHS, "value": 24}],
    ),
    _case(
        "halbe-million",
        "Eine halbe Million Menschen wurden in Valdorien in Sicherheit gebracht.",
        [{"claim": EVACUATED, "value": 500_000}],
    ),
    _case(
        "mehr-als",
        "Mehr als 60 Menschen sind in Valdorien gestorben.",
        [{"claim": DEATHS, "value": 60, "qualifier": "more_than"}],
    ),
    _case(
        "mindestens-word",
        "Mindestens zwölf Menschen kamen in Valdorien ums Leben.",
        [{"claim": DEATHS, "value": 12, "qualifier": "at_least"}],
    ),
    _case(
        "finite-of-an-infinitive-cue",
        "Der Konzern Ardtek streicht in Kesselburg 1.100 Stellen.",
        [{"claim": CUTS, "value": 1100}],
    ),
    _case(
        "participle-cue-keeps-to-its-participle",
        "Im Nachbarland rettete die Küstenwache am Sonntag 26 Menschen aus Valdorien.",
        [],
        [{"claim": EVACUATED, "value": 26}],
    ),
    _case(
        "adjective-is-no-finite-form",
        "Die Helfer fanden in Valdorien 14 tote Tiere.",
        [],
        [{"claim": DEATHS}],
    ),
    _case(
        "weitere",
        "Ardtek streicht weitere 800 Stellen.",
        [{"claim": CUTS, "value": 800, "qualifier": "additional"}],
    ),
    # --- numbers that are no count of the claim ---
    _case(
        "age-adjective",
        "Ein 72-jähriger Mann ist in Valdorien in den Fluten gestorben.",
        [],
        [{"claim": DEATHS, "value": 72}],
    ),
    _case(
        "age-im-alter-von",
        "Die Frau starb im Alter von 81 Jahren in Valdorien.",
        [],
        [{"claim": DEATHS, "value": 81}],
    ),
    _case(
        "age-noun",
        "Der 58-Jährige kam in Valdorien nach elf Jahren frei.",
        [],
        [{"claim": FREED, "value": 58}, {"claim": FREED, "value": 11}],
    ),
    _case(
        "date",
        "Am 3. Oktober demonstrierten in Kesselburg Menschen gegen die Regierung.",
        [],
        [{"claim": CROWD, "value": 3}],
    ),
    _case(
        "rank",
        "Ardtek liegt auf Platz 3 der größten Arbeitgeber und baut nun Stellen ab.",
        [],
        [{"claim": CUTS, "value": 3}],
    ),
    _case(
        "money",
        "Ardtek will mit dem Abbau von Stellen 4 Milliarden Euro sparen.",
        [],
        [{"claim": CUTS}],
    ),
    _case(
        "earlier-event",
        "Die Flut von 2021 tötete in Valdorien 180 Menschen.",
        [],
        [{"claim": DEATHS, "value": 180}],
    ),
    _case(
        "forecast",
        "Die Zahl der Toten in Valdorien könnte nach Einschätzung von Fachleuten auf 10.000 steigen.",
        [],
        [{"claim": DEATHS, "value": 10000}],
    ),
    _case(
        "distance",
        "Die Evakuierten mussten in Valdorien Hunderte Kilometer zurücklegen.",
        [],
        [{"claim": EVACUATED}],
    ),
    _case(
        "other-unit",
        "Beim Warnstreik bei Ardtek blieben 40 Filialen geschlossen.",
        [],
        [{"claim": STRIKE, "value": 40}],
    ),
    _case(
        "wounded-not-dead",
        "In Valdorien sind 35 Menschen verletzt worden.",
        [],
        [{"claim": DEATHS, "value": 35}],
    ),
    _case(
        "no-cue",
        "Ardtek beschäftigt in Kesselburg 9.000 Mitarbeiter.",
        [],
        [{"claim": CUTS}, {"claim": STRIKE}],
    ),
    _case(
        "clock-time",
        "Um 14 Uhr begann die Kundgebung in Kesselburg.",
        [],
        [{"claim": CROWD, "value": 14}],
    ),
    _case(
        "percent",
        "Die Demonstranten der Kundgebung in Kesselburg forderten 15 Prozent mehr Lohn.",
        [],
        [{"claim": CROWD, "value": 15}],
    ),
    _case(
        "duration",
        "Die Kundgebung in Kesselburg dauerte drei Stunden, 20 Polizisten waren im Einsatz.",
        [],
        [{"claim": CROWD, "value": 3}, {"claim": CROWD, "value": 20}],
    ),
    _case(
        "since-year",
        "Seit 2019 hat Ardtek in Kesselburg 12 Werke geschlossen und Stellen abgebaut.",
        [],
        [{"claim": CUTS, "value": 12}, {"claim": CUTS, "value": 2019}],
    ),
]


@pytest.mark.parametrize(("text", "title", "expect", "reject"), CASES)
def test_german_sentence(
    engine: ClaimEngine,
    text: str,
    title: str | None,
    expect: list[dict[str, Any]],
    reject: list[dict[str, Any]],
) -> None:
    findings = engine.analyze(text, language="de", title=title).claims
    for want in expect:
        assert any(finding_matches(f, want) for f in findings), (
            f"missing {want}; found:\n{show_findings(findings)}"
        )
    for unwanted in reject:
        bad = [f for f in findings if finding_matches(f, unwanted)]
        assert not bad, f"must not find {unwanted}; found:\n{show_findings(bad)}"
    if not expect:
        assert reject, "a case of nothing names what must not be found"


def test_table_is_broad() -> None:
    assert len(CASES) >= 60
