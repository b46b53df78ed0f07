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
sentence context; ``format_number`` and ``FORMAT_STYLES`` are re-exported here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

from monitor.text.intervals import interval, several_interval
from monitor.text.number_words import (
    DE_MORPHEMES,
    EN_MORPHEMES,
    FORMAT_STYLES,
    de_word_value,
    en_words_value,
    format_number,
)

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
_SP = r"[ \t\u00a0\u202f\u2009]"
_SCALE_WORDS = (r"millionen|millions?|mio\.?|mill\.|mn|milliarden?|mrd\.?|billionen|billions?|bn"
                r"|tausend|thousand|tsd\.?|hundert|hundred|dutzend|dozen")
_SEVERAL_UNITS = (r"hunderttausend|zehntausend|hundred\s+thousand|ten\s+thousand|hundert|tausend|dutzend"
                  r"|millionen|milliarden|hundred|thousand|dozen|million|billion")

_CANDIDATE = re.compile(
    rf"""
    (?P<several>(?<![^\W\d_])(?:
        (?:mehrere[n]?|einige[n]?|ein{_SP}+paar|wenige[n]?|several|a{_SP}+few|a{_SP}+couple{_SP}+of|few)
            {_SP}+(?:{_SEVERAL_UNITS})
      | (?:tens|hundreds|dozens){_SP}+of{_SP}+(?:thousands|millions)
      | (?:zehn|hundert|aber)?tausende[n]? | hunderte[n]? | dutzende[n]?
      | hundreds | thousands | dozens | millions | billions | millionen | milliarden
    )(?![^\W\d_]))
  | (?P<article>(?<![^\W\d_])(?:ein|eine|einer|einen|einem|eines|a|an)(?:{_SP}+halbe[nmrs]?)?{_SP}+
        (?=(?:million|milliarde|mio\b|mrd\b|dutzend|tausend|hundert)))
  | (?P<digits>(?<![\d])(?:\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})+(?![\d])|\d+(?:[.,'’]\d+)*))
  | (?P<de>(?<![^\W\d_])(?:{"|".join(DE_MORPHEMES)})+(?![^\W\d_]))
  | (?P<en>(?<![^\W\d_])
        (?:(?:half{_SP}+an?|an?{_SP}+half|an?){_SP}+(?=(?:hundred|thousand|million|billion|dozen)\b))?
        (?:{_EN_WORD})(?:(?:{_SP}+and{_SP}+a{_SP}+half)|(?:{_SP}+(?:and{_SP}+)?|-)(?:{_EN_WORD}))*
        (?![^\W\d_]))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SCALE = re.compile(
    rf"(?P<glued>k|m|bn|mn)(?![^\W\d_])|{_SP}*(?P<word>{_SCALE_WORDS})(?![^\W\d_])", re.IGNORECASE
)
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:T[\d:]+)?")
_RANGE_SEP = re.compile(rf"{_SP}*(?:[-–—]|bis(?!{_SP}+zu\b)|to|und|and|or|oder){_SP}*", re.IGNORECASE)

_MONTHS = ("Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
           "|January|February|March|May|June|July|October|December"
           "|Jan|Feb|Mär|Mrz|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\.?{_SP}*(?:{_MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?{_SP}*$")

# Words after a number that make it something other than a count of things: percent,
# money, clock time, durations and ages, measures, and web page counters.  Checked on
# the next word (its first hyphen part too: "152-mm-Granaten", "23-jährige").
_NEXT_WORD = re.compile(rf"{_SP}*-?{_SP}*([^\W\d_][\w'’.-]*|[%‰°$€£¥₽₩])")
_NOT_COUNT_WORDS = frozenset(
    """
    % ‰ ° $ € £ ¥ ₽ ₩ pct promille percent percentage
    euro euros eur dollar dollars usd franken chf fr rubel rubeln ruble rubles rouble roubles won yuan yen
    pfund pound pounds cent cents rappen hryvnia hryvnias
    uhr h o'clock o’clock a.m p.m pm std min sek sec hr hrs
    year years month months week weeks tag tage tagen tages day days hour hours minutes seconds nights
    decade decades weekends
    mm cm km m mile miles meilen kg gramm tonnen ton tons tonne tonnes litre litres grad degrees zoll fuß
    feet foot hektar hectare hectares square
    eintrag comments seiten page pages likes shares retweets reposts views replies antworten treffer hits
    result results points zeichen characters words fach fold mal times x
    l ml mbit gbit mb gb kb tb ghz mhz kw kwh mw gw ps hp db lbs qm m² km² knoten knots mph
    third thirds quarters fifths hälfte
    """.split()
)
_NOT_COUNT_STEMS = (
    "prozent", "hrywnj", "jahr", "jährig", "monat", "woche", "stunde", "minute", "sekunde", "nächte",
    "centur", "millimeter", "zentimeter", "kilometer", "kilometre", "meter", "metre", "kilo", "liter",
    "inch", "quadrat", "kommentar", "einträge", "beiträge", "ergebnisse", "aufrufe", "follower", "abonnent",
    "subscriber", "punkte", "wörter", "fache", "us-dollar", "year-old", "stündig", "tägig", "wöchig",
    "monatig", "minütig", "drittel", "viertel", "fünftel", "sechstel", "achtel", "zehntel",
)
# After a hyphen only these keep a number a count: "12,000-strong", "1500-köpfige", "3000-Mann-".
_HYPHEN_COUNT_WORDS = ("strong", "man", "men", "member", "person", "people", "troop", "soldier", "mann",
                       "köpfig", "personen", "soldaten")
_PER_CENT = re.compile(rf"{_SP}*per{_SP}*cent\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    rf"(?:[$€£¥₽₩]|(?<![^\W\d_])(?:US\$|USD|EUR|CHF|GBP|RUB|KRW|KPW|SFr\.?|Fr\.|Rs\.?)){_SP}*$"
)
_LABEL_BEFORE = re.compile(
    rf"""(?<![^\W\d_])(?:
      (?:s|p|pp|nr|no|art|abs|vol|fig|tel|kap|bd|ziff|tab)\.
    | nr|nummer|number|seite|page|artikel|article|absatz|kapitel|chapter|teil|part|folge|episode
    | platz|resolution|route|stufe|phase|level|runde|round|band|volume|ausgabe|issue|version|typ|type
    | modell|model|flug|flight|telefon|phone|fax|id|plz|jahrgang|klasse|class|block|sektor|sector
    | gleis|zimmer|room|kanal|channel|linie|paragraph|paragraf|ziffer|anhang|annex|tabelle|table
    | abbildung|figure|rang|rank|ranked|aged|age|alter|alter{_SP}+von|age{_SP}+of|per|pro
    | section|abschnitt|stage|grade
    | (?:seite|page|teil|part|folge|episode|kapitel|chapter){_SP}+\d+{_SP}*(?:von|of|/)
    ):?{_SP}*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CURRENCY_SIGNS = ("$", "€", "£", "¥", "₽", "₩")
_CURRENCY_CODES = frozenset("us$ usd eur chf gbp rub krw kpw sfr fr rs".split())
_LABEL_LAST_WORDS = frozenset(
    """
    s. p. pp. nr. no. art. abs. vol. fig. tel. kap. bd. ziff. tab. nr nummer number seite page artikel article
    absatz kapitel chapter teil part folge episode platz resolution route stufe phase level runde round band
    volume ausgabe issue version typ type modell model flug flight telefon phone fax id plz jahrgang klasse
    class block sektor sector gleis zimmer room kanal channel linie paragraph paragraf ziffer anhang annex
    tabelle table abbildung figure rang rank ranked aged age alter von of / per pro section abschnitt
    stage grade
    """.split()
)
_SYMBOL_BEFORE = re.compile(rf"(?:[#@/\\+:^_!=~*]|§{_SP}*|\|{_SP}*|[^\W\d_]-|\d{_SP}+|\d[:/–-]|['’])$")
_SYMBOL_AFTER = re.compile(rf"(?::\d|/|,[-–]|{_SP}*\||{_SP}+\d|\.[/)–-])")
_YEAR_CUE_BEFORE = {
    "de": re.compile(
        r"(?<![^\W\d_])(?:seit|im|bis|vom|ab|nach|vor|zum|jahr\w*|[^\W\d_]*(?:anfang|ende|mitte|beginn"
        r"|frühjahr|frühling|sommer|herbst|winter|wechsel|wende|wahl|wahlen|quartal)|copyright|©|\(c\))\s*$",
        re.IGNORECASE),
    "en": re.compile(
        r"(?<![^\W\d_])(?:in|since|by|until|till|from|year|early|late|mid|spring|summer|autumn|fall"
        r"|winter|the|copyright|©|\(c\))\s*$", re.IGNORECASE),
}
_YEAR_LINK = r"(?:[-–/]|bis|und|and|to|or|oder)"
_YEAR_CONTEXT_BEFORE = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,|(?:19|20)\d\d{_SP}*{_YEAR_LINK}){_SP}*$")
_YEAR_AFTER = re.compile(rf"{_SP}*(?:$|[.,;:!?)\]\"“”»«]|[-–/]\d\d\b)")
_SENTENCE_START = re.compile(r"[\s\"'„“‚‘»«›‹(\[–-]*$")
_ORDINAL_CUE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:am|vom|bis|zum|zur|den|der|die|das|dem|des|im|beim|seit|ab|jeden|jedes|ihr|ihre|ihrer"
    r"|seine|seiner|ein|eine|einer)\s+$",
    re.IGNORECASE,
)
_ORDINAL_NOUN = re.compile(
    r"\s+(?:Armee|Brigade|Division|Korps|Regiment|Bataillon|Jahrestag|Jahrhundert|Mal|Platz|Stock|Runde"
    r"|Liga|Klasse|Kongress|Parteitag|Sitzung|Tag|Woche|Monat|Quartal|Sanktionspaket|Paket)\b"
)
_ORDINAL_FOLLOWER = re.compile(r"\.\s*[\w„“\"(]")
_LOWER_OR_DIGIT_AFTER_DOT = re.compile(r"\.\s*[^\W_A-ZÄÖÜ]")

