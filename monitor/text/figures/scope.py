"""Scope: whose count a figure is and where (a claim's ``scope`` and sub-counts; which event it is
of is ``figure_event``'s question).

A figure belongs to a claim only when

* the place named with it ("in Syria", "in der Provinz Hatay", "across Germany") is one of the
  claim's ``scope.places`` (when it lists any) and none of its ``scope.exclude_places``; the place
  is the nearest location phrase of the sentence (a preposition of place before a watchlist
  country or place), preferring the figure's own clause;
* it is not a sub-count of a figure just given ("among them 300 children", "darunter 120
  Schwerverletzte", "Of those, 92 died"): a part is not the total. A sub-count with a place of its
  own ("Davon starben 215 in der Provinz Valencia") is that place's own figure;
* a figure marked as the whole ("landesweit", "across the country", "in total") is narrowed only by
  a place of its own clause: not by the place the sentence, its speaker or the paragraph is about,
  and never to a claim that is a part of another (a claim whose places are all another claim's
  ``exclude_places`` counts a region of that claim's whole).

A figure naming no place of its own is about its source's jurisdiction (the first country or place
on the speaker's ``speaks_for`` chain) before the place the paragraph is about.

Each check returns the reason it rejects (for ``monitor analyze --explain``) or None.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.figures.context import clause_through_quotes
from monitor.text.figures.event import clause
from monitor.text.figures.vocab import CLAUSE_PENALTY, CUE_BARRIERS
from monitor.text.lexicon import lexicon
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import ActorMap, SentenceView, Token

_LEXICON = lexicon()
LOCATIVES = _LEXICON.words(lambda entry: entry.figures.locatives)
_PLACE_FILLERS = _LEXICON.words(lambda entry: entry.figures.place_fillers)
# who speaks, and where words are said: a place right after one is the speaker's whereabouts
_SPEAKER_NOUNS = (
    _LEXICON.words(lambda entry: entry.attribution.speaker_heads)
    | _LEXICON.words(lambda entry: entry.attribution.institutions)
    | _LEXICON.words(lambda entry: entry.figures.speech_occasions)
)
_SPEAKER_ENDINGS = tuple(word for word in _SPEAKER_NOUNS if len(word) >= 6)  # "Gesundheitsministerium"
_PLACE_REACH = 24  # tokens (with clause penalties) within which a location phrase is the figure's
# sub-count markers by their words: "darunter", ("among", "them")
_SUBCOUNT = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.figures.subcount_markers))
_COMPLEMENT = _LEXICON.words(lambda entry: entry.figures.complement_conjunctions)
_SEVERAL = frozenset(
    tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda entry: entry.figures.several_places)
)
_WHOLE = tuple(tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda e: e.figures.whole_markers))


# marks that join two statements in one sentence, as headlines do ("Quake: 144 dead – tower
# collapses in Bangkok"): a place on the far side is the other statement's. For a place the
# sentence names without a location phrase, a colon weighs half: what it introduces is often
# about the topic before it ("Floods in X: 640 dead")
_STATEMENT_BREAKS = {";": 1.0, ":": 0.5, "-": 1.0}  # a spaced dash is a token "-" (normalised)


def place_of_figure(
    view: SentenceView,
    actors: ActorMap,
    fig_first: int,
    fig_last: int,
    skip: Sequence[tuple[int, int]] = (),
    own_clause: bool = False,
) -> tuple[str, int] | None:
    """The watchlist place (country or place) named with the figure and its token, or None; with
    ``own_clause``, only a place in the figure's own clause (up to a comma) counts."""
    tokens = view.tokens
    clause = clause_through_quotes(tokens, fig_first) if own_clause else (0, len(tokens))
    best: tuple[int, int, str, int] | None = None
    unlisted = {id(hit) for hit in view.places}
    for hit in (*view.hits, *view.places):
        if actors.kind(hit.actor_id) not in ("country", "place"):
            continue
        position = _token_at(tokens, hit.start)
        if position is None or any(low <= hit.start < high for low, high in skip):
            continue
        if id(hit) in unlisted and speaker_whereabouts(tokens, position):
            continue  # "teilte das Ministerium in Bengasi mit": where it was said, not counted
        if not clause[0] <= position < clause[1] and not fig_first <= position <= fig_last:
            continue
        if not after_locative(tokens, position):
            continue
        if fig_first <= position <= fig_last:
            distance = 0
        else:
            low, high = (position, fig_first) if position < fig_first else (fig_last, position)
            if any(t.norm in _STATEMENT_BREAKS for t in tokens[low:high]):
                continue  # "...2,100; in Port Ossa alone 800": a new statement
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
    view: SentenceView,
    actors: ActorMap,
    fig_first: int,
    skip: Sequence[tuple[int, int]] = (),
    in_source: bool = True,
) -> str | None:
    """The place a figure with no location phrase is about, by the nearest place the sentence names
    outside the source phrase ("Turkish rescuers ... 3,000 dead"); naming none, with ``in_source``,
    a place inside it."""
    best: tuple[float, str] | None = None
    for hit in view.hits:
        if actors.kind(hit.actor_id) not in ("country", "place"):
            continue
        if any(low <= hit.start < high for low, high in skip):
            if not in_source:
                continue
            # "Am Abend meldete Mirenka 120 Tote": a country reporting names its own place, but
            # only when the sentence names no other
            distance = len(view.tokens) + 1.0
            if best is None:
                best = (distance, hit.actor_id)
            continue
        position = _token_at(view.tokens, hit.start)
        if position is None:
            continue
        distance = abs(position - fig_first)
        low, high = sorted((position, fig_first))
        breaks = max((_STATEMENT_BREAKS.get(t.norm, 0.0) for t in view.tokens[low:high]), default=0.0)
        # another statement's place, only if there is no other
        distance += breaks * len(view.tokens)
        if best is None or distance < best[0]:
            best = (distance, hit.actor_id)
    return best[1] if best else None


