"""The subject of a reporting verb that stands before an aside or a relative clause: "Peskov, the
Kremlin spokesman, said", "Yonhap, citing military sources, said", "AFAD, which on Monday
reported 2,921 deaths", "Der Chef des Geheimdienstes, Kyrylo Budanow, äußerte sich", and the
subject of a second predicate ("OCHA, the UN office that ..., has adopted the WHO's count and
says ...").

Split from ``attribution.py``: it finds where a verb's subject may be; this module walks back
over the commas of an aside to the noun phrase that is the subject.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.attribution.candidates import SpeakerCandidates
from monitor.text.attribution.speaker_phrases import Candidate, best
from monitor.text.attribution.vocab import (
    ADVERBIAL_CONJUNCTIONS,
    AUXILIARIES,
    CLAUSE_ADVERBS,
    RELATIVE_PRONOUNS,
    ROLE_ENDINGS,
    SUBJECT_BREAKS,
)
from monitor.text.lang import grammar
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView, Token

Spans = Sequence[tuple[int, int]]

_BODIES = ("organization", "group")
_MAX_HEAD = 8  # a subject before an aside is a noun phrase, not a clause
_MAX_SUBORDINATE_SUBJECT = 5  # "after union members overwhelmingly rejected": words up to the verb


class AsideSubjects:
    """Subjects before asides, for one watchlist's candidates."""

    def __init__(self, speakers: SpeakerCandidates) -> None:
        self._speakers = speakers

    def head_before(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
        """The short noun phrase right before ``comma`` (the antecedent of a relative clause)."""
        tokens = view.tokens
        head_start = comma
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS and comma - head_start < 6:
            head_start -= 1
        found = self._speakers.candidates(view, head_start, comma, exclude, subject=True)
        # "Ada Marsh visited the Red Crescent, which said ...": the noun right before the comma
        adjacent = [c for c in found if c.last == comma - 1]
        return best(adjacent or found, last=True) if found else None

    def subject_before_aside(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
        """ "Yonhap, citing military sources, said ..." / "Der Chef des Geheimdienstes, Kyrylo Budanow,
        äußerte sich": a short subject before an aside, or a name as the aside."""
        tokens = view.tokens
        aside_start = comma
        while aside_start > 0 and tokens[aside_start - 1].norm not in CLAUSE_BREAKS:
            aside_start -= 1
        relative = (
            _relative_clause_start(tokens, comma) if grammar(view.language).subject_before_verb else None
        )
        if relative is not None:
            # "Tamer Ramadan, who heads the delegation of the IFRC (Geneva), tells journalists ...":
            # the relative clause may be long; its antecedent is the subject
            antecedent = self._relative_antecedent(view, relative, exclude)
            if antecedent is not None:
                return antecedent
        if aside_start < 2 or tokens[aside_start - 1].norm != "," or comma - aside_start > 8:
            return None  # no aside: what precedes the comma is the reported clause itself
        aside = self._speakers.candidates(view, aside_start, comma, exclude, subject=True)
        named = [c for c in aside if c.kind in ("person", "name")]
        if not named and comma - aside_start <= 3:
            # "Turkey's disaster agency, AFAD, put the toll at ...": a body's name as the aside
            named = [c for c in aside if c.kind in _BODIES]
        if named:
            return best(named, last=False)
        head_end = aside_start - 1
        head_start = head_end
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS:
            head_start -= 1
        opens = head_start == 0 or tokens[head_start - 1].norm in {":", "-"}  # "For context: the X, ..."
        if not opens or head_end - head_start > 8:
            return None
        head = self._speakers.candidates(view, head_start, head_end, exclude, subject=True)
        return best(head + aside, last=False)

    def antecedent_before_relative(self, view: SentenceView, start: int, exclude: Spans) -> Candidate | None:
        """The subject before a relative clause that ends at token ``start - 1`` ("Der Rote Halbmond,
        dem die Zahl zugeschrieben wurde, hat sich distanziert"), when it is a watchlist actor."""
        relative = _relative_clause_start(view.tokens, start - 1) if start >= 2 else None
        antecedent = self._relative_antecedent(view, relative, exclude) if relative is not None else None
        return antecedent if antecedent is not None and antecedent.actor_id is not None else None

    def _relative_antecedent(self, view: SentenceView, relative: int, exclude: Spans) -> Candidate | None:
        """The subject before ", who/which ...," when it opens its clause ("X, who ..., said")."""
        tokens = view.tokens
        comma = relative - 1
        if tokens[comma].norm != ",":
            return None
        head_start = comma
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS:
            head_start -= 1
        if comma - head_start > 8:
            return None  # a whole clause before the relative one, not a name
        found = self._speakers.candidates(view, head_start, comma, exclude, subject=True)
        return best([c for c in found if c.kind != "media"], last=True)

    def appositive_subject(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
        """ "Peskov, the Kremlin spokesman, said": the subject sits before an appositive with a role word."""
        tokens = view.tokens
        inner_start = comma
        while inner_start > 0 and tokens[inner_start - 1].norm not in CLAUSE_BREAKS:
            inner_start -= 1
        inner = tokens[inner_start:comma]
        if not inner or len(inner) > 10 or not any(t.norm.endswith(ROLE_ENDINGS) for t in inner):
            return None
        outer_start = inner_start - 1
        if outer_start < 1 or tokens[outer_start].norm != ",":
            return None
        head_start = outer_start
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS:
            head_start -= 1
        if outer_start - head_start > 6:
            return None  # a whole clause, not a name before an appositive
        found = self._speakers.candidates(view, head_start, outer_start, exclude, subject=True)
        found += self._speakers.candidates(view, inner_start, comma, exclude, subject=True)
        return best(found, last=False)

    def subject_before_predicate(
        self, view: SentenceView, start: int, index: int, exclude: Spans
    ) -> Candidate | None:
        """ "OCHA, the UN office that spread the figure, has adopted the WHO's count and says ...":
        when the words before the verb at ``index`` are a first predicate ("has adopted ... and")
        after an aside, the subject is the noun phrase before the aside, not the predicate's
        object; None when the words are no such predicate."""
        tokens = view.tokens
        if not _coordinated_predicate(view, start, index):
            return None
        opening = start - 2  # the comma that opens the aside
        while opening > 0 and tokens[opening].norm != ",":
            if tokens[opening].norm in SUBJECT_BREAKS:
                return None
            opening -= 1
        if opening <= 0:
            return None
        head_start = opening
        while head_start > 0 and tokens[head_start - 1].norm not in SUBJECT_BREAKS:
            head_start -= 1
        if opening - head_start > _MAX_HEAD:
            return None
        return best(self._speakers.candidates(view, head_start, opening, exclude, subject=True), last=False)

    def subordinate_subject(
        self, view: SentenceView, start: int, verb: int, exclude: Spans
    ) -> Candidate | None:
        """ "... went on strike after union members rejected the offer": the subject right after a
        conjunction that is also a preposition ("after", "before", "as"), of the verb at ``verb``."""
        tokens = view.tokens
        opener = next(
            (i for i in range(verb - 1, start - 1, -1) if tokens[i].norm in ADVERBIAL_CONJUNCTIONS), None
        )
        if opener is None or verb - opener > _MAX_SUBORDINATE_SUBJECT:
            return None
        found = self._speakers.candidates(view, opener + 1, verb, exclude, subject=False)
        # "after union members", "after the union": the noun phrase the conjunction opens
        return best([c for c in found if c.first <= opener + 2], last=False)

def _coordinated_predicate(view: SentenceView, start: int, index: int) -> bool:
    """Are tokens [start, index) a predicate after an aside's comma that is coordinated with the
    verb at ``index`` (", has adopted the count and says")?"""
    tokens = view.tokens
    if not grammar(view.language).subject_before_verb or grammar(view.language).verb_second:
        return False
    if start < 2 or start >= index or tokens[start - 1].norm != ",":
        return False
    if tokens[start].norm not in AUXILIARIES.get(view.language, frozenset()):
        return False
    before = index - 1
    while before > start and tokens[before].norm in CLAUSE_ADVERBS:
        before -= 1
    return tokens[before].norm == "and"


def _relative_clause_start(tokens: Sequence[Token], comma: int) -> int | None:
    """The relative pronoun opening the clause that ends at ``comma`` (brackets inside it are
    part of it), or None when that clause is no relative one."""
    position, depth = comma - 1, 0
    while position > 0 and comma - position <= 25:
        norm = tokens[position].norm
        if norm == ")":
            depth += 1
        elif norm == "(":
            depth -= 1
        elif depth == 0 and norm in CLAUSE_BREAKS:
            break
        position -= 1
    start = position + 1
    if tokens[position].norm == "," and start < comma and tokens[start].norm in RELATIVE_PRONOUNS:
        return start
    return None

