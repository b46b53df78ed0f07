"""Number words read by text2num, for the languages whose grammar says so (French).

The one place text2num is imported. eval/libraries/number_words.py measured it: it reads French
number words ("quatre-vingt-dix", "mille cinq cents", "vingt et un") that the German and English
readers of number_words.py do not, and is faster; it misses halves ("dreieinhalbtausend", "two and
a half million"), so German and English keep their own readers.

Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from text_to_num import text2num

from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.numbers.qualifiers import SP

__all__ = ["word_number_pattern", "word_number_value"]


@functools.cache
def word_number_pattern(language: str) -> re.Pattern[str] | None:
    """A number expression of ``language``'s number words, or None when text2num does not read them.

    "deux mille", "quatre-vingt-dix", "vingt et un": words joined by blanks or hyphens, with "et"
    between two of them."""
    if not lexicon().knows(language) or not grammar(language).number_words_by_text2num:
        return None
    numbers = lexicon().of(language).numbers
    words = sorted({*numbers.units, *numbers.teens, *numbers.tens, *numbers.morphemes}, key=len, reverse=True)
    word = "(?:" + "|".join(map(re.escape, words)) + ")"
    joint = rf"(?:{SP}+|-)"
    return re.compile(
        rf"(?P<words>(?<![^\W\d_]){word}(?:{joint}(?:et{joint})?{word})*(?![^\W\d_]))", re.IGNORECASE
    )


def word_number_value(text: str, language: str) -> Fraction | None:
    try:
        value = text2num(text.lower(), language)
    except ValueError:
        return None  # "deux trois": no number
    return Fraction(value) if value > 0 else None
