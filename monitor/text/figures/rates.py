"""Is a counted noun a rate rather than a total? "40 new cases a day", "three people per square
metre", "300 arrivals every week", "12 deaths daily", "drei Menschen pro Quadratmeter".

A tracked claim counts how many there are or were; a number of things per period or per area says
how fast or how densely they come, and read as a total it would be far too small. A period after an
indefinite article or "each"/"every" is a rate ("a day"); followed by a word of relative time it
is a date ("a day after the storm", "a week later"), and the count stands.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.lexicon import lexicon
from monitor.text.words.language import Token

_LEXICON = lexicon()
_RATE_WORDS = _LEXICON.words_by_language(lambda entry: entry.figures.rate_words)
_OPENERS = _LEXICON.words_by_language(lambda entry: entry.figures.rate_openers)
_PERIODS = _LEXICON.words_by_language(lambda entry: entry.figures.rate_periods)
_ADVERBS = _LEXICON.words_by_language(lambda entry: entry.figures.rate_adverbs)
_RELATIVE_TIME = _LEXICON.words_by_language(lambda entry: entry.figures.relative_time_words)


def rate_at(tokens: Sequence[Token], position: int, language: str) -> bool:
    """Does a rate start at token ``position`` (right after a counted noun)?"""
    if position >= len(tokens):
        return False
    word = tokens[position].norm
    if word in _RATE_WORDS.get(language, frozenset()) or word in _ADVERBS.get(language, frozenset()):
        return True
    if word not in _OPENERS.get(language, frozenset()) or position + 1 >= len(tokens):
        return False
    if tokens[position + 1].norm not in _PERIODS.get(language, frozenset()):
        return False
    following = tokens[position + 2].norm if position + 2 < len(tokens) else ""
    return following not in _RELATIVE_TIME.get(language, frozenset())
