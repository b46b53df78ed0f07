"""Is a statement recalled from the past rather than made now?

A later article often reminds the reader what a speaker said before: "Moskau
hatte den Einsatz zunächst bestritten", "Peskov had at first called the reports
fake", "the Kremlin initially dismissed them". Read at the article's date, such a
sentence looks like a fresh denial, and after the speaker changed position it
would raise a bogus status change. ``is_recalled`` tells those apart by the
framing around the polarity cue:

* the pluperfect: German "hatte/hatten ... bestritten" (also in a verb-final
  clause, "..., das er als Fake bezeichnet hatte") and the passive "war ...
  dementiert worden"; English "had (initially, at first, been) denied/called ...";
* an adverb or phrase that places the statement earlier: zunächst, anfangs,
  ursprünglich, damals, früher, zuvor, seinerzeit, "noch im Oktober", "noch vor
  Wochen"; initially, originally, previously, formerly, "at first", "at the time",
  "back in", "as recently as".

Plain German Präteritum or Perfekt ("Peskow bezeichnete die Berichte als
Falschmeldung", "Russland hat den Einsatz bestritten") is the normal tense of news
and is current; so are "bislang", "bisher" ("so far": the position still holds)
and English "has denied".

The framing is looked for in the cue's segment (between commas, semicolons,
colons, dashes, brackets; quotes do not end it: "had called the reports 'fake'"),
and in the segment before it when that one only introduces the statement
("Der Kreml hatte zunächst erklärt, es handle sich um Fake News").

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from monitor.text.language import Token
from monitor.text.lexicon import lexicon
from monitor.text.normalize import fold
from monitor.text.vocab_attribution import VERBS_DE, VERBS_EN

SEGMENT_BREAKS = frozenset({",", ";", ":", "-", "(", ")", "[", "]", "?", "!", "."})

# one word that places the statement in the past (folded, as Token.norm)
ADVERBS: dict[str, frozenset[str]] = {
    code: frozenset(fold(word) for word in entry.recall.adverbs)
    for code, entry in lexicon().by_language.items()
}

# word sequences that do the same
PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    code: tuple(tuple(fold(phrase).split()) for phrase in entry.recall.phrases)
    for code, entry in lexicon().by_language.items()
}

# German "noch im Oktober", "noch Ende Oktober", "noch vor zwei Wochen": as late as then (and no longer)
_NOCH_FOLLOWERS = frozenset({"im", "ende", "anfang", "mitte", "vor", "zu", "bis"})

# English: what may stand between "had" and the verb of the recalled statement
_EN_HAD_FILLERS = frozenset(
    "at first initially originally previously earlier long repeatedly already also once been "
    "strongly flatly publicly always".split()
)
# English participles of saying and calling: "had called the reports fake"
_EN_SAYING = frozenset(
    """
    called described branded labelled labeled termed dubbed characterized characterised said insisted
    claimed stated told denied dismissed rejected refuted confirmed admitted acknowledged conceded
    """.split()
)
_EN_SAYING_ALL = _EN_SAYING | VERBS_EN
# German finite forms of "haben" in the past (surface, so Konjunktiv II "hätte" is not one)
_DE_HAD = frozenset({"hatte", "hatten", "hattest", "hattet"})
_DE_WAS = frozenset({"war", "waren"})
_DE_VERB_FINAL_REACH = 3  # "als Fake bezeichnet hatte": the auxiliary follows the cue closely


def segment_bounds(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """[start, end) of the segment around token ``index`` (quotes do not break it)."""
    start = index
    while start > 0 and tokens[start - 1].norm not in SEGMENT_BREAKS:
        start -= 1
    end = index + 1
    while end < len(tokens) and tokens[end].norm not in SEGMENT_BREAKS:
        end += 1
    return start, end


def is_recalled(
    tokens: Sequence[Token], first: int, last: int, language: str, cues: Collection[int] = ()
) -> bool:
    """Is the statement whose cue spans tokens[first..last] framed as an earlier one?

    ``cues`` are the token positions of every polarity cue of the sentence: a segment holding
    one of them makes its own statement ("Nachdem Moskau bestritten hatte, räumte der Kreml
    ein"), so it does not introduce the next one.
    """
    if language not in ADVERBS or not tokens:
        return False
    start, end = segment_bounds(tokens, first)
    scopes = [(start, end)]
    introducer = _introducing_segment(tokens, start, language)
    if introducer is not None and any(introducer[0] <= cue < introducer[1] for cue in cues):
        introducer = None
    if introducer is not None:
        scopes.append(introducer)
    for lo, hi in scopes:
        if _framed_earlier(tokens, lo, hi, language):
            return True
    if language == "de":
        return _german_pluperfect(tokens, first, last, start, end) or (
            introducer is not None and _has_german_had(tokens, *introducer)
        )
    return _english_pluperfect(tokens, first, start) or (
        introducer is not None and _english_had_saying(tokens, *introducer)
    )


def _introducing_segment(tokens: Sequence[Token], start: int, language: str) -> tuple[int, int] | None:
    """The segment before ``start`` when it only introduces what follows ("X hatte erklärt, ...")."""
    if start < 2 or tokens[start - 1].norm != ",":
        return None
    lo, hi = segment_bounds(tokens, start - 2)
    verbs = VERBS_DE if language == "de" else _EN_SAYING_ALL
    if any(tokens[i].norm in verbs for i in range(lo, hi)):
        return lo, hi
    return None


def _framed_earlier(tokens: Sequence[Token], lo: int, hi: int, language: str) -> bool:
    adverbs = ADVERBS[language]
    phrases = PHRASES[language]
    for i in range(lo, hi):
        norm = tokens[i].norm
        if norm in adverbs:
            return True
        if language == "de" and norm == "noch" and i + 1 < hi and tokens[i + 1].norm in _NOCH_FOLLOWERS:
            return True
        for phrase in phrases:
            if i + len(phrase) <= hi and all(tokens[i + k].norm == word for k, word in enumerate(phrase)):
                return True
    return False


def _has_german_had(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    return any(tokens[i].surface.lower() in _DE_HAD for i in range(lo, hi))


def _german_pluperfect(tokens: Sequence[Token], first: int, last: int, start: int, end: int) -> bool:
    """ "hatte ... bestritten" (auxiliary before the cue), "... bezeichnet hatte" (verb-final),
    or the passive "war ... dementiert worden"."""
    if _has_german_had(tokens, start, first):
        return True
    if _has_german_had(tokens, last + 1, min(end, last + 1 + _DE_VERB_FINAL_REACH)):
        return True
    words = {tokens[i].norm for i in range(start, end)}
    return "worden" in words and bool(words & _DE_WAS)


def _english_pluperfect(tokens: Sequence[Token], first: int, start: int) -> bool:
    """ "had (at first / initially / been) denied", "had called the reports fake": "had" before the
    cue, followed by the cue or a saying verb. "denied that troops had arrived" is not one."""
    for i in range(start, first):
        if tokens[i].norm == "had" and _had_governs(tokens, i, first):
            return True
    return False


def _english_had_saying(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    return any(tokens[i].norm == "had" and _had_governs(tokens, i, hi) for i in range(lo, hi))


def _had_governs(tokens: Sequence[Token], had: int, cue: int) -> bool:
    j = had + 1
    while j < len(tokens) and j - had <= 4 and _filler(tokens[j].norm):
        j += 1
    if j >= len(tokens):
        return False
    return j == cue or tokens[j].norm in _EN_SAYING_ALL


def _filler(norm: str) -> bool:
    """An adverb between "had" and its verb ("had flatly denied", "had at first called")."""
    return norm in _EN_HAD_FILLERS or (len(norm) > 4 and norm.endswith("ly"))