# Qualifier phrases, matched right before the number (longest wins).
_QUALIFIER_PHRASES = {
    "about": "rund|etwa|ca\\.|ca|circa|zirka|knapp|ungefähr|schätzungsweise|annähernd|gut|fast|beinahe|nahezu"
             "|um die|geschätzte|geschätzt|around|about|some|roughly|approximately|approx\\.|nearly|almost"
             "|an estimated|estimated|close to",
    "more_than": "mehr als|weit mehr als|deutlich mehr als|über|über die|weit über|deutlich über|more than"
                 "|well over|over|in excess of|upwards of|well above|above",
    "at_least": "mindestens|wenigstens|zumindest|at least|no fewer than|no less than|not less than"
                "|a minimum of",
    "up_to": "bis zu|up to|as many as|höchstens|at most|maximal|no more than|not more than|a maximum of"
             "|weniger als|fewer than|less than|unter|under|knapp unter",
    "additional": "weitere|weiteren|weiterer|zusätzliche|zusätzlichen|zusätzlich|additional|another"
                  "|an additional|a further|further|extra",
    "exact": "insgesamt|a total of|total of|in total|genau|exakt|exactly|precisely",
}
_QUALIFIER_OF = {p: q for q, ps in _QUALIFIER_PHRASES.items() for p in ps.replace("\\", "").split("|")}
_QUALIFIER_BEFORE = re.compile(
    r"(?<![^\W\d_])(?P<q>"
    + "|".join(sorted((p.replace(" ", rf"{_SP}+") for ps in _QUALIFIER_PHRASES.values()
                       for p in ps.split("|")), key=len, reverse=True))
    + rf"){_SP}*$",
    re.IGNORECASE,
)
_QUALIFIER_LAST_WORDS = frozenset(p.split()[-1] for p in _QUALIFIER_OF)
_RANK = ("additional", "more_than", "at_least", "up_to", "about", "exact")
_TRAILING = re.compile(
    rf"""(?:
      (?P<additional>{_SP}+(?:weitere[nmrs]?|zusätzliche[nmrs]?|more(?!{_SP}+than)|additional|extra))
    | (?P<at_least>{_SP}+(?:oder|or|und|and){_SP}+(?:mehr|more)(?!{_SP}+(?:als|than))|{_SP}*plus(?!{_SP}*\d))
    | (?P<about>-odd|{_SP}+odd|{_SP}+or{_SP}+so|{_SP}+oder{_SP}+so)
    )(?![^\W\d_])""",
    re.IGNORECASE | re.VERBOSE,
)
_RANGE_OPENER = re.compile(rf"(?<![^\W\d_])(?:zwischen|between){_SP}+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(rf"(?<![^\W\d_])(?:from|von){_SP}+$", re.IGNORECASE)
_FOLLOWING_WORDS = re.compile(rf"{_SP}+([^\W\d_]+)(?:{_SP}+([^\W\d_]+))?")
_ADDITIONAL_AFTER = frozenset(
    "weitere weiteren weiterer zusätzliche zusätzlichen mehr more additional".split()
)
_YEAR_FOLLOWERS = frozenset(
    """
    der die das den dem des ein eine einer einem einen eines er sie es wir ihr man ich mit in im als nach vor
    von vom bei beim auf an am um für gegen durch seit bis zu zum zur über unter aus und oder aber war waren
    ist sind hat hatte hatten haben wurde wurden wird werden kam kamen gab ging begann starb fand folgte
    erschien noch dann erst schon bereits wieder erstmals zuletzt endgültig komplett
    the a an he she it they we was were is are had has have saw when and or but on at to for with by from
    of as since after before until during will would became began marked brought
    """.split()
)
_BEYOND_YEAR = re.compile(rf"{_SP}+hinaus\b")
_NAME_COMMA_BEFORE = re.compile(rf"[A-ZÄÖÜ][\w'’-]+,{_SP}*$")
_STREET_SUFFIXES = ("straße", "strasse", "str.", "gasse", "allee", "weg", "platz", "ring", "damm", "ufer")
_STREET_AFTER = re.compile(
    rf"{_SP}+(?:[A-Z][\w'’-]*{_SP}+)+(?:St\.|Street|Rd\.|Road|Ave\.|Avenue|Blvd\.?|Boulevard|Lane|Drive)"
)
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
_SEPARATOR = re.compile(r"([.,'’ \u00a0\u202f\u2009])")
_OF_MONEY = re.compile(
    rf"{_SP}+of{_SP}+(?:dollars|euros|pounds|rubles|roubles|won|yuan|yen)\b", re.IGNORECASE
)
_SCALES: dict[str, tuple[int, str]] = {
    "millionen": (10**6, "de"), "mio": (10**6, "de"), "mill": (10**6, "de"), "millions": (10**6, "en"),
    "mn": (10**6, "en"), "m": (10**6, "en"), "milliarden": (10**9, "de"), "milliarde": (10**9, "de"),
    "mrd": (10**9, "de"), "billionen": (10**12, "de"), "billions": (10**9, "en"), "bn": (10**9, "en"),
    "tausend": (1000, "de"), "tsd": (1000, "de"), "thousand": (1000, "en"), "k": (1000, "en"),
    "hundert": (100, "de"), "hundred": (100, "en"), "dutzend": (12, "de"), "dozen": (12, "en"),
}


@dataclass(frozen=True)
class _Number:
    """One number expression: its value with the scale applied, and where it sits."""

    value: Fraction
    start: int
    core_end: int  # end of the digits or words, before the scale word
    end: int
    kind: str  # "digits", "de", "en" or "article"
    scale: int  # 1 without a scale word
    token: str  # the digit token ("" for words)
    decimal: bool = False  # written with a decimal fraction ("2.0", "1,5")


# ------------------------------------------------------------------ public API


def find_figures(sentence: str, language: str | None = None) -> list[Figure]:
    """Every quantity in ``sentence`` that could be a count of things, left to right."""
    figures: list[Figure] = []
    pos = 0
    # Searching the big candidate regex at every character is slow; try it only where a
    # digit run or a word that can start a number expression begins.
    for token in _TOKEN.finditer(sentence):
        if token.start() < pos or not (token.group()[0].isdigit() or _starts_number(token.group())):
            continue
        match = _CANDIDATE.match(sentence, token.start())
        if match is None:
            continue
        figure, resume = _read_figure(sentence, match, language, pos)
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
    sentence: str, match: re.Match[str], language: str | None, floor: int
) -> tuple[Figure | None, int]:
    if match.lastgroup == "several":
        return _read_several(sentence, match, language, floor)
    iso = _ISO_DATE.match(sentence, match.start()) if match.lastgroup == "digits" else None
    if iso is not None:
        return None, iso.end()
    first = _read_number(sentence, match, language)
    if first is None:
        return None, match.end()
    if not _number_ok(sentence, first, language):
        return None, first.end
    low, high, end, start = first.value, first.value, first.end, first.start
    is_range = False
    written_decimal = first.decimal and first.scale == 1
    sep = _RANGE_SEP.match(sentence, first.end)
    second_match = _CANDIDATE.match(sentence, sep.end()) if sep else None
    if sep is not None and second_match is not None and second_match.lastgroup in ("digits", "de", "en"):
        second = _read_number(sentence, second_match, language)
        word = sep.group().strip().lower()
        if second is not None and not _number_ok(sentence, second, language, partner=True):
            if first.value <= 31 or _is_year_like(first):  # "8 bis 13 Oktober", "1961 bis 1990."
                return None, second.end
        elif second is not None:
            if word in "-–—" and sep.group() == word and _is_score(first, second):
                return None, second.end
            head = sentence[max(0, first.start - 20) : first.start]
            wanted = (word not in ("und", "and") or _RANGE_OPENER.search(head)) and not (
                word == "to" and _FROM_BEFORE.search(head)
            )
            scaled_low = first.value * second.scale if first.scale == 1 else first.value
            if scaled_low > second.value:
                scaled_low = first.value
            if wanted and scaled_low < second.value:
                if _is_year_like(first) and _is_year_like(second):
                    if not _has_qualifier_before(sentence, first.start) and _followers_say_year(
                        sentence, first.start, second.end, language
                    ):
                        return None, second.end  # "zwischen 1899 und 1919 war"
                low, high, end, is_range = scaled_low, second.value, second.end, True
                written_decimal = (first.decimal or second.decimal) and second.scale == 1
                opener = _RANGE_OPENER.search(head)
                if opener is not None:
                    start = first.start - len(head) + opener.start()
    if _excluded_after(sentence, end, language) or _hyphen_compound(sentence, end):
        return None, end
    if low.denominator != 1 or high.denominator != 1 or written_decimal:
        return None, end  # "1,5", "zweieinhalb", "2.0": not a count of things
    if first.kind in ("de", "en") and not is_range and first.scale == 1 and first.value == 1:
        return None, end  # "ein", "one": articles and pronouns far more often than figures
    start, qualifiers = _qualifiers_before(sentence, start, floor)
    trailing = _TRAILING.match(sentence, end)
    if trailing is not None and trailing.lastgroup is not None:
        qualifiers.append(trailing.lastgroup)
        end = trailing.end()
    if is_range:
        value = (low + high) / 2
        return Figure(float(value), float(low), float(high), "about", start, end, sentence[start:end]), end
    qualifier = next((q for q in _RANK if q in qualifiers), "exact")
    lo, hi = interval(float(low), qualifier)
    return Figure(float(low), lo, hi, qualifier, start, end, sentence[start:end]), end


