"""Which event a figure is of, on a story configured in YAML alone: floods, a prisoner exchange
and a dock strike in two invented countries, each claim with the day its event began.

A figure of another event (an earlier flood, an earlier or later round of the exchange, the last
strike, a comparison "the worst since 2012, when 900 died") is no observation of the claim; a
comparison that only ends with a year ("the deadliest floods since 2012 have killed 860") leaves
the figure the claim's.

Every sentence here is written for this test; each case says what must and must not be found.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from monitor.text.explain import Explanation
from monitor.text.figures.event import before, comparison_year, date_at, other_occasion, past_phrase
from monitor.text.lang import grammar
from monitor.text.words.language import tokenize
from tests.text.yaml_story import engine_from_yaml, figures_found

CONFIG = """
watchlist:
  - id: valdoria
    kind: country
    names:
      de: [Valdorien]
      en: [Valdoria]
  - id: mirenka
    kind: country
    names:
      de: [Mirenka]
      en: [Mirenka]
  - id: dock-union
    kind: organization
    names:
      de: [Hafengewerkschaft]
      en: [Dock Union]

claims:
  - id: flood-deaths
    kind: figure
    units:
      de: [Menschen, Tote]
      en: [people, dead, deaths]
    actors: [valdoria]
    cues:
      de: [ums Leben gekommen, Tote, gestorben, starben, getötet]
      en: [died, killed, dead, deaths, death toll]
    accumulates: true
    scope:
      places: [valdoria]
      since: 2031-03-14
  - id: prisoners-exchanged
    kind: figure
    units:
      de: [Gefangene, Häftlinge]
      en: [prisoners]
    actors: [valdoria, mirenka]
    cues:
      de: [ausgetauscht, Austausch, getauscht]
      en: [exchanged, exchange, swap, swapped, traded]
    scope:
      since: 2031-06-01
  - id: dockers-on-strike
    kind: figure
    units:
      de: [Hafenarbeiter]
      en: [dockers]
    actors: [dock-union]
    cues:
      de: [Streik, streiken, im Ausstand]
      en: [strike, on strike, walked out, walkout]
    scope:
      since: 2031-09-12
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("events"), CONFIG)


FLOOD = "flood-deaths"
SWAP = "prisoners-exchanged"
STRIKE = "dockers-on-strike"

TAKE, SKIP = True, False

