"""Find the figures (counts of things) in one German or English sentence.

``find_figures`` scans a sentence for number expressions - digits in every
common style, German and English number words, "mehrere tausend", "thousands" -
reads the scale word after them ("1,2 Millionen", "3 Mio.", "1.5bn"), the
qualifier words around them ("mehr als", "rund", "bis zu", "3500 weitere") and a
range ("10.000 bis 12.000"), and drops what is not a count: dates, years, times,
ages, percentages, money, scores, calibres, ordinals, model names, phone numbers,
tweet counters and durations ("seit 24 Jahren").

Separator rule:

- spaces (also NBSP U+00A0, narrow NBSP U+202F, thin space) and apostrophes
  (' and ’, Swiss) only ever group thousands;
- with both "." and "," the last one is the decimal mark ("1.234,5", "1,234.5");
- one kind repeated groups thousands ("1.500.000", "1,500,000");
- a single "." or "," followed by exactly three digits groups thousands
  ("1.500", "1,500" = 1500) unless a scale word follows and the separator is the
  decimal mark of the language: German "1,250 Millionen" = 1.25 million, English
  "1.250 million" = 1.25 million.  With ``language=None`` the scale word decides
  the language (Millionen/Mio./Mrd./Milliarden/Million = de; million/bn = en);
- any other single separator is a decimal mark ("1,5", "2.25").

Qualifiers: "gut 1000" is "about"; "weniger als"/"fewer than"/"unter" count as
"up_to"; "insgesamt"/"a total of"/"genau" are "exact" and part of the span;
"10,000 or more"/"3000 und mehr" are "at_least", "3500 weitere"/"3,500 more"
"additional".  Combined qualifiers resolve additional > more_than > at_least >
up_to > about > exact ("mehr als etwa 10.000" = more_than; "etwa 3500 weitere" =
additional, so the claim engine sees the delta).

Shapes: a range ("zwischen 10.000 und 12.000", "2 bis 3 Millionen",
"10,000-12,000", "two or three thousand") is one figure with qualifier "about",
value = midpoint, low/high = the two ends; "und"/"and" make a range only after
"zwischen"/"between", "from X to Y" is two figures.  "several" figures carry the
unit as value ("Tausende": 1000, "Dutzende": 12) and low/high from
``intervals.several_interval`` ([2000, 9999]).  Number words meaning one ("ein",
"one") count only with a scale ("eine Million").  A number written with a decimal
part and no scale ("1,5", "2.0") is not a count (``parse_number`` still reads it).
A hyphen compound is a modifier ("10-point lead", "seven-day", "152-mm") unless
it names people ("12,000-strong", "1500-köpfige").

Years: a plain four-digit number 1000-2099 is a year before sentence
punctuation, after a year cue ("seit", "im", "Ende", "Jahreswechsel", "in",
"the", a month, "Copyright") or before a function word or verb ("2018 fuhr er",
"sie starb 2007 mit"); it is a count after a qualifier ("rund 2000"), before
"weitere"/"more", and in German before a noun or adjective + noun ("2000
Soldaten", "1900 nordkoreanische Soldaten").  English writes counts that large
with a comma ("2,000 troops"), so with ``language="en"`` a plain one is a year.
Numbers next to another number with only a space between ("030 1234", "2022
500") are dropped as phone numbers or run-ons.

This module is about sentences: where a number expression starts and ends and
whether it is a count.  The number words themselves (reading "zwölftausend",
"three thousand") and ``format_number`` live in ``number_words``, which knows no
sentence context; ``format_number`` and ``FORMAT_STYLES`` are re-exported here.  The rules that
decide whether a number is a count (years, ordinals, dates, money, labels, ...) live in
``number_context``, the qualifier words around it in ``number_qualifiers``, the values of digit
tokens and scale words in ``number_tokens``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

from monitor.text.lang import grammar
from monitor.text.numbers.context import (
    FROM_BEFORE,
    RANGE_OPENER,
    RANGE_SEP,
    NumberExpr,
    excluded_after,
    followers_say_year,
    hyphen_compound,
    is_score,
    is_year_like,
    number_ok,
    word_after,
)
from monitor.text.numbers.intervals import interval, several_interval
from monitor.text.numbers.qualifiers import (
    QUALIFIER_RANK,
    SP,
    TRAILING_QUALIFIER,
    has_qualifier_before,
    qualifiers_before,
)
from monitor.text.numbers.tokens import digits_value, scale_at
from monitor.text.numbers.words import (
    DE_MORPHEMES,
    EN_MORPHEMES,
    FORMAT_STYLES,
    de_word_value,
    en_words_value,
    format_number,
)
from monitor.text.numbers.words_text2num import word_number_pattern, word_number_value

__all__ = ["FORMAT_STYLES", "Figure", "find_figures", "format_number", "parse_number", "rate_follows"]


@dataclass(frozen=True)
class Figure:
    """One quantity in a sentence.

    ``start``/``end`` span the whole phrase in the sentence, qualifier words included
    ("mehr als 650'000"); ``text`` is that slice.  ``low``/``high`` come from
    ``intervals.interval(value, qualifier)`` except for ranges (the two ends).
    """

    value: float
    low: float
    high: float
    qualifier: str
    start: int
    end: int
    text: str


# ---------------------------------------------------------------- vocabulary

_EN_WORD = "|".join(EN_MORPHEMES)

_SEVERAL_UNITS = (
    r"hunderttausend|zehntausend|hundred\s+thousand|ten\s+thousand|hundert|tausend|dutzend"
    r"|millionen|milliarden|hundred|thousand|dozen|million|billion"
)

_CANDIDATE = re.compile(
    rf"""
    (?P<several>(?<![^\W\d_])(?:
        (?:mehrere[n]?|einige[n]?|ein{SP}+paar|wenige[n]?|several|a{SP}+few|a{SP}+couple{SP}+of|few)
            {SP}+(?:{_SEVERAL_UNITS})
      | (?:tens|hundreds|dozens){SP}+of{SP}+(?:thousands|millions)
      | (?:zehn|hundert|aber)?tausende[n]? | hunderte[n]? | dutzende[n]?
      | hundreds | thousands | dozens | millions | billions | millionen | milliarden
    )(?![^\W\d_]))
  | (?P<article>(?<![^\W\d_])(?:ein|eine|einer|einen|einem|eines|a|an)(?:{SP}+halbe[nmrs]?)?{SP}+
        (?=(?:million|milliarde|mio\b|mrd\b|dutzend|tausend|hundert)))
  | (?P<digits>(?<![\d])(?:\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})+(?![\d])|\d+(?:[.,'’]\d+)*))
  | (?P<de>(?<![^\W\d_])(?:{"|".join(DE_MORPHEMES)})+(?![^\W\d_]))
  | (?P<en>(?<![^\W\d_])
        (?:(?:half{SP}+an?|an?{SP}+half|an?){SP}+(?=(?:hundred|thousand|million|billion|dozen)\b))?
        (?:{_EN_WORD})(?:(?:{SP}+and{SP}+a{SP}+half)|(?:{SP}+(?:and{SP}+)?|-)(?:{_EN_WORD}))*
        (?![^\W\d_]))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:T[\d:]+)?")

_RATE_AFTER = re.compile(
    r"(?:\W*\w+){0,5}?\W*\b(?:(?:pro|per|je|a|an|each|every|jeden|jede|am|im|in\s+the)\s+"
    r"(?:Tag|day|Woche|week|Monat|month|Jahr|year|Stunde|hour)|täglich|daily|wöchentlich|weekly"
    r"|monatlich|monthly|jährlich|annually|yearly)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_DE_WORD = re.compile(f"(?:{'|'.join(DE_MORPHEMES)})+")
_TRIGGER_WORDS = frozenset(
    """
    mehrere mehreren einige einigen ein eine einer einen einem eines wenige wenigen several a an few tens
    hundreds dozens thousands millions billions tausende tausenden zehntausende zehntausenden hunderttausende
    hunderttausenden abertausende abertausenden hunderte hunderten dutzende dutzenden millionen milliarden
    half hundred dozen
    """.split()
) | frozenset(EN_MORPHEMES)


# ------------------------------------------------------------------ public API


def find_figures(
    sentence: str, language: str | None = None, measured: frozenset[str] = frozenset()
) -> list[Figure]:
    """Every quantity in ``sentence`` that could be a count of things, left to right.

    ``measured``: words a tracked claim counts although they are no count of things ("Prozent",
    "%" for a turnout): a number before one of them is kept, decimals too ("82,5 Prozent")."""
    figures: list[Figure] = []
    pos = 0
    words = word_number_pattern(language) if language else None
    # Searching the big candidate regex at every character is slow; try it only where a
    # digit run or a word that can start a number expression begins.
    for token in _TOKEN.finditer(sentence):
        if token.start() < pos:
            continue
        match = None
        if words is not None and not token.group()[0].isdigit():
            match = words.match(sentence, token.start())  # "deux mille", read by text2num
        if match is None and not (token.group()[0].isdigit() or _starts_number(token.group())):
            continue
        match = match or _CANDIDATE.match(sentence, token.start())
        if match is None:
            continue
        figure, resume = _read_figure(sentence, match, language, pos, measured)
        if figure is not None:
            figures.append(figure)
        pos = max(resume, match.end())
    return figures


@functools.lru_cache(maxsize=65536)
def _starts_number(word: str) -> bool:
    lowered = word.lower()
    if lowered in _TRIGGER_WORDS:
        return True
    return lowered != "und" and _DE_WORD.fullmatch(lowered) is not None


def parse_number(text: str, language: str | None = None) -> float | None:
    """The value of one number expression alone ("1,2 Millionen", "zwölftausend", "1,5")."""
    stripped = text.strip()
    match = _CANDIDATE.match(stripped)
    if match is None or match.lastgroup == "several":
        return None
    number = _read_number(stripped, match, language)
    if number is None or stripped[number.end :].strip() not in ("", "."):
        return None
    return float(number.value)


def rate_follows(sentence: str, end: int) -> bool:
    """True when a rate ("pro Tag", "per month", "täglich") follows within five words of ``end``."""
    return _RATE_AFTER.match(sentence, end) is not None


# ------------------------------------------------------------- figure reading


def _read_figure(
    sentence: str,
    match: re.Match[str],
    language: str | None,
    floor: int,
    measured: frozenset[str] = frozenset(),
) -> tuple[Figure | None, int]:
    if match.lastgroup == "several":
        return _read_several(sentence, match, language, floor)
    iso = _ISO_DATE.match(sentence, match.start()) if match.lastgroup == "digits" else None
    if iso is not None:
        return None, iso.end()
    first = _read_number(sentence, match, language)
    if first is None:
        return None, match.end()
    if not number_ok(sentence, first, language):
        return None, first.end
    low, high, end, start = first.value, first.value, first.end, first.start
    is_range = False
    written_decimal = first.decimal and first.scale == 1
    sep = RANGE_SEP.match(sentence, first.end)
    second_match = _CANDIDATE.match(sentence, sep.end()) if sep else None
    if sep is not None and second_match is not None and second_match.lastgroup in ("digits", "de", "en"):
        second = _read_number(sentence, second_match, language)
        word = sep.group().strip().lower()
        if second is not None and not number_ok(sentence, second, language, partner=True):
            if first.value <= 31 or is_year_like(first):  # "8 bis 13 Oktober", "1961 bis 1990."
                return None, second.end
        elif second is not None:
            if word in "-–—" and sep.group() == word and is_score(first, second):
                return None, second.end
            head = sentence[max(0, first.start - 20) : first.start]
            wanted = (word not in ("und", "and") or RANGE_OPENER.search(head)) and not (
                word == "to" and FROM_BEFORE.search(head)
            )
            scaled_low = first.value * second.scale if first.scale == 1 else first.value
            if scaled_low > second.value:
                scaled_low = first.value
            if wanted and scaled_low < second.value:
                if is_year_like(first) and is_year_like(second):
                    if not has_qualifier_before(sentence, first.start) and followers_say_year(
                        sentence, first.start, second.end, language
                    ):
                        return None, second.end  # "zwischen 1899 und 1919 war"
                low, high, end, is_range = scaled_low, second.value, second.end, True
                written_decimal = (first.decimal or second.decimal) and second.scale == 1
                opener = RANGE_OPENER.search(head)
                if opener is not None:
                    start = first.start - len(head) + opener.start()
    is_measure = bool(measured) and word_after(sentence, end) in measured
    if not is_measure and (excluded_after(sentence, end, language) or hyphen_compound(sentence, end)):
        return None, end
    if not is_measure and (low.denominator != 1 or high.denominator != 1 or written_decimal):
        return None, end  # "1,5", "zweieinhalb", "2.0": not a count of things
    if first.kind in ("de", "en", "words") and not is_range and first.scale == 1 and first.value == 1:
        # "ein", "one": articles and pronouns far more often than figures; but English "one" before
        # a counted noun is the numeral ("One child has died"), the article being "a"
        if not (first.kind == "en" and is_measure):
            return None, end
    start, qualifiers = qualifiers_before(sentence, start, floor)
    trailing = TRAILING_QUALIFIER.match(sentence, end)
    if trailing is not None and trailing.lastgroup is not None:
        qualifiers.append(trailing.lastgroup)
        end = trailing.end()
    if is_range:
        value = (low + high) / 2
        return Figure(float(value), float(low), float(high), "about", start, end, sentence[start:end]), end
    qualifier = next((q for q in QUALIFIER_RANK if q in qualifiers), "exact")
    lo, hi = interval(float(low), qualifier)
    return Figure(float(low), lo, hi, qualifier, start, end, sentence[start:end]), end


def _read_several(
    sentence: str, match: re.Match[str], language: str | None, floor: int
) -> tuple[Figure | None, int]:
    end = match.end()
    if excluded_after(sentence, end, language):
        return None, end
    trailing = TRAILING_QUALIFIER.match(sentence, end)
    if trailing is not None and trailing.lastgroup == "additional":
        # "Hunderte weitere Tote", "thousands more": a vague number beyond a count is neither a
        # total nor a delta one could add to it
        return None, trailing.end()
    unit = _several_unit(match.group())
    start, _ = qualifiers_before(sentence, match.start(), floor)
    low, high = several_interval(float(unit))
    return Figure(float(unit), low, high, "several", start, end, sentence[start:end]), end


def _several_unit(text: str) -> int:
    words = " ".join(text.lower().split())
    head, of, tail = words.partition(" of ")
    if of and head in ("tens", "hundreds", "dozens"):  # "tens of thousands", not "a couple of thousand"
        return {"tens": 10, "hundreds": 100, "dozens": 12}[head] * (1000 if tail == "thousands" else 10**6)
    for needle, unit in (
        ("hunderttausend", 10**5),
        ("hundred thousand", 10**5),
        ("zehntausend", 10**4),
        ("ten thousand", 10**4),
        ("milliard", 10**9),
        ("billion", 10**9),
        ("million", 10**6),
        ("tausend", 1000),
        ("thousand", 1000),
        ("hundert", 100),
        ("hundred", 100),
    ):
        if needle in words:
            return unit
    return 12  # Dutzende, dozens


# ------------------------------------------------------------ number reading


def _read_number(sentence: str, match: re.Match[str], language: str | None) -> NumberExpr | None:
    kind = match.lastgroup or ""
    start, core_end = match.span()
    scale: tuple[int, str | None, int] | None
    value: Fraction | None
    token = ""
    decimal = False
    if kind == "digits":
        token = match.group()
        scale = scale_at(sentence, core_end, True, language)
        mark = None
        if scale is not None:
            mark_language = language or scale[1]
            mark = grammar(mark_language).decimal_mark if mark_language else None
        read = digits_value(token, mark)
        if read is None:
            return None
        value, decimal = read
    elif kind == "de":
        value = de_word_value(match.group())
        scale = scale_at(sentence, core_end, False, language)
    elif kind == "en":
        parsed = en_words_value(match.group())
        if parsed is None:
            return None
        value, used, trailing = parsed
        core_end = start + used
        # "three thousand": keep the last scale word so "two or three thousand" can share it.
        return NumberExpr(value, start, core_end, core_end, kind, trailing, token)
    elif kind == "words" and language is not None:
        value = word_number_value(match.group(), language)
        scale = scale_at(sentence, core_end, False, language)
    elif kind == "article":
        value = Fraction(1, 2) if "halb" in match.group().lower() else Fraction(1)
        scale = scale_at(sentence, core_end, False, language)
        if scale is None:
            return None
    else:
        return None
    if value is None:
        return None
    if scale is None:
        return NumberExpr(value, start, core_end, core_end, kind, 1, token, decimal)
    return NumberExpr(value * scale[0], start, core_end, scale[2], kind, scale[0], token, decimal)
