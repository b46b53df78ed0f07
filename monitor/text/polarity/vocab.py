"""The built-in polarity lexicon: words that affirm, deny, doubt, or refuse to comment, in German and English.

Terms are written as in text (the term index folds them); multi-word terms match word sequences.
The words live in the lexicon files (``monitor/text/lexicon/<language>.yaml``, section ``polarity``).

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from typing import get_args

from monitor.text.lexicon import PolarityLabel, lexicon
from monitor.text.words.normalize import fold

_LEXICON = lexicon()

# label -> language -> terms. "evidence" flips: negated evidence is unconfirmed,
# plain evidence affirms. "neutral" cues silence their clause.
LEXICON: dict[str, dict[str, list[str]]] = {
    label: {code: list(entry.polarity.cues.get(label, ())) for code, entry in _LEXICON.by_language.items()}
    for label in get_args(PolarityLabel)
}

# Separable verbs (German): finite verb ... particle at the end of the clause, by language.
SEPARABLE: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    code: {
        fold(particle): (verb.label, frozenset(fold(form) for form in verb.verbs))
        for particle, verb in entry.polarity.separable.items()
    }
    for code, entry in _LEXICON.by_language.items()
}

# Refusing words: a comment word silences its clause only when refused ("declined to comment").
REFUSALS = _LEXICON.words(lambda entry: entry.polarity.refusals)

NEGATORS = _LEXICON.words(lambda entry: entry.polarity.negators)

# "nicht nur", "not only", "not least"
NOT_NEGATION_AFTER = _LEXICON.words(lambda entry: entry.polarity.not_negation_after)

CONDITIONAL = _LEXICON.words(lambda entry: entry.polarity.conditional)

COPULAS = _LEXICON.words(lambda entry: entry.polarity.copulas)

HEDGES = _LEXICON.words(lambda entry: entry.polarity.hedges)

ANAPHORS = _LEXICON.words(lambda entry: entry.polarity.anaphors)

# "in", "im", "across": a place after one says where something happened, not whose it is
LOCATIVES = _LEXICON.words(lambda entry: entry.figures.locatives)

NEGATING_DETERMINERS = _LEXICON.words(lambda entry: entry.polarity.negating_determiners)

# "whether", "ob": the clause they open asks, it does not assert
OPEN_QUESTION = _LEXICON.words(lambda entry: entry.polarity.open_question)

# "die", "diese": before the head of a compound named earlier ("die Pause" after "die Feuerpause")
DEFINITE_DETERMINERS = _LEXICON.words(lambda entry: entry.polarity.definite_determiners)