def _read_several(
    sentence: str, match: re.Match[str], language: str | None, floor: int
) -> tuple[Figure | None, int]:
    end = match.end()
    if _excluded_after(sentence, end, language):
        return None, end
    unit = _several_unit(match.group())
    start, _ = _qualifiers_before(sentence, match.start(), floor)
    low, high = several_interval(float(unit))
    return Figure(float(unit), low, high, "several", start, end, sentence[start:end]), end


def _several_unit(text: str) -> int:
    words = " ".join(text.lower().split())
    head, of, tail = words.partition(" of ")
    if of and head in ("tens", "hundreds", "dozens"):  # "tens of thousands", not "a couple of thousand"
        return {"tens": 10, "hundreds": 100, "dozens": 12}[head] * (1000 if tail == "thousands" else 10**6)
    for needle, unit in (("hunderttausend", 10**5), ("hundred thousand", 10**5), ("zehntausend", 10**4),
                         ("ten thousand", 10**4), ("milliard", 10**9), ("billion", 10**9),
                         ("million", 10**6), ("tausend", 1000), ("thousand", 1000), ("hundert", 100),
                         ("hundred", 100)):
        if needle in words:
            return unit
    return 12  # Dutzende, dozens


def _is_score(first: _Number, second: _Number) -> bool:
    """ "2-0", "3-1", "106-103": not an ascending range like "20-30" or "10.000-12.000"."""
    if not (first.token.isdigit() and second.token.isdigit()) or first.scale != 1 or second.scale != 1:
        return False
    return first.value >= second.value or (first.value < 10 and second.value < 10)


