"""Small word-level tests the attribution code asks of a sentence: does it refer back to the
sentence before ("davon", "Damit stieg ..."), open with a speaker and a colon ("UN: ..."), open
with an interviewer's address ("Frau Albers, ..."), end a reporting verb's clause soon.

Split from ``attribution.py`` so the ranking of sources stays readable there.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.attribution.speaker_phrases import Candidate
from monitor.text.attribution.vocab import (
    ADDRESS_TITLES,
    BACK_REFERENCE_VERBS,
    BACK_REFERENCES,
    OPENING_BACK_REFERENCES,
    PRONOUN_SUBJECTS,
)
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView, Token

__all__ = [
    "addressed",
    "anaphoric_subject",
    "ends_clause_soon",
    "particle_at_clause_end",
    "refers_back",
    "short_tail",
    "speaker_colon",
]


def addressed(view: SentenceView, candidate: Candidate) -> bool:
    """ "Frau Albers, die Mission meldet ...": an interviewer's address opening the sentence."""
    tokens = view.tokens
    return (
        candidate.first == 0
        and tokens[0].norm in ADDRESS_TITLES
        and candidate.last + 1 < len(tokens)
        and tokens[candidate.last + 1].norm == ","
    )


def speaker_colon(folded: list[str]) -> int | None:
    """The colon after a sentence's first one to three words ("UN:", "Polizei München:"), if any."""
    for position in range(1, min(4, len(folded))):
        if folded[position] == ":":
            return position if all(word[:1].isalpha() for word in folded[:position]) else None
    return None


def refers_back(folded: list[str], language: str) -> bool:
    """ "Demnach ...", "den Angaben zufolge", "Elf davon ...", "of them, 81 were ...", "Damit steigt die
    Zahl auf ...": the sentence goes on from the one before it."""
    opening = next((word for word in folded if word[:1].isalnum()), "")
    if opening in OPENING_BACK_REFERENCES.get(language, frozenset()):
        return True
    for phrase in BACK_REFERENCES.get(language, ()):
        size = len(phrase)
        for i in range(len(folded) - size + 1):
            if tuple(folded[i : i + size]) == phrase and not (
                i + size < len(folded) and folded[i + size] in BACK_REFERENCE_VERBS
            ):
                return True
    return False


def particle_at_clause_end(folded: list[str], index: int, particles: frozenset[str]) -> bool:
    for position in range(index + 1, len(folded)):
        word = folded[position]
        if word in CLAUSE_BREAKS or word == ".":
            return folded[position - 1] in particles
    return folded[-1] in particles


def anaphoric_subject(folded: list[str], index: int) -> bool:
    """ "he said", "sagte er", "the agency told lawmakers", "teilte der Geheimdienst mit"."""
    if PRONOUN_SUBJECTS & set(folded[max(0, index - 1) : index + 2]):
        return True
    before = folded[index - 2] if index >= 2 else ""
    after = folded[index + 1] if index + 1 < len(folded) else ""
    return before in {"the", "der", "die", "das"} or after in {"der", "die", "das"}


def short_tail(tokens: Sequence[Token], index: int) -> bool:
    """ "..., said Peskov." / "said Kremlin spokesman Dmitry Peskov, adding": an inverted speaker."""
    for position in range(index + 1, min(len(tokens), index + 8)):
        if tokens[position].norm in CLAUSE_BREAKS or tokens[position].norm == ".":
            return True
    return len(tokens) - index <= 8


def ends_clause_soon(folded: list[str], index: int) -> bool:
    for position in range(index + 1, min(len(folded), index + 8)):
        if folded[position] in CLAUSE_BREAKS or folded[position] == ".":
            return True
    return len(folded) - index <= 8
