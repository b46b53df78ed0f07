"""Gapping: "police counted 100,000 and organisers 350,000", "the ministry reported 40 deaths and
the UN 55", "die Polizei zählte 100.000 und die Veranstalter 350.000".

The second clause drops its verb and its unit and keeps only a subject and a number; the number
shares the verb and the unit of the figure before the coordinator, and its source is the noun
right before it, not the subject of the shared verb.  This module only finds the shape (the
remnant's token span); the engine decides the unit and the assembler the source.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.attribution.source import Attributor
from monitor.text.words.language import SentenceView, Token

__all__ = ["gapped_remnant", "shares_unit_with"]

# what joins the gapped clause to the full one ("..., whereas organisers 350,000")
_JOINERS = frozenset("and und while whereas wahrend ;".split())
# a preposition the shared verb wants before the number ("Police settled on 100,000; organisers on
# 350,000", "put it at 40 and the UN at 55"): not a word of the kept subject
_LINKS = frozenset("on at of auf bei".split())
_REMNANT_WORDS = 4  # "the city's fire brigade": the longest subject a remnant keeps
_UNIT_WORDS = 2  # "40 deaths", "100,000 people" - the unit words the first figure may have


def _is_number(token: Token) -> bool:
    return token.norm[:1].isdigit()


def gapped_remnant(tokens: Sequence[Token], first: int) -> tuple[int, int] | None:
    """The token span [start, end) of the subject a gapped number at ``first`` keeps ("organisers"
    in "... 100,000 and organisers 350,000"), or None when the number is not such a remnant.

    The shape: a number, at most two unit words, a joiner, one to four words, the number; the
    words before the number are all words (no number, no punctuation), so
    "killed 40 and injured 55" has the shape too: the caller keeps it only when the words name a
    speaker."""
    end = first
    if end > 0 and tokens[end - 1].norm in _LINKS:
        end -= 1
    start = end
    while start > 0 and end - start < _REMNANT_WORDS:
        token = tokens[start - 1]
        if token.norm in _JOINERS or not token.is_word or _is_number(token):
            break
        start -= 1
    if start == end or start == 0 or tokens[start - 1].norm not in _JOINERS:
        return None
    if tokens[start].norm in _JOINERS:
        return None
    joiner = start - 1
    for back in range(joiner - 1, max(-1, joiner - 2 - _UNIT_WORDS), -1):
        if _is_number(tokens[back]):
            return start, end
        if not tokens[back].is_word:
            return None
    return None


def shares_unit_with(attributor: Attributor, view: SentenceView, first: int, previous_last: int) -> bool:
    """Does the bare number at ``first`` share the unit of the figure ending at ``previous_last``
    as a gapped clause ("reported 40 deaths and the UN 55")? Only when the kept words name a
    speaker that is not a country or place: "Indonesia reported 199 deaths and Jordan 99" may
    count Jordan's own dead, a figure of another thing than the first one."""
    remnant = gapped_remnant(view.tokens, first)
    if remnant is None or remnant[0] - 1 - previous_last > _UNIT_WORDS + 1:
        return False
    speaker = attributor.named_in(view, *remnant)
    return speaker is not None and speaker.kind not in ("country", "place")
