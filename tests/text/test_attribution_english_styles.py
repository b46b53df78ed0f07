"""Who gives a figure, in the styles of English news copy: agency copy with the source at the
end, headlines ("X says ..."), live-blog entries behind a timestamp, passives ("were reported
by"), counts made by someone ("a tally kept by", "by the UN's count", "the ministry's list"),
spokespeople and appositives, quotations before their speaker, and interviews.

The world is invented (a storm and protests in Norland, a car maker cutting jobs, a dock
strike). Every sentence runs through the whole engine; each row names the figure and the
source a careful reader gives it: a watchlist id, the speaker as written, or None when the
outlet states the figure itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.attribution.speaker_phrases import name_candidates
from monitor.text.engine import ClaimEngine
from monitor.text.words.language import SentenceView, tokenize

CONFIG = """
watchlist:
  - {id: norland, kind: country, names: {en: [Norland, Norlandic]}}
  - {id: sudland, kind: country, names: {en: [Sudland, Sudlandic]}}
  - {id: kestrel-bay, kind: place, names: {en: [Kestrel Bay]}}
  - {id: kestrel-police, kind: organization, names: {en: [Kestrel Bay police]}, speaks_for: kestrel-bay}
  - {id: rosa-vint, kind: person, names: {en: [Rosa Vint, Vint]}, speaks_for: kestrel-bay}
  - {id: red-crescent, kind: organization, names: {en: [Norland Red Crescent, Red Crescent]}}
  - {id: omar-haddad, kind: person, names: {en: [Omar Haddad, Haddad]}, speaks_for: red-crescent}
  - {id: health-ministry, kind: organization, names: {en: [health ministry]}, speaks_for: norland}
  - {id: interior-ministry, kind: organization, names: {en: [interior ministry]}, speaks_for: norland}
  - {id: civil-defence, kind: organization, names: {en: [civil defence agency]}, speaks_for: norland}
  - {id: ada-marsh, kind: person, names: {en: [Ada Marsh]}, speaks_for: norland}
  - {id: sudland-army, kind: organization, names: {en: [Sudlandic army]}, speaks_for: sudland}
  - {id: un, kind: organization, names: {en: [United Nations, UN]}}
  - {id: un-rights-office, kind: organization, names: {en: [UN human rights office]}}
  - {id: relief-office, kind: organization, names: {en: [UN relief office, URO]}}
  - {id: harrow, kind: organization, names: {en: [Harrow Motors, Harrow]}}
  - {id: ivo-brenn, kind: person, names: {en: [Ivo Brenn, Brenn]}, speaks_for: harrow}
  - {id: works-council, kind: organization, names: {en: [works council]}, speaks_for: harrow}
  - {id: dockers-union, kind: group, names: {en: [Harbour Workers' Union, dockers' union]}}
  - {id: lena-ortiz, kind: person, names: {en: [Lena Ortiz, Ortiz]}, speaks_for: dockers-union}
  - {id: reuters, kind: media, names: {en: [Reuters]}}
  - {id: courier, kind: media, names: {en: [Daily Courier]}}
  - {id: herald, kind: media, names: {en: [Norland Herald]}}
claims:
  - id: deaths
    description: people killed in Norland's storm and protests
    kind: figure
    units: {en: [people, dead, civilians, residents, bodies, volunteers, soldiers, patients, deaths]}
    actors: [norland, sudland, kestrel-bay]
    cues: {en: [killed, died, dead, deaths, death toll, drowned, bodies]}
  - id: missing
    description: people missing after Norland's storm
    kind: figure
    units: {en: [people, residents]}
    actors: [norland, kestrel-bay]
    cues: {en: [missing]}
  - id: arrests
    description: protesters arrested in Norland
    kind: figure
    units: {en: [protesters, demonstrators, arrests, detentions]}
    actors: [norland, sudland, kestrel-bay]
    cues: {en: [arrested, detained, arrests, detentions]}
  - id: displaced
    description: people who fled their homes in Norland
    kind: figure
    units: {en: [residents, families]}
    actors: [norland, kestrel-bay]
    cues: {en: [fled, displaced, evacuated]}
  - id: fever-cases
    description: cases of the Norland fever outbreak
    kind: figure
    units: {en: [cases, infections]}
    actors: [norland, kestrel-bay]
    cues: {en: [cases, infections]}
  - id: strikers
    description: dockers on strike in Norland
    kind: figure
    units: {en: [dockers]}
    actors: [norland, kestrel-bay]
    cues: {en: [strike, walked out, walkout, strikers]}
  - id: job-cuts
    description: jobs Harrow Motors cuts in Norland
    kind: figure
    units: {en: [jobs, posts]}
    actors: [norland, harrow]
    cues: {en: [cut, cuts, job cuts, go, axe]}
  - id: union-accepts-deal
    description: whether the dockers accept the harbour employers' offer
    kind: status
    topic: {en: [offer, contract, deal]}
    actors: [dockers-union]
