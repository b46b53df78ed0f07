"""Built-in vocabulary of figure binding (not claim-specific): measure and count nouns, foreign
nationalities, the little words that end or join a counted noun phrase.

Folded (lowercase, no diacritics) unless a list is fed to the term index, which folds it itself.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from monitor.text.polarity import CLAUSE_BREAKS

# Built-in vocabulary (not claim-specific).
# Measure words count munitions whose kind the complement names ("Schuss für Haubitzen"); "220 pieces
# of artillery" are guns, so pieces are no measure here.
MEASURE_WORDS = {"de": ["Schuss", "Raketen"], "en": ["rounds", "round"]}

COUNT_NOUNS = {
    "de": ["Zahl", "Gesamtzahl", "Anzahl", "Gesamtstärke", "Stärke", "Bilanz", "Zahlen"],
    "en": ["number", "total", "tally", "toll", "figure", "count", "strength", "numbers"],
}

ELLIPSIS = frozenset({"weitere", "weiteren", "andere", "anderen", "more", "others", "additional", "further"})

# Nationalities that are not on the watchlist: their troops are never a watchlist actor's.
FOREIGN = {
    "de": """amerikanisch britisch französisch deutsch polnisch israelisch türkisch indisch pakistanisch
        syrisch georgisch tschetschenisch kasachisch moldauisch litauisch lettisch estnisch finnisch
        schwedisch norwegisch kanadisch australisch italienisch spanisch ungarisch rumänisch slowakisch
        tschechisch niederländisch belgisch österreichisch afghanisch irakisch kubanisch serbisch
        nepalesisch jemenitisch afrikanisch Bundeswehr Wagner-Söldner""".split(),
    "en": """American British French German Polish Israeli Turkish Indian Pakistani Syrian Georgian
        Chechen Kazakh Canadian Australian Italian Spanish Hungarian Romanian Slovak Czech Dutch
        Belgian Austrian Afghan Iraqi Cuban Serbian Nepalese Yemeni Finnish Swedish Norwegian
        Lithuanian Latvian Estonian Moldovan Bundeswehr""".split(),
}

MODIFIER_STOP = frozenset(
    """
    und oder in im nach aus von vom mit fur bei an am auf zu zum zur uber unter gegen seit als wie
    the a an and or in into to from with for at on by were was are is have has had will would be been
    being that which who than as per pro
    """.split()
)

DETERMINERS = frozenset("der die das den dem des ein eine einer eines einem einen the a an".split())

PREPOSITIONS = frozenset("in im nach aus an am auf bei mit von vom zu zum zur fur laut".split())

DESTINATIONS = frozenset("to into in nach an fur for und and oder or".split())

COMPLEMENT_OWNER = frozenset({"aus", "von", "des", "der", "from", "of"})

COMPLEMENT_TYPE = frozenset({"fur", "for", "mit", "with", "of"})

# Crossing a clause break or a coordination puts a cue in another statement ("300 getötet und 2.700
# verwundet": "getötet" is not about the 2.700).
CUE_BARRIERS = CLAUSE_BREAKS | {
    "und",
    "oder",
    "and",
    "or",
    "while",
    "whereas",
    "wahrend",
    "sowie",
    "but",
    "aber",
    "sondern",
    "jedoch",
}

CUE_RANGE = 28  # tokens; beyond this a cue word belongs to some other statement

CLAUSE_PENALTY = 6

OPENING_ANAPHORS = frozenset(
    """sie diese dies dieser dieses darunter davon dabei darin damit er es they these this those it among
    of inside aboard""".split()
)

REFERRING = frozenset("es sie davon darunter insgesamt damit it they them those total altogether".split())

# A bare number right after these words is what a source says: "said 12,000", "schätzt 11.000".
REPORTED_BY_VERB = frozenset(
    """said says estimated estimates believes sagte sagt sagten schatzt schatzte schatzten
    schatzen""".split()
)
# ... or after "at" / "auf" / "von" with one of these shortly before: "put it at 12,000",
# "bezifferte sie auf 11.000", "sprach von 3.000".
REPORTED_WITH_PREPOSITION = frozenset(
    """put puts putting it estimate sie beziffert bezifferte bezifferten schatzt schatzte sprach spricht
    sprachen""".split()
)

# A unit word right before one of these names a speaker, not counted things ("military intelligence").
SPEAKER_NOUNS = frozenset(
    """intelligence spokesman spokeswoman spokesperson official officials command commander commanders
    chief chiefs leadership sources source analysts analyst experts expert blogger bloggers sprecher
    sprecherin fuhrung kreise quellen""".split()
)

# "die Verluste der eigenen Armee", "Ukraine's own troops": the speaker's side, not the counted actor's.
OWN_WORDS = frozenset("eigene eigenen eigener eigenes own".split())
OWN_SIDE_NOUNS = frozenset(
    """armee armeen truppen soldaten streitkrafte verluste seite army troops forces soldiers losses side
    military casualties""".split()
)