# (id, language, claim, value, taken?, text)
TABLE: list[tuple[str, str, str, float, bool, str]] = [
    # -- a comparison that ends with a year does not date the figure -----------------------------
    ("worst-since-after-en", "en", FLOOD, 1240, TAKE,
     "The floods in Valdoria have killed 1,240 people, the deadliest since 2012."),
    ("deadliest-since-own-clause-en", "en", FLOOD, 860, TAKE,
     "The deadliest floods in Valdoria since 2012 have killed 860 people."),
    ("not-seen-since-colon-en", "en", FLOOD, 910, TAKE,
     "Valdoria has not seen floods like these since 2009: 910 people have died."),
    ("schwerste-seit-de", "de", FLOOD, 860, TAKE,
     "Mit 860 Toten ist es in Valdorien die schwerste Flut seit 2012."),
    ("groesster-austausch-seit-de", "de", SWAP, 26, TAKE,
     "Beim größten Austausch seit 2010 wurden zwischen Valdorien und Mirenka 26 Gefangene ausgetauscht."),
    ("biggest-swap-since-en", "en", SWAP, 26, TAKE,
     "The biggest swap since 2010 saw Valdoria and Mirenka exchange 26 prisoners."),
    ("first-strike-since-en", "en", STRIKE, 30000, TAKE,
     "The first strike since 2018 has brought out 30,000 dockers of the Dock Union."),
    ("erster-streik-seit-de", "de", STRIKE, 30000, TAKE,
     "Beim ersten Streik seit 2018 legten 30.000 Hafenarbeiter der Hafengewerkschaft die Arbeit nieder."),
    # ... but "when", "als" after it sets the next figure in that year
    ("worst-since-when-en", "en", FLOOD, 900, SKIP,
     "It is the worst flood in Valdoria since 2012, when 900 people died."),
    ("worst-since-when-no-comma-en", "en", FLOOD, 900, SKIP,
     "These are the deadliest floods since 2012 when 900 people died in Valdoria."),
    ("schwerste-seit-als-de", "de", FLOOD, 900, SKIP,
     "Es ist die schwerste Flut in Valdorien seit 2012, als 900 Menschen starben."),
    ("biggest-swap-since-when-en", "en", SWAP, 14, SKIP,
     "It was the biggest prisoner swap since 2010, when Valdoria and Mirenka exchanged 14 prisoners."),
    ("groesster-austausch-als-de", "de", SWAP, 14, SKIP,
     "Es war der größte Austausch seit 2010, als Valdorien und Mirenka 14 Gefangene getauscht hatten."),
    ("first-strike-since-when-en", "en", STRIKE, 27000, SKIP,
     "It is the union's first strike since 2018, when 27,000 dockers of the Dock Union walked out."),
    ("erster-streik-als-de", "de", STRIKE, 27000, SKIP,
     "Es ist der erste Streik der Hafengewerkschaft seit 2018, als 27.000 Hafenarbeiter im Ausstand "
     "waren."),
    # -- years and dates before the event --------------------------------------------------------
    ("year-before-en", "en", FLOOD, 430, SKIP,
     "The 2019 floods in Valdoria killed 430 people."),
    ("year-before-de", "de", FLOOD, 430, SKIP,
     "Beim Hochwasser 2019 starben in Valdorien 430 Menschen."),
    ("month-before-en", "en", FLOOD, 45, SKIP,
     "In February 2031 a storm in Valdoria killed 45 people."),
    ("month-before-de", "de", FLOOD, 45, SKIP,
     "Im Februar 2031 kamen bei einem Sturm in Valdorien 45 Menschen ums Leben."),
    ("day-before-en", "en", FLOOD, 12, SKIP,
     "On 2 March 2031 a landslide in Valdoria killed 12 people."),
    ("day-before-de", "de", FLOOD, 12, SKIP,
     "Am 2. März 2031 starben bei einem Erdrutsch in Valdorien 12 Menschen."),
    ("month-before-swap-en", "en", SWAP, 5, SKIP,
     "Valdoria and Mirenka exchanged 5 prisoners in May 2031."),
    ("month-before-swap-de", "de", SWAP, 5, SKIP,
     "Im Mai 2031 hatten Valdorien und Mirenka in einer ersten Runde 5 Gefangene ausgetauscht."),
    ("month-before-strike-de", "de", STRIKE, 5000, SKIP,
     "Im August 2031 waren 5.000 Hafenarbeiter der Hafengewerkschaft einen Tag im Streik."),
    # ... the event's own month and day, and what follows, are the event's
    ("same-month-en", "en", FLOOD, 300, TAKE,
     "Valdoria recorded 300 deaths in March 2031 alone."),
    ("start-day-en", "en", FLOOD, 520, TAKE,
     "Since the rains began on 14 March 2031, 520 people have died in Valdoria."),
    ("same-month-swap-de", "de", SWAP, 26, TAKE,
     "Im Juni 2031 wurden zwischen Valdorien und Mirenka 26 Gefangene ausgetauscht."),
    ("same-month-swap-en", "en", SWAP, 26, TAKE,
     "Valdoria and Mirenka exchanged 26 prisoners in June 2031."),
    ("month-after-strike-de", "de", STRIKE, 30000, TAKE,
     "Seit Beginn des Streiks im September 2031 sind 30.000 Hafenarbeiter der Hafengewerkschaft im "
     "Ausstand."),
    # -- long ago ------------------------------------------------------------------------------
    ("years-ago-en", "en", FLOOD, 2000, SKIP,
     "Twenty years ago, floods in Valdoria killed 2,000 people."),
    ("decades-ago-en", "en", FLOOD, 3000, SKIP,
     "Decades ago, a flood in Valdoria killed 3,000 people."),
    ("vor-jahren-de", "de", FLOOD, 2000, SKIP,
     "Vor zwanzig Jahren starben bei einer Flut in Valdorien 2.000 Menschen."),
    ("vor-jahrzehnten-de", "de", STRIKE, 20000, SKIP,
     "Vor zwei Jahrzehnten waren 20.000 Hafenarbeiter der Hafengewerkschaft im Streik."),
    ("last-year-en", "en", FLOOD, 150, SKIP,
     "In Valdoria last year's floods killed 150 people."),
    ("vorjahr-de", "de", FLOOD, 150, SKIP,
     "Im Vorjahr waren bei Überschwemmungen in Valdorien 150 Menschen gestorben."),
    # ... but one year ago is the event itself in a piece one year on
    ("a-year-ago-en", "en", SWAP, 26, TAKE,
     "A year ago, Valdoria and Mirenka exchanged 26 prisoners."),
    ("vor-einem-jahr-de", "de", SWAP, 26, TAKE,
     "Vor einem Jahr wurden zwischen Valdorien und Mirenka 26 Gefangene ausgetauscht."),
    # -- another occasion: an earlier or later round, the last strike ---------------------------
    ("earlier-flood-en", "en", FLOOD, 80, SKIP,
     "In Valdoria an earlier flood killed 80 people."),
    ("fruehere-flut-de", "de", FLOOD, 80, SKIP,
     "Bei einer früheren Flut waren in Valdorien 80 Menschen gestorben."),
    ("letztes-hochwasser-de", "de", FLOOD, 600, SKIP,
     "Beim letzten großen Hochwasser starben in Valdorien 600 Menschen."),
    ("earlier-exchange-en", "en", SWAP, 12, SKIP,
     "In an earlier exchange, Valdoria and Mirenka had swapped 12 prisoners."),
    ("later-exchange-en", "en", SWAP, 6, SKIP,
     "In a later exchange, Valdoria and Mirenka traded 6 more prisoners."),
    ("frueherer-austausch-de", "de", SWAP, 12, SKIP,
     "Bei einem früheren Austausch hatten Valdorien und Mirenka 12 Gefangene getauscht."),
    ("letzter-gefangenenaustausch-de", "de", SWAP, 8, SKIP,
     "Beim letzten Gefangenenaustausch wurden zwischen Valdorien und Mirenka 8 Häftlinge ausgetauscht."),
    ("spaeterer-austausch-de", "de", SWAP, 6, SKIP,
     "Bei einem späteren Austausch wurden zwischen Valdorien und Mirenka 6 Gefangene ausgetauscht."),
    ("previous-swap-year-en", "en", SWAP, 8, SKIP,
     "A previous swap between Valdoria and Mirenka in 2029 involved 8 prisoners."),
    ("last-strike-en", "en", STRIKE, 27000, SKIP,
     "During the last strike, 27,000 dockers of the Dock Union stayed away for a month."),
    ("earlier-walkout-en", "en", STRIKE, 12000, SKIP,
     "In an earlier walkout, 12,000 dockers of the Dock Union had joined the strike."),
    ("letzter-streik-vergleich-de", "de", STRIKE, 27000, SKIP,
     "Zum Vergleich: Beim letzten großen Streik 2018 waren 27.000 Hafenarbeiter der "
     "Hafengewerkschaft im Ausstand."),
    # ... an adjective of another noun is no other occasion
    ("last-week-en", "en", STRIKE, 30000, TAKE,
     "Last week's strike by 30,000 dockers of the Dock Union closed the port."),
    ("letzte-woche-de", "de", FLOOD, 300, TAKE,
     "In der letzten Woche sind in Valdorien beim Hochwasser 300 Menschen gestorben."),
    # ... nor one the sentence dates to the event itself
    ("earlier-round-of-the-event-en", "en", SWAP, 26, TAKE,
     "In the earlier round of June 2031, Valdoria and Mirenka exchanged 26 prisoners."),
    # -- "damals", "back then": the time named before ------------------------------------------
    ("back-then-before-en", "en", FLOOD, 430, SKIP,
     "The floods of 2019 were the worst in a century. Back then, 430 people died in Valdoria."),
    ("damals-before-de", "de", FLOOD, 430, SKIP,
     "Die Flut von 2019 war die schwerste seit Jahrzehnten. Damals starben in Valdorien 430 Menschen."),
    ("damals-swap-before-de", "de", SWAP, 9, SKIP,
     "Valdorien und Mirenka hatten schon 1986 einmal Gefangene getauscht. Damals wurden 9 Häftlinge "
     "ausgetauscht."),
    ("jenem-krieg-de", "de", FLOOD, 300000, SKIP,
     "Viele Familien in Valdorien erinnern sich an den Krieg von 1971. In jenem Krieg starben "
     "300.000 Menschen."),
    ("damals-same-sentence-de", "de", FLOOD, 430, SKIP,
     "Beim Hochwasser von 2019 waren die Dämme gebrochen, 430 Menschen starben damals in Valdorien."),
    ("question-then-answer-en", "en", FLOOD, 700, SKIP,
     "What did the floods of 2019 teach Valdoria?\n\nBack then, 700 people died in Valdoria."),
    ("back-then-event-en", "en", SWAP, 26, TAKE,
     "The exchange took place in August 2031. Back then, Valdoria and Mirenka swapped 26 prisoners."),
    ("damals-event-de", "de", SWAP, 26, TAKE,
     "Der große Austausch fand im August 2031 statt. Damals wurden zwischen Valdorien und Mirenka "
     "26 Gefangene ausgetauscht."),
    # -- today's figure beside another event's -------------------------------------------------
    ("now-and-then-now-en", "en", FLOOD, 1500, TAKE,
     "The toll in Valdoria now stands at 1,500 dead, compared with 430 in 2019."),
    ("now-and-then-then-en", "en", FLOOD, 430, SKIP,
     "The toll in Valdoria now stands at 1,500 dead, compared with 430 in 2019."),
    ("jetzt-und-damals-jetzt-de", "de", FLOOD, 1500, TAKE,
     "Inzwischen sind in Valdorien 1.500 Menschen gestorben, beim Hochwasser von 2019 waren es 430 "
     "Tote."),
    ("jetzt-und-damals-damals-de", "de", FLOOD, 430, SKIP,
     "Inzwischen sind in Valdorien 1.500 Menschen gestorben, beim Hochwasser von 2019 waren es 430 "
     "Tote."),
    # -- the plain figures of the events themselves --------------------------------------------
    ("plain-flood-en", "en", FLOOD, 1240, TAKE,
     "The floods have killed 1,240 people in Valdoria."),
    ("plain-swap-en", "en", SWAP, 24, TAKE,
     "Valdoria and Mirenka exchanged 24 prisoners on Thursday."),
    ("plain-swap-de", "de", SWAP, 24, TAKE,
     "Valdorien und Mirenka haben am Donnerstag 24 Gefangene ausgetauscht."),
    ("plain-strike-en", "en", STRIKE, 30000, TAKE,
     "About 30,000 dockers of the Dock Union went on strike on Friday."),
    ("plain-strike-de", "de", STRIKE, 30000, TAKE,
     "Rund 30.000 Hafenarbeiter der Hafengewerkschaft sind seit Freitag im Streik."),
]


