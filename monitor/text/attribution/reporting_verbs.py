"""Which words of a sentence are reporting verbs ("said", "told", "put ... at", "sagte",
"teilte ... mit"), and which reporting verb governs another ("X said Y had counted ...").

Split from ``attribution.py``, which finds the subject of each verb found here and ranks the
sources; this module only decides what is a verb of saying at a position.

Pure: no I/O.
"""

from __future__ import annotations

from monitor.text.attribution.speaker_cues import ends_clause_soon, particle_at_clause_end
from monitor.text.attribution.vocab import (
    AUXILIARIES,
    COUNT_KEEPING_VERBS,
    COUNT_SOURCES,
    DETERMINERS,
    FIGURE_VERBS,
    INFINITIVES,
    NOUN_OR_VERB,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    SUBJECT_BREAKS,
)
from monitor.text.lang import grammar
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView

__all__ = ["governing_verb", "is_reporting_verb"]

_KEPT_COUNT_REACH = 4  # "keeps its own running list"


def is_reporting_verb(view: SentenceView, folded: list[str], index: int) -> bool:
    """Is the word at ``index`` a verb of saying or counting whose subject is a speaker?"""
    word = folded[index]
    verbs = REPORTING_VERBS.get(view.language, {})
    if word in COUNT_KEEPING_VERBS:
        # "Prothom Alo keeps its own list", "the Herald publishes a daily tally": who keeps a count
        # gives the figures in it ("the union runs a strike fund" is no count)
        return any(w in COUNT_SOURCES for w in folded[index + 1 : index + 1 + _KEPT_COUNT_REACH])
    if word in FIGURE_VERBS:
        # "Die Gerichtsmedizin kam am Samstag auf 16 Tote", "the tally came to 910,000"
        ahead = folded[index + 1 : index + 7]
        stop = next((i for i, w in enumerate(ahead) if w in CLAUSE_BREAKS or w == "."), len(ahead))
        if set(ahead[:stop]) & FIGURE_VERBS[word]:
            return True
        if word not in verbs:
            return False  # "zählte" folds as "zahlte ... auf" does: a reporting verb on its own too
    if grammar(view.language).verb_second:
        if (
            grammar(view.language).nouns_capitalized
            and index > 0
            and view.tokens[index].capitalized
            and view.tokens[index - 1].is_word
        ):
            return False  # "neue Zahlen zeigen": inside a sentence a capitalised word is a noun
        if word not in verbs:
            return (
                word == "so"
                and index > 0
                and folded[index - 1] in {",", '"'}
                and ends_clause_soon(folded, index)
            )
        particles = verbs[word]
        if particles is not None and not particle_at_clause_end(folded, index, particles):
            return False
        # "die bestätigten Zahlen" is an adjective; "Das bestätigte ..." opens with a pronoun
        return index <= 1 or folded[index - 1] not in DETERMINERS
    if word not in verbs or word == "according":
        return False
    if word in NOUN_OR_VERB and (index + 1 >= len(folded) or folded[index + 1] in CLAUSE_BREAKS | {"."}):
        return False  # "according to Ukrainian estimates.": a noun
    if word in NOUN_OR_VERB and index > 0 and folded[index - 1].endswith(("'s", "s'")):
        return False  # "Sudland's claims", "the agency's estimates": a possessed noun
    if index > 0 and folded[index - 1] in {"is", "are", "was", "were", "be", "been", "being"}:
        return False  # "Pyongyang is estimated to have sent": a passive names no speaker
    if index > 0 and folded[index - 1] == "to" and word in INFINITIVES:
        return True  # "Russia refused to confirm": the infinitive's subject is the speaker
    before = index - 1
    auxiliaries = AUXILIARIES.get(view.language, frozenset())
    while before >= 0 and folded[before] in auxiliaries:
        before -= 1  # "a déclaré": the word before the auxiliary decides
    return before < 0 or (folded[before] not in DETERMINERS and folded[before] not in PREPOSITIONS)


def governing_verb(view: SentenceView, folded: list[str], index: int) -> int | None:
    """The reporting verb whose reported clause holds the reporting verb at ``index``, in its own
    clause before it ("X said [that] Y had counted ..."), or None. Only in languages whose
    subject stands before the verb: German reports after a comma ("sagte, Y habe ...")."""
    if not grammar(view.language).subject_before_verb or grammar(view.language).verb_second:
        return None
    for position in range(index - 1, -1, -1):
        if folded[position] in SUBJECT_BREAKS or folded[position] in RELATIVE_PRONOUNS:
            return None  # "X, who told reporters ..., said": another clause
        if position in view.quoted:
            return None
        if (
            index - position > 1
            and is_reporting_verb(view, folded, position)
            and folded[position] not in FIGURE_VERBS
        ):
            return position
    return None