def _hyphen_compound(sentence: str, end: int) -> bool:
    """ "10-point lead", "seven-day rate", "two-way", "5-Prozent-Hürde": a modifier, not a count."""
    if sentence[end : end + 1] != "-" or not sentence[end + 1 : end + 2].isalpha():
        return False
    return not sentence[end + 1 : end + 12].lower().startswith(_HYPHEN_COUNT_WORDS)


def _excluded_after(sentence: str, end: int, language: str | None) -> bool:
    match = _NEXT_WORD.match(sentence, end)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    head = word.split("-", 1)[0]
    if word in _NOT_COUNT_WORDS or head in _NOT_COUNT_WORDS or word.startswith(_NOT_COUNT_STEMS):
        return True
    if word == "per":
        return _PER_CENT.match(sentence, end) is not None
    if word == "of":
        return _OF_MONEY.match(sentence, end) is not None
    return language == "en" and word == "am"


def _last_token(sentence: str, start: int) -> str:
    """The white-space delimited token right before ``start``, lower-cased, without opening marks.

    The regexes anchored at the number are costly to search, so each runs only when
    this token could end what it looks for.
    """
    parts = sentence[max(0, start - 24) : start].split()
    return parts[-1].lower().lstrip("\"'„“‚‘»«›‹([–-") if parts else ""


