"""Whether a number in a sentence is a count of things or something else.

``numbers`` finds number expressions and reads their values; the rules here look at the
text around one and drop what is not a count: dates and months, years, ordinals
("am 13. Oktober", "die 3. Armee"), money, percentages and measures, labels and codes
("Seite 3", "KN23", "Schloßstraße 50"), calibres and other hyphen modifiers, list
markers, ages and scores.  They are a separate module because they are a long list of
vocabulary and cases that grows on its own, apart from the number reading.

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.numbers.qualifiers import SP, has_qualifier_before, last_token
from monitor.text.words.normalize import fold

__all__ = [
    "FROM_BEFORE",
    "RANGE_OPENER",
    "RANGE_SEP",
    "NumberExpr",
    "excluded_after",
    "followers_say_year",
    "hyphen_compound",
    "is_score",
    "is_year_like",
    "number_ok",
]


@dataclass(frozen=True)
class NumberExpr:
    """One number expression: its value with the scale applied, and where it sits."""

    value: Fraction
    start: int
    core_end: int  # end of the digits or words, before the scale word
    end: int
    kind: str  # "digits", "de", "en" or "article"
    scale: int  # 1 without a scale word
    token: str  # the digit token ("" for words)
    decimal: bool = False  # written with a decimal fraction ("2.0", "1,5")


RANGE_SEP = re.compile(rf"{SP}*(?:[-–—]|bis(?!{SP}+zu\b)|to|und|and|or|oder){SP}*", re.IGNORECASE)

_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    "|January|February|March|May|June|July|October|December"
    "|Jan|Feb|Mär|Mrz|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec"
)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\.?{SP}*(?:{_MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?{SP}*$")

# Words after a number that make it something other than a count of things: percent,
# money, clock time, durations and ages, measures, and web page counters.  Checked on
# the next word (its first hyphen part too: "152-mm-Granaten", "23-jährige").
_NEXT_WORD = re.compile(rf"{SP}*-?{SP}*([^\W\d_][\w'’.-]*|[%‰°$€£¥₽₩])")
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
    "prozent",
    "hrywnj",
    "jahr",
    "jährig",
    "monat",
    "woche",
    "stunde",
    "minute",
    "sekunde",
    "nächte",
    "centur",
    "millimeter",
    "zentimeter",
    "kilometer",
    "kilometre",
    "meter",
    "metre",
    "kilo",
    "liter",
    "inch",
    "quadrat",
    "kommentar",
    "einträge",
    "beiträge",
    "ergebnisse",
    "aufrufe",
    "follower",
    "abonnent",
    "subscriber",
    "punkte",
    "wörter",
    "fache",
    "us-dollar",
    "year-old",
    "stündig",
    "tägig",
    "wöchig",
    "monatig",
    "minütig",
    "drittel",
    "viertel",
    "fünftel",
    "sechstel",
    "achtel",
    "zehntel",
)
# After a hyphen only these keep a number a count: "12,000-strong", "1500-köpfige", "3000-Mann-";
# "3,000-odd" is a count with a vague end (``number_qualifiers.TRAILING_QUALIFIER`` reads "about")
_HYPHEN_COUNT_WORDS = (
    "strong",
    "odd",
    "man",
    "men",
    "member",
    "person",
    "people",
    "troop",
    "soldier",
    "mann",
    "köpfig",
    "personen",
    "soldaten",
)
_PER_CENT = re.compile(rf"{SP}*per{SP}*cent\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    rf"(?:[$€£¥₽₩]|(?<![^\W\d_])(?:US\$|USD|EUR|CHF|GBP|RUB|KRW|KPW|SFr\.?|Fr\.|Rs\.?)){SP}*$"
)
_LABEL_BEFORE = re.compile(
    rf"""(?<![^\W\d_])(?:
      (?:s|p|pp|nr|no|art|abs|vol|fig|tel|kap|bd|ziff|tab)\.
    | nr|nummer|number|seite|page|artikel|article|absatz|kapitel|chapter|teil|part|folge|episode
    | platz|resolution|route|stufe|phase|level|runde|round|band|volume|ausgabe|issue|version|typ|type
    | modell|model|flug|flight|telefon|phone|fax|id|plz|jahrgang|klasse|class|block|sektor|sector
    | gleis|zimmer|room|kanal|channel|linie|paragraph|paragraf|ziffer|anhang|annex|tabelle|table
    | abbildung|figure|rang|rank|ranked|aged|age|alter|alter{SP}+von|age{SP}+of|per|pro
    | section|abschnitt|stage|grade
    | (?:seite|page|teil|part|folge|episode|kapitel|chapter){SP}+\d+{SP}*(?:von|of|/)
    ):?{SP}*$""",
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
_SYMBOL_BEFORE = re.compile(rf"(?:[#@/\\+:^_!=~*]|§{SP}*|\|{SP}*|[^\W\d_]-|\d{SP}+|\d[:/–-]|['’])$")
_SYMBOL_AFTER = re.compile(rf"(?::\d|/|,[-–]|{SP}*\||{SP}+\d|\.[/)–-])")
_YEAR_CUE_BEFORE = {
    "de": re.compile(
        r"(?<![^\W\d_])(?:seit|im|bis|vom|ab|nach|vor|zum|jahr\w*|[^\W\d_]*(?:anfang|ende|mitte|beginn"
        r"|frühjahr|frühling|sommer|herbst|winter|wechsel|wende|wahl|wahlen|quartal)|copyright|©|\(c\))\s*$",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<![^\W\d_])(?:in|since|by|until|till|from|year|early|late|mid|spring|summer|autumn|fall"
        r"|winter|the|copyright|©|\(c\))\s*$",
        re.IGNORECASE,
    ),
}
_YEAR_LINK = r"(?:[-–/]|bis|und|and|to|or|oder)"
_YEAR_CONTEXT_BEFORE = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,|(?:19|20)\d\d{SP}*{_YEAR_LINK}){SP}*$")
_YEAR_AFTER = re.compile(rf"{SP}*(?:$|[.,;:!?)\]\"“”»«]|[-–/]\d\d\b)")
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

RANGE_OPENER = re.compile(rf"(?<![^\W\d_])(?:zwischen|between){SP}+$", re.IGNORECASE)
FROM_BEFORE = re.compile(rf"(?<![^\W\d_])(?:from|von){SP}+$", re.IGNORECASE)
_FOLLOWING_WORDS = re.compile(rf"{SP}+([^\W\d_]+)(?:{SP}+([^\W\d_]+))?")
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
_BEYOND_YEAR = re.compile(rf"{SP}+hinaus\b")
_NAME_COMMA_BEFORE = re.compile(rf"[A-ZÄÖÜ][\w'’-]+,{SP}*$")
# "a boy of 9", "his mother, 34": a person named by a noun, then an age (lexicon `age_holders`)
_AGE_HOLDERS = lexicon().words(lambda entry: entry.figures.age_holders)
_HOLDER_BEFORE = re.compile(rf"([^\W\d_]+)(?:,|{SP}+(?:of|von)){SP}*$")
_AGE_ENDS = re.compile(rf"{SP}*(?:[,.;)]|(?:and|und|or|oder)\b|$)", re.IGNORECASE)
_STREET_SUFFIXES = ("straße", "strasse", "str.", "gasse", "allee", "weg", "platz", "ring", "damm", "ufer")
_STREET_AFTER = re.compile(
    rf"{SP}+(?:[A-Z][\w'’-]*{SP}+)+(?:St\.|Street|Rd\.|Road|Ave\.|Avenue|Blvd\.?|Boulevard|Lane|Drive)"
)

_OF_MONEY = re.compile(rf"{SP}+of{SP}+(?:dollars|euros|pounds|rubles|roubles|won|yuan|yen)\b", re.IGNORECASE)


def is_score(first: NumberExpr, second: NumberExpr) -> bool:
    """ "2-0", "3-1", "106-103": not an ascending range like "20-30" or "10.000-12.000"."""
    if not (first.token.isdigit() and second.token.isdigit()) or first.scale != 1 or second.scale != 1:
        return False
    return first.value >= second.value or (first.value < 10 and second.value < 10)


def hyphen_compound(sentence: str, end: int) -> bool:
    """ "10-point lead", "seven-day rate", "two-way", "5-Prozent-Hürde": a modifier, not a count."""
    if sentence[end : end + 1] != "-" or not sentence[end + 1 : end + 2].isalpha():
        return False
    return not sentence[end + 1 : end + 12].lower().startswith(_HYPHEN_COUNT_WORDS)


def word_after(sentence: str, end: int) -> str:
    """The word (or symbol: "%") right after a number, lower-cased; "" if none."""
    match = _NEXT_WORD.match(sentence, end)
    return match.group(1).lower().rstrip(".") if match else ""


def excluded_after(sentence: str, end: int, language: str | None) -> bool:
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
    return language is not None and word in grammar(language).clock_words


def number_ok(sentence: str, number: NumberExpr, language: str | None, partner: bool = False) -> bool:
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
    return not (is_year_like(number) and _reads_as_year(sentence, number, before, language, partner))


def _street_before(sentence: str, start: int) -> bool:
    """ "Schloßstraße 50", "Am Ring 3": a street is a name, written with a capital; a lowercase word
    with a street's ending is none ("a staggering 2.2 million", "troops numbering 11,000", "during")."""
    parts = sentence[max(0, start - 24) : start].split()
    word = parts[-1].lstrip("\"'„“‚‘»«›‹([–-") if parts else ""
    return word[:1].isupper() and word.lower().endswith(_STREET_SUFFIXES)


