"""More German sentences on an invented story configured in YAML alone: who says a figure, and
figures the first table (``test_german_table``) leaves out.

Every sentence here was written for this test (none from the corpus). The watchlist lists each
name once, in the form a user would type it ("Rotes Kreuz", "Roter Halbmond", "Freie Bergwacht"),
so the cases check that its inflected forms are found ("des Roten Kreuzes", "laut Rotem
Halbmond", "der Freien Bergwacht"). The other groups: separable verbs whose object is the figure
("nahm ... fest", "ließen ... frei"), paired and gender-star forms of the speaker and of the
counted ("Veranstalterinnen und Veranstalter", "Organisator:innen", "Demonstrant*innen"), a bare
vague value as the subject ("Zehntausende demonstrierten"), and reporting phrasings ("laut
Schätzung der Veranstalter", "wie X mitteilte", "X gab die Zahl mit ... an", "X kam auf",
"nach Angaben von", "zufolge") with speakers named by a spokesperson compound ("eine
Ministeriumssprecherin"), an acronym ("der Nachrichtenagentur VPA") or as "Medien". Each case
lists findings that must be found (every key given must match) and findings that must not; an
empty ``expect`` says nothing of the kind may be found.
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
      de: [Valdorien, valdorisch]
      en: [Valdoria]
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
      de: [Rotes Kreuz]
      en: [Red Cross]
  - id: red-crescent
    kind: organization
    names:
      de: [Roter Halbmond]
      en: [Red Crescent]
  - id: bergwacht
    kind: organization
    names:
      de: [Freie Bergwacht]
      en: [Free Mountain Watch]
  - id: valdoria-interior
    kind: organization
    names:
      de: [Innenministerium]
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
      de: [Stellen, Arbeitsplätze]
      en: [jobs]
    actors: [ardtek]
    cues:
      de: [abbauen, streichen, wegfallen]
      en: [cut]
  - id: ardtek-strikers
    kind: figure
    units:
      de: [Beschäftigte, Mitarbeiter, Arbeiter, Streikende]
      en: [workers]
    actors: [ardtek, metallbund]
    cues:
      de: [Streik, Warnstreik, streikten]
      en: [strike]
  - id: kesselburg-crowd
    kind: figure
    units:
      de: [Menschen, Demonstranten, Teilnehmer]
      en: [people, protesters]
    actors: [kesselburg]
    cues:
      de: [Kundgebung, Demonstration, demonstrierten]
      en: [rally]
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
      de: [gestorben, starben, ums Leben gekommen, Tote, Todesopfer]
      en: [died, dead]
    accumulates: true
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
      en: [released]
  - id: kesselburg-trains-cancelled
    kind: figure
    units:
      de: [Züge, Zugverbindungen]
      en: [trains]
    actors: [kesselburg]
    cues:
      de: [fallen aus, gestrichen]
      en: [cancelled]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("german-phrasings"), CONFIG)


CUTS = "ardtek-job-cuts"
STRIKE = "ardtek-strikers"
CROWD = "kesselburg-crowd"
ARRESTS = "kesselburg-arrests"
DEATHS = "valdoria-flood-deaths"
EVACUATED = "valdoria-evacuated"
FREED = "valdoria-prisoners-freed"
TRAINS = "kesselburg-trains-cancelled"


def _case(
    case_id: str,
    text: str,
    expect: list[dict[str, Any]],
    reject: list[dict[str, Any]] | None = None,
) -> Any:
    return pytest.param(text, expect, reject or [], id=case_id)


CASES = [
    # --- a separable verb whose object is the figure: the particle closes the main clause ---
    _case(
        "nahm-fest",
        "Die Polizei nahm am Rande der Kundgebung in Kesselburg 45 Demonstranten fest.",
        [{"claim": ARRESTS, "value": 45}],
        [{"claim": CROWD, "value": 45}],
    ),
    _case(
        "nahmen-fest-plural",
        "Beamte nahmen in Kesselburg nach der Demonstration 60 Menschen fest.",
        [{"claim": ARRESTS, "value": 60}],
        [{"claim": CROWD, "value": 60}],
    ),
    _case(
        "nimmt-fest-present",
        "In Kesselburg nimmt die Polizei seit dem Morgen rund 30 Demonstranten fest.",
        [{"claim": ARRESTS, "value": 30, "qualifier": "about"}],
    ),
    _case(
        "festgenommen-passive",
        "In Kesselburg wurden am Abend 75 Demonstranten festgenommen.",
        [{"claim": ARRESTS, "value": 75}],
    ),
    _case(
        "other-particle-is-another-verb",
        "Die Polizei nahm in Kesselburg 40 Demonstranten mit auf die Wache.",
        [],
        [{"claim": ARRESTS, "value": 40}],
    ),
    _case(
        "particle-in-the-next-clause",
        "Die Polizei nahm in Kesselburg 50 Demonstranten in Gewahrsam, der Termin steht fest.",
        [],
        [{"claim": ARRESTS, "value": 50}],
    ),
    _case(
        "liessen-frei",
        "Die Behörden in Valdorien ließen am Wochenende 210 Gefangene frei.",
        [{"claim": FREED, "value": 210}],
    ),
    _case(
        "kommen-frei-present",
        "Nach der Einigung kommen in Valdorien 85 Häftlinge frei.",
        [{"claim": FREED, "value": 85}],
    ),
    _case(
        "cue-phrase-of-verb-and-particle-apart",
        "In Kesselburg fielen wegen des Streiks am Montag 120 Züge aus.",
        [{"claim": TRAINS, "value": 120}],
    ),
    _case(
        "cue-phrase-particle-as-preposition",
        "In Kesselburg fielen 120 Züge aus dem Fahrplan.",
        [],
        [{"claim": TRAINS}],
    ),
    # --- a watchlist name listed once, found in its inflected forms ---
    _case(
        "das-rote-kreuz-kam-auf",
        "Das Rote Kreuz kam auf mindestens 70 Tote in Valdorien.",
        [{"claim": DEATHS, "value": 70, "qualifier": "at_least", "source": "red-cross"}],
    ),
    _case(
        "des-roten-kreuzes",
        "Nach Angaben des Roten Kreuzes wurden in Valdorien 3.200 Menschen evakuiert.",
        [{"claim": EVACUATED, "value": 3200, "source": "red-cross"}],
    ),
    _case(
        "dem-roten-kreuz-zufolge",
        "Dem Roten Kreuz zufolge kamen in Valdorien 41 Menschen ums Leben.",
        [{"claim": DEATHS, "value": 41, "source": "red-cross"}],
    ),
    _case(
        "laut-rotem-halbmond",
        "Laut Rotem Halbmond sind in Valdorien 2.600 Bewohner in Sicherheit gebracht worden.",
        [{"claim": EVACUATED, "value": 2600, "source": "red-crescent"}],
    ),
    _case(
        "der-rote-halbmond-sprach-von",
        "Der Rote Halbmond sprach von 52 Toten in Valdorien.",
        [{"claim": DEATHS, "value": 52, "source": "red-crescent"}],
    ),
    _case(
        "wie-der-rote-halbmond-mitteilte",
        "Wie der Rote Halbmond mitteilte, starben in Valdorien 66 Menschen.",
        [{"claim": DEATHS, "value": 66, "source": "red-crescent"}],
    ),
    _case(
        "die-freie-bergwacht-meldete",
        "Die Freie Bergwacht meldete am Abend 19 Tote in Valdorien.",
        [{"claim": DEATHS, "value": 19, "source": "bergwacht"}],
    ),
    _case(
        "der-freien-bergwacht",
        "Nach Angaben der Freien Bergwacht wurden in Valdorien 140 Menschen evakuiert.",
        [{"claim": EVACUATED, "value": 140, "source": "bergwacht"}],
    ),
    _case(
        "a-genitive-name-is-no-speaker",
        "Helfer des Roten Kreuzes brachten in Valdorien 300 Menschen in Sicherheit, sagte Mira Halden.",
        [{"claim": EVACUATED, "value": 300, "source": "mira-halden"}],
    ),
    # --- paired and gender-star forms: the speaker and the counted ---
    _case(
        "veranstalterinnen-und-veranstalter",
        "Nach Angaben der Veranstalterinnen und Veranstalter nahmen 25.000 Menschen an der Kundgebung in"
        " Kesselburg teil.",
        [{"claim": CROWD, "value": 25000, "source": "Veranstalter"}],
    ),
    _case(
        "veranstalter-star",
        "Laut den Veranstalter*innen kamen 18.000 Menschen zur Kundgebung in Kesselburg.",
        [{"claim": CROWD, "value": 18000, "source": "Veranstalter"}],
    ),
    _case(
        "organisatorinnen-colon",
        "Die Organisator:innen sprachen von 30.000 Teilnehmenden der Demonstration in Kesselburg.",
        [{"claim": CROWD, "value": 30000, "source": "Organisatoren"}],
    ),
    _case(
        "veranstalterinnen-schaetzten",
        "Die Veranstalterinnen schätzten die Zahl der Teilnehmenden der Kundgebung in Kesselburg auf 12.000.",
        [{"claim": CROWD, "value": 12000, "source": "Veranstalter"}],
    ),
    _case(
        "laut-veranstaltern-dative",
        "Laut Veranstaltern zogen rund 9.000 Menschen bei der Kundgebung durch Kesselburg.",
        [{"claim": CROWD, "value": 9000, "qualifier": "about", "source": "Veranstalter"}],
    ),
    _case(
        "counted-with-star",
        "In Kesselburg demonstrierten 3.000 Demonstrant*innen vor dem Rathaus.",
        [{"claim": CROWD, "value": 3000}],
    ),
    _case(
        "counted-with-underscore",
        "Am Warnstreik bei Ardtek beteiligten sich 4.500 Arbeiter_innen.",
        [{"claim": STRIKE, "value": 4500}],
    ),
    _case(
        "counted-with-binnen-i",
        "Mehr als 800 ArbeiterInnen von Ardtek streikten am Montag.",
        [{"claim": STRIKE, "value": 800, "qualifier": "more_than"}],
    ),
    _case(
        "gender-pair-of-a-non-unit",
        "Die Kundgebung in Kesselburg begleiteten 90 Polizistinnen und Polizisten.",
        [],
        [{"claim": CROWD, "value": 90}],
    ),
    _case(
        "gender-star-forecast",
        "Die Veranstalter*innen rechnen mit 50.000 Teilnehmenden bei der Kundgebung in Kesselburg.",
        [],
        [{"claim": CROWD, "value": 50000}],
    ),
    _case(
        "colon-before-the-preposition-in",
        "Die Lage am Abend:in der Innenstadt von Kesselburg demonstrierten 700 Menschen.",
        [{"claim": CROWD, "value": 700}],
    ),
    # --- a bare vague value as the subject counts people ---
    _case(
        "zehntausende-demonstrierten",
        "Zehntausende demonstrierten am Sonntag in Kesselburg gegen die Reform.",
        [{"claim": CROWD, "qualifier": "several"}],
    ),
    _case(
        "tausende-gingen-auf-die-strasse",
        "Tausende gingen in Kesselburg bei der Kundgebung auf die Straße.",
        [{"claim": CROWD, "qualifier": "several"}],
    ),
    _case(
        "hunderte-festgenommen",
        "In Kesselburg wurden Hunderte festgenommen.",
        [{"claim": ARRESTS, "qualifier": "several"}],
        [{"claim": CROWD}],
    ),
    _case(
        "vague-value-without-its-verb-after-it",
        "Bei der Kundgebung in Kesselburg standen Tausende an der Straße.",
        [],
        [{"claim": CROWD}],
    ),
    _case(
        "vague-value-of-money",
        "Die Kundgebung in Kesselburg kostete die Stadt Zehntausende Euro.",
        [],
        [{"claim": CROWD}],
    ),
    _case(
        "vague-value-without-people-unit",
        "Bei Ardtek fallen Hunderte weg.",
        [],
        [{"claim": CUTS}],
    ),
    # --- reporting phrasings ---
    _case(
        "laut-schaetzung-der-veranstalter-first",
        "Laut Schätzung der Veranstalter demonstrierten in Kesselburg rund 15.000 Menschen.",
        [{"claim": CROWD, "value": 15000, "qualifier": "about", "source": "Veranstalter"}],
    ),
    _case(
        "wie-die-polizei-mitteilte",
        "Wie die Polizei mitteilte, wurden in Kesselburg 38 Demonstranten festgenommen.",
        [{"claim": ARRESTS, "value": 38, "source": "Polizei"}],
    ),
    _case(
        "wie-bekanntgab",
        "Wie Mira Halden am Dienstag bekanntgab, streicht Ardtek 1.200 Stellen.",
        [{"claim": CUTS, "value": 1200, "source": "mira-halden"}],
    ),
    _case(
        "gab-die-zahl-mit-an",
        "Das Innenministerium gab die Zahl der evakuierten Bewohner in Valdorien mit 8.000 an.",
        [{"claim": EVACUATED, "value": 8000, "source": "valdoria-interior"}],
    ),
    _case(
        "bezifferte-auf-after-a-relative-clause",
        "Das Innenministerium bezifferte die Zahl der Bewohner, die in Valdorien in Sicherheit gebracht"
        " wurden, auf rund 6.000.",
        [{"claim": EVACUATED, "value": 6000, "qualifier": "about", "source": "valdoria-interior"}],
    ),
    _case(
        "perfect-of-registrieren",
        "Das Innenministerium hat in Valdorien bislang 4.100 evakuierte Bewohner registriert.",
        [{"claim": EVACUATED, "value": 4100, "source": "valdoria-interior"}],
    ),
    _case(
        "passive-of-registrieren-names-no-one",
        "In Valdorien wurden bislang 4.300 evakuierte Bewohner registriert.",
        [{"claim": EVACUATED, "value": 4300, "source": None}],
    ),
    _case(
        "gab-bekannt-zu-infinitive",
        "Ardtek gab am Montag bekannt, 1.300 Stellen zu streichen.",
        [{"claim": CUTS, "value": 1300, "source": "ardtek"}],
    ),
    _case(
        "kam-auf-group",
        "Die Gewerkschaft Metallbund kam beim Streik bei Ardtek auf mehr als 5.000 Streikende.",
        [{"claim": STRIKE, "value": 5000, "qualifier": "more_than", "source": "metallbund"}],
    ),
    _case(
        "kam-mit-is-no-report",
        "Die Polizei kam mit 200 Beamten zur Kundgebung in Kesselburg.",
        [],
        [{"claim": CROWD, "value": 200}],
    ),
    _case(
        "nach-angaben-von-person",
        "Nach Angaben von Jonas Weller beteiligten sich beim Streik bei Ardtek 6.000 Beschäftigte.",
        [{"claim": STRIKE, "value": 6000, "source": "jonas-weller"}],
    ),
    _case(
        "nach-angaben-des-ministeriums",
        "Nach Angaben des Innenministeriums kamen in Valdorien 88 Menschen ums Leben.",
        [{"claim": DEATHS, "value": 88, "source": "valdoria-interior"}],
    ),
    _case(
        "der-polizei-zufolge",
        "Der Polizei zufolge versammelten sich in Kesselburg 9.500 Menschen zur Kundgebung.",
        [{"claim": CROWD, "value": 9500, "source": "Polizei"}],
    ),
    _case(
        "name-zufolge",
        "Ardtek zufolge fallen 950 Stellen weg.",
        [{"claim": CUTS, "value": 950, "source": "ardtek"}],
    ),
    _case(
        "compound-source-noun",
        "Nach Polizeischätzungen demonstrierten in Kesselburg 4.000 Menschen bei der Kundgebung.",
        [{"claim": CROWD, "value": 4000, "source": "Polizei"}],
    ),
    _case(
        "spokesperson-compound-of-a-body",
        "In Valdorien seien 27 Menschen gestorben, sagte eine Ministeriumssprecherin.",
        [{"claim": DEATHS, "value": 27, "source": "valdoria-interior"}],
    ),
    _case(
        "spokesperson-compound-of-a-usual-speaker",
        "Ein Polizeisprecher sprach von 3.500 Teilnehmern der Kundgebung in Kesselburg.",
        [{"claim": CROWD, "value": 3500, "source": "Polizei"}],
    ),
    _case(
        "plain-spokesperson-is-nobody-named",
        "In Valdorien seien 29 Menschen gestorben, sagte ein Sprecher.",
        [{"claim": DEATHS, "value": 29, "source": None}],
    ),
    _case(
        "acronym-of-an-agency",
        "Nach einer Zählung der Nachrichtenagentur VPA kamen in Valdorien 73 Menschen ums Leben.",
        [{"claim": DEATHS, "value": 73, "source": "VPA"}],
    ),
    _case(
        "media-as-speaker",
        "Medien berichteten, in Valdorien seien 64 Menschen gestorben.",
        [{"claim": DEATHS, "value": 64, "source": "Medien"}],
    ),
    _case(
        "speaker-before-a-relative-clause",
        "Der Rote Halbmond, dem man in Valdorien 900 Tote zugeschrieben hatte, meldete am Abend 61 Tote in"
        " Valdorien.",
        [{"claim": DEATHS, "value": 61, "source": "red-crescent"}],
    ),
    _case(
        "so-viele-wie-is-no-speaker",
        "Ardtek streicht 500 Stellen, so viele wie nie zuvor.",
        [{"claim": CUTS, "value": 500, "source": None}],
    ),
    _case(
        "deployed-police-are-no-crowd",
        "Die Polizei war mit 300 Beamten bei der Kundgebung in Kesselburg im Einsatz.",
        [],
        [{"claim": CROWD, "value": 300}],
    ),
]


@pytest.mark.parametrize(("text", "expect", "reject"), CASES)
def test_german_phrasing(
    engine: ClaimEngine,
    text: str,
    expect: list[dict[str, Any]],
    reject: list[dict[str, Any]],
) -> None:
    findings = engine.analyze(text, language="de").claims
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
    assert len(CASES) >= 40
