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
    quote_openers="„“",
    quote_closers="“”",
    decimal_mark=",",
    long_scale=True,
    dotted_ordinals=True,
)
