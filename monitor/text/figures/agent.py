"""Whose figure a company's or union's claim is when the sentence names none of its actors.

A figure claim about an organization ("jobs Volkswagen will cut") may take a figure from a sentence
that does not name the organization, when the article is about it (``actor_scope: article``). A
sentence led by *another* organization is that organization's statement about itself: "Ford said
it would cut 4,000 jobs", "Bosch plans to shed 5,500 posts", "Audi to cut 7,500 jobs". The subject
of a clause comes first in English and German main clauses, so the organization that opens the
sentence (after a dateline) is whose the counted things are.

Only claims whose actors are all organizations are judged so: a ministry or agency opening a
sentence about a country's dead speaks about the country ("The agency said 300 people died"), it
does not own the dead.

Pure: no I/O.
"""

from __future__ import annotations

from monitor.text.spec import ClaimSpec
from monitor.text.words.language import ActorMap, SentenceView

_ORGANIZATION = "organization"
# a dateline ends in a dash or colon ("INGOLSTADT -", "BERLIN:"); its place is no subject
_DATELINE_ENDS = frozenset({"-", "–", "—", ":"})
_DATELINE_REACH = 14  # tokens a dateline may take ("WOLFSBURG, Germany, Oct 28 (Wire) -")
_OPENING_REACH = 2  # tokens before the organization that may still open the clause ("The supplier X")


def leading_organization(
    claim: ClaimSpec, view: SentenceView, actors: ActorMap, fig_first: int
) -> str | None:
    """The organization outside the claim's actors that opens the sentence before the figure, or
    None (the claim's actors are not all organizations, or nothing else leads the sentence)."""
    wanted = set(claim.actors)
    if not wanted or any(_kind(actors, actor_id) != _ORGANIZATION for actor_id in wanted):
        return None
    tokens = view.tokens
    if fig_first >= len(tokens):
        return None
    opening = 0
    for index in range(min(fig_first, _DATELINE_REACH)):
        if tokens[index].norm in _DATELINE_ENDS:
            opening = index + 1
    for hit in view.hits:
        if hit.start >= tokens[fig_first].start:
            break
        position = next((p for p, token in enumerate(tokens) if token.start <= hit.start < token.end), -1)
        if position < opening:
            continue
        if position - opening > _OPENING_REACH:
            return None  # the sentence opens with something else
        lineage = actors.lineage(hit.actor_id)
        if lineage & wanted or _kind(actors, hit.actor_id) != _ORGANIZATION:
            return None
        low, high = _apposition(view, position)
        if any(
            actors.lineage(other.actor_id) & wanted and not low <= other.start < high for other in view.hits
        ):
            return None  # "Audi will cut 7,500 jobs, fewer than Volkswagen": the claim's actor is here
        return hit.actor_id
    return None


def _apposition(view: SentenceView, position: int) -> tuple[int, int]:
    """Character span of the apposition right after the token at ``position`` ("Audi, Volkswagen's
    premium brand, will cut"): it describes the organization, it is not a second subject."""
    tokens = view.tokens
    after = position + 1
    while after < len(tokens) and tokens[after].start < tokens[position].end:
        after += 1
    if after >= len(tokens) or tokens[after].norm != ",":
        return (0, 0)
    for end in range(after + 1, min(len(tokens), after + 10)):
        if tokens[end].norm == ",":
            return (tokens[after].start, tokens[end].end)
    return (0, 0)


def _kind(actors: ActorMap, actor_id: str) -> str:
    try:
        return actors.kind(actor_id)
    except KeyError:  # "foreign", "own-side": markers, not watchlist actors
        return ""