def _prefix_ok(sentence: str, number: NumberExpr, before: str) -> bool:
    """The checks of the text before a number: symbols, currency, labels, months, capitals."""
    start = number.start
    if _SYMBOL_BEFORE.search(before[-4:]):
        return False
    token = last_token(sentence, start)
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
        if (
            word[:1].isupper()
            and not _SENTENCE_START.fullmatch(sentence, 0, start)
            and "hundert" not in lowered
            and "tausend" not in lowered
        ):
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
    if short and number.value < 120 and _age_of_person(sentence, number, before):
        return False  # "a boy of 9 and his mother, 34": ages of the people a noun names
    if _street_before(sentence, start) or _STREET_AFTER.match(sentence, number.end):
        return False  # "Schloßstraße 50", "2344 Bragg St."
    is_year = token.isdigit() and len(token) == 4 and 1900 <= number.value <= 2099
    return not ((number.value <= 31 or is_year) and _MONTH_BEFORE.search(before))


def _is_ordinal(sentence: str, number: NumberExpr, language: str | None) -> bool:
    """ "am 13. Oktober", "die 3. Armee": a short number, a period, and the sentence goes on."""
    end = number.core_end
    if not _ORDINAL_FOLLOWER.match(sentence, end) or not number.token.isdigit() or len(number.token) > 3:
        return False
    if _LOWER_OR_DIGIT_AFTER_DOT.match(sentence, end) or _MONTH_AFTER.match(sentence, end + 1):
        return True
    if _ORDINAL_NOUN.match(sentence, end + 1):
        return True
    return _ORDINAL_CUE_BEFORE.search(sentence, max(0, number.start - 12), number.start) is not None


