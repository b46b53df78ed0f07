"""Small questions about the words around a figure: is it bare, does the sentence point back, is it a
share of something counted before? Shared by the figure rules and the engine.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.language import ActorMap, SentenceTerms, SentenceView, Token
from monitor.text.polarity import CLAUSE_BREAKS
from monitor.text.speaker_phrases import in_prepositional_phrase
from monitor.text.vocab_figures import MODIFIER_STOP, OPENING_ANAPHORS, REFERRING


def clause_through_quotes(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The clause around token ``index``; quotation marks do not end it ('"hundreds" of them')."""
    start = index
    while start > 0 and (tokens[start - 1].norm not in CLAUSE_BREAKS or tokens[start - 1].norm == '"'):
        start -= 1
    end = index + 1
    while end < len(tokens) and (tokens[end].norm not in CLAUSE_BREAKS or tokens[end].norm == '"'):
        end += 1
    return start, end


def partitive_before(tokens: Sequence[Token], fig_first: int) -> bool:
    """ "..., of whom roughly 3,000 were killed", "..., von denen rund 3.000 getötet wurden"."""
    words = [token.norm for token in tokens[max(0, fig_first - 3) : fig_first]]
    pairs = set(zip(words, words[1:], strict=False))
    return (
        bool(pairs & {("of", "whom"), ("of", "them"), ("von", "denen"), ("von", "ihnen")}) or "davon" in words
    )


def partitive_reference(tokens: Sequence[Token], position: int) -> bool:
    """ "2,000 of them", "4.000 davon", "1.000 von ihnen": a share of the things counted before."""
    if position >= len(tokens):
        return False
    word = tokens[position].norm
    following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
    if word in {"davon", "darunter"}:
        return True
    return (word, following) in {
        ("of", "them"),
        ("of", "those"),
        ("of", "these"),
        ("von", "ihnen"),
        ("von", "denen"),
    }


def joins_modifiers(view: SentenceView, position: int) -> bool:
    """ "getötete oder verwundete Soldaten": a conjunction between two adjectives."""
    tokens = view.tokens
    if tokens[position].norm not in {"und", "oder", "and", "or"} or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    if view.language == "de":
        return following.is_word and not following.capitalized
    return following.is_word and following.norm not in MODIFIER_STOP


def ends_phrase(tokens: Sequence[Token], position: int) -> bool:
    """ "3500 weitere wurden ...": the elliptic word is not followed by its own noun."""
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    return following is None or not following.is_word or not following.capitalized


def is_bare(view: SentenceView, fig_last: int) -> bool:
    """Nothing noun-like follows the number ("bei etwa 600.", "mit rund 11.000 an")."""
    tokens = view.tokens
    if fig_last + 1 >= len(tokens):
        return True
    following = tokens[fig_last + 1]
    if not following.is_word:
        return True
    if view.language == "de":
        return not following.capitalized
    return following.norm in MODIFIER_STOP


def opens_with_anaphor(tokens: Sequence[Token]) -> bool:
    """ "Sie umfassten ...", "These included ...": the sentence continues the one before."""
    words = [token.norm for token in tokens[:2] if token.is_word]
    return bool(words) and words[0] in OPENING_ANAPHORS


def counted_before(terms: SentenceTerms, fig_first: int) -> bool:
    """A count noun shortly before the number ("put the number at 12,000", "die Zahl ... auf 11.000")."""
    return any(fig_first - 5 <= match.first < fig_first for match in terms.labelled("count"))


def has_unit_term(terms: SentenceTerms) -> bool:
    return any(label.startswith("unit:") for label in terms.by_label)


def refers_back(tokens: Sequence[Token]) -> bool:
    """ "Bereits jetzt sind es 11.000", "In total it is 15,000": the number continues the sentence before."""
    return any(token.norm in REFERRING for token in tokens)


def cue_claims(terms: SentenceTerms) -> frozenset[str]:
    return frozenset(label.split(":", 1)[1] for label in terms.by_label if label.startswith("cue:"))


def possible_owners(view: SentenceView, actors: ActorMap, skip: Sequence[tuple[int, int]]) -> set[str]:
    """Countries the sentence names outside the source phrase and outside prepositional phrases."""
    found: set[str] = set()
    tokens = view.tokens
    for hit in view.hits:
        if any(a <= hit.start < b for a, b in skip) or not actors.is_country_like(hit.actor_id):
            continue
        index = next((i for i, token in enumerate(tokens) if token.end > hit.start), None)
        if index is None or in_prepositional_phrase(view, index):
            continue
        found.update(actor for actor in actors.lineage(hit.actor_id) if actors.kind(actor) == "country")
    return found
