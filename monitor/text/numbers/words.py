"""German and English number words: reading them, and writing numbers out.

This module exists so that ``numbers`` can stay about sentences.  Reading
"zwölftausend" or "three hundred and twenty thousand" into a value, and writing
a value back in every common style (``format_number``), need the same word
tables and nothing else: no sentence, no context.  ``numbers.find_figures`` uses
the tables (``DE_MORPHEMES``, ``EN_MORPHEMES``) to spot a number expression and
``de_word_value`` / ``en_words_value`` to read it; the tests use
``format_number`` to write one value in each style and check that
``numbers.parse_number`` reads it back.  ``numbers`` re-exports
``format_number`` and ``FORMAT_STYLES``.

Reading covers German cardinals written as one word up to 999,999, with halves
("dreieinhalbtausend", "anderthalb", ASCII "fuenf"/"zwoelf"), and English
cardinals up to the billions ("two and a half", "a hundred", "twenty-one").
Scale words written after a number ("1,2 Millionen") are ``numbers``' business.
"""

from __future__ import annotations

import re
from fractions import Fraction

from monitor.text.lexicon import lexicon

# ---------------------------------------------------------------- vocabulary

# The word tables are the lexicon's ``numbers`` (monitor/text/lexicon/de.yaml, en.yaml); the readers
# below are the German and English grammar of putting them together.
_GERMAN = lexicon().of("de").numbers
_ENGLISH = lexicon().of("en").numbers

_DE_UNITS = dict(_GERMAN.units)
_DE_TEENS = dict(_GERMAN.teens)
_DE_TENS = dict(_GERMAN.tens)
_EN_SMALL = {**_ENGLISH.units, **_ENGLISH.teens}
_EN_TENS = dict(_ENGLISH.tens)
_EN_BIG = dict(_ENGLISH.scales)

# The pieces number words are built from, longest first, so that a regex alternation of
# them tries "achtzehn" before "acht" and "seventeen" before "seven".
DE_MORPHEMES = sorted([*_DE_UNITS, *_DE_TEENS, *_DE_TENS, *_GERMAN.morphemes], key=len, reverse=True)
EN_MORPHEMES = sorted([*_EN_SMALL, *_EN_TENS, *_EN_BIG, *_ENGLISH.morphemes], key=len, reverse=True)
_EN_TOKEN = re.compile(r"[a-z]+")


# ------------------------------------------------------------ reading words


def _de_below_100(word: str) -> int | None:
    for table in (_DE_UNITS, _DE_TEENS, _DE_TENS):
        if word in table:
            return table[word]
    unit, sep, tens = word.partition("und")
    if sep and unit in _DE_UNITS and unit != "eins" and tens in _DE_TENS:
        return _DE_UNITS[unit] + _DE_TENS[tens]
    return None


def _de_below_1000(word: str) -> int | None:
    if "hundert" not in word:
        return _de_below_100(word)
    left, _, right = word.partition("hundert")
    hundreds = 1 if not left else (_DE_UNITS.get(left) if left != "eins" else None)
    rest = 0 if not right else _de_below_100(right.removeprefix("und"))
    if hundreds is None or rest is None:
        return None
    return hundreds * 100 + rest


def _de_below_million(word: str) -> int | None:
    if "tausend" not in word:
        return _de_below_1000(word)
    left, _, right = word.partition("tausend")
    thousands = 1 if not left else _de_below_1000(left)
    rest = 0 if not right else _de_below_1000(right.removeprefix("und"))
    if not thousands or rest is None:
        return None
    return thousands * 1000 + rest


def de_word_value(word: str) -> Fraction | None:
    """German cardinal words up to 999,999, with halves ("dreieinhalbtausend")."""
    lowered = word.lower().replace("fuenf", "fünf").replace("zwoelf", "zwölf")
    if lowered == "anderthalb":
        return Fraction(3, 2)
    if "einhalb" in lowered:
        head, _, tail = lowered.partition("einhalb")
        base = _de_below_1000(head) if head else 0
        if base is None or tail not in ("", "tausend"):
            return None
        half = Fraction(base) + Fraction(1, 2)
        return half * 1000 if tail else half
    value = _de_below_million(lowered)
    return None if value is None else Fraction(value)


