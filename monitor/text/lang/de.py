"""German: capitalised nouns and compounds, verb-second clauses, long scale, "1,5 Millionen"."""

from __future__ import annotations

from monitor.text.lang.traits import Grammar

GRAMMAR = Grammar(
    code="de",
    nouns_capitalized=True,
    compounds=True,
    verb_second=True,
    negation_follows=True,
    inflected_names=True,
    postposed_genitive=True,
    nationality_lowercase=True,
    adjective_endings=("e", "en"),
    inflection_endings=("e", "en", "er", "es", "em", "n", "s", "t", "te", "ten", "et", "ern", "nen"),
    agent_participle_endings=("ende", "enden"),
    separable_particles=(
        "ab",
        "an",
        "auf",
        "aus",
        "bei",
        "dicht",
        "ein",
        "fest",
        "fort",
        "frei",
        "heraus",
        "hoch",
        "los",
        "mit",
        "nach",
        "nieder",
        "vor",
        "weg",
        "zu",
        "zuruck",
        "zusammen",
    ),
    participle_infix="ge",
    infinitive_infix="zu",
    quote_openers="„“",
    quote_closers="“”",
    decimal_mark=",",
    long_scale=True,
    dotted_ordinals=True,
)
