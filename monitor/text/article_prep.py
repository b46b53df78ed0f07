"""Preparing an article for the claim engine: page furniture to skip, each sentence's language,
which tokens sit inside quotation marks, and token spans of character ranges.

Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from monitor.text.actors.find import ActorHit
from monitor.text.lexicon import lexicon
from monitor.text.words.language import Token

# Each language's marker words (the lexicon's ``sentence_markers``).
SENTENCE_MARKERS = {code: frozenset(entry.sentence_markers) for code, entry in lexicon().by_language.items()}


def token_span(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    first = last = -1
    for index, token in enumerate(tokens):
        if token.end <= start:
            continue
        if token.start >= end:
            break
        if first < 0:
            first = index
        last = index
    return first, last


# Lines that are page furniture, not the article: teasers for other stories, reading lists, calls to
# subscribe. A comments header ends the article: what readers write is nobody's claim.
FURNITURE_LINE = re.compile(
    r"^\W*(?:read more|read also|related|see also|more on this|most read|most popular|recommended|"
    r"advertisement|sign up|subscribe|newsletter|lesen sie (?:auch|außerdem|mehr)|mehr zum thema|"
    r"auch interessant|das könnte sie auch interessieren|meistgelesen|meistkommentiert|anzeige|"
    r"jetzt abonnieren|zum newsletter)\b",
    re.IGNORECASE,
)

COMMENTS_HEADER = re.compile(
    r"^\W*(?:comments?|kommentare|leserkommentare|reader comments|\d+\s+(?:comments|kommentare))"
    r"\W*(?:\(\d+\))?\W*$",
    re.IGNORECASE,
)


def page_furniture(text: str) -> list[tuple[int, int]]:
    """Character ranges of furniture lines (and of everything after a comments header)."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if COMMENTS_HEADER.match(stripped):
            ranges.append((position, len(text)))
            break
        if stripped and FURNITURE_LINE.match(stripped):
            ranges.append((position, position + len(line)))
        position += len(line)
    return ranges


def sentence_language(text: str, start: int, hits: Sequence[ActorHit], article_language: str) -> str:
    """An English quote inside a German article (and any other pair of languages) is read in its own language.

    Names are left out: "laut dem Institute for the Study of War" is still German."""
    if len(text) < 40:
        return article_language
    for hit in reversed(hits):
        text = text[: hit.start - start] + " " + text[hit.end - start :]
    counts = dict.fromkeys(SENTENCE_MARKERS, 0)
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        for code, markers in SENTENCE_MARKERS.items():
            counts[code] += word in markers
    own = counts.get(article_language, 0)
    others = [(count, code) for code, count in counts.items() if code != article_language]
    if others:
        other, code = max(others, key=lambda pair: pair[0])
        if other >= 3 and other > 2 * own:
            return code
    return article_language


def quoted_tokens(
    tokens: Sequence[Token], quotes: list[tuple[int, int]], quote_starts: list[int], sentence_end: int
) -> tuple[frozenset[int], bool]:
    """Indexes of the sentence's tokens inside quotation marks; does a quotation run past its end?"""
    if not tokens or not quotes:
        return frozenset(), False
    first_start = tokens[0].start
    position = max(0, bisect_right(quote_starts, first_start) - 1)
    inside: set[int] = set()
    open_end = False
    for start, end in quotes[position:]:
        if start >= sentence_end:
            break
        if end <= first_start:
            continue
        for index, token in enumerate(tokens):
            if start < token.start and token.end <= end:
                inside.add(index)
        if end > sentence_end:
            open_end = True
    return frozenset(inside), open_end


_CUT_OFF_MIN_TOKENS = 6  # a heading or a fact-box line ("Toll: 41") is short; a cut sentence is prose


def cut_off_at_end(text: str, sentence_end: int, figure_end: int, tokens: Sequence[Token]) -> bool:
    """Does the page stop right after this number, mid-sentence ("The death toll has climbed to 4")?
    The sentence is the text's last, has no closing punctuation and is prose, not a heading: the
    number may have lost digits ("4" of "41", "1" of "1,200"), so it is no figure."""
    return (
        figure_end == sentence_end
        and sentence_end >= len(text.rstrip())
        and len(tokens) >= _CUT_OFF_MIN_TOKENS
    )