def _qualifiers_before(sentence: str, start: int, floor: int) -> tuple[int, list[str]]:
    found: list[str] = []
    for _ in range(3):
        if _last_token(sentence, start) not in _QUALIFIER_LAST_WORDS:
            break
        match = _QUALIFIER_BEFORE.search(sentence, max(floor, start - 40), start)
        if match is None:
            break
        found.append(_QUALIFIER_OF[" ".join(match.group("q").lower().split())])
        start = match.start("q")
    return start, found


def _number_ok(sentence: str, number: _Number, language: str | None, partner: bool = False) -> bool:
    """False when the context shows the number is not a count (date, code, money, ...).

    ``partner`` is the second number of a range: what precedes it is the first number
    and the separator, so the checks of the preceding text are skipped.
    """
    start = number.start
    if _SYMBOL_AFTER.match(sentence, number.core_end):
        return False
    before = sentence[max(0, start - 30) : start]
    if not partner and not _prefix_ok(sentence, number, before):
        return False
    if number.kind != "digits":
        return True
    token = number.token
    after = sentence[number.core_end : number.core_end + 1]
    if number.scale == 1 and (after.isalnum() or after == "_"):
        return False  # 2nd, 122mm, 1960ern
    if len(token) > 1 and token[0] == "0" and token[1].isdigit():
        return False  # 030 ..., 0049 ...: phone and area codes
    if number.scale == 1 and _is_ordinal(sentence, number, language):
        return False
    if number.value <= 31 and _MONTH_AFTER.match(sentence, number.end):
        return False
    return not (_is_year_like(number) and _reads_as_year(sentence, number, before, language, partner))


