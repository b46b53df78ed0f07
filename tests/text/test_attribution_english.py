"""Who gives a figure in English news copy: a broad table of the usual ways English names a
source, on an invented world (a storm and a border war around Norland, a dock strike, a fever
outbreak, street protests).

Every sentence is run through the whole engine, so a source may come from the sentence itself,
from a sentence it points back to ("she added"), or from the speaker a quotation ends with.
Each row names the figure and the source a careful reader gives it (a watchlist id, the
speaker as written, or None: the outlet's own statement).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.text.engine import ClaimEngine

CONFIG = """
watchlist:
  - {id: norland, kind: country, names: {en: [Norland, Norlandic]}}
  - {id: sudland, kind: country, names: {en: [Sudland, Sudlandic]}}
  - {id: kestrel-bay, kind: place, names: {en: [Kestrel Bay]}}
  - {id: kestrel-council, kind: organization, names: {en: [Kestrel Bay council]}, speaks_for: kestrel-bay}
  - {id: kestrel-police, kind: organization, names: {en: [Kestrel Bay police]}, speaks_for: kestrel-bay}
  - {id: red-crescent, kind: organization, names: {en: [Norland Red Crescent, Red Crescent]}}
  - {id: health-ministry, kind: organization, names: {en: [health ministry]}, speaks_for: norland}
  - {id: interior-ministry, kind: organization, names: {en: [interior ministry]}, speaks_for: norland}
  - {id: civil-defence, kind: organization, names: {en: [civil defence agency]}, speaks_for: norland}
  - {id: sudland-army, kind: organization, names: {en: [Sudlandic army]}, speaks_for: sudland}
  - {id: un, kind: organization, names: {en: [United Nations, UN]}}
  - {id: un-rights-office, kind: organization, names: {en: [UN human rights office]}}
  - {id: dockers-union, kind: group, names: {en: [Harbour Workers' Union, dockers' union]}}
  - {id: ada-marsh, kind: person, names: {en: [Ada Marsh]}, speaks_for: norland}
  - {id: omar-haddad, kind: person, names: {en: [Omar Haddad, Haddad]}, speaks_for: red-crescent}
  - {id: lena-ortiz, kind: person, names: {en: [Lena Ortiz, Ortiz]}, speaks_for: dockers-union}
  - {id: viktor-sal, kind: person, names: {en: [Viktor Sal]}, speaks_for: sudland}
  - {id: reuters, kind: media, names: {en: [Reuters]}}
  - {id: courier, kind: media, names: {en: [Daily Courier]}}
claims:
  - id: deaths
    description: people killed in Norland's storm and border war
    kind: figure
    units: {en: [people, dead, civilians, residents, bodies, volunteers, soldiers, patients, deaths]}
    actors: [norland, sudland, kestrel-bay]
    cues: {en: [killed, died, dead, deaths, death toll, drowned, bodies]}
  - id: arrests
    description: protesters arrested in Norland
    kind: figure
    units: {en: [protesters, demonstrators, arrests]}
    actors: [norland, sudland, kestrel-bay]
    cues: {en: [arrested, detained, arrests]}
  - id: displaced
    description: people who fled their homes in Norland
    kind: figure
    units: {en: [residents, families]}
    actors: [norland, sudland, kestrel-bay]
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
    cues: {en: [strike, walked out, strikers]}
  - id: marchers
    description: people at the Norland street protests
    kind: figure
    units: {en: [marchers]}
    actors: [norland, kestrel-bay]
    cues: {en: [rally, marched, crowd, protest]}
