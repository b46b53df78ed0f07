"""The built-in polarity lexicon: words that affirm, deny, doubt, or refuse to comment, in German and English.

Terms are written as in text (the term index folds them); multi-word terms match word sequences.
The words live in the lexicon files (``monitor/text/lexicon/<language>.yaml``, section ``polarity``).

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from typing import get_args

from monitor.text.lexicon import PolarityLabel, lexicon
from monitor.text.normalize import fold

_LEXICON = lexicon()

# label -> language -> terms. "evidence" flips: negated evidence is unconfirmed,
# plain evidence affirms. "neutral" cues silence their clause.
LEXICON: dict[str, dict[str, list[str]]] = {
    label: {code: list(entry.polarity.cues.get(label, ())) for code, entry in _LEXICON.by_language.items()}
    for label in get_args(PolarityLabel)
}

# German separable verbs: finite verb ... particle at the end of the clause.
SEPARABLE: dict[str, tuple[str, frozenset[str]]] = {
    fold(particle): (verb.label, frozenset(fold(form) for form in verb.verbs))
    for entry in _LEXICON.by_language.values()
    for particle, verb in entry.polarity.separable.items()
}

NEGATORS = _LEXICON.words(lambda entry: entry.polarity.negators)

# "nicht nur", "not only", "not least"
NOT_NEGATION_AFTER = _LEXICON.words(lambda entry: entry.polarity.not_negation_after)

CONDITIONAL = _LEXICON.words(lambda entry: entry.polarity.conditional)

COPULAS = _LEXICON.words(lambda entry: entry.polarity.copulas)

HEDGES = _LEXICON.words(lambda entry: entry.polarity.hedges)

ANAPHORS = _LEXICON.words(lambda entry: entry.polarity.anaphors)
