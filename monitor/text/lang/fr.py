"""French: subject before the verb, "ne ... pas" after the verb, "1,5 million", long scale
("un billion" is 10**12; "milliard" is 10**9), lowercase nouns and nationality adjectives."""

from __future__ import annotations

from monitor.text.lang.traits import Grammar

GRAMMAR = Grammar(
    code="fr",
    negation_follows=True,
    subject_before_verb=True,
    one_word_names=True,
    nationality_endings=(
        "ien",
        "ienne",
        "iens",
        "iennes",
        "ais",
        "aise",
        "aises",
        "ois",
        "oise",
        "oises",
        "ain",
        "aine",
        "ains",
        "aines",
        "russe",
        "russes",
        "turc",
        "turque",
        "grec",
        "grecque",
    ),
    inflection_endings=("s", "e", "es", "x"),
    elisions=("l'", "d'", "n'", "s'", "c'", "j'", "m'", "t'", "qu'", "jusqu'", "lorsqu'", "puisqu'"),
    number_words_by_text2num=True,
    decimal_mark=",",
    long_scale=True,
)