@pytest.mark.parametrize(
    ("language", "claim", "value", "taken", "text"),
    [case[1:] for case in TABLE],
    ids=[case[0] for case in TABLE],
)
def test_which_event_a_figure_is_of(
    engine: ClaimEngine, language: str, claim: str, value: float, taken: bool, text: str
) -> None:
    got = figures_found(engine, text, language)
    verdict = "missing" if taken else "unexpected"
    assert ((claim, value) in got) is taken, f"{verdict} {claim} {value}; got {got}"


def test_the_table_has_both_languages_and_both_outcomes() -> None:
    assert len(TABLE) >= 60
    assert {case[1] for case in TABLE} == {"de", "en"}
    assert sum(1 for case in TABLE if case[4] is TAKE) >= 25
    assert sum(1 for case in TABLE if case[4] is SKIP) >= 30


def test_explain_says_what_points_back(engine: ClaimEngine) -> None:
    explanation = Explanation()
    engine.analyze(
        "Die Flut von 2019 war die schwerste seit Jahrzehnten. Damals starben in Valdorien 430 Menschen.",
        "de",
        explanation=explanation,
    )
    lines = explanation.lines()
    assert any("'430'" in line and "damals" in line and "2019" in line for line in lines), lines


def test_explain_names_the_other_occasion(engine: ClaimEngine) -> None:
    explanation = Explanation()
    text = "In an earlier exchange, Valdoria and Mirenka had swapped 12 prisoners."
    engine.analyze(text, "en", explanation=explanation)
    lines = explanation.lines()
    assert any("'12'" in line and "earlier exchange" in line for line in lines), lines