def is_year_like(number: NumberExpr) -> bool:
    token = number.token
    return token.isdigit() and len(token) == 4 and 1000 <= number.value <= 2099 and number.scale == 1


def _reads_as_year(
    sentence: str, number: NumberExpr, before: str, language: str | None, partner: bool
) -> bool:
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
    if has_qualifier_before(sentence, number.start):
        return False
    if _range_follows(sentence, number):
        return False  # "zwischen 1500 und 2000 Soldaten": the range decides (_read_figure)
    return followers_say_year(sentence, number.start, number.end, language)


def _range_follows(sentence: str, number: NumberExpr) -> bool:
    sep = RANGE_SEP.match(sentence, number.end)
    if sep is None or not sentence[sep.end() : sep.end() + 1].isdigit():
        return False
    if sep.group().strip().lower() not in ("und", "and"):
        return True
    return RANGE_OPENER.search(sentence, max(0, number.start - 20), number.start) is not None


def followers_say_year(sentence: str, start: int, end: int, language: str | None) -> bool:
    if sentence[end : end + 1] == "-":
        return False  # "1500-köpfige": hyphen_compound judges these
    words = _FOLLOWING_WORDS.match(sentence, end)
    first = words.group(1) if words else ""
    second = (words.group(2) or "") if words else ""
    if first.lower() in _ADDITIONAL_AFTER:
        return False
    capitalized_nouns = language is not None and grammar(language).nouns_capitalized
    if language is not None and not capitalized_nouns:
        return True
    if first[:1].isupper():
        return language is None and last_token(sentence, start) in ("a", "an", "the", "of")
    if first.lower() in _YEAR_FOLLOWERS:
        return True
    if second[:1].isupper():
        return False  # adjective + noun: "3000 nordkoreanische Soldaten"
    return capitalized_nouns


def _year_cue_before(before: str, language: str | None) -> bool:
    cues = [_YEAR_CUE_BEFORE[language]] if language in _YEAR_CUE_BEFORE else list(_YEAR_CUE_BEFORE.values())
    return any(cue.search(before) for cue in cues) or _YEAR_CONTEXT_BEFORE.search(before) is not None


def _age_of_person(sentence: str, number: NumberExpr, before: str) -> bool:
    """ "a boy of 9", "his mother, 34.", "ein Junge von 9": a singular noun of a person, then the
    number as its attribute (after "of" or a comma) closing the phrase - the person's age, not a
    count ("a crew of 12" and "a family of five" name groups, which are no such nouns)."""
    match = _HOLDER_BEFORE.search(before)
    if match is None or fold(match.group(1)) not in _AGE_HOLDERS:
        return False
    return _AGE_ENDS.match(sentence, number.end) is not None
