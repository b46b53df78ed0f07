"""A broad table of English figure phrasings on a story configured in YAML alone: floods, a measles
outbreak, protests, an election, job cuts at a carmaker and sea crossings in an invented country.

The claims list only the words a user would think of first (units "people", "dead", "cases",
"jobs", ...); the table checks that the engine knows the rest of English counting by itself: count
nouns ("death toll", "the number of dead", "fatalities", "layoffs", "arrivals"), elliptic figures
once a paragraph has said what it counts, place phrases between a count noun and its verb, number
words and qualifiers, and the many numbers that are no count (ages, dates, times, money, shares,
phone and flight numbers, ordinals, earlier events, forecasts, hypotheticals, a page cut off).

Every sentence here is written for this test. ``want`` lists (claim, value, qualifier) findings
that must be there (qualifier None: any); ``not`` lists (claim, value) findings that must not
(value None: no finding of that claim at all).
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.engine import ClaimEngine
from tests.text.yaml_story import engine_from_yaml

CONFIG = """
watchlist:
  - id: norland
    kind: country
    names:
      en: [Norland]
  - id: kessa
    kind: place
    names:
      en: [Kessa]
  - id: velland
    kind: country
    names:
      en: [Velland]
  - id: health-ministry
    kind: organization
    names:
      en: [health ministry]
  - id: arlen
    kind: organization
    names:
      en: [Arlen Motors, Arlen]
  - id: coast-guard
    kind: organization
    names:
      en: [coast guard]

claims:
  - id: flood-deaths
    kind: figure
    units:
      en: [people, dead, deaths]
    actors: [norland]
    cues:
      en: [killed, died, dead, deaths]
    accumulates: true
    scope:
      places: [norland, kessa]
      since: 2031-03-01
  - id: flood-missing
    kind: figure
    units:
      en: [people, missing]
    actors: [norland]
    cues:
      en: [missing, unaccounted for]
    accumulates: true
    scope:
      places: [norland, kessa]
      since: 2031-03-01
  - id: measles-cases
    kind: figure
    units:
      en: [cases]
    actors: [norland]
    cues:
      en: [measles, cases, infected]
    accumulates: true
    scope:
      places: [norland, kessa]
      since: 2031-01-01
  - id: rally-crowd
    kind: figure
    units:
      en: [people, protesters]
    actors: [norland]
    cues:
      en: [rally, protest, protests, marched, crowd]
    scope:
      places: [norland, kessa]
      since: 2031-03-01
  - id: turnout
    kind: figure
    units:
      en: [percent, "%"]
    actors: [norland]
    cues:
      en: [turnout, voted]
    scope:
      places: [norland, kessa]
      since: 2031-03-01
  - id: job-cuts
    kind: figure
    units:
      en: [jobs, workers]
    actors: [arlen]
    cues:
      en: [cut, job cuts, lay off]
    scope:
      since: 2031-03-01
  - id: crossings
    kind: figure
    units:
      en: [migrants, people]
    actors: [norland]
    cues:
      en: [crossed, crossing, arrived]
    scope:
      places: [norland]
      since: 2031-03-01
