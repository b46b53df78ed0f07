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

from monitor.text.attribution.vocab import REPORTING_VERBS
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.words.language import Token
from monitor.text.words.normalize import fold

_LEXICON = lexicon()

SEGMENT_BREAKS = frozenset({",", ";", ":", "-", "(", ")", "[", "]", "?", "!", "."})

# The lexicon's recall markers, by language (folded, as Token.norm):
# one word that places the statement in the past ("zunächst", "initially")
ADVERBS = _LEXICON.words_by_language(lambda entry: entry.recall.adverbs)
# word sequences that do the same ("at first", "zu Beginn")
PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    code: tuple(tuple(fold(phrase).split()) for phrase in entry.recall.phrases)
    for code, entry in _LEXICON.by_language.items()
}
# "noch im Oktober", "noch vor zwei Wochen": as late as then (and no longer)
_AS_LATE_AS = _LEXICON.words_by_language(lambda entry: entry.recall.as_late_as)
_AS_LATE_AS_FOLLOWERS = _LEXICON.words_by_language(lambda entry: entry.recall.as_late_as_followers)
# the auxiliary of the pluperfect ("had", "hatte", "avait")
_PLUPERFECT = _LEXICON.words_by_language(lambda entry: entry.recall.pluperfect_auxiliaries)
# what may stand between that auxiliary and the verb of the recalled statement ("had at first")
_FILLERS = _LEXICON.words_by_language(lambda entry: entry.recall.fillers)
_ADVERB_ENDINGS = {code: tuple(entry.recall.adverb_endings) for code, entry in _LEXICON.by_language.items()}
# verbs of saying and calling: "had called the reports fake", "hatte erklärt, ..."
_SAYING_PARTICIPLES = _LEXICON.words_by_language(lambda entry: entry.recall.saying_participles)
_SAYING = {code: frozenset(REPORTING_VERBS[code]) | _SAYING_PARTICIPLES[code] for code in _LEXICON.languages}
_DE_WAS = frozenset({"war", "waren"})
_OPENER_MAX_TOKENS = 5
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
    opener = _opening_adverbial(tokens, start)
    if opener is not None:
        scopes.append(opener)
    for lo, hi in scopes:
        if _framed_earlier(tokens, lo, hi, language):
            return True
    if grammar(language).verb_second:
        return _verb_final_pluperfect(tokens, first, last, start, end, language) or (
            introducer is not None and _has_had(tokens, *introducer, language)
        )
    return _pluperfect_before_cue(tokens, first, start, language) or (
        introducer is not None and _had_saying(tokens, *introducer, language)
    )


def _introducing_segment(tokens: Sequence[Token], start: int, language: str) -> tuple[int, int] | None:
    """The segment before ``start`` when it only introduces what follows ("X hatte erklärt, ...")."""
    if start < 2 or tokens[start - 1].norm != ",":
        return None
    lo, hi = segment_bounds(tokens, start - 2)
    verbs = _SAYING[language]
    if any(tokens[i].norm in verbs for i in range(lo, hi)):
        return lo, hi
    return None


def _opening_adverbial(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """ "At first, the Kremlin denied ...", "Dans un premier temps, ...": a short opening phrase set
    off by a comma frames the clause after it."""
    if start < 2 or tokens[start - 1].norm != ",":
        return None
    lo, hi = segment_bounds(tokens, start - 2)
    if lo != 0 or hi - lo > _OPENER_MAX_TOKENS:
        return None
    return lo, hi


def _framed_earlier(tokens: Sequence[Token], lo: int, hi: int, language: str) -> bool:
    adverbs = ADVERBS[language]
    phrases = PHRASES[language]
    for i in range(lo, hi):
        norm = tokens[i].norm
        if norm in adverbs:
            return True
        as_late_as = norm in _AS_LATE_AS[language] and i + 1 < hi
        if as_late_as and tokens[i + 1].norm in _AS_LATE_AS_FOLLOWERS[language]:
            return True
        for phrase in phrases:
            if i + len(phrase) <= hi and all(tokens[i + k].norm == word for k, word in enumerate(phrase)):
                return True
    return False


def _has_had(tokens: Sequence[Token], lo: int, hi: int, language: str) -> bool:
    # the surface, so that Konjunktiv II "hätte" is not one
    return any(tokens[i].surface.lower() in _PLUPERFECT[language] for i in range(lo, hi))


def _verb_final_pluperfect(
    tokens: Sequence[Token], first: int, last: int, start: int, end: int, language: str
) -> bool:
    """ "hatte ... bestritten" (auxiliary before the cue), "... bezeichnet hatte" (verb-final),
    or the passive "war ... dementiert worden"."""
    if _has_had(tokens, start, first, language):
        return True
    if _has_had(tokens, last + 1, min(end, last + 1 + _DE_VERB_FINAL_REACH), language):
        return True
    words = {tokens[i].norm for i in range(start, end)}
    return "worden" in words and bool(words & _DE_WAS)


def _pluperfect_before_cue(tokens: Sequence[Token], first: int, start: int, language: str) -> bool:
    """ "had (at first / initially / been) denied", "had called the reports fake": "had" before the
    cue, followed by the cue or a saying verb. "denied that troops had arrived" is not one."""
    for i in range(start, first):
        if tokens[i].norm in _PLUPERFECT[language] and _had_governs(tokens, i, first, language):
            return True
    return False


def _had_saying(tokens: Sequence[Token], lo: int, hi: int, language: str) -> bool:
    auxiliaries = _PLUPERFECT[language]
    return any(tokens[i].norm in auxiliaries and _had_governs(tokens, i, hi, language) for i in range(lo, hi))


def _had_governs(tokens: Sequence[Token], had: int, cue: int, language: str) -> bool:
    j = had + 1
    while j < len(tokens) and j - had <= 4 and _filler(tokens[j].norm, language):
        j += 1
    if j >= len(tokens):
        return False
    return j == cue or tokens[j].norm in _SAYING[language]


def _filler(norm: str, language: str) -> bool:
    """An adverb between "had" and its verb ("had flatly denied", "had at first called")."""
    return norm in _FILLERS[language] or (len(norm) > 4 and norm.endswith(_ADVERB_ENDINGS[language]))
