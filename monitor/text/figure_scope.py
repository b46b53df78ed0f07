"""Scope: whose count a figure is, where, and of which event (a claim's ``scope`` and sub-counts).

A figure belongs to a claim only when

* the place named with it ("in Syria", "in der Provinz Hatay", "across Germany") is one of the
  claim's ``scope.places`` (when it lists any) and none of its ``scope.exclude_places``; the place
  is the nearest location phrase of the sentence (a preposition of place before a watchlist
  country or place), preferring the figure's own clause;
* no year before ``scope.since`` is named in the figure's clause ("the 1999 earthquake killed
  17,000", "bei den Protesten 2011");
* it is not a sub-count of a figure just given ("among them 300 children", "darunter 120
  Schwerverletzte", "davon allein 2.000 in der Hafenstadt"): a part is not the total.

Each check returns the reason it rejects (for ``monitor analyze --explain``) or None.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.language import ActorMap, SentenceView, Token
from monitor.text.lexicon import lexicon
from monitor.text.spec import ClaimSpec
from monitor.text.vocab_figures import CLAUSE_PENALTY, CUE_BARRIERS

_LEXICON = lexicon()
LOCATIVES = _LEXICON.words(lambda entry: entry.figures.locatives)
_PLACE_FILLERS = _LEXICON.words(lambda entry: entry.figures.place_fillers)
_PLACE_REACH = 24  # tokens (with clause penalties) within which a location phrase is the figure's
# sub-count markers by their words: "darunter", ("among", "them")
_SUBCOUNT = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.figures.subcount_markers))
_SEVERAL = frozenset(
    tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda entry: entry.figures.several_places)
)
_YEAR_LOW, _YEAR_HIGH = 1800, 2100


def place_of_figure(
    view: SentenceView, actors: ActorMap, fig_first: int, fig_last: int, skip: Sequence[tuple[int, int]] = ()
) -> tuple[str, int] | None:
    """The watchlist place (country or place) named with the figure and its token, or None."""
    tokens = view.tokens
    best: tuple[int, int, str, int] | None = None
    for hit in view.hits:
        if actors.kind(hit.actor_id) not in ("country", "place"):
            continue
        position = _token_at(tokens, hit.start)
        if position is None or any(low <= hit.start < high for low, high in skip):
            continue
        if not _after_locative(tokens, position):
            continue
        if fig_first <= position <= fig_last:
            distance = 0
        else:
            low, high = (position, fig_first) if position < fig_first else (fig_last, position)
            barriers = sum(1 for t in tokens[low:high] if t.norm in CUE_BARRIERS)
            distance = high - low + CLAUSE_PENALTY * barriers
        # the place before the figure wins a tie: "In Turkey, 30,000 died, in Syria 3,500"
        rank = (distance, 0 if position < fig_first else 1)
        if distance <= _PLACE_REACH and (best is None or rank < best[:2]):
            best = (*rank, hit.actor_id, position)
    if best is None:
        return None
    return best[2], best[3]


def sentence_place(
    view: SentenceView, actors: ActorMap, fig_first: int, skip: Sequence[tuple[int, int]] = ()
) -> str | None:
    """The place a figure with no location phrase is about, by the nearest place the sentence names
    outside the source phrase ("Turkish rescuers ... 3,000 dead")."""
    best: tuple[int, str] | None = None
    for hit in view.hits:
        if actors.kind(hit.actor_id) not in ("country", "place"):
            continue
        if any(low <= hit.start < high for low, high in skip):
            continue
        position = _token_at(view.tokens, hit.start)
        if position is None:
            continue
        distance = abs(position - fig_first)
        if best is None or distance < best[0]:
            best = (distance, hit.actor_id)
    return best[1] if best else None


def several_places(view: SentenceView, fig_first: int, fig_last: int) -> bool:
    """ "more than 5,000 dead across the two countries", "in beiden Ländern zusammen über 34.000"."""
    tokens = view.tokens
    start, end = _clause(tokens, fig_first, fig_last)
    words = [token.norm for token in tokens[max(0, start - 4) : min(len(tokens), end + 4)]]
    return any(pair in _SEVERAL for pair in zip(words, words[1:], strict=False))


def place_rejects(claim: ClaimSpec, place: str | None, actors: ActorMap) -> str | None:
    if place is None:
        return None
    lineage = actors.lineage(place)
    if lineage & set(claim.scope.exclude_places):
        return f"scope: {place} is excluded"
    if claim.scope.places and not lineage & set(claim.scope.places):
        return f"scope: {place} is not one of {', '.join(claim.scope.places)}"
    return None


def owners_reject(claim: ClaimSpec, owners: frozenset[str]) -> str | None:
    """ "Syria's toll", "syrische Opfer": the counted things belong to an excluded place."""
    excluded = owners & set(claim.scope.exclude_places)
    if excluded:
        return f"scope: the counted things are {', '.join(sorted(excluded))}'s"
    return None


def earlier_event(claim: ClaimSpec, view: SentenceView, fig_first: int, fig_last: int) -> str | None:
    """A year before the claim's event start in the figure's clause: another event's figure."""
    since = claim.scope.since
    if since is None:
        return None
    tokens = view.tokens
    start, end = _clause(tokens, fig_first, fig_last)
    for position in range(start, end):
        if fig_first <= position <= fig_last:
            continue
        norm = tokens[position].norm
        if len(norm) == 4 and norm.isdigit() and _YEAR_LOW <= int(norm) < since.year:
            return f"scope: {norm} is before the event ({since.isoformat()})"
    return None


def subcount_marker(tokens: Sequence[Token], fig_first: int) -> str | None:
    """The marker right before the figure that makes it a part of the one before ("darunter")."""
    words = [token.norm for token in tokens[max(0, fig_first - 4) : fig_first]]
    for index in range(len(words)):
        for marker in _SUBCOUNT:
            if tuple(words[index : index + len(marker)]) == marker:
                return " ".join(marker)
    return None


def _clause(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    start, end = first, last + 1
    while start > 0 and tokens[start - 1].norm not in CUE_BARRIERS:
        start -= 1
    while end < len(tokens) and tokens[end].norm not in CUE_BARRIERS:
        end += 1
    return start, end


def _after_locative(tokens: Sequence[Token], position: int) -> bool:
    back = position - 1
    while back >= 0 and position - back <= 4:
        norm = tokens[back].norm
        if norm in LOCATIVES:
            return True
        if norm not in _PLACE_FILLERS and not (tokens[back].is_word and not tokens[back].capitalized):
            return False
        back -= 1
    return False


def _token_at(tokens: Sequence[Token], offset: int) -> int | None:
    for index, token in enumerate(tokens):
        if token.start <= offset < token.end:
            return index
    return None
