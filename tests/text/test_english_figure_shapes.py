"""More English figure shapes on the story of the English table (floods, measles, protests, job cuts
and crossings in an invented country): each rule the table's former gaps needed, with the
sentences where the same words must not make a figure.

Every sentence here is written for this test; ``want`` and ``not`` read as in the table.
"""

from __future__ import annotations

from typing import Any

import pytest

from monitor.text.claims import compile_terms
from monitor.text.engine import ClaimEngine
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import tokenize
from tests.text.test_english_figure_table import CONFIG, FLOOD
from tests.text.yaml_story import engine_from_yaml

Case = dict[str, Any]

# "40 new cases a day": a rate is no total; "a day after" is a date, the count stands
RATES: list[Case] = [
    {
        "id": "arrivals-every-week",
        "text": "Norland's coast guard counted 300 arrivals every week over the summer.",
        "want": set(),
        "not": {("crossings", 300)},
    },
    {
        "id": "deaths-daily",
        "text": FLOOD + "In the worst days the valleys saw 12 deaths daily.",
        "want": set(),
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "a-day-after-is-a-date",
        "text": "The floods in Norland killed 40 people a day after the dam broke.",
        "want": {("flood-deaths", 40, None)},
        "not": set(),
    },
    {
        "id": "a-week-later-is-a-date",
        "text": "Measles reached Kessa in January; Norland counted 95 cases a week later.",
        "want": {("measles-cases", 95, None)},
        "not": set(),
    },
]

# "a boy of 9", "his mother, 34": ages of people named by a noun
AGES: list[Case] = [
    {
        "id": "woman-of-80",
        "text": FLOOD + "A woman of 80 and her grandson were among the dead in Kessa.",
        "want": set(),
        "not": {("flood-deaths", 80)},
    },
    {
        "id": "father-comma-age",
        "text": FLOOD + "The dead include a fisherman, 58, who tried to save his boat.",
        "want": set(),
        "not": {("flood-deaths", 58)},
    },
    {
        "id": "group-of-is-a-count",
        "text": FLOOD + "A group of 14 people died when their bus was swept away.",
        "want": {("flood-deaths", 14, None)},
        "not": set(),
    },
]

# "would have died": what did not happen; "would have to cut" is a plan
COUNTERFACTUALS: list[Case] = [
    {
        "id": "would-have-been-killed",
        "text": FLOOD + "Had the dam broken at night, 2,000 people would have been killed, experts said.",
        "want": set(),
        "not": {("flood-deaths", 2000)},
    },
    {
        "id": "would-have-in-another-clause",
        "text": "About 9,000 protesters marched in Kessa after Norland's parliament passed a law that "
        "would have banned the rally.",
        "want": {("rally-crowd", 9000, "about")},
        "not": set(),
    },
    {
        "id": "would-have-to-cut-is-a-plan",
        "text": "Arlen Motors said it would have to cut 2,000 jobs in Norland.",
        "want": {("job-cuts", 2000, None)},
        "not": set(),
    },
]

# a number as the subject of a cue verb, its noun left out
CUE_SUBJECTS: list[Case] = [
    {
        "id": "passive-cue-subject",
        "text": FLOOD + "In the hills, 25 were killed on Monday.",
        "want": {("flood-deaths", 25, None)},
        "not": set(),
    },
    {
        "id": "coordinated-cue-subject",
        "text": FLOOD + "The river burst its banks at dawn and 19 died in Kessa.",
        "want": {("flood-deaths", 19, None)},
        "not": set(),
    },
    {
        "id": "only-n-died",
        "text": FLOOD + "The warning came in time: only 6 died in Kessa.",
        "want": {("flood-deaths", 6, None)},
        "not": set(),
    },
    {
        "id": "subject-of-another-verb",
        "text": FLOOD + "In Kessa, 40 were rescued from rooftops.",
        "want": set(),
        "not": {("flood-deaths", 40), ("flood-missing", 40)},
    },
    {
        "id": "number-in-a-name-before-cue",
        "text": FLOOD + "The people of Block 7 died in their homes, neighbours said.",
        "want": set(),
        "not": {("flood-deaths", 7)},
    },
]

# a cue from the sentence before is no cue for a figure whose clause names another event
OTHER_EVENTS: list[Case] = [
    {
        "id": "another-n-hurt",
        "text": "Floods killed 52 people in Norland. Another 300 people were hurt.",
        "want": {("flood-deaths", 52, None)},
        "not": {("flood-deaths", 300)},
    },
    {
        "id": "another-n-arrested",
        "text": "Norland's police counted 20,000 protesters at the rally in Kessa. "
        "Another 200 were arrested.",
        "want": {("rally-crowd", 20000, None)},
        "not": {("rally-crowd", 200)},
    },
    {
        "id": "arrived-at-a-figure-is-no-arrival",
        "text": "Norland's police counted 20,000 protesters at the rally in Kessa. Analysts who studied "
        "aerial pictures arrived at 26,000.",
        "want": {("rally-crowd", 20000, None), ("rally-crowd", 26000, None)},
        "not": set(),
    },
    {
        "id": "another-n-same-event",
        "text": "Floods killed 52 people in Norland on Monday. Another 9 were killed on Tuesday.",
        "want": {("flood-deaths", 52, None), ("flood-deaths", 9, "additional")},
        "not": set(),
    },
]

