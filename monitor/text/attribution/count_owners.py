"""Who made a count, in the phrasings that name the maker with the count rather than with a verb:
the participle of making and its agent ("a tally kept by X", "data gathered by X", "figures
collected from X"), a count opened by "by" ("by the same UN count", "by one UN estimate"), and a
count whose owner is what it is ("The count most agencies use is OCHA's: ...").

``source_markers.py`` adds these to the marker phrases it finds; each is, like those, a role and
the token span that names the source.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable

from monitor.text.attribution.vocab import (
    COUNT_PREPOSITIONS,
    COUNT_SOURCES,
    DETERMINERS,
    MAKING_PARTICIPLES,
    PARTICIPLE_ENDINGS,
    PREPOSITIONS,
)
from monitor.text.polarity.vocab import COPULAS
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView

__all__ = ["count_makers"]

Marker = tuple[str, int, int, bool]
NounPhraseEnd = Callable[[SentenceView, int], int]

_AGENT_PREPOSITIONS = frozenset({"by", "from"})
_MAX_PARTICIPLES = 2  # "figures recently released by", "data gathered and published by"
_MAX_COUNT_MODIFIERS = 4  # "by the same UN count", "by one independent Norlandic estimate"
_SETTING_OFF = frozenset({",", ":", "-", "("})


def count_makers(view: SentenceView, folded: list[str], index: int, np_end: NounPhraseEnd) -> list[Marker]:
    """The makers of a count the phrase at token ``index`` names (see the module docstring)."""
    return [
        *_made_by(view, folded, index, np_end),
        *_count_opened_by(view, folded, index),
        *_owner_as_predicate(view, folded, index),
    ]


def _is_participle(word: str) -> bool:
    return word in MAKING_PARTICIPLES or (len(word) > 4 and word.endswith(PARTICIPLE_ENDINGS))


def _made_by(view: SentenceView, folded: list[str], index: int, np_end: NounPhraseEnd) -> list[Marker]:
    """ "a tally kept by the Herald", "data gathered by the UN": the agent of the participle made it."""
    if folded[index] not in COUNT_SOURCES:
        return []
    position = index + 1
    while (
        position < len(folded)
        and position - index <= _MAX_PARTICIPLES
        and (_is_participle(folded[position]) or folded[position] in ("and", "recently", "jointly"))
    ):
        position += 1
    if position == index + 1 or position >= len(folded) - 1 or folded[position] not in _AGENT_PREPOSITIONS:
        return []
    if not _is_participle(folded[position - 1]):
        return []  # "figures and by ...": no participle before the agent
    start = position + 1
    return [("according", start, np_end(view, start), False)]


def _count_opened_by(view: SentenceView, folded: list[str], index: int) -> list[Marker]:
    """ "by the same UN count", "by one UN estimate": the words between "by" and the count name
    its maker (a count with no maker, "by the latest count", names no one)."""
    if folded[index] not in COUNT_PREPOSITIONS:
        return []
    tokens = view.tokens
    for position in range(index + 1, min(len(folded), index + 2 + _MAX_COUNT_MODIFIERS)):
        word = folded[position]
        if word in COUNT_SOURCES:
            if position == index + 1 or not _set_off(folded, index, position):
                return []
            return [("according", index + 1, position, False)]
        token = tokens[position]
        if not token.is_word or word[:1].isdigit() or word in CLAUSE_BREAKS:
            return []
        if word in PREPOSITIONS and word not in DETERMINERS:
            return []  # "by the end of the count": the count is not what "by" opens
    return []


def _set_off(folded: list[str], first: int, last: int) -> bool:
    """Does the phrase [first, last] open the sentence, end it, or stand between commas? Only
    then is it said of the whole sentence ("By one UN estimate, ...", "..., by the UN count."),
    not of one clause ("killed 769 by the Saudi count; other tallies put it above 2,400")."""
    before = folded[first - 1] if first > 0 else ","
    after = folded[last + 1] if last + 1 < len(folded) else "."
    return before in _SETTING_OFF or after in (".", ",")


def _owner_as_predicate(view: SentenceView, folded: list[str], index: int) -> list[Marker]:
    """ "The count most aid agencies use is OCHA's: 4,352": a possessive after a copula, closing a
    clause whose subject is a count, names the count's maker."""
    if not folded[index].endswith(("'s", "s'")):
        return []
    following = folded[index + 1] if index + 1 < len(folded) else "."
    if following not in CLAUSE_BREAKS and following != ".":
        return []  # "is the agency's own count": the noun after it is the count (source_markers)
    start = index
    token = view.tokens[index]
    for hit in view.hits:  # "is the World Health Organization's": the whole name
        if hit.start < token.end and hit.end > token.start:
            while start > 0 and view.tokens[start - 1].end > hit.start:
                start -= 1
    verb = start - 1
    if verb > 0 and folded[verb] in DETERMINERS:
        verb -= 1
    if verb < 1 or folded[verb] not in COPULAS:
        return []
    clause = verb
    while clause > 0 and folded[clause - 1] not in CLAUSE_BREAKS and folded[clause - 1] != ".":
        clause -= 1
    if not any(word in COUNT_SOURCES for word in folded[clause:verb]):
        return []
    return [("according", start, index + 1, False)]
