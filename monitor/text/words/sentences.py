"""Split news text into sentences with offsets into the original text.

A regex scan, no NLP library: extracted news text comes one paragraph per line,
so every line break is a boundary, and inside a line a boundary is a run of
``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets after it)
followed by white space and a plausible sentence start (a capital letter, a
digit or an opening quote/bracket).  A lower-case continuation never starts a
new sentence, which already keeps "z. B. die", "ca. drei" and "„Nein!“, rief
er" together.  A single period is then vetoed when it ends

- a known abbreviation ("Dr.", "Prof.", "Nr.", "St.", "Mr.", "Mio.", ...),
- a single letter (initials, "z. B.", "u. a.") or a dotted abbreviation ("U.S."),
- a German ordinal: a number of at most three digits followed by a month name
  ("am 13. Oktober") or preceded by an article or preposition ("die 3. Armee",
  "am 3. Dezember" - skipped for a language that writes no such ordinals).

A trailing agency tag such as "(dpa/AFP)" stays with the sentence before it, and
so does an English speech tag after a quoted question ('"Really?" Kim asked.').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.text.lang import grammar


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


# The same characters str.splitlines() treats as line ends.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

_CLOSERS = "\"'»«“”’‘›‹)\\]"
_OPENERS = "\"'„“‚‘»«›‹(\\[¿¡"
_CANDIDATE_END = re.compile(
    rf"(?P<punct>\.\.\.|[.!?…]+)(?P<close>[{_CLOSERS}]*)\s+(?=(?P<next>[{_OPENERS}]*\w))"
)
# messy text: "gab die Polizei an.Am Nachmittag": a word of two or more lower-case letters, the
# end mark and a capitalised word with no space between (a URL or "z.B." never looks like that)
_RUN_TOGETHER = re.compile(r"(?<=[a-zäöüßéè]{2})[.!?](?=[A-ZÄÖÜ][a-zäöüß])")
_TOKEN_BEFORE = re.compile(r"(\S+?)$")
_WORD_BEFORE = re.compile(r"(\w+)\W+$")
_NEXT_WORD = re.compile(r"[\"'„“‚‘»«›‹(\[]*(\w+)")
_DOTTED_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, z.B, d.h - not nv.ua
_SPEECH_TAG = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:asked|asks|said|says|told|added|replied|wrote|shouted|insisted)\b"
)
_AGENCY_TAIL = re.compile(r"\(\s*[^\W\d_][\w/,.&\s-]{0,40}\)")

# Matched case-sensitively after lower-casing only the first letter is not
# wanted ("Art." vs "art"), so the list holds both spellings where both occur.
_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    Abb Abg Abs Adm Apr Apt Art Aufl Aug Ave Bd Bde Bhf Blvd Brig Bros Bsp Capt Chr Co Col Corp Cpl
    Dec Dept Dez Dipl Dr Dres Fa Feb Fig Fr Frl Ft Gen Gov Hon Hptm Hr Hrn Hrsg Inc Ing Jan Jh Jhd
    Jr Jul Jun Kap Kfz Lt Ltd Maj Mar Mio Mrd Mr Mrs Ms Mt Nov No Nr Nrn Oct Okt Pfr Pkt Pres
    Prof Pvt Rd Rep Rev Sen Sep Sept Sgt Sr St Str Tab Tel Univ Vol Vors
    abs al approx bspw bzgl bzw ca cf dgl eigtl einschl evtl exkl gem geb gegr ggf hl inkl jr
    max min mind mtl no rd resp sog sr st tägl u.a usf vgl vs zB zzgl ua zT
    """.split()
)