def _prefix_ok(sentence: str, number: _Number, before: str) -> bool:
    """The checks of the text before a number: symbols, currency, labels, months, capitals."""
    start = number.start
    if _SYMBOL_BEFORE.search(before[-4:]):
        return False
    token = _last_token(sentence, start)
    if token.endswith(_CURRENCY_SIGNS) or token.rstrip(".") in _CURRENCY_CODES:
        if _CURRENCY_BEFORE.search(before):
            return False
    label = token.rstrip(":")
    if label in _LABEL_LAST_WORDS or label.rsplit("-", 1)[-1] in _LABEL_LAST_WORDS:
        if _LABEL_BEFORE.search(before):
            return False
    if number.kind == "de":
        word = sentence[start : number.core_end]
        lowered = word.lower()
        if (word[:1].isupper() and not _SENTENCE_START.fullmatch(sentence, 0, start)
                and "hundert" not in lowered and "tausend" not in lowered):
            return False  # "außer Acht", "die Elf": nouns, not numbers
        return True
    if number.kind != "digits":
        return True
    if start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] == "_"):
        return False  # KN23, MH17
    if start > 0 and sentence[start - 1] == "(" and sentence[number.end : number.end + 1] == ")":
        if number.value < 100:
            return False  # "Kim (23)", list markers "(3)"
    token = number.token
    short = token.isdigit() and len(token) <= 3
    next_char = sentence[number.core_end : number.core_end + 1]
    if short and next_char in ".)" and _SENTENCE_START.fullmatch(sentence, 0, start):
        return False  # "3." or "2)" opening a line: a list item
    if short and number.value < 120 and next_char == "," and _NAME_COMMA_BEFORE.search(before):
        return False  # "James Lee, 68, of Torrance"
    if _last_token(sentence, start).endswith(_STREET_SUFFIXES) or _STREET_AFTER.match(sentence, number.end):
        return False  # "Schloßstraße 50", "2344 Bragg St."
    is_year = token.isdigit() and len(token) == 4 and 1900 <= number.value <= 2099
    return not ((number.value <= 31 or is_year) and _MONTH_BEFORE.search(before))


