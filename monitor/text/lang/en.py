"""English: subject before the verb, one-word names, possessive -s, "1.5 million", short scale."""

from __future__ import annotations

from monitor.text.lang.traits import Grammar

GRAMMAR = Grammar(
    code="en",
    subject_before_verb=True,
    one_word_names=True,
    possessive_s=True,
    nationality_endings=("ian", "ean", "ese", "ish", "can", "sian"),
    inflection_endings=("s", "es", "ed", "d", "ing", "'s"),
    decimal_mark=".",
    y_to_ies=True,
    silent_e=True,
    doubled_consonant=True,
    clock_words=frozenset({"am"}),
)