def _tokens(text: str, language: str) -> list[Any]:
    return tokenize(text, grammar(language).elisions)


@pytest.mark.parametrize(
    ("text", "language", "year_at", "want"),
    [
        ("im Februar 2031", "de", 2, (2031, 2, None)),
        ("am 12. Februar 2031", "de", 4, (2031, 2, 12)),
        ("on February 12, 2031", "en", 4, (2031, 2, 12)),
        ("on 12 February 2031", "en", 3, (2031, 2, 12)),
        ("in 2031", "en", 1, (2031, None, None)),
        ("the 1992-93 season", "en", 1, (1992, None, None)),
    ],
)
def test_date_at_reads_month_and_day(text: str, language: str, year_at: int, want: tuple[Any, ...]) -> None:
    assert date_at(_tokens(text, language), year_at) == want


def test_date_at_is_none_for_a_count() -> None:
    assert date_at(_tokens("30,000 dockers", "en"), 0) is None
    assert date_at(_tokens("sieben Gefangene", "de"), 0) is None


def test_before_compares_only_what_the_text_names() -> None:
    since = date(2031, 3, 14)
    assert before((2030, None, None), since)
    assert not before((2031, None, None), since)
    assert before((2031, 2, None), since)
    assert not before((2031, 3, None), since)
    assert before((2031, 3, 13), since)
    assert not before((2031, 3, 14), since)
    assert not before((2032, 1, 1), since)


