"""Is a figure an expectation rather than a count? "Das Bündnis rechnet mit bis zu 50.000
Teilnehmenden", "the toll is expected to reach 5,000", "could rise to 3,000", "die Zahl könnte auf
3.000 steigen".

A tracked claim counts what happened (or what a source says happened); a number someone expects
for tomorrow is no observation of it, and an alert on it would be a false "new figure". The dev
gold agrees: expectations are negatives there ("bis zu 50.000 Teilnehmenden (expectation, not a
count)", the junta chief's "über 3000" forecast). So such figures are dropped, not kept with a flag.

Not forecasts: estimates of what has already happened ("befürchtet 20.000 Tote", "könnten 18.000
Menschen ums Leben gekommen sein", "gehen von 5.900 Toten aus") and comparisons with an expectation
("deutlich mehr Menschen als erwartet", "more than expected"). Plans are claims of their own (job
cuts "would cut 4,000 jobs") and carry no marker here.

A counterfactual is no count either, for the same reason: "Without the warning, 600 more people
would have died" names deaths that did not happen (``counterfactual_modals`` + ``perfect_auxiliaries``).

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.figures.context import clause_through_quotes
from monitor.text.lexicon import lexicon
from monitor.text.words.language import Token

_LEXICON = lexicon()
_MARKERS = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.figures.forecast_markers))
_COMPARISONS = _LEXICON.words(lambda entry: entry.figures.comparison_words)
_MODALS = _LEXICON.words_by_language(lambda entry: entry.figures.forecast_modals)
_CHANGES = _LEXICON.words_by_language(lambda entry: entry.figures.forecast_changes)
_FUTURE = _LEXICON.words_by_language(lambda entry: entry.figures.future_auxiliaries)
_COUNTERFACTUAL = _LEXICON.words_by_language(lambda entry: entry.figures.counterfactual_modals)
_PERFECT = _LEXICON.words_by_language(lambda entry: entry.figures.perfect_auxiliaries)
_CLAUSE_OPENERS = _LEXICON.words(
    lambda entry: (
        *entry.attribution.relative_pronouns,
        *entry.attribution.adverbial_conjunctions,
        *entry.polarity.complementizers,
    )
)
_PERFECT_REACH = 2  # "would have", "would otherwise have", "would probably have"
# the auxiliary of a future without verb opens its clause or follows the dummy subject ("Es werden")
_DUMMY_SUBJECTS = frozenset({"es"})
_MODAL_REACH = 3  # "could rise", "may well exceed", "could eventually climb"
_PHRASE_GAP = 10  # words a marker's later word may stand behind its first ("rechnet ... mit")


def forecast_marker(tokens: Sequence[Token], fig_first: int, fig_last: int, language: str) -> str | None:
    """The words that make the figure at tokens fig_first..fig_last an expectation, or None.

    Only the figure's own clause counts: "Police had expected 50,000; in the end 250,000 came"
    marks the first number, not the second."""
    start, end = clause_through_quotes(tokens, fig_first)
    modals, changes = _MODALS.get(language, frozenset()), _CHANGES.get(language, frozenset())
    words = [token.norm for token in tokens]
    for position in range(start, end):
        if fig_first <= position <= fig_last:
            continue
        for phrase in _MARKERS:
            if not _phrase_at(words, position, phrase, end):
                continue
            if position > 0 and words[position - 1] in _COMPARISONS:
                continue  # "mehr Menschen als erwartet": the count beat the expectation
            if position + 1 < len(words) and words[position + 1] == "to":
                continue  # "expects to cut 17,000 jobs": a plan (a change verb after it is a modal's)
            return " ".join(phrase)
        if words[position] in modals and position < fig_first:
            following = words[position + 1 : min(end, position + 1 + _MODAL_REACH)]
            change = next((word for word in following if word in changes), None)
            if change is not None:
                return f"{words[position]} {change}"
        counterfactual = _counterfactual_at(words, position, end, language)
        if counterfactual is not None and not _clause_opener_between(words, position, fig_first, fig_last):
            return counterfactual
        if not modals and position > fig_last and words[position] in changes:
            # a language without modals listed puts the change verb's infinitive at the clause's end
            # ("könnte auf 3.000 steigen", "dass die Zahl auf 3.000 steigen dürfte")
            if tokens[position].surface[:1].islower() and _ends_clause(words, position, end):
                return words[position]
    return _future_without_verb(tokens, words, start, end, fig_first, fig_last, language)


def _future_without_verb(
    tokens: Sequence[Token],
    words: Sequence[str],
    start: int,
    end: int,
    fig_first: int,
    fig_last: int,
    language: str,
) -> str | None:
    """The future auxiliary right before the figure (a word or two between; opening the clause or
    after "es") with no lowercase word after it in the clause ("Es werden über 3000 Tote"; a
    participle would make it a passive: "Es werden noch 76 Menschen vermisst").

    Not a modal's total closed by "werden" ("Bis zum Frühjahr könnten es insgesamt 12.000 werden"):
    for a deployment or a plan that projected total is what the claim tracks (tests/text/fixtures
    unseen_figures: bare-future-total-de), although the dev gold of a disaster toll calls the same
    form ("es würden wohl mehr als 3000 werden") a forecast."""
    auxiliaries = _FUTURE.get(language, frozenset())
    if not auxiliaries:
        return None
    before = [
        position
        for position in range(max(start, fig_first - 3), fig_first)
        if words[position] in auxiliaries and (position == start or words[position - 1] in _DUMMY_SUBJECTS)
    ]
    if not before:
        return None  # "Gesucht werden dort noch 61 Menschen": a passive whose participle comes first
    after = tokens[fig_last + 1 : end]
    if any(token.is_word and token.surface[:1].islower() for token in after):
        return None
    return words[before[-1]]


def _phrase_at(words: Sequence[str], position: int, phrase: tuple[str, ...], end: int) -> bool:
    """Does ``phrase`` start at ``position``, its later words in order within the clause a few words
    apart ("rechnet das Bündnis für Sonntag mit", a separable verb's particle or preposition)?"""
    if words[position] != phrase[0]:
        return False
    at = position
    for word in phrase[1:]:
        window = words[at + 1 : min(end, at + 1 + _PHRASE_GAP)]
        if word not in window:
            return False
        at += 1 + window.index(word)
    return True


def _ends_clause(words: Sequence[str], position: int, end: int) -> bool:
    """Is the word at ``position`` the last word of its clause (a German verb-final infinitive, maybe
    followed by a modal: "steigen könnte")?"""
    rest = [word for word in words[position + 1 : end] if word[:1].isalnum()]
    return len(rest) <= 1


def _clause_opener_between(words: Sequence[str], position: int, fig_first: int, fig_last: int) -> bool:
    """Does a word opening another clause stand between the figure and the word at ``position``
    ("33,000 machinists went on strike after members rejected an offer that would have raised
    their pay": the offer's clause, not the strikers')?"""
    low, high = (fig_last + 1, position) if position > fig_last else (position + 1, fig_first)
    return any(word in _CLAUSE_OPENERS for word in words[low:high])


def _counterfactual_at(words: Sequence[str], position: int, end: int, language: str) -> str | None:
    """ "Without the warning, 600 more people would have died": a modal of the unreal and a perfect
    auxiliary (within a couple of words) put the figure in what did not happen. Not an obligation:
    "it would have to cut 2,000 jobs" is a plan."""
    if words[position] not in _COUNTERFACTUAL.get(language, frozenset()):
        return None
    perfect = _PERFECT.get(language, frozenset())
    for at in range(position + 1, min(end, position + 1 + _PERFECT_REACH)):
        if words[at] in perfect:
            if at + 1 < len(words) and words[at + 1] == "to":
                return None
            return f"{words[position]} {words[at]}"
    return None