def _is_ordinal(sentence: str, number: _Number, language: str | None) -> bool:
    """ "am 13. Oktober", "die 3. Armee": a short number, a period, and the sentence goes on."""
    end = number.core_end
    if not _ORDINAL_FOLLOWER.match(sentence, end) or not number.token.isdigit() or len(number.token) > 3:
        return False
    if _LOWER_OR_DIGIT_AFTER_DOT.match(sentence, end) or _MONTH_AFTER.match(sentence, end + 1):
        return True
    if _ORDINAL_NOUN.match(sentence, end + 1):
        return True
    return _ORDINAL_CUE_BEFORE.search(sentence, max(0, number.start - 12), number.start) is not None


def _is_year_like(number: _Number) -> bool:
    token = number.token
    return token.isdigit() and len(token) == 4 and 1000 <= number.value <= 2099 and number.scale == 1


def _reads_as_year(sentence: str, number: _Number, before: str, language: str | None, partner: bool) -> bool:
    """Whether a plain four-digit number (1000-2099) is a year rather than a count.

    A year: before sentence punctuation or another year ("2022 und 2023"), after a year
    cue ("seit", "Ende", "in", "the", a month), or followed by a function word or verb
    ("2018 fuhr er", "1938 der Auftakt").  A count: after a qualifier ("rund 2000"),
    before "weitere"/"more", or (German) before a noun or adjective + noun ("2000
    Soldaten", "3000 nordkoreanische Soldaten").  English counts that large carry a
    comma ("2,000 troops"), so in English text a plain one is a year.
    """
    if _YEAR_AFTER.match(sentence, number.end):
        return True
    if partner:
        return False
    if number.value >= 1900 and _year_cue_before(before, language):
        return True
    if _BEYOND_YEAR.match(sentence, number.end):
        return True  # "über 2023 hinaus"
    if _has_qualifier_before(sentence, number.start):
        return False
    if _range_follows(sentence, number):
        return False  # "zwischen 1500 und 2000 Soldaten": the range decides (_read_figure)
    return _followers_say_year(sentence, number.start, number.end, language)