def several_places(view: SentenceView, fig_first: int, fig_last: int) -> bool:
    """ "more than 5,000 dead across the two countries", "in beiden Ländern zusammen über 34.000"."""
    tokens = view.tokens
    start, end = clause(tokens, fig_first, fig_last)
    words = [token.norm for token in tokens[max(0, start - 4) : min(len(tokens), end + 4)]]
    return any(pair in _SEVERAL for pair in zip(words, words[1:], strict=False))


def whole_marker(view: SentenceView, fig_first: int, fig_last: int) -> str | None:
    """ "Landesweit sind es 217 Tote", "the death toll across the country at 95", "The national
    figure is 219, with four in ...": the marker in the figure's own clause (up to a comma) that
    makes it the whole's count, or None."""
    tokens = view.tokens
    start, end = clause_through_quotes(tokens, fig_first)
    end = max(end, fig_last + 1)
    if start == 0 and end + 1 < len(tokens) and tokens[end].norm == ":":
        # "1,375: measles cases nationwide this year": a heading figure's clause is after its colon
        _, end = clause_through_quotes(tokens, end + 1)
    words = [token.norm for token in tokens[start:end]]
    for index in range(len(words)):
        for marker in _WHOLE:
            if tuple(words[index : index + len(marker)]) == marker:
                return " ".join(marker)
    return None


def whole_of(claim: ClaimSpec, others: Sequence[ClaimSpec]) -> ClaimSpec | None:
    """The claim ``claim`` is a part of: one whose ``exclude_places`` hold all of ``claim``'s places
    (Valencia's deaths are a part of Spain's, which leaves Valencia's out of its own places) while
    ``claim`` does not exclude that claim's places (two neighbours excluding each other are rivals,
    not a whole and its part)."""
    places = set(claim.scope.places)
    if not places:
        return None
    for other in others:
        if (
            other.id != claim.id
            and places <= set(other.scope.exclude_places)
            and not set(other.scope.places) & set(claim.scope.exclude_places)
        ):
            return other
    return None