"""

# the article names its country first, so every figure below is Norland's
_LEAD = "Norland is counting the cost of a hard week.\n\n"


@pytest.fixture(scope="module")
def engine() -> ClaimEngine:
    config = parse_config(CONFIG, Path("norland.yaml"))
    return ClaimEngine.from_config(config.watchlist, config.claims)


def _sources(engine: ClaimEngine, text: str) -> dict[float | None, str | None]:
    analysis = engine.analyze(_LEAD + text, language="en")
    return {finding.value: finding.source for finding in analysis.claims}


# (text, figure, expected source)
TABLE: list[tuple[str, float, str | None]] = [
    # -- marker phrases before or after the figure ------------------------------------------------
    (
        "At least 212 people have died in the floods, as tallied by the Norland Red Crescent.",
        212,
        "red-crescent",
    ),
    (
        "According to figures from the health ministry, 340 people have died of the fever.",
        340,
        "health-ministry",
    ),
    ("Some 1,200 residents have fled the coast, according to the UN.", 1200, "un"),
    ("More than 90 arrests were reported by the interior ministry on Friday.", 90, "interior-ministry"),
    (
        "Data compiled by the UN human rights office put the number of civilians killed at 9,800.",
        9800,
        "un-rights-office",
    ),
    # -- a count noun with its owner ------------------------------------------------------------
    ("The UN's figures showed that 1,200 residents had fled their homes.", 1200, "un"),
    (
        "The civil defence agency counts the dead by district. The agency's data show 96 people were"
        " killed in the north.",
        96,
        "civil-defence",
    ),
    ("The Red Crescent's latest update listed 480 people as dead.", 480, "red-crescent"),
    ("A tally by the Red Crescent put the death toll at 3,100.", 3100, "red-crescent"),
    ("A count by the UN found that 2,100 residents had fled.", 2100, "un"),
    ("The report by the UN human rights office counted 9,800 civilians killed.", 9800, "un-rights-office"),
    ("Fever cases rose to 120, the health ministry's latest bulletin showed.", 120, "health-ministry"),
    ("Police estimates put the crowd in Kestrel Bay at 40,000 marchers.", 40000, "kestrel-police"),
    # the count of another speaker is that speaker's, whatever the verb says about it
    ("Norland disputed Sudland's count of 500 dead.", 500, "sudland"),
    ("Norland rejected Sudland's count of 500 dead.", 500, "sudland"),
    # -- the subject of a reporting verb --------------------------------------------------------
    ("Organisers put the crowd at the rally at 250,000 marchers.", 250000, "Organisers"),
    ("The Red Crescent has recorded 430 deaths since the storm made landfall.", 430, "red-crescent"),
    ("Rescuers counted 57 bodies on the beach at Kestrel Bay.", 57, "Rescuers"),
    ("The Sudlandic army confirmed 14 deaths among its soldiers.", 14, "sudland-army"),
    ("Sudland claimed 300 Norlandic soldiers were killed.", 300, "sudland"),
    ("Ada Marsh told reporters that 30 patients had died overnight.", 30, "ada-marsh"),
    ("Viktor Sal told Reuters that 140 soldiers had been killed in the fighting.", 140, "viktor-sal"),
    ("Ada Marsh told the Red Crescent that 40 volunteers had died.", 40, "ada-marsh"),
    ("The Red Crescent said in a statement that 61 volunteers were killed.", 61, "red-crescent"),
    (
        "A statement from the interior ministry said 1,200 protesters had been arrested.",
        1200,
        "interior-ministry",
    ),
    ("Lena Ortiz wrote on Telegram that 9,000 dockers had walked out.", 9000, "lena-ortiz"),
    ("In a post on X, Viktor Sal said 30 soldiers had been killed.", 30, "viktor-sal"),
    ("Ada Marsh added that 40 more patients had died.", 40, "ada-marsh"),
    ("Asked about the figure, Ada Marsh confirmed that 212 people had died.", 212, "ada-marsh"),
    ("Speaking in Kestrel Bay, Omar Haddad said 212 people had died.", 212, "omar-haddad"),
    ("The dockers' union says 9,000 dockers have joined the strike.", 9000, "dockers-union"),
    ("Lena Ortiz, the union's leader, said 9,000 dockers were on strike.", 9000, "lena-ortiz"),
    ("Ada Marsh visited the Red Crescent, which said 75 volunteers were killed.", 75, "red-crescent"),
    (
        "The interior ministry, which on Thursday reported 88 deaths, now says 95 people were killed.",
        95,
        "interior-ministry",
    ),
    (
        "The interior ministry, which on Thursday reported 88 deaths, now says 95 people were killed.",
        88,
        "interior-ministry",
    ),
    # -- spokespeople speak for their body --------------------------------------------------------
    ("The Red Crescent's spokeswoman said 75 people were killed.", 75, "red-crescent"),
    ("A spokesman for the Sudlandic army said 14 soldiers were killed.", 14, "sudland-army"),
    ("Sudland's foreign ministry said 14 soldiers were killed.", 14, "sudland"),
    # -- officials and authorities ----------------------------------------------------------------
    ("Officials in Sudland said 60 protesters had been arrested.", 60, "sudland"),
    (
        "The Kestrel Bay council met on Monday. Officials in Kestrel Bay said 40 people were killed.",
        40,
        "kestrel-council",
    ),
    (
        "The health ministry opened field clinics. Health officials said 19 people had died of the fever.",
        19,
        "health-ministry",
    ),
    (
        "The interior ministry ordered a curfew. The authorities said 300 protesters were detained.",
        300,
        "interior-ministry",
    ),
    ("Local officials said 12 people drowned in the night.", 12, None),
    ("The authorities said 300 protesters were detained.", 300, None),
    # -- inverted speakers, quotations, and sentences that point back ------------------------------
    ("At least 40 people were killed, said Ada Marsh.", 40, "ada-marsh"),
    (
        "Some 212 people died in the floods, said Omar Haddad, the Red Crescent's spokesman.",
        212,
        "omar-haddad",
    ),
    ("“We have found 300 bodies. There will be more,” Omar Haddad said.", 300, "omar-haddad"),
    (
        "Ada Marsh spoke to reporters on Monday. The number of dead, she added, had risen to 212.",
        212,
        "ada-marsh",
    ),
    ("Omar Haddad gave new figures on Monday. He said 212 people had died.", 212, "omar-haddad"),
    # -- one speaker citing another -------------------------------------------------------------
    ("Omar Haddad, citing hospital records, said 212 people had died.", 212, "omar-haddad"),
    ("The Daily Courier, citing the health ministry, said 212 people had died.", 212, "health-ministry"),
    ("Viktor Sal said the Red Crescent had reported 90 civilians killed.", 90, "red-crescent"),
    ("Ada Marsh said the civil defence agency had counted 57 bodies.", 57, "civil-defence"),
    # -- compound tenses, several clauses, gapped clauses ------------------------------------------
    (
        "Norland's health minister, Ada Marsh, has put the death toll across the whole country at 95.",
        95,
        "ada-marsh",
    ),
    (
        "In Sudland, where the Red Crescent said 30 volunteers were hurt, the UN has estimated the"
        " death toll at 900.",
        900,
        "un",
    ),
    ("Police settled on 40,000 marchers; organisers on 250,000 at the rally.", 250000, "organisers"),
    ("Police settled on 40,000 marchers; organisers on 250,000 at the rally.", 40000, "kestrel-police"),
    (
        "The health ministry speaks of 340 deaths from the fever; the Red Crescent counts more.",
        340,
        "health-ministry",
    ),
    ("A source at the interior ministry said 60 protesters had been detained.", 60, "interior-ministry"),
    (
        "Viktor Sal said on Monday that the Red Crescent had counted 90 civilians killed.",
        90,
        "red-crescent",
    ),
    ("Norland counts 340 deaths, the health ministry said on Tuesday.", 340, "health-ministry"),
    # -- headlines with two speakers -------------------------------------------------------------
    ("Sudland says 40 soldiers dead; Norland denies", 40, "sudland"),
    ("Norland rejects the claim; Sudland says 40 soldiers were killed", 40, "sudland"),
    # -- outlets: a speaker when they report, not as a dateline ----------------------------------
    ("The storm killed 40 people, Reuters reported.", 40, "reuters"),
    ("KESTREL BAY (Reuters) - At least 40 people were killed when the storm hit.", 40, None),
    # -- negatives: places, objects, and what a report is about -----------------------------------
    ("Police arrested 40 protesters in Kestrel Bay.", 40, None),
    ("Rescuers pulled 12 bodies from the rubble.", 12, None),
    ("In Kestrel Bay, Ada Marsh said 30 people had died.", 30, "ada-marsh"),
    ("In Sudland, the Red Crescent said 70 people had died.", 70, "red-crescent"),
    ("Troops detained 40 protesters, the interior ministry said.", 40, "interior-ministry"),
    ("The army evacuated 2,000 residents, Ada Marsh said.", 2000, "ada-marsh"),
    ("A report on Sudland's prisons found that 300 protesters had been detained.", 300, None),
    ("Ada Marsh flew to Sudland on Monday.\n\nSudland's death toll rose to 80.", 80, None),
    ("Omar Haddad spoke on Monday.\n\nAt least 212 people died in the floods.", 212, None),
    ("Sudland's army saw 300 soldiers killed in a week, Viktor Sal said.", 300, "viktor-sal"),
]


@pytest.mark.parametrize(("text", "value", "expected"), TABLE)
def test_english_source(engine: ClaimEngine, text: str, value: float, expected: str | None) -> None:
    found = _sources(engine, text)
    assert value in found, f"the figure {value} was not read: {found}"
    assert found[value] == expected