# "bringing the total to 512": the value of a count noun, what the sentence counts
RUNNING_TOTALS: list[Case] = [
    {
        "id": "taking-the-tally",
        "text": "Norland confirmed 40 more measles cases, taking the tally to 630.",
        "want": {("measles-cases", 630, None)},
        "not": set(),
    },
    {
        "id": "raising-a-level-is-no-total",
        "text": FLOOD + "The storm killed 30 people, and forecasters raised the alert level to 4.",
        "want": {("flood-deaths", 30, None)},
        "not": {("flood-deaths", 4)},
    },
]

# "the toll" alone is the death toll
SHORT_TOLL: list[Case] = [
    {
        "id": "the-toll-rose",
        "text": FLOOD + "The toll rose to 41 on Friday.",
        "want": {("flood-deaths", 41, None)},
        "not": {("flood-missing", 41)},
    },
    {
        "id": "official-toll-stands",
        "text": FLOOD + "The official toll stands at 58, the health ministry said.",
        "want": {("flood-deaths", 58, None)},
        "not": set(),
    },
    {
        "id": "injury-toll-is-no-death-toll",
        "text": FLOOD + "The injury toll rose to 300 on Friday.",
        "want": set(),
        "not": {("flood-deaths", 300)},
    },
    {
        "id": "toll-in-a-past-year",
        "text": FLOOD + "The toll in 2011 was 900.",
        "want": set(),
        "not": {("flood-deaths", 900)},
    },
]

# a count noun, an aside, then its verb and number
ASIDES: list[Case] = [
    {
        "id": "tally-aside-rose",
        "text": FLOOD + "At least 60 people died. The tally, which the ministry updates daily, rose to 64.",
        "want": {("flood-deaths", 60, "at_least"), ("flood-deaths", 64, None)},
        "not": set(),
    },
    {
        "id": "aside-without-count-noun",
        "text": FLOOD + "At least 60 people died. The minister, who visited Kessa on Monday, was 64.",
        "want": {("flood-deaths", 60, "at_least")},
        "not": {("flood-deaths", 64)},
    },
]

# vague magnitudes: the unit word's size, read as a range
MAGNITUDES: list[Case] = [
    {
        "id": "hundreds-of-thousands",
        "text": "Hundreds of thousands of protesters marched through Kessa, Norland's capital.",
        "want": {("rally-crowd", 200000, "several")},
        "not": set(),
    },
    {
        "id": "hundreds-more-is-no-figure",
        "text": "Floods killed 52 people in Norland. Hundreds more people are feared dead in Kessa.",
        "want": {("flood-deaths", 52, None)},
        "not": {("flood-deaths", 200), ("flood-missing", 200)},
    },
    {
        "id": "thousands",
        "text": "Thousands of protesters marched through Kessa, Norland's capital.",
        "want": {("rally-crowd", 2000, "several")},
        "not": set(),
    },
]

# a page that stops mid-sentence after a number
CUT_OFF: list[Case] = [
    {
        "id": "cut-after-number-words",
        "text": FLOOD + "Officials said the death toll in the valleys had climbed to 12",
        "want": set(),
        "not": {("flood-deaths", 12)},
    },
    {
        "id": "full-stop-ends-the-page",
        "text": FLOOD + "Officials said the death toll in the valleys had climbed to 12.",
        "want": {("flood-deaths", 12, None)},
        "not": set(),
    },
]

# the other forms of a cue verb, and those who do what it names
VERB_FORMS: list[Case] = [
    {
        "id": "killing-for-killed",
        "text": "A landslide hit a village in northern Norland, killing 23 people.",
        "want": {("flood-deaths", 23, None)},
        "not": set(),
    },
    {
        "id": "cutting-for-cut",
        "text": "Arlen Motors is weighing the cutting of up to 4,000 jobs in Norland.",
        "want": {("job-cuts", 4000, "up_to")},
        "not": set(),
    },
    {
        "id": "protesters-numbered",
        "text": "Protesters in Kessa numbered 8,000 on Sunday, Norland's police said.",
        "want": {("rally-crowd", 8000, None)},
        "not": set(),
    },
    {
        "id": "killing-time-is-no-death",
        "text": "Norland's coast guard spent hours killing time before 30 migrants arrived.",
        "want": {("crossings", 30, None)},
        "not": {("flood-deaths", 30)},
    },
]

CASES: list[Case] = [
    *VERB_FORMS,
    *RATES,
    *AGES,
    *COUNTERFACTUALS,
    *CUE_SUBJECTS,
    *OTHER_EVENTS,
    *RUNNING_TOTALS,
    *SHORT_TOLL,
    *ASIDES,
    *MAGNITUDES,
    *CUT_OFF,
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("english-shapes"), CONFIG)


def test_shapes_have_negatives() -> None:
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if not case["want"]) >= 10


@pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in CASES])
def test_english_figure_shape(engine: ClaimEngine, case: Case) -> None:
    analysis = engine.analyze(case["text"], language="en")
    got = {(c.claim, c.value, c.qualifier) for c in analysis.claims if c.value is not None}
    for claim, value, qualifier in case["want"]:
        hits = [g for g in got if g[0] == claim and abs(g[1] - value) <= 0.01 * max(value, 1)]
        assert hits, f"missing {claim}={value}; got {sorted(got)}"
        if qualifier is not None:
            assert any(g[2] == qualifier for g in hits), f"{claim}={value} not {qualifier}: {hits}"
    for claim, value in case["not"]:
        bad = [g for g in got if g[0] == claim and (value is None or abs(g[1] - value) < 0.5)]
        assert not bad, f"unexpected {bad}; got {sorted(got)}"


def _labels(claim: ClaimSpec, text: str, language: str) -> dict[str, set[str]]:
    """Which words of ``text`` each label of the claim's compiled terms matched."""
    tokens = tokenize(text)
    found: dict[str, set[str]] = {}
    for match in compile_terms([claim]).find(tokens, (language,)):
        found.setdefault(match.label, set()).add(
            " ".join(t.surface for t in tokens[match.first : match.last + 1])
        )
    return found


def test_verb_forms_for_the_users_verb_cues_only() -> None:
    """A German figure cue written as an infinitive also finds its finite and separated forms; the
    phrases the engine adds to a claim (event nouns, count phrases) are matched as written."""
    german = ClaimSpec(
        id="cuts",
        kind="figure",
        units={"de": ["Stellen"]},
        cues={"de": ["streichen", "abbauen"]},
        actors=[],
    )
    found = _labels(german, "Der Konzern streicht 4000 Stellen und baut weitere 300 Stellen ab.", "de")
    assert "streicht" in found["cue:cuts"]
    # a separated verb's match spans its frame, finite verb to particle ("baut weitere ... ab")
    assert any(term.startswith("baut") for term in found["cue:cuts"])
    assert "Stellen" in found["unit:cuts"]
    # the count phrase built from the unit is a cue as written, no verb
    assert "Stellenzahl" in _labels(german, "Die Stellenzahl sinkt auf 4000.", "de").get("unit:cuts", set())
    english = ClaimSpec(
        id="deaths", kind="figure", units={"en": ["deaths"]}, cues={"en": ["killed"]}, actors=[]
    )
    words = _labels(english, "The death toll and the fatalities rose; the floods killed 40.", "en")
    assert {"death toll", "fatalities"} <= words["cue:deaths"]
    assert "killed" in words["cue:deaths"]


# a country's count and the count of one of its regions: "nationwide" names the country's
NATIONAL_CONFIG = """
watchlist:
  - id: norland
    kind: country
    names:
      en: [Norland]
  - id: vessia
    kind: place
    names:
      en: [Vessia]
  - id: health-agency
    kind: organization
    names:
      en: [national health agency]
claims:
  - id: vessia-cases
    kind: figure
    units:
      en: [cases]
    actors: [vessia]
    cues:
      en: [measles, cases]
    scope:
      places: [vessia]
  - id: norland-cases
    kind: figure
    units:
      en: [cases]
    actors: [norland]
    cues:
      en: [measles, nationwide, cases]
    scope:
      places: [norland]
  - id: vessia-deaths
    kind: figure
    units:
      en: [children, child, deaths]
    actors: [vessia]
    cues:
      en: [died, deaths]
    scope:
      places: [vessia]
"""

NATIONAL: list[Case] = [
    {
        "id": "nationwide-goes-to-the-country",
        "text": "Measles keeps spreading in Vessia. Nationwide the national health agency counts 712 "
        "measles cases this year.",
        "want": {("norland-cases", 712, None)},
        "not": {("vessia-cases", 712)},
    },
    {
        "id": "region-count-stays-with-the-region",
        "text": "Measles keeps spreading in Vessia, where officials count 430 measles cases.",
        "want": {("vessia-cases", 430, None)},
        "not": {("norland-cases", 430)},
    },
    {
        "id": "heading-colon-nationwide",
        "text": "Measles in Vessia, in numbers\n\n712: measles cases nationwide this year.",
        "want": {("norland-cases", 712, None)},
        "not": {("vessia-cases", 712)},
    },
    {
        "id": "one-child-has-died",
        "text": 'Measles is spreading in Vessia. "One child has died," a doctor in Vessia said.',
        "want": {("vessia-deaths", 1, None)},
        "not": set(),
    },
    {
        "id": "one-of-the-is-no-figure",
        "text": "Measles is spreading in Vessia. One of the children who died had not been vaccinated.",
        "want": set(),
        "not": {("vessia-deaths", 1)},
    },
]


@pytest.fixture(scope="module")
def national_engine(tmp_path_factory: pytest.TempPathFactory) -> ClaimEngine:
    return engine_from_yaml(tmp_path_factory.mktemp("national"), NATIONAL_CONFIG)


@pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in NATIONAL])
def test_national_and_regional_counts(national_engine: ClaimEngine, case: Case) -> None:
    test_english_figure_shape(national_engine, case)