def place_rejects(claim: ClaimSpec, place: str | None, actors: ActorMap) -> str | None:
    """Why the place rules out the claim, or None."""
    if place is None:
        return None
    lineage = actors.lineage(place)
    containers = actors.containers(place)
    name = actors.describe(place)
    if lineage & set(claim.scope.exclude_places):
        return f"scope: {name} is excluded"
    outer = sorted(containers & set(claim.scope.exclude_places))
    if outer:
        return f"scope: {name} lies in {', '.join(outer)}, which is excluded"
    if claim.scope.places and not lineage & set(claim.scope.places):
        parted = sorted(containers & set(claim.scope.places))
        if parted:
            # "in Chiang Mai, 2 died": a part's count, not the whole country's
            places = ", ".join(claim.scope.places)
            return f"scope: {name} is a part of {', '.join(parted)}, not one of {places}"
        return f"scope: {name} is not one of {', '.join(claim.scope.places)}"
    return None


def owners_reject(claim: ClaimSpec, owners: frozenset[str]) -> str | None:
    """ "Syria's toll", "syrische Opfer": the counted things belong to an excluded place."""
    excluded = owners & set(claim.scope.exclude_places)
    if excluded:
        return f"scope: the counted things are {', '.join(sorted(excluded))}'s"
    return None


def subcount_marker(tokens: Sequence[Token], fig_first: int) -> str | None:
    """The marker right before the figure that makes it a part of the one before ("darunter")."""
    words = [token.norm for token in tokens[max(0, fig_first - 4) : fig_first]]
    for index in range(len(words)):
        for marker in _SUBCOUNT:
            if tuple(words[index : index + len(marker)]) == marker:
                if _COMPLEMENT & set(words[index + len(marker) :]):
                    return None  # "davon aus, dass 100 ...": the correlate of a dass-clause
                return " ".join(marker)
    return None




def located_places(view: SentenceView, actors: ActorMap) -> list[str]:
    """The places a sentence names in a location phrase ("in Syrien", "across Ukraine"), in order;
    not "Russia's invasion", "the Turkish agency": those name an owner or a speaker."""
    found = []
    unlisted = {id(hit) for hit in view.places}
    located_ends: dict[int, bool] = {}  # last token of each place name -> named in a location phrase
    for hit in sorted((*view.hits, *view.places), key=lambda hit: hit.start):
        if actors.kind(hit.actor_id) not in ("country", "place"):
            continue
        position = _token_at(view.tokens, hit.start)
        if position is None or (id(hit) in unlisted and speaker_whereabouts(view.tokens, position)):
            continue  # "teilte das Ministerium in Bengasi mit": not what the next sentence is about
        located = after_locative(view.tokens, position)
        locative = _locative_at(view.tokens, position)
        if located and locative is not None and locative - 1 in located_ends:
            # "had left Tobruk in Libya": the phrase says where the place before it lies, so it is
            # a location only as far as that place is one
            located = located_ends[locative - 1]
        end = _token_at(view.tokens, hit.end - 1)
        if end is not None:
            located_ends[end] = located
        if located:
            found.append(hit.actor_id)
    return found


def speaker_whereabouts(tokens: Sequence[Token], position: int) -> bool:
    """ "teilte das Ministerium in Bengasi mit", "told reporters in Benghazi", "bei einem Besuch in
    Malatya": a place phrase right after a speaker, a body or an occasion of speaking says where
    the words were said, not where the counted things are. Used for places the user did not list
    (a listed place is one the claims are about)."""
    locative = _locative_at(tokens, position)
    if locative is None or locative == 0:
        return False
    noun = tokens[locative - 1]
    if not noun.is_word:
        return False
    norm = noun.norm
    return norm in _SPEAKER_NOUNS or norm.endswith(_SPEAKER_ENDINGS)


def _locative_at(tokens: Sequence[Token], position: int) -> int | None:
    back = position - 1
    while back >= 0 and position - back <= 4:
        norm = tokens[back].norm
        if norm in LOCATIVES:
            return back
        if norm not in _PLACE_FILLERS and not (tokens[back].is_word and not tokens[back].capitalized):
            return None
        back -= 1
    return None


def after_locative(tokens: Sequence[Token], position: int) -> bool:
    """Does a preposition of place come before the name at ``position`` ("in", "near", "in der
    Provinz")?"""
    return _locative_at(tokens, position) is not None


def _token_at(tokens: Sequence[Token], offset: int) -> int | None:
    for index, token in enumerate(tokens):
        if token.start <= offset < token.end:
            return index
    return None
