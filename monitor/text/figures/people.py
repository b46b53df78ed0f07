"""A vague number standing as a noun of its own counts people: "Zehntausende demonstrierten",
"In Kesselburg wurden Hunderte festgenommen".

German writes "Tausende" as a noun; with no noun after it ("Tausende Menschen", "Tausende
Kilometer") it is the subject or object itself, and what it counts is people - the verb tells
what they did. Such a figure binds to the claims whose units hold a noun for people
("Menschen", "Personen"); the cue and actor rules then decide as for any figure. A claim that
counts jobs or flights never takes it; nor does a vague number whose verb does not follow it
("fliehen Hunderttausende aus dem Libanon" is an aside more often than a count). The words live
in the lexicon (``figures.bare_people_counts``, ``figures.people_nouns``); a language without them
has no such rule.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from monitor.text.figures.context import Binding
from monitor.text.figures.vocab import DETERMINERS, MODIFIER_STOP
from monitor.text.lexicon import lexicon
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import SentenceView
from monitor.text.words.normalize import fold

__all__ = ["PeopleCounts"]

_LEXICON = lexicon()
_BARE_COUNTS = _LEXICON.words_by_language(lambda entry: entry.figures.bare_people_counts)
_PEOPLE_NOUNS = _LEXICON.words_by_language(lambda entry: entry.figures.people_nouns)
_CLAUSE_ENDS = frozenset({".", ",", ";", "!", "?"})  # "... sogar mit Tausenden.": the clause ends with it


class PeopleCounts:
    """The figure claims that count people, by language, and the bare vague numbers they take."""

    def __init__(self, claims: Iterable[ClaimSpec]) -> None:
        claims = list(claims)
        self._claims: dict[str, frozenset[str]] = {}
        for language, nouns in _PEOPLE_NOUNS.items():
            counting = frozenset(
                claim.id
                for claim in claims
                if any(fold(unit) in nouns for unit in claim.units.get(language, ()))
            )
            if counting and _BARE_COUNTS.get(language):
                self._claims[language] = counting

    def bind(self, view: SentenceView, fig_first: int, fig_last: int, owners: Set[str]) -> Binding | None:
        """The people claims for a figure that is a bare vague number ("Zehntausende"), or None."""
        claims = self._claims.get(view.language)
        tokens = view.tokens
        if claims is None or tokens[fig_last].norm not in _BARE_COUNTS[view.language]:
            return None
        following = tokens[fig_last + 1] if fig_last + 1 < len(tokens) else None
        if following is None or following.norm in _CLAUSE_ENDS:
            return Binding(claims, frozenset(owners), fig_first, fig_last)  # "... mit Tausenden."
        if not following.is_word or following.capitalized:
            return None  # "Zehntausende Euro": a noun after it is what it counts
        if following.norm in MODIFIER_STOP or following.norm in DETERMINERS:
            # "fliehen Hunderttausende aus dem Libanon", "Zehntausende an der Grenze": without its
            # verb right after it the word is a vague aside more often than a count of the claim
            return None
        return Binding(claims, frozenset(owners), fig_first, fig_last)