"""

FLOOD = "Floods swept through northern Norland this week. "

Case = dict[str, Any]

# --- unit vocabulary the user did not list -------------------------------------------------
VOCABULARY: list[Case] = [
    {
        "id": "death-toll-rose",
        "text": FLOOD + "The death toll rose to 41 on Thursday.",
        "want": {("flood-deaths", 41, "exact")},
        "not": {("flood-missing", None)},
    },
    {
        "id": "casualty-figures-number-of-dead",
        "text": FLOOD + "The official casualty figures put the number of dead at 63.",
        "want": {("flood-deaths", 63, None)},
        "not": set(),
    },
    {
        "id": "number-of-dead-climbed",
        "text": FLOOD + "By Friday the number of dead had climbed to 57.",
        "want": {("flood-deaths", 57, None)},
        "not": set(),
    },
    {
        "id": "fatalities-object",
        "text": FLOOD + "Officials reported 72 fatalities in the flooded valleys.",
        "want": {("flood-deaths", 72, "exact")},
        "not": set(),
    },
    {
        "id": "fatalities-subject",
        "text": FLOOD + "Flood fatalities reached 74 by the weekend, officials said.",
        "want": {("flood-deaths", 74, None)},
        "not": set(),
    },
    {
        "id": "count-of-missing",
        "text": FLOOD + "Rescuers said the count of missing had fallen to 19.",
        "want": {("flood-missing", 19, None)},
        "not": {("flood-deaths", 19)},
    },
    {
        "id": "confirmed-cases",
        "text": "Norland's health ministry reported 214 confirmed cases of measles on Monday.",
        "want": {("measles-cases", 214, "exact")},
        "not": set(),
    },
    {
        "id": "case-count-stands",
        "text": "Measles is spreading in Norland. The case count stands at 388.",
        "want": {("measles-cases", 388, None)},
        "not": set(),
    },
    {
        "id": "layoffs-noun",
        "text": "Arlen Motors announced 3,500 layoffs at its plants in Norland.",
        "want": {("job-cuts", 3500, "exact")},
        "not": set(),
    },
    {
        "id": "job-cuts-noun",
        "text": "Arlen said on Tuesday it would make 1,200 job cuts at its Kessa factory.",
        "want": {("job-cuts", 1200, None)},
        "not": set(),
    },
    {
        "id": "layoffs-total",
        "text": "Arlen Motors is shrinking. Layoffs will total 1,800, the company said.",
        "want": {("job-cuts", 1800, None)},
        "not": set(),
    },
    {
        "id": "arrivals-reached",
        "text": "Arrivals on Norland's southern coast reached 2,300 in May.",
        "want": {("crossings", 2300, None)},
        "not": set(),
    },
    {
        "id": "crossings-noun",
        "text": "Norland's coast guard recorded 640 crossings on Tuesday alone.",
        "want": {("crossings", 640, "exact")},
        "not": set(),
    },
    {
        "id": "turnout-was",
        "text": "Turnout in Norland's parliamentary election was 67 percent.",
        "want": {("turnout", 67, "exact")},
        "not": set(),
    },
    {
        "id": "turnout-decimal",
        "text": "Voters in Norland returned to the polls on Sunday. Turnout stood at 58.4%.",
        "want": {("turnout", 58.4, None)},
        "not": set(),
    },
]

# --- elliptic figures once the paragraph has set what is counted -----------------------------
ELLIPTIC: list[Case] = [
    {
        "id": "twice-that-spelled-out",
        "text": "Police in Norland counted 40,000 protesters at the rally in Kessa on Saturday. The "
        "opposition spoke of twice that, about 80,000.",
        "want": {("rally-crowd", 40000, "exact"), ("rally-crowd", 80000, "about")},
        "not": set(),
    },
    {
        "id": "far-more-union-maintained",
        "text": "Norland's police put the crowd at the protest in Kessa at 120,000. Far more, the union "
        "maintained: 700,000.",
        "want": {("rally-crowd", 120000, None), ("rally-crowd", 700000, None)},
        "not": set(),
    },
    {
        "id": "organisers-said",
        "text": "Tens of thousands of protesters rallied in Kessa against the Norland government on "
        "Sunday. Organisers said 30,000.",
        "want": {("rally-crowd", 30000, "exact")},
        "not": set(),
    },
    {
        "id": "figure-has-since-risen",
        "text": "The floods in Norland killed 80 people, officials said on Monday. The figure has "
        "since risen to 90.",
        "want": {("flood-deaths", 80, None), ("flood-deaths", 90, None)},
        "not": set(),
    },
    {
        "id": "another-n-died",
        "text": FLOOD + "Thirty people died in Kessa on Monday. Another 12 died in the hills on Tuesday.",
        "want": {("flood-deaths", 30, None), ("flood-deaths", 12, "additional")},
        "not": set(),
    },
    {
        "id": "gapped-second-place",
        "text": FLOOD + "Officials said 30 people had died in Kessa and 12 in the northern hills.",
        "want": {("flood-deaths", 30, None), ("flood-deaths", 12, None)},
        "not": set(),
    },
    {
        "id": "toll-with-missing-aside",
        "text": FLOOD + "The death toll stands at 74, with 12 people still unaccounted for.",
        "want": {("flood-deaths", 74, None), ("flood-missing", 12, None)},
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "bringing-the-total",
        "text": "Norland's health ministry recorded new measles cases on Tuesday, bringing the total to 512.",
        "want": {("measles-cases", 512, None)},
        "not": set(),
    },
    {
        # the number says something else about some of the people just named
        "id": "part-of-named-group",
        "text": "Rescuers brought people missing in the floods in Norland to safety. Thirty were treated "
        "in hospital.",
        "want": set(),
        "not": {("flood-missing", 30), ("flood-deaths", 30)},
    },
    {
        "id": "unrelated-previous-sentence",
        "text": "The Norland parliament met on Tuesday to debate the budget. Officials said 300 had "
        "signed up to speak.",
        "want": set(),
        "not": {("flood-deaths", None), ("rally-crowd", None), ("crossings", None)},
    },
]

# --- words between the count noun and its number ---------------------------------------------
BETWEEN: list[Case] = [
    {
        "id": "count-with-participle-aside",
        "text": FLOOD + "At least 30 people died. The previous count, given by the ministry on Saturday, "
        "was 25.",
        "want": {("flood-deaths", 30, "at_least"), ("flood-deaths", 25, None)},
        "not": set(),
    },
    {
        "id": "number-with-relative-clause",
        "text": FLOOD + "The number of missing, which stood at 40 on Monday, has fallen to 28.",
        "want": {("flood-missing", 40, None), ("flood-missing", 28, None)},
        "not": {("flood-deaths", None)},
    },
    {
        "id": "put-the-number-who-at",
        "text": "Norland's coast guard put the number who had crossed this month at 4,100.",
        "want": {("crossings", 4100, None)},
        "not": set(),
    },
    {
        "id": "bare-subject-with-cue-verb",
        "text": FLOOD + "In Kessa alone, 17 died.",
        "want": {("flood-deaths", 17, None)},
        "not": set(),
    },
]

# --- a place phrase between the count noun and its verb --------------------------------------
PLACE_BETWEEN: list[Case] = [
    {
        "id": "toll-in-place-is",
        "text": FLOOD + "The toll in Kessa is 20 now, the health ministry said.",
        "want": {("flood-deaths", 20, None)},
        "not": set(),
    },
    {
        "id": "number-of-dead-in-capital",
        "text": FLOOD + "The number of dead in the capital rose to 12.",
        "want": {("flood-deaths", 12, None)},
        "not": set(),
    },
    {
        "id": "death-toll-in-province-reached",
        "text": "Heavy rain has hit Norland since Sunday. The death toll in the northern province "
        "of Kessa reached 35 on Wednesday.",
        "want": {("flood-deaths", 35, None)},
        "not": set(),
    },
    {
        "id": "toll-in-other-country",
        "text": "The same storm crossed into Velland on Friday. The death toll in Velland rose to 16.",
        "want": set(),
        "not": {("flood-deaths", 16)},
    },
]

# --- number words and qualifiers --------------------------------------------------------------
WORDS_AND_QUALIFIERS: list[Case] = [
    {
        "id": "two-dozen",
        "text": FLOOD + "Two dozen people died when a bridge collapsed.",
        "want": {("flood-deaths", 24, None)},
        "not": set(),
    },
    {
        "id": "nearly-1-5-million",
        "text": "Nearly 1.5 million people took part in protests across Norland on Saturday.",
        "want": {("rally-crowd", 1500000, "about")},
        "not": set(),
    },
    {
        "id": "more-than-a-hundred",
        "text": FLOOD + "More than a hundred people were killed in the first two days.",
        "want": {("flood-deaths", 100, "more_than")},
        "not": set(),
    },
    {
        "id": "some-3000-odd",
        "text": "Some 3,000-odd protesters marched through Kessa, Norland's capital.",
        "want": {("rally-crowd", 3000, "about")},
        "not": set(),
    },
    {
        "id": "tens-of-thousands",
        "text": "Tens of thousands of protesters marched through Kessa, Norland's capital.",
        "want": {("rally-crowd", 20000, "several")},  # "several N" is 2 x N
        "not": set(),
    },
    {
        "id": "at-least-2000",
        "text": "At least 2,000 people joined the rally in Kessa, Norland's capital.",
        "want": {("rally-crowd", 2000, "at_least")},
        "not": set(),
    },
    {
        "id": "up-to-750",
        "text": "Up to 750 migrants crossed to Norland on Tuesday.",
        "want": {("crossings", 750, "up_to")},
        "not": set(),
    },
    {
        "id": "between-40-and-60",
        "text": FLOOD + "Between 40 and 60 people are still missing.",
        "want": {("flood-missing", 50, "about")},
        "not": {("flood-deaths", None)},
    },
    {
        "id": "fewer-than-10",
        "text": FLOOD + "Fewer than 10 people died in Kessa, the health ministry said.",
        "want": {("flood-deaths", 10, "up_to")},
        "not": set(),
    },
    {
        "id": "hundred-and-twelve-words",
        "text": FLOOD + "Three hundred and twelve people have been confirmed dead.",
        "want": {("flood-deaths", 312, None)},
        "not": set(),
    },
    {
        "id": "hyphenated-words",
        "text": FLOOD + "Forty-one people were killed in the town of Kessa.",
        "want": {("flood-deaths", 41, "exact")},
        "not": set(),
    },
    {
        "id": "nearly-two-thousand",
        "text": "Nearly two thousand migrants crossed to Norland last month.",
        "want": {("crossings", 2000, "about")},
        "not": set(),
    },
    {
        "id": "strong-crowd",
        "text": "A 12,000-strong crowd gathered for the rally in Kessa, Norland's capital.",
        "want": {("rally-crowd", 12000, None)},
        "not": set(),
    },
    {
        "id": "crowd-of",
        "text": "The rally drew a crowd of 25,000 in Kessa, Norland's capital.",
        "want": {("rally-crowd", 25000, None)},
        "not": set(),
    },
    {
        "id": "dozens-killed",
        "text": FLOOD + "Dozens of people were killed.",
        "want": {("flood-deaths", 24, "several")},
        "not": set(),
    },
    {
        "id": "range-with-hyphen",
        "text": FLOOD + "Officials fear 200-300 people died in the valley.",
        "want": {("flood-deaths", 250, "about")},
        "not": set(),
    },
    {
        "id": "or-more",
        "text": "Protesters in Kessa numbered 5,000 or more, Norland's police said.",
        "want": {("rally-crowd", 5000, "at_least")},
        "not": set(),
    },
]

# --- numbers that are no count of the claim ---------------------------------------------------
NEGATIVES: list[Case] = [
    {
        "id": "age",
        "text": FLOOD + "A 72-year-old woman died when her house collapsed.",
        "want": set(),
        "not": {("flood-deaths", 72)},
    },
    {
        "id": "ages-of-victims",
        "text": FLOOD + "Among the dead were a boy of 9 and his mother, 34.",
        "want": set(),
        "not": {("flood-deaths", 9), ("flood-deaths", 34)},
    },
    {
        "id": "date",
        "text": "The floods in Norland killed 14 people on 12 March.",
        "want": {("flood-deaths", 14, None)},
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "us-date",
        "text": "On March 18, 88 people died in the floods in Norland.",
        "want": {("flood-deaths", 88, None)},
        "not": {("flood-deaths", 18)},
    },
    {
        "id": "clock-time",
        "text": "The dam in Norland broke at 4:30 in the morning, killing 9 people.",
        "want": {("flood-deaths", 9, None)},
        "not": {("flood-deaths", 4), ("flood-deaths", 30)},
    },
    {
        "id": "money",
        "text": "Norland pledged $4 billion for the families of people killed in the floods.",
        "want": set(),
        "not": {("flood-deaths", None)},
    },
    {
        "id": "money-beside-job-cuts",
        "text": "Arlen Motors will spend $300 million to cut 2,000 jobs in Norland.",
        "want": {("job-cuts", 2000, None)},
        "not": {("job-cuts", 300000000)},
    },
    {
        "id": "percentage-beside-job-cuts",
        "text": "Arlen Motors will cut 8% of its workforce in Norland, about 2,400 jobs.",
        "want": {("job-cuts", 2400, "about")},
        "not": {("job-cuts", 8)},
    },
    {
        "id": "share-of-a-crowd",
        "text": "About 40% of the protesters at the rally in Kessa were students, Norland's police said.",
        "want": set(),
        "not": {("rally-crowd", 40)},
    },
    {
        "id": "phone-number",
        "text": FLOOD + "Relatives of the dead can call the hotline on 0800 555 123.",
        "want": set(),
        "not": {("flood-deaths", None)},
    },
    {
        "id": "flight-number",
        "text": "Flight 217 to Kessa was cancelled after the floods in Norland killed 30 people.",
        "want": {("flood-deaths", 30, None)},
        "not": {("flood-deaths", 217)},
    },
    {
        "id": "one-of-the",
        "text": FLOOD + "Kessa is one of the towns where people died.",
        "want": set(),
        "not": {("flood-deaths", None)},
    },
    {
        "id": "ordinal",
        "text": FLOOD + "The 3rd Division helped to recover the dead.",
        "want": set(),
        "not": {("flood-deaths", 3)},
    },
    {
        "id": "page-cut-mid-number",
        "text": FLOOD + "The floods have killed 1",
        "want": set(),
        "not": {("flood-deaths", 1)},
    },
    {
        "id": "page-cut-after-figure",
        "text": FLOOD + "The death toll in the valleys has climbed to 4",
        "want": set(),
        "not": {("flood-deaths", 4)},
    },
    {
        "id": "run-together-sentences",
        "text": FLOOD + "The floods killed 52 people.Another 300 were injured in Kessa.",
        "want": {("flood-deaths", 52, None)},
        "not": {("flood-deaths", 300)},
    },
    {
        "id": "earlier-event",
        "text": FLOOD + "The floods have killed 45 people. The 2011 floods killed 900.",
        "want": {("flood-deaths", 45, None)},
        "not": {("flood-deaths", 900)},
    },
    {
        "id": "earlier-event-in-year",
        "text": FLOOD + "In 2019, a similar storm killed 230 people in the same valleys.",
        "want": set(),
        "not": {("flood-deaths", 230)},
    },
    {
        "id": "forecast-could-reach",
        "text": FLOOD + "Officials warned that the death toll could reach 10,000.",
        "want": set(),
        "not": {("flood-deaths", 10000)},
    },
    {
        "id": "forecast-expected-to-rise",
        "text": FLOOD + "The number of dead is expected to rise above 500.",
        "want": set(),
        "not": {("flood-deaths", 500)},
    },
    {
        "id": "hypothetical-if",
        "text": "If the dam in Norland fails, as many as 5,000 people could die in Kessa.",
        "want": set(),
        "not": {("flood-deaths", 5000)},
    },
    {
        "id": "counterfactual",
        "text": FLOOD + "Without the warning, 600 more people would have died, engineers said.",
        "want": set(),
        "not": {("flood-deaths", 600)},
    },
    {
        "id": "injured-not-dead",
        "text": FLOOD + "The storm injured 90 people in Kessa.",
        "want": set(),
        "not": {("flood-deaths", 90)},
    },
    {
        "id": "worst-since-year",
        "text": FLOOD + "The floods have killed 23 people, the worst toll since 1998.",
        "want": {("flood-deaths", 23, None)},
        "not": {("flood-deaths", 1998)},
    },
    {
        "id": "number-in-a-name",
        "text": FLOOD + "Rescuers from Station 12 pulled the dead from the river.",
        "want": set(),
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "duration",
        "text": FLOOD + "People in Kessa were missing for 36 hours before the water fell.",
        "want": set(),
        "not": {("flood-missing", 36)},
    },
    {
        "id": "deaths-per-day",
        "text": "Measles spread fast in Norland, with 40 new cases a day in March.",
        "want": set(),
        "not": {("measles-cases", 40)},
    },
    {
        "id": "other-country-cases",
        "text": "Measles is also spreading in Velland, which has counted 95 cases.",
        "want": set(),
        "not": {("measles-cases", 95)},
    },
    {
        "id": "jobs-saved-not-cut",
        "text": "Arlen Motors said the new plant in Norland would create 900 jobs.",
        "want": set(),
        "not": {("job-cuts", 900)},
    },
    {
        "id": "workforce-size",
        "text": "Arlen Motors employs 14,000 workers in Norland.",
        "want": set(),
        "not": {("job-cuts", 14000)},
    },
]

# --- "in numbers" explainers: a figure, a colon, then what it counts ---------------------------
EXPLAINER = "The floods in Norland, in numbers\n\n"
IN_NUMBERS: list[Case] = [
    {
        "id": "explainer-deaths",
        "text": EXPLAINER + "41: people killed by the floods in Norland, by the health ministry's count.",
        "want": {("flood-deaths", 41, "exact")},
        "not": set(),
    },
    {
        "id": "explainer-missing",
        "text": EXPLAINER + "19: people still missing in the valleys of Norland.",
        "want": {("flood-missing", 19, "exact")},
        "not": {("flood-deaths", 19)},
    },
    {
        "id": "explainer-job-cuts",
        "text": "Arlen Motors' restructuring, in numbers\n\n3,500: jobs Arlen Motors says it will cut in "
        "Norland.",
        "want": {("job-cuts", 3500, None)},
        "not": set(),
    },
    {
        "id": "explainer-duration-is-no-count",
        "text": EXPLAINER + "12: days of rain before the dams of Norland broke and people died.",
        "want": set(),
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "explainer-share-is-no-count",
        "text": EXPLAINER + "60%: the share of the dead in Norland who were older than 70.",
        "want": set(),
        "not": {("flood-deaths", 60), ("flood-deaths", 70)},
    },
]

CASES: list[Case] = [
    *VOCABULARY,
    *ELLIPTIC,
    *BETWEEN,
    *PLACE_BETWEEN,
    *WORDS_AND_QUALIFIERS,
    *IN_NUMBERS,
    *NEGATIVES,
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("english-table"), CONFIG)


def _found(engine: ClaimEngine, text: str) -> set[tuple[str, float, str]]:
    analysis = engine.analyze(text, language="en")
    return {(c.claim, c.value, c.qualifier) for c in analysis.claims if c.value is not None}


def test_table_is_broad() -> None:
    assert len(CASES) >= 60
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if not case["want"]) >= 20  # negatives are a large part
    assert KNOWN_GAPS <= {case["id"] for case in CASES}


# Phrasings the engine does not handle yet. Strict: a case that starts to pass fails here, so it
# must then leave this set and become an ordinary case (branch enclaims2 emptied it).
KNOWN_GAPS: frozenset[str] = frozenset()


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason="known gap")] if case["id"] in KNOWN_GAPS else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_english_figure(engine: ClaimEngine, case: Case) -> None:
    got = _found(engine, case["text"])
    for claim, value, qualifier in case["want"]:
        hits = [g for g in got if g[0] == claim and abs(g[1] - value) <= 0.01 * max(value, 1)]
        assert hits, f"missing {claim}={value}; got {sorted(got)}"
        if qualifier is not None:
            assert any(g[2] == qualifier for g in hits), f"{claim}={value} not {qualifier}: {hits}"
    for claim, value in case["not"]:
        bad = [g for g in got if g[0] == claim and (value is None or abs(g[1] - value) < 0.5)]
        assert not bad, f"unexpected {bad}; got {sorted(got)}"
