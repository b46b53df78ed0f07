"""Fold text for matching: case, diacritics, typographic punctuation.

``fold`` turns "Selenskyjs Äußerung – „Kim Jong‑un“" into
``selenskyjs ausserung - "kim jong-un"`` so that names can be
compared without caring how an outlet typed them. Almost every character folds to
exactly one character, so the folded text usually has the length of the original
and a position in one is the same position in the other. The few characters that
expand (ß -> ss, ligatures) or vanish (combining marks of decomposed text, soft
hyphens) shift positions; ``fold_with_offsets`` returns the map back to the
original, because matches must point into the text the user sees.

Pure: no I/O. The per-character results are cached in a translation table that
grows with the distinct characters seen (bounded by Unicode).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# Characters whose fold is decided by us, not by Unicode decomposition: they all
# fold to one ASCII character (or vanish), so the text keeps its shape.
_SPECIAL: dict[str, str] = {
    "ß": "ss",
    "ẞ": "ss",
    "\u00ad": "",  # soft hyphen: invisible, splits words only for line breaking
    "\u200b": "",  # zero-width space
    "\u200d": "",  # zero-width joiner
    "\ufeff": "",  # byte-order mark / zero-width no-break space
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2039\u203a", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000", " "),
}
# Guillemets fold to '"' above; single guillemets too, since quotes are quotes.


def _fold_char(char: str) -> str:
    """The fold of one character (casefold, compatibility-decompose, drop marks)."""
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    # casefold first: "İ".casefold() is "i" + combining dot, which the next step drops.
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(part for part in decomposed if not unicodedata.combining(part))
    # NFKD can produce characters that casefold further ("Ⅸ" -> "IX").
    kept = kept.casefold()
    return "".join(_SPECIAL.get(part, part) for part in kept)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that computes (and remembers) missing characters."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()
# Pre-fill ASCII so the common case never reaches __missing__.
for _codepoint in range(128):
    _TABLE[_codepoint] = _fold_char(chr(_codepoint))


_ASCII_BYTES = bytes(range(128))


def _distinct_special_characters(text: str) -> set[str]:
    """The distinct characters of ``text`` that ``str.lower`` would not fold our way.

    Those are all non-ASCII characters plus the backtick (an apostrophe typed on
    a US keyboard). Dropping the ASCII bytes of the UTF-8 encoding leaves exactly
    the non-ASCII characters, at C speed (a regex over the text is ten times slower).
    """
    encoded = text.encode("utf-8", "surrogatepass")
    distinct = set(encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    if "`" in text:
        distinct.add("`")
    return distinct


def fold(text: str) -> str:
    """Casefold, strip diacritics, ß -> ss, typographic quotes/dashes/spaces -> ASCII."""
    return _fold_collecting_moves(text)[0]


# Past this many distinct characters (Cyrillic or CJK text) one str.replace per
# character would cost more than one table lookup per character.
_MAX_REPLACE_PASSES = 24


def _fold_collecting_moves(text: str) -> tuple[str, set[str]]:
    """The folded text and the characters in it whose fold is not one character.

    Speed matters (every article passes here). German and English news has a
    handful of distinct non-ASCII characters (umlauts, ß, typographic quotes),
    so each is replaced in one C-level pass and ASCII is left to ``str.lower``:
    no Python code runs per character of the text. Replacing one character's fold never
    disturbs another's because folding is idempotent.
    """
    distinct = _distinct_special_characters(text)
    if not distinct:
        return text.lower(), set()
    if len(distinct) > _MAX_REPLACE_PASSES:
        folded = text.translate(_TABLE)
    else:
        folded = text
        for char in distinct:
            folded = folded.replace(char, _TABLE[ord(char)])
        folded = folded.lower()
    return folded, {char for char in distinct if len(_TABLE[ord(char)]) != 1}


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map every folded position back to the original text.

    Returns ``(folded, offsets)`` with ``len(offsets) == len(folded) + 1``:
    ``offsets[i]`` is the index in ``text`` of the character that produced
    ``folded[i]``, and the last entry is ``len(text)``. A folded span
    ``[a, b)`` therefore corresponds to ``text[offsets[a]:offsets[b]]``.
    """
    folded, positions = fold_with_positions(text)
    return folded, [positions.original(index) for index in range(len(folded) + 1)]


class PositionMap:
    """Maps positions in a folded text back to the original text.

    Stored as the few places where the mapping stops being "same index": one
    entry per expanding or vanishing character, so mapping a position is a
    binary search and building the map costs nothing for plain text.
    """

    __slots__ = ("_folded_starts", "_original_starts")

    def __init__(self, folded_starts: list[int], original_starts: list[int]) -> None:
        # Segment k covers folded positions from folded_starts[k] on, mapping them
        # linearly to original positions from original_starts[k] on.
        self._folded_starts = folded_starts
        self._original_starts = original_starts

    def original(self, folded_position: int) -> int:
        """Index in the original text of the character at ``folded_position``."""
        segment = bisect_right(self._folded_starts, folded_position) - 1
        if segment < 0:
            return folded_position
        return self._original_starts[segment] + folded_position - self._folded_starts[segment]

    @property
    def is_identity(self) -> bool:
        return not self._folded_starts


def fold_with_positions(text: str) -> tuple[str, PositionMap]:
    """Fold ``text``; the map turns folded positions back into original ones.

    Only characters that expand or vanish cost extra (a search for them).
    """
    folded, moving = _fold_collecting_moves(text)
    if not moving:
        return folded, PositionMap([], [])
    return folded, _map_around(text, folded, moving)


def _map_around(text: str, folded: str, moving: set[str]) -> PositionMap:
    """Segments of the position map, one set per expanding or vanishing character."""
    pattern = re.compile("[" + "".join(re.escape(char) for char in sorted(moving)) + "]")
    folded_starts: list[int] = []
    original_starts: list[int] = []
    shift = 0  # folded position minus original position after the last change
    for match in pattern.finditer(text):
        position = match.start()
        width = len(_TABLE[ord(match.group())])
        folded_position = position + shift
        # Every folded character of an expansion points at the one original character.
        for extra in range(1, width):
            folded_starts.append(folded_position + extra)
            original_starts.append(position)
        shift += width - 1
        folded_starts.append(position + 1 + shift)
        original_starts.append(position + 1)
    if len(text) + shift != len(folded):  # a fold that is not per-character breaks the map
        raise AssertionError("fold positions out of step with the folded text")
    return PositionMap(folded_starts, original_starts)
