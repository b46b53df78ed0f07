"""Does a polarity cue confirm a count rather than take a position on a status?

"Oklahoma has confirmed 10 cases linked to the outbreak", "80 cases have been confirmed",
"die Behörde bestätigte 124 Fälle": the verb's object is a counted figure, so the sentence
reports a number (the figure rules read it), not that the outbreak is - or is not - over. A
status claim's topic word in the same sentence ("outbreak") only says what the figure belongs to.

The count is a number followed by a word, standing close to the cue in its clause, with no
complementizer between them: after "confirmed that" a number belongs to what was confirmed
("confirmed that 26 people were exchanged" still confirms the exchange) and the cue keeps its
verdict. A year ("confirmed in 2019") is no count, and "ein"/"one" is an article ("ein
Dementi"). A count of the topic itself ("confirmed 3,000 troops") affirms the topic.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.attribution.vocab import DETERMINERS, PRONOUN_SUBJECTS
from monitor.text.lexicon import lexicon
from monitor.text.numbers.find import parse_number
from monitor.text.words.language import Token

COMPLEMENTIZERS = lexicon().words(lambda entry: entry.polarity.complementizers)

# words between the cue and the number: "confirmed a further 10 cases", "80 cases have been confirmed"
_COUNT_REACH = 4
_YEARS = range(1900, 2100)


def confirms_count(
    tokens: Sequence[Token],
    first: int,
    last: int,
    clause: tuple[int, int],
    language: str,
    topic: frozenset[str] = frozenset(),
) -> bool:
    """Is a counted figure the object of the cue at tokens[first..last] (``clause`` = its bounds)?

    ``topic`` holds the claim's folded one-word topic terms: a count of the topic itself
    ("confirmed 3,000 troops in Kursk" for a deployment) does affirm that it exists."""
    start, end = clause
    after = range(last + 1, min(end, last + 1 + _COUNT_REACH))
    before = range(first - 1, max(start, first - _COUNT_REACH) - 1, -1)
    for positions in (after, before):
        for position in positions:
            if tokens[position].norm in COMPLEMENTIZERS:
                break
            counted = position + 1
            if not first <= counted <= last and _is_count(tokens, position, end, language):
                return not _counts_topic(tokens, counted, end, topic)
    return False


_NOUN_PHRASE_REACH = 3  # "3,000 North Korean troops": the counted noun after its modifiers


def _counts_topic(tokens: Sequence[Token], counted: int, end: int, topic: frozenset[str]) -> bool:
    return any(tokens[i].norm in topic for i in range(counted, min(end, counted + _NOUN_PHRASE_REACH)))


def _is_count(tokens: Sequence[Token], position: int, end: int, language: str) -> bool:
    """A number that counts the word after it ("10 cases", "zehn Fälle"), not a year."""
    if position + 1 >= end or not tokens[position + 1].is_word or tokens[position + 1].norm[:1].isdigit():
        return False
    value = parse_number(tokens[position].surface, language)
    if value is None or value <= 0:
        return False
    if value == 1 and not tokens[position].norm.isdigit():
        return False  # "ein Dementi", "a denial": an article, not a count
    return not (value.is_integer() and int(value) in _YEARS and tokens[position].norm.isdigit())


def opens_clause(tokens: Sequence[Token], index: int) -> bool:
    """Is tokens[index] a complementizer opening a clause of its own ("adding that the family had
    asked", "said that it would")? Then it introduces what is said now and points back to nothing,
    although the same word may be an anaphor ("Moscow denied that")."""
    if tokens[index].norm not in COMPLEMENTIZERS or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1].norm
    return following in DETERMINERS or following in PRONOUN_SUBJECTS
