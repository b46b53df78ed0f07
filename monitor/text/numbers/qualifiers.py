"""Qualifier words around a number: "mehr als", "rund", "bis zu" before it, "weitere" / "or more" after.

Split out of ``numbers`` so that the figure reader stays about where a number expression
starts and ends; this module only says which qualifier words stand next to it and how
they rank when several do (``QUALIFIER_RANK``).  ``number_context`` uses the same
lookups to let a qualifier turn a would-be year into a count ("rund 2000").

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import get_args

from monitor.text.lexicon import QualifierKind, lexicon

__all__ = [
    "QUALIFIER_RANK",
    "SP",
    "TRAILING_QUALIFIER",
    "has_qualifier_before",
    "last_token",
    "qualifiers_before",
]

# Blanks that may stand inside a number phrase: space, tab, NBSP, narrow NBSP, thin space.
SP = r"[ \t\u00a0\u202f\u2009]"

# Qualifier phrases (the lexicon's ``qualifiers``), matched right before the number (longest wins).


def _qualifier_phrases(kind: QualifierKind) -> tuple[str, ...]:
    return lexicon().phrases(lambda entry: entry.qualifiers.get(kind, ()), folded=False)


_QUALIFIER_PHRASES = {kind: _qualifier_phrases(kind) for kind in get_args(QualifierKind)}
_QUALIFIER_OF = {p: q for q, ps in _QUALIFIER_PHRASES.items() for p in ps}
_QUALIFIER_BEFORE = re.compile(
    r"(?<![^\W\d_])(?P<q>"
    + "|".join(
        sorted(
            (rf"{SP}+".join(map(re.escape, p.split())) for ps in _QUALIFIER_PHRASES.values() for p in ps),
            key=len,
            reverse=True,
        )
    )
    + rf"){SP}*$",
    re.IGNORECASE,
)
_QUALIFIER_LAST_WORDS = frozenset(p.split()[-1] for p in _QUALIFIER_OF)
QUALIFIER_RANK = ("additional", "more_than", "at_least", "up_to", "about", "exact")
TRAILING_QUALIFIER = re.compile(
    rf"""(?:
      (?P<additional>{SP}+(?:weitere[nmrs]?|zusätzliche[nmrs]?|more(?!{SP}+than)|additional|extra))
    | (?P<at_least>{SP}+(?:oder|or|und|and){SP}+(?:mehr|more)(?!{SP}+(?:als|than))|{SP}*plus(?!{SP}*\d))
    | (?P<about>-odd|{SP}+odd|{SP}+or{SP}+so|{SP}+oder{SP}+so)
    )(?![^\W\d_])""",
    re.IGNORECASE | re.VERBOSE,
)


def last_token(sentence: str, start: int) -> str:
    """The white-space delimited token right before ``start``, lower-cased, without opening marks.

    The regexes anchored at the number are costly to search, so each runs only when
    this token could end what it looks for.
    """
    parts = sentence[max(0, start - 24) : start].split()
    return parts[-1].lower().lstrip("\"'„“‚‘»«›‹([–-") if parts else ""


def qualifiers_before(sentence: str, start: int, floor: int) -> tuple[int, list[str]]:
    found: list[str] = []
    for _ in range(3):
        if last_token(sentence, start) not in _QUALIFIER_LAST_WORDS:
            break
        match = _QUALIFIER_BEFORE.search(sentence, max(floor, start - 40), start)
        if match is None:
            break
        found.append(_QUALIFIER_OF[" ".join(match.group("q").lower().split())])
        start = match.start("q")
    return start, found


def has_qualifier_before(sentence: str, start: int) -> bool:
    return last_token(sentence, start) in _QUALIFIER_LAST_WORDS and (
        _QUALIFIER_BEFORE.search(sentence, max(0, start - 40), start) is not None
    )