def en_words_value(text: str) -> tuple[Fraction, int, int] | None:
    """English cardinal words: the value, how many characters were a valid number, and the
    size of a scale word ending the number (1 if none): "three thousand" -> (3000, 14, 1000)."""
    total, current = Fraction(0), Fraction(0)
    last, used, big_limit, last_word = "start", 0, 10**13, ""
    tokens = list(_EN_TOKEN.finditer(text.lower()))
    i = 0
    while i < len(tokens):
        tok = tokens[i].group()
        if tok in ("a", "an") and last in ("start", "half"):
            i += 1
            continue
        if tok == "half" and last == "start":
            current, last = Fraction(1, 2), "half"
        elif tok == "and":
            following = [t.group() for t in tokens[i + 1 : i + 3]]
            if following == ["a", "half"] and last in ("unit", "teen", "tens"):
                current += Fraction(1, 2)
                last, used, i = "half", tokens[i + 2].end(), i + 3
                continue
            if last not in ("hundred", "big") or not following or following[0] not in {*_EN_SMALL, *_EN_TENS}:
                break
            last = "and"
            i += 1
            continue
        elif tok in _EN_SMALL:
            small = _EN_SMALL[tok]
            if not (last in ("start", "hundred", "big", "and") or (small < 10 and last == "tens")):
                break
            current += small
            last = "unit" if small < 10 else "teen"
        elif tok in _EN_TENS:
            if last not in ("start", "hundred", "big", "and"):
                break
            current += _EN_TENS[tok]
            last = "tens"
        elif tok in ("hundred", "dozen"):
            if last not in ("start", "unit", "teen", "tens"):
                break
            current = (current or Fraction(1)) * (100 if tok == "hundred" else 12)
            last = "hundred"
        elif tok in _EN_BIG:
            size = _EN_BIG[tok]
            if last in ("big", "and") or size >= big_limit:
                break
            total += (current or Fraction(1)) * size
            current, last, big_limit = Fraction(0), "big", size
        else:
            break
        used, last_word = tokens[i].end(), tok
        i += 1
    if last == "start" or used == 0:
        return None
    trailing = {"hundred": 100, "dozen": 12, **_EN_BIG}.get(last_word, 1)
    return total + current, used, trailing


# ---------------------------------------------------------------- formatting

FORMAT_STYLES: tuple[str, ...] = (
    "plain",
    "de",
    "en",
    "ch",
    "ch_typographic",
    "space",
    "nbsp",
    "narrow_nbsp",
    "de_words",
    "en_words",
    "de_million",
    "en_million",
    "de_mio",
)
_GROUP_SEPARATOR = {
    "de": ".",
    "en": ",",
    "ch": "'",
    "ch_typographic": "’",
    "space": " ",
    "nbsp": "\u00a0",
    "narrow_nbsp": "\u202f",
}
_DE_UNIT_WORDS = {v: k for k, v in _DE_UNITS.items() if k not in _GERMAN.read_only}
_DE_TEEN_WORDS = {v: k for k, v in _DE_TEENS.items()}
_DE_TENS_WORDS = {v: k for k, v in _DE_TENS.items() if k not in _GERMAN.read_only}
_EN_SMALL_WORDS = {v: k for k, v in _EN_SMALL.items()}
_EN_TENS_WORDS = {v: k for k, v in _EN_TENS.items()}


def format_number(value: float, style: str) -> str:
    """Write a whole number in one of ``FORMAT_STYLES`` ("de": 1.234.567, "de_words": zwölftausend, ...)."""
    if value != int(value) or value < 0:
        raise ValueError(f"format_number writes whole non-negative numbers, got {value!r}")
    n = int(value)
    if style == "plain":
        return str(n)
    if style in _GROUP_SEPARATOR:
        return f"{n:,}".replace(",", _GROUP_SEPARATOR[style])
    if style == "de_words":
        if not 1 <= n < 10**6:
            raise ValueError("de_words covers 1 to 999,999")
        thousands, rest = divmod(n, 1000)
        return (_de_words_below_1000(thousands, final=False) + "tausend" if thousands else "") + (
            _de_words_below_1000(rest, final=True) if rest else ""
        )
    if style == "en_words":
        if not 1 <= n <= 10**9:
            raise ValueError("en_words covers 1 to 1,000,000,000")
        return _en_words(n)
    if style in ("de_million", "en_million", "de_mio"):
        whole, part = divmod(n, 10**6)
        digits = f"{part:06d}".rstrip("0")
        mark = "." if style == "en_million" else ","
        mantissa = f"{whole}{mark}{digits}" if digits else str(whole)
        unit = {"de_million": "Millionen", "en_million": "million", "de_mio": "Mio."}[style]
        return f"{mantissa} {unit}"
    raise ValueError(f"unknown style {style!r}; known: {', '.join(FORMAT_STYLES)}")


def _de_words_below_1000(n: int, final: bool) -> str:
    hundreds, rest = divmod(n, 100)
    text = _DE_UNIT_WORDS[hundreds] + "hundert" if hundreds else ""
    if rest == 1:
        return text + ("eins" if final else "ein")
    if rest < 10:
        return text + (_DE_UNIT_WORDS[rest] if rest else "")
    if rest < 20:
        return text + _DE_TEEN_WORDS[rest]
    tens, unit = divmod(rest, 10)
    return text + (_DE_UNIT_WORDS[unit] + "und" if unit else "") + _DE_TENS_WORDS[tens * 10]


def _en_words(n: int) -> str:
    parts = []
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        count, n = divmod(n, size)
        if count:
            parts.append(f"{_en_words_below_1000(count)} {name}")
    if n:
        parts.append(_en_words_below_1000(n))
    return " ".join(parts)


def _en_words_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_SMALL_WORDS[hundreds]} hundred"] if hundreds else []
    if rest and rest < 20:
        words.append(_EN_SMALL_WORDS[rest])
    elif rest:
        tens, unit = divmod(rest, 10)
        words.append(_EN_TENS_WORDS[tens * 10] + (f"-{_EN_SMALL_WORDS[unit]}" if unit else ""))
    return " ".join(words)