_MONTHS = (
    "januar|jänner|februar|feber|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
_MONTH_WORD = re.compile(rf"(?:{_MONTHS})", re.IGNORECASE)
# words that open a sentence and never follow an ordinal ("auf 222. Davon ...", "bei 83. Das ...")
_SENTENCE_OPENERS: frozenset[str] = frozenset(
    """
    davon darunter damit dabei dazu danach dagegen daher deshalb zudem zuvor insgesamt allein
    es er sie wir ich man das dies diese dieser dieses die der den dem am im laut nach wie
    """.split()
)
_ORDINAL_CUES: frozenset[str] = frozenset(
    """
    am an auf aus bis bei beim dem den der des die das durch ein eine einem einen einer eines
    für im in ins jeden jedem jeder jedes mit nach seit über um unter vom von vor zum zur zu ab
    ihr ihre ihrem ihren ihrer sein seine seinem seinen seiner
    """.split()
)


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; ``Sentence.text == text[start:end]``, stripped."""
    sentences: list[Sentence] = []
    line_start = 0
    for brk in _LINE_BREAK.finditer(text):
        _split_line(text, line_start, brk.start(), language, sentences)
        line_start = brk.end()
    _split_line(text, line_start, len(text), language, sentences)
    return sentences


def _split_line(text: str, start: int, end: int, language: str | None, out: list[Sentence]) -> None:
    line = text[start:end]
    piece_start = 0
    pieces: list[tuple[int, int]] = []
    boundaries = [
        match.end("close")
        for match in _CANDIDATE_END.finditer(line)
        if _is_boundary(line, match, 0, language)
    ]
    boundaries.extend(
        match.end() for match in _RUN_TOGETHER.finditer(line) if not _after_abbreviation(line, match.start())
    )
    for boundary in sorted(set(boundaries)):
        if boundary > piece_start:
            pieces.append((piece_start, boundary))
            piece_start = boundary
    pieces.append((piece_start, len(line)))
    # An agency tag on its own ("(dpa/AFP)") belongs to the sentence before it.
    if len(pieces) > 1:
        last_start, last_end = pieces[-1]
        if _AGENCY_TAIL.fullmatch(line[last_start:last_end].strip()):
            previous_start, _ = pieces[-2]
            pieces[-2:] = [(previous_start, last_end)]
    for piece_start, piece_end in pieces:
        _append_stripped(text, start + piece_start, start + piece_end, out)


def _append_stripped(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end))


def _after_abbreviation(line: str, end: int) -> bool:
    word = _TOKEN_BEFORE.search(line[:end])
    return word is not None and word.group(1) in _ABBREVIATIONS


def _is_boundary(line: str, match: re.Match[str], piece_start: int, language: str | None) -> bool:
    next_word_match = _NEXT_WORD.match(line, match.end())
    next_word = next_word_match.group(1) if next_word_match else ""
    if next_word[:1].islower():
        return False
    if match.group("punct") in "?!" and match.group("close") and _SPEECH_TAG.match(line, match.end()):
        return False  # "Who sent them?" Kim asked.  - the tag belongs to the quote
    if match.group("punct") != ".":
        return True  # "!", "?", "…", "...": a lower-case follower was already ruled out
    if match.group("close"):
        return True  # „Wir sind bereit.“ Die ... : the quote closes the sentence
    before = line[piece_start : match.start()]
    token_match = _TOKEN_BEFORE.search(before)
    if token_match is None:
        return False  # a lone "." at the start of a piece is not a sentence
    token = token_match.group(1).lstrip("\"'„“‚‘»«›‹([")
    return not _ends_abbreviation(token, before, next_word, language)


def _ends_abbreviation(token: str, before: str, next_word: str, language: str | None) -> bool:
    if not token:
        return False
    if token in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():
        return True  # initials, "z. B.", "u. a."
    if _DOTTED_ABBREVIATION.fullmatch(token):
        return True  # "U.S", "z.B", "d.h"
    if token.isdigit() and len(token) <= 3 and (language is None or grammar(language).dotted_ordinals):
        if _MONTH_WORD.fullmatch(next_word):
            return True
        previous = _WORD_BEFORE.search(before[: len(before) - len(token)] + " ")
        prev_word = previous.group(1).lower() if previous else ""
        if prev_word in _ORDINAL_CUES and next_word.lower() not in _SENTENCE_OPENERS:
            return True  # "die 3. Armee"; but "stieg auf 222. Davon starben ...": an end
    return False
