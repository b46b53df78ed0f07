"""The value of one digit token and of the scale word right after a number.

``numbers`` decides where a number expression starts and ends in a sentence and whether
it is a count; this module only turns the pieces into values: a digit token by the
separator rule described in ``numbers`` ("1.500" = 1500, "1,5" = 1.5, "1'500" = 1500)
and a scale word ("Millionen", "Mio.", "bn", "k") into its size and the language it
hints at.  It knows no sentence context beyond the characters at the given position.

Pure: no I/O.
"""

from __future__ import annotations

import re
from fractions import Fraction

from monitor.text.lang import grammar
from monitor.text.numbers.qualifiers import SP

__all__ = ["digits_value", "scale_at"]

_SCALE_WORDS = (
    r"millionen|millions?|mio\.?|mill\.|mn|milliarden?|milliards?|mrd\.?|billionen|billions?|bn"
    r"|tausend|thousand|tsd\.?|hundert|hundred|dutzend|dozen"
)
_SCALE = re.compile(
    rf"(?P<glued>k|m|bn|mn)(?![^\W\d_])|{SP}*(?P<word>{_SCALE_WORDS})(?![^\W\d_])", re.IGNORECASE
)
_SEPARATOR = re.compile(r"([.,'’ \u00a0\u202f\u2009])")

_SCALES: dict[str, tuple[int, str]] = {
    "millionen": (10**6, "de"),
    "mio": (10**6, "de"),
    "mill": (10**6, "de"),
    "millions": (10**6, "en"),
    "mn": (10**6, "en"),
    "m": (10**6, "en"),
    "milliarden": (10**9, "de"),
    "milliarde": (10**9, "de"),
    "mrd": (10**9, "de"),
    "milliard": (10**9, "fr"),
    "milliards": (10**9, "fr"),
    "billionen": (10**12, "de"),
    "billions": (10**9, "en"),
    "bn": (10**9, "en"),
    "tausend": (1000, "de"),
    "tsd": (1000, "de"),
    "thousand": (1000, "en"),
    "k": (1000, "en"),
    "hundert": (100, "de"),
    "hundred": (100, "en"),
    "dutzend": (12, "de"),
    "dozen": (12, "en"),
}


def scale_at(
    sentence: str, pos: int, glued_ok: bool, language: str | None
) -> tuple[int, str | None, int] | None:
    match = _SCALE.match(sentence, pos)
    if match is None:
        return None
    glued = match.group("glued")
    if glued is not None:
        if not glued_ok:
            return None
        size, lang = _SCALES[glued.lower()]
        return size, lang, match.end()
    word = match.group("word")
    key = word.lower().rstrip(".")
    if key == "million":
        return 10**6, ("de" if word[0] == "M" else "en"), match.end()
    if key == "billion":
        rules = grammar(language) if language else None
        # German capitalises the noun "Billion" (10**12); the English "billion" is 10**9
        if rules is not None and rules.long_scale and (word[0] == "B" or not rules.nouns_capitalized):
            return 10**12, "de", match.end()
        return 10**9, "en", match.end()
    size, lang = _SCALES[key]
    return size, lang, match.end()


def digits_value(token: str, decimal_mark: str | None) -> tuple[Fraction, bool] | None:
    """Read a digit token by the separator rule in ``numbers``' docstring; True if it has a decimal part."""
    parts = _SEPARATOR.split(token)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return Fraction(int(token)), False
    fraction = ""
    last = seps[-1]
    if last in ".,":
        earlier = seps[:-1]
        if last in earlier:
            is_decimal = False
        elif earlier:
            is_decimal = True
        elif len(groups[1]) == 3 and len(groups[0]) <= 3 and groups[0] != "0":
            is_decimal = last == decimal_mark
        else:
            is_decimal = True
        if is_decimal:
            fraction = groups.pop()
            seps.pop()
    if seps and (len(set(seps)) != 1 or not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    integer = "".join(groups)
    if fraction:
        return Fraction(int(integer + fraction), 10 ** len(fraction)), True
    return Fraction(int(integer)), False