"""

# the article names its country first, so every figure below is Norland's
_LEAD = "Norland is counting the cost of a hard week.\n\n"


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("norland-styles.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _sources(engine: ClaimEngine, text: str) -> dict[float | None, str | None]:
    analysis = engine.analyze(_LEAD + text, language="en")
    return {finding.value: finding.source for finding in analysis.claims}


# (text, figure, expected source)
TABLE: list[tuple[str, float, str | None]] = [
    # -- agency copy: the source after the figure -------------------------------------------------
    (
        "At least 17 people were killed in the clashes on Tuesday, police and hospital officials said.",
        17,
        "kestrel-police",
    ),
    ("More than 9,000 dockers walked out on Monday, the Harbour Workers' Union said.", 9000, "dockers-union"),
    ("The walkout drew about 9,000 dockers, according to the union.", 9000, "dockers-union"),
    (
        "Fever infections have climbed to 1,400, the health ministry said in its daily bulletin.",
        1400,
        "health-ministry",
    ),
    (
        "Some 1,200 residents have fled the coast, the UN relief office said, citing local officials.",
        1200,
        "relief-office",
    ),
    (
        "Harrow Motors plans to cut 17,000 jobs, the head of its works council said on Monday.",
        17000,
        "works-council",
    ),
    ("At least 40 people died, as the Daily Courier reported on Monday.", 40, "courier"),
    (
        "Harrow Motors has had a hard year. About 17,000 jobs will go by 2030, the company said on Friday.",
        17000,
        "harrow",
    ),
    (
        "The Red Crescent has been overwhelmed. Three of its volunteers are among 212 people killed, the"
        " organisation said.",
        212,
        "red-crescent",
    ),
    # -- headlines --------------------------------------------------------------------------------
    ("Red Crescent says 480 dead as storm batters Norland", 480, "red-crescent"),
    ("Storm toll climbs to 212 people, Red Crescent says", 212, "red-crescent"),
    ("Kestrel Bay police: 40 protesters arrested overnight", 40, "kestrel-police"),
    # -- passives ---------------------------------------------------------------------------------
    ("Ninety arrests were reported by police in Kestrel Bay on Saturday.", 90, "kestrel-police"),
    ("The figure of 212 dead was confirmed by the Red Crescent on Monday.", 212, "red-crescent"),
    ("At least 96 people were confirmed dead by the civil defence agency.", 96, "civil-defence"),
    ("Omar Haddad was quoted as saying that 212 people had died.", 212, "omar-haddad"),
    # -- counts made by someone ------------------------------------------------------------------
    (
        "According to figures released by the health ministry on Friday, 340 people have died of the fever.",
        340,
        "health-ministry",
    ),
    (
        "According to the latest figures from the UN human rights office, 9,800 civilians have been killed.",
        9800,
        "un-rights-office",
    ),
    ("According to a tally kept by the Norland Herald, 212 people have died.", 212, "herald"),
    ("Data gathered by the UN relief office show that 1,200 residents have fled.", 1200, "relief-office"),
    ("By the Red Crescent's count, 480 people have died.", 480, "red-crescent"),
    ("More than 11,000 protesters were detained, by the same UN count.", 11000, "un"),
    ("By one UN estimate, 2,100 residents have fled their homes.", 2100, "un"),
    # said of one clause only: the figure of the other clause is not that count's
    ("The storm killed 769 people by the UN count; other tallies put the toll above 2,400 dead.", 2400, None),
    ("The interior ministry's list of the dead now holds 844 people.", 844, "interior-ministry"),
    ("Some 212 people, according to the Red Crescent, have died.", 212, "red-crescent"),
    (
        "The Norland Herald keeps its own list of the dead. By Sunday night the list stood at 212 dead.",
        212,
        "herald",
    ),
    ("The count most aid groups now use is the UN's: 2,100 residents fled the coast.", 2100, "un"),
    # -- a body or an office named before --------------------------------------------------------
    (
        "Ivo Brenn did not mention the strike in his memo. The chief executive told employees that"
        " 17,000 jobs would go.",
        17000,
        "ivo-brenn",
    ),
    (
        "Ada Marsh toured the hospital. The police chief said 40 protesters had been arrested.",
        40,
        "kestrel-police",
    ),
    ("Ada Marsh visited a car plant. The company said 17,000 jobs would go.", 17000, "company"),
    (
        "Harrow Motors met its works council on Monday. Some 17,000 jobs will go, the company said.",
        17000,
        "harrow",
    ),
    # -- told Reuters, told reporters -----------------------------------------------------------
    ("Omar Haddad told Reuters on Monday that 212 people had died.", 212, "omar-haddad"),
    (
        "An official at the interior ministry told Reuters that 60 protesters had been detained.",
        60,
        "interior-ministry",
    ),
    ("The Red Crescent told Reuters 75 volunteers had been killed.", 75, "red-crescent"),
    (
        "Police and hospital officials tell our reporters that at least 91 people have been killed.",
        91,
        "kestrel-police",
    ),
    ("The Kestrel Bay police say they have arrested about 2,800 protesters.", 2800, "kestrel-police"),
    ("Ivo Brenn told employees that the company would cut about 17,000 jobs.", 17000, "ivo-brenn"),
    # -- spokespeople speak for their body -----------------------------------------------------
    (
        "A spokesperson for the UN human rights office said 9,800 civilians had been killed.",
        9800,
        "un-rights-office",
    ),
    ("A Red Crescent spokeswoman said 75 volunteers were killed.", 75, "red-crescent"),
    (
        "A health ministry spokesman told reporters that 340 people had died of the fever.",
        340,
        "health-ministry",
    ),
    (
        "The spokeswoman for the Kestrel Bay police said 40 protesters had been arrested.",
        40,
        "kestrel-police",
    ),
    (
        "Speaking for the dockers' union, Lena Ortiz said 9,000 dockers were out on strike.",
        9000,
        "lena-ortiz",
    ),
    # -- a country's ministry --------------------------------------------------------------------
    ("Norland's health ministry said 340 people had died of the fever.", 340, "health-ministry"),
    ("Norland's interior ministry put the number of arrests at 1,200.", 1200, "interior-ministry"),
    ("Sudland's defence ministry claimed 300 Norlandic soldiers had been killed.", 300, "sudland"),
    # -- appositives and relative clauses ---------------------------------------------------------
    ("Omar Haddad, a spokesman for the Red Crescent, said 212 people had died.", 212, "omar-haddad"),
    ("The Red Crescent's Omar Haddad said 212 people had died.", 212, "omar-haddad"),
    ("Ada Marsh, Norland's health minister, said 30 patients had died overnight.", 30, "ada-marsh"),
    ("The health minister, Ada Marsh, told parliament that 30 patients had died.", 30, "ada-marsh"),
    ("Rosa Vint, the mayor of Kestrel Bay, said 2,000 people had died in the city.", 2000, "rosa-vint"),
    (
        "Omar Haddad, who leads the Red Crescent's teams in the north, told journalists in Kestrel Bay"
        " that 212 people had died.",
        212,
        "omar-haddad",
    ),
    ("17,000: the jobs Harrow Motors said on Friday it would cut.", 17000, "harrow"),
    (
        "The URO, the UN relief office that had spread a higher figure, has adopted the Red Crescent's"
        " count and says 1,200 residents have fled.",
        1200,
        "relief-office",
    ),
    # -- quotations before their speaker ---------------------------------------------------------
    ("“212 people have died since Sunday,” Omar Haddad said.", 212, "omar-haddad"),
    ("“More than 9,000 dockers walked out today,” said Lena Ortiz, the union's leader.", 9000, "lena-ortiz"),
    ("“We have 480 dead,” the Red Crescent's Omar Haddad told reporters.", 480, "omar-haddad"),
    (
        "“At least 40 protesters were detained overnight,” a spokesman for the Kestrel Bay police said.",
        40,
        "kestrel-police",
    ),
    # -- live blogs and interviews ---------------------------------------------------------------
    ("09:40 GMT – The health ministry says 340 people have now died of the fever.", 340, "health-ministry"),
    (
        "14:10 GMT – More than 1,200 protesters have been detained since the morning, the interior"
        " ministry says.",
        1200,
        "interior-ministry",
    ),
    ("Update: the Red Crescent now puts the death toll at 480.", 480, "red-crescent"),
    ("Ada Marsh: Thirty patients died overnight, and more are in danger.", 30, "ada-marsh"),
    (
        "Ada Marsh gave the first national figure on Sunday: 212 people had died in the storm, she said.",
        212,
        "ada-marsh",
    ),
    # -- the next sentence says who gave the figure -----------------------------------------------
    (
        "The Red Crescent says 212 people have died. Spokesman Omar Haddad gave the figure to reporters.",
        212,
        "omar-haddad",
    ),
    (
        "At least 212 people have died in the floods. Omar Haddad gave the figure on Monday.",
        212,
        "omar-haddad",
    ),
    # a person speaking for someone else, or doing something else, leaves the body its figure
    (
        "The Red Crescent says 212 people have died. Ada Marsh gave the figure to reporters.",
        212,
        "red-crescent",
    ),
    ("The Red Crescent says 212 people have died. Omar Haddad visited the coast.", 212, "red-crescent"),
    # -- verbs of saying and counting -----------------------------------------------------------
    ("The interior ministry had spoken of 88 dead on Wednesday.", 88, "interior-ministry"),
    ("Ada Marsh conceded that 30 patients had died.", 30, "ada-marsh"),
    ("Lena Ortiz posted on social media that 9,000 dockers had walked out.", 9000, "lena-ortiz"),
    ("The UN relief office put the number of people still missing at 8,500.", 8500, "relief-office"),
    ("The Red Crescent later revised its count to 430 deaths.", 430, "red-crescent"),
    # -- negatives: the outlet's own statement ----------------------------------------------------
    ("Reporters counted 57 bodies on the beach.", 57, None),
    ("The Red Crescent sent 40 volunteers to Kestrel Bay, where 12 people died.", 12, None),
    ("Omar Haddad visited Kestrel Bay, where 212 people had died.", 212, None),
    ("A report on the health ministry found that 340 people had died of the fever.", 340, None),
    ("The Red Crescent's volunteers pulled 57 bodies from the river.", 57, None),
    ("KESTREL BAY, Norland (Reuters) - Some 1,200 residents fled their homes overnight.", 1200, None),
    ("At least 40 people drowned in Sudland's worst storm in decades.", 40, None),
    ("The UN's envoy arrived in Kestrel Bay, where 2,100 residents have fled.", 2100, None),
    ("Police detained 40 protesters outside the Daily Courier's offices.", 40, None),
    ("The company's trucks carried 300 residents out of Kestrel Bay before they fled.", 300, None),
]


@pytest.mark.parametrize(("text", "value", "expected"), TABLE)
def test_english_source_in_style(engine: ClaimEngine, text: str, value: float, expected: str | None) -> None:
    found = _sources(engine, text)
    assert value in found, f"the figure {value} was not read: {found}"
    assert found[value] == expected


def _names(sentence: str) -> list[str]:
    """The capitalised names (not watchlist actors) a sentence's words hold, as written."""
    view = SentenceView(sentence, 0, len(sentence), "en", tokenize(sentence), ())
    return [c.value for c in name_candidates(view, 0, len(view.tokens), set(), (), subject=False)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # words that open a sentence after a dateline ("About 33,000", "Some dockers") are no names
        ("SEATTLE (Wire) - About 33,000 dockers walked out.", []),
        ("KESTREL BAY (Wire) - Some dockers walked out, Haddad said.", ["Haddad"]),
        # a name after the dateline still is one, of one word or two
        ("KESTREL BAY (Wire) - Tarek Brill said 40 dockers walked out.", ["Tarek Brill"]),
        ("KESTREL BAY (Wire) - Brill said 40 dockers walked out.", ["Brill"]),
    ],
)
def test_sentence_openers_after_a_dateline_are_no_names(sentence: str, names: list[str]) -> None:
    found = [name for name in _names(sentence) if name not in ("SEATTLE", "KESTREL BAY", "Wire")]
    assert found == names


# (text, who states the status)
STATUS_TABLE: list[tuple[str, str | None]] = [
    # the subject of a clause opened by a conjunction that is also a preposition
    ("The strike began on Friday after the dockers' union rejected the offer.", "dockers-union"),
    ("Dockers walked out after Lena Ortiz rejected the offer on Friday.", "lena-ortiz"),
    ("The dockers' union rejected the offer on Friday.", "dockers-union"),
    # a prepositional phrase inside that clause's subject does not speak
    ("Dockers walked out after a meeting at the dockers' union rejected the offer.", None),
]


@pytest.mark.parametrize(("text", "expected"), STATUS_TABLE)
def test_english_status_speaker(engine: ClaimEngine, text: str, expected: str | None) -> None:
    found = _sources(engine, text)
    assert None in found, f"no statement was read: {found}"
    assert found[None] == expected