def _has_qualifier_before(sentence: str, start: int) -> bool:
    return _last_token(sentence, start) in _QUALIFIER_LAST_WORDS and (
        _QUALIFIER_BEFORE.search(sentence, max(0, start - 40), start) is not None
    )


def _range_follows(sentence: str, number: _Number) -> bool:
    sep = _RANGE_SEP.match(sentence, number.end)
    if sep is None or not sentence[sep.end() : sep.end() + 1].isdigit():
        return False
    if sep.group().strip().lower() not in ("und", "and"):
        return True
    return _RANGE_OPENER.search(sentence, max(0, number.start - 20), number.start) is not None


def _followers_say_year(sentence: str, start: int, end: int, language: str | None) -> bool:
    if sentence[end : end + 1] == "-":
        return False  # "1500-köpfige": _hyphen_compound judges these
    words = _FOLLOWING_WORDS.match(sentence, end)
    first = words.group(1) if words else ""
    second = (words.group(2) or "") if words else ""
    if first.lower() in _ADDITIONAL_AFTER:
        return False
    if language == "en":
        return True
    if first[:1].isupper():
        return language is None and _last_token(sentence, start) in ("a", "an", "the", "of")
    if first.lower() in _YEAR_FOLLOWERS:
        return True
    if second[:1].isupper():
        return False  # adjective + noun: "3000 nordkoreanische Soldaten"
    return language == "de"


def _year_cue_before(before: str, language: str | None) -> bool:
    cues = [_YEAR_CUE_BEFORE[language]] if language in _YEAR_CUE_BEFORE else list(_YEAR_CUE_BEFORE.values())
    return any(cue.search(before) for cue in cues) or _YEAR_CONTEXT_BEFORE.search(before) is not None


# ------------------------------------------------------------ number reading


def _read_number(sentence: str, match: re.Match[str], language: str | None) -> _Number | None:
    kind = match.lastgroup or ""
    start, core_end = match.span()
    scale: tuple[int, str | None, int] | None
    value: Fraction | None
    token = ""
    decimal = False
    if kind == "digits":
        token = match.group()
        scale = _scale_at(sentence, core_end, True, language)
        mark = None
        if scale is not None:
            mark = {"de": ",", "en": "."}.get(language or scale[1] or "")
        read = _digits_value(token, mark)
        if read is None:
            return None
        value, decimal = read
    elif kind == "de":
        value = de_word_value(match.group())
        scale = _scale_at(sentence, core_end, False, language)
    elif kind == "en":
        parsed = en_words_value(match.group())
        if parsed is None:
            return None
        value, used, trailing = parsed
        core_end = start + used
        # "three thousand": keep the last scale word so "two or three thousand" can share it.
        return _Number(value, start, core_end, core_end, kind, trailing, token)
    elif kind == "article":
        value = Fraction(1, 2) if "halb" in match.group().lower() else Fraction(1)
        scale = _scale_at(sentence, core_end, False, language)
        if scale is None:
            return None
    else:
        return None
    if value is None:
        return None
    if scale is None:
        return _Number(value, start, core_end, core_end, kind, 1, token, decimal)
    return _Number(value * scale[0], start, core_end, scale[2], kind, scale[0], token, decimal)


def _scale_at(
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
        if language == "de" and word[0] == "B":
            return 10**12, "de", match.end()
        return 10**9, "en", match.end()
    size, lang = _SCALES[key]
    return size, lang, match.end()


def _digits_value(token: str, decimal_mark: str | None) -> tuple[Fraction, bool] | None:
    """Read a digit token by the separator rule in the module docstring; True if it has a decimal part."""
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
