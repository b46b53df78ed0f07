"""Why the claim engine took or left a number: the lines ``monitor analyze --explain`` prints.

A user tuning a claim needs to see, for every figure or statement found, what made it one
(the unit term, the cue word, the source phrase, the polarity cue) and, for every number of
a sentence that names a unit but was not taken, the one reason it was left (no unit attached,
scope, exclusion, no cue, sub-count). The engine fills an ``Explanation`` only when asked, so
plain analysis pays nothing for it.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from monitor.text.words.language import SentenceTerms, SentenceView, TermMatch


@dataclass(frozen=True)
class Note:
    sentence: int  # index of the sentence in the article
    taken: bool
    what: str  # "munich-crowd 100,000 (at_least)", or the number as written
    why: str
    excerpt: str  # the sentence, shortened

    def line(self) -> str:
        mark = "+" if self.taken else "-"
        verdict = "taken" if self.taken else "not taken"
        return f"{mark} s{self.sentence + 1} {verdict}: {self.what}: {self.why}  | {self.excerpt}"


@dataclass
class Explanation:
    notes: list[Note] = field(default_factory=list)

    def add(self, view_index: int, view: SentenceView, taken: bool, what: str, why: str) -> None:
        self.notes.append(Note(view_index, taken, what, why, excerpt(view.text)))

    def lines(self) -> list[str]:
        ordered = sorted(enumerate(self.notes), key=lambda item: (item[1].sentence, item[0]))
        return [note.line() for _, note in ordered]


def excerpt(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def surface(view: SentenceView, first: int, last: int) -> str:
    tokens = view.tokens[first : last + 1]
    if not tokens:
        return ""
    return view.text[tokens[0].start - view.start : tokens[-1].end - view.start]


def terms_of(view: SentenceView, matches: Iterable[TermMatch]) -> list[str]:
    return list(dict.fromkeys(surface(view, m.first, m.last) for m in matches))


def units_in(view: SentenceView, terms: SentenceTerms, claim: str, spans: Sequence[tuple[int, int]]) -> str:
    """The unit terms of ``claim`` inside the counted phrase (or anywhere in the sentence)."""
    matches = terms.labelled(f"unit:{claim}")
    inside = [m for m in matches if any(low <= m.first <= high for low, high in spans)]
    found = terms_of(view, inside or matches)
    return ", ".join(repr(term) for term in found) or "(the unit of an earlier figure)"


def nearest_cue(view: SentenceView, terms: SentenceTerms, claim: str, first: int, last: int) -> str:
    best: tuple[int, TermMatch] | None = None
    for match in terms.labelled(f"cue:{claim}"):
        distance = (
            0
            if match.last >= first and match.first <= last
            else min(abs(match.first - last), abs(first - match.last))
        )
        if best is None or distance < best[0]:
            best = (distance, match)
    if best is None:
        return "(a cue named before this sentence: the sentence or paragraph before, or the article)"
    return repr(surface(view, best[1].first, best[1].last))


def number_text(view: SentenceView, start: int, end: int) -> str:
    """The figure as written (character offsets relative to the sentence)."""
    return repr(view.text[start:end])
