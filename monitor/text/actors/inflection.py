"""How a watchlist name is matched: its folded form and its inflected forms.

This module exists apart from ``actors`` because it answers a language question
with its own rules and tests - which spellings of a listed name count - while
``actors`` compiles the answers into one automaton and judges matches in text.
Nothing here knows about actors, automata or text positions.

``match_form`` folds a name or a text for matching: ``normalize.fold`` (case,
diacritics, ß, typographic punctuation), then hyphens and line breaks become
spaces, so "Kim Jong-un" is "kim jong un" and the length stays the same.

``name_variants`` turns one listed name into matching keys and the endings that
may follow a key before the word boundary:

* German genitive -s/-es ("Russlands", "Selenskyjs", "Geheimdienstes"); people
  nouns in -er take -n/-in/-innen ("Nordkoreanern"); words in -e take -n
  ("Nato-Beamten"); names ending in a sibilant take nothing ("Lopez'").
* English -s/-es plurals ("North Koreans").
* German adjectives (lowercase single words such as "nordkoreanisch", and
  adjective-looking words before the last word such as "Vereinigte Staaten")
  are expanded into their endings -e/-en/-er/-es/-em as separate keys. So is a
  capitalised word with such an ending right before another capitalised word of
  a name that is no person's: the attribute of a name as a user types it
  ("Rotes Kreuz", "Roter Halbmond", "Freie Bergwacht") changes its ending with
  the article ("das Rote Kreuz", "des Roten Kreuzes", "laut Rotem Halbmond").
* Acronyms ("NATO", "ISW") take no endings; ambiguous short names ("Kim") take
  only the German genitive -s, since short names collide easily.
* Possessives ("Putin's", "Putin’s") need nothing: the apostrophe is already a
  word boundary.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

from monitor.text.lang import grammar
from monitor.text.words.normalize import fold

# A name of several adjective-looking words multiplies its keys; this caps them.
_MAX_VARIANTS_PER_NAME = 32

_GERMAN_ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# A stem ending like these is an adjective: nordkoreanisch, deutsch, national,
# vereinigt, vereint, sozialistisch ("Nationale Geheimdienst", "Vereinigte Staaten").
_GERMAN_ADJECTIVE_STEMS = ("sch", "al", "ig", "igt", "int", "iert")
# Every possible word end of such an adjective: a cheap test before the regex.
_GERMAN_ADJECTIVE_TAILS = tuple(
    stem + ending for stem in _GERMAN_ADJECTIVE_STEMS for ending in _GERMAN_ADJECTIVE_ENDINGS
)
_SIBILANTS = ("s", "x", "z")


def match_form(text: str) -> str:
    """Fold for matching: hyphens and line breaks become spaces (same length)."""
    folded = fold(text)
    return separators_to_spaces(folded)


def separators_to_spaces(folded: str) -> str:
    """Already folded text with hyphens and line breaks as spaces (same length)."""
    # Several str.replace passes run at C speed; a translate table would not.
    for separator in ("-", "\n", "\t", "\r"):
        if separator in folded:
            folded = folded.replace(separator, " ")
    return folded


def is_acronym(name: str) -> bool:
    # str.isupper: every cased character is uppercase ("NATO", "US", not "US-Armee").
    return name.isupper() and sum(char.isalpha() for char in name) >= 2


# A folded German adjective: a stem in -sch/-al/-ig/-igt/-int/-iert (nordkoreanisch,
# national, vereinigt, vereint, sozialisiert) and maybe an ending.
_GERMAN_ADJECTIVE = re.compile(r"(.{4,}?(?:sch|al|igt|ig|int|iert))(?:e|en|er|es|em)?")


def german_adjective_forms(word: str) -> list[str] | None:
    """All endings of a folded German adjective, or None if ``word`` is not one."""
    if not word.endswith(_GERMAN_ADJECTIVE_TAILS):
        return None
    match = _GERMAN_ADJECTIVE.fullmatch(word)
    if match is None:
        return None
    stem = match.group(1)
    return [stem + ending for ending in _GERMAN_ADJECTIVE_ENDINGS]


@functools.lru_cache(maxsize=4096)
def _inflection_suffixes(last_word_ending: str, german: bool, english: bool) -> tuple[str, ...]:
    """Endings that may follow a name whose folded last word ends with ``last_word_ending``
    (its last two characters), longest first."""
    suffixes: set[str] = set()
    if german:
        if last_word_ending.endswith("er"):
            suffixes.update(("n", "s", "in", "innen"))  # Nordkoreanern, Nordkoreanerin
        elif last_word_ending.endswith(_SIBILANTS):
            pass  # "Lopez'", "des Paris": German marks these with an apostrophe or nothing
        elif last_word_ending.endswith("e"):
            suffixes.update(("s", "n"))  # Nato-Beamten, Chinesen (when "Chinese" is listed)
        elif last_word_ending[-1:] in "aiouy":
            suffixes.add("s")
        else:
            suffixes.update(("s", "es"))  # Putins, Geheimdienstes
    if english:
        suffixes.add("es" if last_word_ending.endswith((*_SIBILANTS, "ch", "sh")) else "s")
    return tuple(sorted(suffixes, key=len, reverse=True))


def name_variants(
    name: str,
    languages: Iterable[str],
    ambiguous: bool,
    folded: str | None = None,
    person: bool = False,
) -> tuple[list[str], tuple[str, ...]]:
    """Matching keys for one listed name, and the endings allowed after them.

    ``folded`` may carry ``match_form(name)`` when the caller folded many names
    at once (building a 100,000-name watchlist folds them in one pass).
    ``person``: the name is a person's, whose first name is no attribute
    ("Peter Roth" has no form "Petern Roth").

    >>> name_variants("Vereinigte Staaten", ["de"], False)[0][:2]
    ['vereinigt staaten', 'vereinigte staaten']
    """
    words = (match_form(name) if folded is None else folded).split()
    if not words:
        return [], ()
    base = " ".join(words)
    if is_acronym(name):
        return [base], ()  # NATO, ISW: "NATO's" and "Nato-" work through boundaries
    languages = list(languages)
    german = any(grammar(code).inflected_names for code in languages)
    if ambiguous:
        # Kims (German genitive) but nothing else: short names collide easily.
        return [base], ("s",) if german else ()
    keys = [base]
    if german:
        keys = _german_adjective_variants(name, words, person) or keys
    english = any(grammar(code).possessive_s for code in languages)
    suffixes = _inflection_suffixes(words[-1][-2:], german, english)
    if german and len(keys) > 1 and len(words) > 1 and words[-1].endswith(_SIBILANTS):
        # "des Roten Kreuzes", "des Weißen Hauses": after an attribute the last word is a common
        # noun, whose genitive in -s or -z is -es (a bare name in -s takes nothing: "Lopez'")
        suffixes = tuple(sorted({*suffixes, "es"}, key=len, reverse=True))
    return keys, suffixes


def _german_adjective_variants(name: str, words: list[str], person: bool = False) -> list[str] | None:
    """ "Vereinigte Staaten" -> vereinigte/vereinigten/... staaten; None if no adjective.

    Adjectives are words before the last one that look like adjectives, and a
    last (or only) word written in lowercase ("nordkoreanisch"); a capitalised
    last word is a noun ("Portugal" is not an adjective in -al). Outside a
    person's name, a capitalised word with an adjective ending before another
    capitalised word is one too ("Rotes Kreuz"; not "Komitee" in "Komitee vom").
    """
    written = name.replace("-", " ").split()
    last_is_adjective = written[-1][:1].islower()
    candidates = words if last_is_adjective else words[:-1]
    forms = [german_adjective_forms(word) for word in candidates]
    if not person and len(written) == len(words):
        forms = [
            found or _attribute_forms(word, written, index)
            for index, (found, word) in enumerate(zip(forms, candidates, strict=False))
        ]
    if not any(forms):
        return None
    alternatives = [found or [word] for found, word in zip(forms, words, strict=False)]
    alternatives.extend([word] for word in words[len(forms) :])
    base = " ".join(words)
    keys = [
        " ".join(combo)
        for combo in itertools.islice(itertools.product(*alternatives), _MAX_VARIANTS_PER_NAME)
    ]
    return keys if base in keys else [*keys, base]


_ATTRIBUTE_ENDINGS = ("en", "er", "es", "em", "e")  # longest first: "rotes" is rot + es
_MIN_ATTRIBUTE_STEM = 3  # "rot", "neu", "hoh": a shorter stem is a function word ("die")


def _attribute_forms(word: str, written: list[str], index: int) -> list[str] | None:
    """ "rotes" in "Rotes Kreuz" -> rotes, rote, roten, roter, rotem: a capitalised word with an
    adjective ending right before another capitalised word of the name, as written. An attribute
    before a noun always has an ending, so the bare stem ("rot kreuz") is no key."""
    if index + 1 >= len(written) or not written[index][:1].isupper() or not written[index + 1][:1].isupper():
        return None
    for ending in _ATTRIBUTE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_ATTRIBUTE_STEM:
            stem = word[: -len(ending)]
            others = (stem + other for other in _GERMAN_ADJECTIVE_ENDINGS if other)
            return [word, *(form for form in others if form != word)]
    return None