@pytest.mark.parametrize(
    ("text", "language", "year_at", "want"),
    [
        ("the worst toll since 1998", "en", 4, True),
        ("the first time since 2010", "en", 4, True),
        ("not seen since the spring of 2010", "en", 6, True),
        ("die schwerste Flut seit 2012", "de", 4, True),
        ("so viele wie seit 2010 nicht mehr", "de", 4, True),
        ("since 2019, 900 people died", "en", 1, False),
        ("seit 2019 starben 900 Menschen", "de", 1, False),
        ("the floods of 2019", "en", 3, False),
    ],
)
def test_comparison_year(text: str, language: str, year_at: int, want: bool) -> None:
    assert comparison_year(_tokens(text, language), year_at) is want


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [
        ("in an earlier prisoner exchange", "en", "earlier exchange"),
        ("during the last strike", "en", "last strike"),
        ("beim letzten großen Streik", "de", "letzten Streik"),
        ("in einem früheren Gefangenenaustausch", "de", "früheren Gefangenenaustausch"),
        ("last week's strike", "en", None),
        ("in der letzten Woche beim Streik", "de", None),
        ("the earlier toll", "en", None),
        ("the last month of the strike", "en", None),
    ],
)
def test_other_occasion(text: str, language: str, want: str | None) -> None:
    tokens = _tokens(text, language)
    assert other_occasion(tokens, 0, len(tokens), grammar(language).nouns_capitalized) == want


@pytest.mark.parametrize(
    ("text", "language", "want"),
    [
        ("twenty years ago", "en", "twenty years ago"),
        ("decades ago", "en", "decades ago"),
        ("vor zwei Jahrzehnten", "de", "vor zwei jahrzehnten"),
        ("vor mehr als 20 Jahren", "de", "vor mehr als 20 jahren"),
        ("a year ago", "en", None),
        ("vor einem Jahr", "de", None),
        ("for 20 years", "en", None),
        ("seit 20 Jahren", "de", None),
    ],
)
def test_long_ago(text: str, language: str, want: str | None) -> None:
    tokens = _tokens(text, language)
    assert past_phrase(tokens, 0, len(tokens)) == want


# a month named without its year is dated by the article: the exchange began on 1 June 2031
MONTH_CASES = [
    ("de", "Schon im Mai hatten Valdorien und Mirenka 14 Gefangene ausgetauscht.", date(2031, 7, 2), False),
    ("de", "Im Juni tauschten Valdorien und Mirenka 14 Gefangene aus.", date(2031, 7, 2), True),
    ("en", "In May, Valdoria and Mirenka had swapped 14 prisoners.", date(2031, 7, 2), False),
    ("en", "Valdoria and Mirenka swapped 14 prisoners in June.", date(2031, 7, 2), True),
    # December named in a January article is last year's: before a June event of that year
    ("en", "In December, Valdoria and Mirenka swapped 14 prisoners.", date(2032, 1, 5), True),
    ("en", "In December, Valdoria and Mirenka swapped 14 prisoners.", date(2031, 12, 20), True),
    # "since May" reaches up to now: it dates nothing before the event
    ("en", "Since May, Valdoria and Mirenka have swapped 14 prisoners.", date(2031, 7, 2), True),
]


@pytest.mark.parametrize(("language", "text", "published", "taken"), MONTH_CASES)
def test_a_month_without_its_year_is_dated_by_the_article(
    engine: ClaimEngine, language: str, text: str, published: date, taken: bool
) -> None:
    analysis = engine.analyze(text, language=language, published=published)
    got = {(c.claim, c.value) for c in analysis.claims}
    assert ((SWAP, 14.0) in got) is taken, got


def test_without_the_articles_date_a_bare_month_dates_nothing(engine: ClaimEngine) -> None:
    got = figures_found(engine, "Schon im Mai hatten Valdorien und Mirenka 14 Gefangene ausgetauscht.", "de")
    assert (SWAP, 14.0) in got
