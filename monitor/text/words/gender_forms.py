"""German gender-inclusive spellings of nouns for people, and the generic noun they stand for.

German news names a group of people in several ways: the generic masculine ("die Veranstalter"),
the pair ("Veranstalterinnen und Veranstalter"), the feminine alone, and the inclusive spellings
with a gender star, colon, underscore or slash ("Organisator*innen", "Organisator:innen",
"Arbeiter_innen", "Lehrer/-innen") or a capital I ("ArbeiterInnen"). They all count the same
people and name the same speaker.

``join_gender_marks`` keeps an inclusive spelling one token: the tokenizer would cut
"Organisator:innen" at the colon, which ends a clause, and "Demonstrant*innen" at the star. The
joined token's ``norm`` is the feminine form without the mark ("organisatorinnen"), so the term
index finds it as it finds "Organisatorinnen" (a unit's feminine forms).

``generic_form`` reads a feminine or dative plural word back to the generic word a list holds
("Veranstalterinnen" -> "Veranstalter", "Organisator*innen" -> "Organisatoren",
"Veranstaltern" -> "Veranstalter"), spelled as the text spells it.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.text.words.language import Token

__all__ = ["generic_form", "join_gender_marks", "may_hold_gender_marks"]

_PLURAL, _SINGULAR = "innen", "in"
# marks that are never punctuation between a word and "in": the singular ending counts after them
_STAR_MARKS = frozenset({"*", "_"})
# marks that are punctuation too ("am Abend:in der Stadt"): the singular only where no noun
# phrase follows, as one would after the preposition "in"
_COLON_MARKS = frozenset({":", "/", "·"})
_MARKS = _STAR_MARKS | _COLON_MARKS
_UNDERSCORE = "_"  # the tokenizer drops it: no token of its own
_QUICK_CHECK = re.compile(r"[*_:/·]-?in")
_FEMININE_TAIL = re.compile(r"(?:[*_:/·]-?)?(?:innen|in)$", re.IGNORECASE)
_MIN_STEM = 4  # "Zeug" of "Zeuginnen": a shorter stem is no noun for people
_GENERIC_ENDINGS = ("", "en", "n", "e")  # what a generic plural adds to the feminine's stem
_ARTICLES = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "einer", "eines"}
)


def may_hold_gender_marks(text: str) -> bool:
    """A cheap test before ``join_gender_marks``: does the text have a mark before "in"?"""
    return _QUICK_CHECK.search(text) is not None


def join_gender_marks(tokens: Sequence[Token], text: str) -> list[Token]:
    """The tokens with every inclusive spelling joined into one ("Organisator", ":", "innen" ->
    "Organisator:innen", norm "organisatorinnen"). A mark counts only between a capitalised word
    and its lowercase ending, with no space: "Abend: In der Stadt" stays apart, and so does "am
    Abend:in der Stadt" (a preposition "in" with its noun phrase)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        last = _ending_of_inclusive_spelling(tokens, index, text)
        if last is None:
            out.append(tokens[index])
            index += 1
            continue
        first, end = tokens[index], tokens[last].end
        out.append(
            first._replace(norm=first.norm + tokens[last].norm, end=end, surface=text[first.start : end])
        )
        index = last + 1
    return out


def _ending_of_inclusive_spelling(tokens: Sequence[Token], index: int, text: str) -> int | None:
    """The index of the ending's token when an inclusive spelling starts at token ``index``."""
    word = tokens[index]
    if not word.is_word or not word.surface[:1].isupper() or word.norm[:1].isdigit():
        return None
    position, reach = index + 1, word.end
    if position < len(tokens) and tokens[position].start == reach and tokens[position].norm in _MARKS:
        mark, reach = tokens[position].norm, tokens[position].end
        position += 1
        if position < len(tokens) and tokens[position].norm == "-" and tokens[position].start == reach:
            reach = tokens[position].end  # "Lehrer/-innen"
            position += 1
    elif text[reach : reach + 1] == _UNDERSCORE:
        mark, reach = _UNDERSCORE, reach + 1
    else:
        return None
    if position >= len(tokens) or tokens[position].start != reach:
        return None
    ending = tokens[position]
    if ending.surface not in (_PLURAL, _SINGULAR):
        return None  # "Abend: In der Stadt", "Stand:Montag"
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if ending.surface == _SINGULAR and mark in _COLON_MARKS and _opens_a_phrase(following):
        return None  # "am Abend:in der Stadt": the preposition "in"
    return position


def _opens_a_phrase(following: Token | None) -> bool:
    """Is the word after a possible singular ending one the preposition "in" takes: a noun, an
    article or a number ("in der Stadt", "in Berlin", "in 20 Orten")?"""
    if following is None or not following.is_word:
        return False
    return following.capitalized or following.norm[:1].isdigit() or following.norm in _ARTICLES


def generic_form(surface: str, norm: str, known: Collection[str]) -> str | None:
    """The generic word of ``known`` (folded words for groups of people) a feminine, inclusive or
    dative plural word stands for, spelled as the text spells it; None when it stands for none.

    "Veranstalterinnen" -> "Veranstalter", "Organisator:innen" -> "Organisatoren",
    "ZeugInnen" -> "Zeugen", "Veranstaltern" (dative) -> "Veranstalter"."""
    for stem_norm, stem_surface in _stems(surface, norm):
        if len(stem_norm) < _MIN_STEM:
            continue
        for ending in _GENERIC_ENDINGS:
            if stem_norm + ending in known:
                return stem_surface + ending
    return None


def _stems(surface: str, norm: str) -> list[tuple[str, str]]:
    """The word without its feminine ending, or its dative -n: (folded, as written)."""
    stems: list[tuple[str, str]] = []
    tail = _FEMININE_TAIL.search(surface)
    if tail is not None and norm.endswith((_PLURAL, _SINGULAR)):
        cut = len(_PLURAL) if norm.endswith(_PLURAL) else len(_SINGULAR)
        stems.append((norm[:-cut], surface[: tail.start()]))
    if norm.endswith(("ern", "eln")):
        stems.append((norm[:-1], surface[:-1]))  # "laut Veranstaltern": the dative plural's -n
    return stems
