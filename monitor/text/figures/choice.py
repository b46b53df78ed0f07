"""Which claim a bound figure observes: the nearest cue wins, exclusions and actors filter.

``FigureChoice`` is the second half of ``claims.FigureRules`` (binding finds the counted noun
phrase, this decides the claim); it needs only the figure claims by id in ``self._claims``.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from monitor.text.figures.agent import leading_organization
from monitor.text.figures.context import Binding, clause_through_quotes
from monitor.text.figures.event import When, earlier_event
from monitor.text.figures.scope import (
    owners_reject,
    place_of_figure,
    place_rejects,
    sentence_place,
    several_places,
    whole_marker,
    whole_of,
)
from monitor.text.figures.verb_clause import other_event
from monitor.text.figures.vocab import CLAUSE_PENALTY, CUE_BARRIERS, CUE_RANGE
from monitor.text.numbers.find import Figure
from monitor.text.polarity.stance import in_conditional
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import ActorMap, SentenceTerms, SentenceView
from monitor.text.words.normalize import fold

# the distance a cue inside the counted noun counts as when that noun is another claim's unit too
NOUN_CUE_DISTANCE = 8


class FigureChoice:
    _claims: dict[str, ClaimSpec]
    _actors: ActorMap

    def choose(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        binding: Binding,
        figure: Figure,
        fig_first: int,
        fig_last: int,
        sentence_actors: set[str],
        subjects: frozenset[str],
        sentence_owners: set[str],
        inherited_cues: frozenset[str] = frozenset(),
        other_figures: Sequence[tuple[int, int]] = (),
        source_spans: Sequence[tuple[int, int]] = (),
        why_not: dict[str, str] | None = None,
        context_place: str | None = None,
        place_weight: Mapping[str, int] | None = None,
        article_cues: frozenset[str] = frozenset(),
        source_place: str | None = None,
        subcount: tuple[str, frozenset[str]] | None = None,
        years_before: Sequence[When] = (),
        *,
        published: date | None = None,
    ) -> str | None:
        """The claim this figure observes, or None.

        ``sentence_actors``: claim-level actors of the sentence outside the source phrase;
        ``sentence_owners``: the countries among them that could own the counted things (not inside a
        prepositional phrase: "für die russische Artillerie" is a recipient); ``inherited_cues``: claims
        whose cue the previous sentence named when this one starts by pointing back to it;
        ``source_spans``: character spans of the source phrase (a place there speaks, it is not where
        the figure happened); ``why_not``: filled with claim id -> why the claim did not take it;
        ``context_place``: the place the sentences before were about (for a figure naming none);
        ``place_weight``: how often the article names each place (claims of different places tied
        on their cue go to the article's main place); ``article_cues``: claims whose cue the article
        names somewhere (enough for a figure placed in the claim's own scope); ``source_place``: the
        jurisdiction of the sentence's source (for a figure naming no place, before the context);
        ``subcount``: the marker ("davon", "of those") and the claims of the figure before that this
        one is a part of; ``years_before``: the dates the sentence before names (for "damals");
        ``published``: the article's date (for a month named without its year)."""
        reasons: dict[str, str] = {} if why_not is None else why_not
        best: tuple[int, str] | None = None
        blocked: int | None = None  # the nearest cue of a claim this clause excludes
        # whose counted things they are ("Valdoria's death toll") is where they are; else the
        # location phrase named with the figure
        owned_places = sorted(owner for owner in binding.owners if self._is_place(owner))
        whole = whole_marker(view, fig_first, fig_last)
        located = place_of_figure(
            view, self._actors, fig_first, fig_last, source_spans, own_clause=bool(whole)
        )
        place = owned_places[0] if len(owned_places) == 1 else (located[0] if located else None)
        if whole:
            # "Landesweit sind es 217 Tote" after a sentence about Valencia: the country's count
            national = source_place is not None and self._actors.kind(source_place) == "country"
            weak_place = place or (source_place if national else None)
        else:
            weak_place = (
                place
                or sentence_place(view, self._actors, fig_first, source_spans, in_source=False)
                or source_place
                or sentence_place(view, self._actors, fig_first, source_spans)
                or context_place
            )
        candidates = [self._claims[c] for c in sorted(binding.claims) if c in self._claims]
        several = several_places(view, fig_first, fig_last)
        tied: list[str] = []
        for claim_id in sorted(binding.claims):
            claim = self._claims.get(claim_id)
            if claim is None:
                continue
            if not self._value_ok(claim, figure):
                reasons[claim_id] = "value outside min_value/max_value"
                continue
            scoped = bool(claim.scope.places or claim.scope.exclude_places)
            whole_claim = (
                whole_of(claim, candidates) or self._national_whole(claim, candidates)
                if whole and place is None
                else None
            )
            scope = (
                earlier_event(claim.scope.since, view, fig_first, fig_last, years_before, published)
                or (
                    f"scope: {whole!r} counts the whole, {claim_id} a part of {whole_claim.id}"
                    if whole_claim
                    else None
                )
                or ("scope: the figure counts more than one place" if scoped and several else None)
                or place_rejects(claim, weak_place, self._actors)
                or owners_reject(claim, binding.owners)
            )
            if scope:
                reasons[claim_id] = scope
                continue
            in_scope = place is not None and bool(self._actors.lineage(place) & set(claim.scope.places))
            parted = self._subcount_rejects(claim, subcount, in_scope)
            if parted:
                reasons[claim_id] = parted
                continue
            if whole and claim.scope.places and place is None:
                # "The national figure is 219": the whole's count, which a claim that is no part of
                # another (and fits the speaker's country, when there is one) counts
                in_scope = weak_place is None or bool(
                    self._actors.lineage(weak_place) & set(claim.scope.places)
                )
            owned = self._actor_ok(
                claim, binding, sentence_actors, subjects, sentence_owners, view, fig_first
            ) or (
                not binding.owners
                and not (sentence_owners - set(claim.actors))
                and self._happened_there(claim, weak_place, place_weight)
            )
            if not in_scope and not owned:
                reasons[claim_id] = "actors: none of " + ", ".join(claim.actors) + " owns the counted things"
                continue
            distance = self._cue_distance(view, terms, claim_id, binding.first, max(binding.last, fig_last))
            exclusions = self._exclusions(view, terms, claim_id, fig_first, fig_last, other_figures)
            if exclusions[0]:
                reasons[claim_id] = "exclusion: " + exclusions[0]
                if distance is not None and (blocked is None or distance < blocked):
                    blocked = distance
                continue
            if exclusions[1]:
                # "Of 11,000 men, 4,000 were killed or wounded": the cue inside another figure's
                # exclusion says nothing about this one
                distance = self._cue_distance(
                    view, terms, claim_id, binding.first, max(binding.last, fig_last), exclusions[1]
                )
            if distance is None and subcount is not None and subcount[1] & binding.claims:
                # "105 hostages were released. Of them, 81 were Israelis": a part of the things just
                # counted is another claim's count only by that claim's own cue ("..., of whom
                # 3,000 were killed"), not by one the article or the sentence before named
                shared = ", ".join(sorted(subcount[1] & binding.claims))
                reasons[claim_id] = (
                    f"sub-count ({subcount[0]!r}) of the {shared} figure before, no cue of its own"
                )
                continue
            borrowed = claim_id in inherited_cues or (in_scope and claim_id in article_cues)
            if distance is None and borrowed:
                # "The floods killed 52 people. Another 300 were injured": a cue from elsewhere says
                # nothing about a figure whose own clause names another event
                event = other_event(view, *clause_through_quotes(view.tokens, fig_first), claim)
                if event is not None:
                    reasons[claim_id] = f"cue: the figure's clause names another event ({event!r})"
                    continue
            if distance is None and claim_id in inherited_cues:
                distance = CUE_RANGE  # "Die Lieferungen ... Sie umfassten zwei Millionen Granaten"
            if distance is None and in_scope and claim_id in article_cues:
                # "In Munich, police said 100,000 people had come": the figure's own place is the
                # claim's and the article is about what the claim counts (its cue is there)
                distance = CUE_RANGE
            if distance is None:
                reasons[claim_id] = "cue: no cue word of the claim near the figure"
                continue
            if best is None or distance < best[0]:
                best = (distance, claim_id)
                tied = [claim_id]
            elif distance == best[0]:
                tied.append(claim_id)
        if best is None or (blocked is not None and blocked <= best[0]):
            # "1,000 soldiers were killed or wounded in a week of fighting": the figure is the
            # excluded casualty count, not a deployment figure for the farther "fighting"
            return None
        if len(tied) > 1 and place_weight:
            # "AFAD meldet fast 40.000 Tote" in an article about Turkey: the main place's claim
            return max(tied, key=lambda claim_id: self._place_weight(claim_id, place_weight))
        return best[1]

    def _subcount_rejects(
        self,
        claim: ClaimSpec,
        subcount: tuple[str, frozenset[str]] | None,
        in_scope: bool,
    ) -> str | None:
        """ "2.000 Tote, darunter 300 Kinder", "Of those, 140 died": a part of the figure before is no
        total of its claim; it is the count of a part claim (Valencia's of Spain's) only when it
        names that part's place ("Davon starben 215 in der Provinz Valencia")."""
        if subcount is None:
            return None
        marker, divided = subcount
        if claim.id in divided:
            return f"sub-count ({marker!r}) of the figure before: a part, not the claim's total"
        whole = whole_of(claim, [self._claims[c] for c in sorted(divided) if c in self._claims])
        if whole is not None and not in_scope:
            return f"sub-count ({marker!r}) of the {whole.id} figure before naming no place of {claim.id}"
        return None

    def _happened_there(
        self, claim: ClaimSpec, weak_place: str | None, place_weight: Mapping[str, int] | None
    ) -> bool:
        """A claim whose actors are its scope's places counts what happened there ("people rescued off Pylos",
        "turnout in Germany"): the figure is theirs when the place it is about (its own, its
        sentence's or the sentences before) is one of them, or - naming none - when the article
        names one of them or no place at all (a German paper on "die Wahl" need not say
        "Deutschland"). Another place named with the figure is for ``place_rejects`` to judge."""
        wanted = set(claim.actors)
        if not wanted or not wanted <= set(claim.scope.places):
            return False  # "North Korean troops": an owner, which the article must name with them
        if weak_place is not None:
            return bool(self._actors.lineage(weak_place) & wanted)
        named = {place for place, count in (place_weight or {}).items() if count}
        return not named or any(self._actors.lineage(place) & wanted for place in named)

    def _derived_participle(self, claim_id: str, word: str, term: str) -> bool:
        """Is ``word`` a present participle the engine made of a cue written otherwise ("killing" of
        "killed", "moving" of "moved"), not one of the claim's own words?"""
        if not word.endswith(_PARTICIPLE):
            return False
        claim = self._claims.get(claim_id)
        written = {fold(cue) for terms in claim.cues.values() for cue in terms} if claim else set()
        return fold(term) not in written

    def _national_whole(self, claim: ClaimSpec, others: Sequence[ClaimSpec]) -> ClaimSpec | None:
        """ "Nationwide the CDC counts 712 cases": a whole marker names a country's count, so a claim
        of places within one (Texas) is a part of another candidate claim of countries only (the US
        count), also when that claim does not exclude the part's places."""
        if not claim.scope.places or any(self._kind(p) == "country" for p in claim.scope.places):
            return None
        for other in others:
            places = other.scope.places
            if other.id != claim.id and places and all(self._kind(p) == "country" for p in places):
                return other
        return None

    def _kind(self, actor_id: str) -> str | None:
        try:
            return self._actors.kind(actor_id)
        except KeyError:
            return None

    def _is_place(self, actor_id: str) -> bool:
        try:
            return self._actors.kind(actor_id) in ("country", "place")
        except KeyError:  # "foreign", "own-side": markers, not watchlist actors
            return False

    def _place_weight(self, claim_id: str, weights: Mapping[str, int]) -> tuple[int, int]:
        """How often the article names the claim's places, then how early (``weights`` keeps the
        order of first mention): of two places named as often, the one of the lead is the story's
        ("Die Münchner Demo ..." before "am 3. Februar in Berlin")."""
        places = self._claims[claim_id].scope.places
        order = list(weights)
        first = min((order.index(place) for place in places if place in weights), default=len(order))
        return sum(weights.get(place, 0) for place in places), -first

    @staticmethod
    def _value_ok(claim: ClaimSpec, figure: Figure) -> bool:
        if claim.min_value is not None and figure.value < claim.min_value:
            return False
        return claim.max_value is None or figure.value <= claim.max_value

    def _actor_ok(
        self,
        claim: ClaimSpec,
        binding: Binding,
        sentence_actors: set[str],
        subjects: frozenset[str],
        sentence_owners: set[str],
        view: SentenceView,
        fig_first: int,
    ) -> bool:
        wanted = set(claim.actors)
        if not wanted:
            return True
        if binding.owners:
            return bool(binding.owners & wanted)
        if claim.actor_scope == "unit":
            return False
        if leading_organization(claim, view, self._actors, fig_first) is not None:
            return False  # "Bosch plans to shed 5,500 posts" in an article about Volkswagen
        if sentence_actors & wanted:
            return True
        if claim.actor_scope == "sentence":
            return False
        return bool(subjects & wanted) and not (sentence_owners - wanted)

    @staticmethod
    def _exclusions(
        view: SentenceView,
        terms: SentenceTerms,
        claim_id: str,
        fig_first: int,
        fig_last: int,
        other_figures: Sequence[tuple[int, int]],
    ) -> tuple[str, list[tuple[int, int]]]:
        """The exclusion words that exclude the figure ("" if none), and which exclusions of its
        clause belong to other figures?

        An exclusion ("a day", "killed or wounded") belongs to the nearest figure of its clause:
        "1,500 casualties a day, and total losses of 790,000" excludes only the 1,500."""
        start, end = clause_through_quotes(view.tokens, fig_first)
        own = ""
        others: list[tuple[int, int]] = []
        for match in terms.labelled(f"exclude:{claim_id}"):
            if not start <= match.first < end:
                continue
            distance = _gap(match.first, match.last, fig_first, fig_last)
            nearer = any(
                start <= first < end and _gap(match.first, match.last, first, last) < distance
                for first, last in other_figures
                if (first, last) != (fig_first, fig_last)
            )
            if nearer:
                others.append((match.first, match.last))
            else:
                own = own or " ".join(t.surface for t in view.tokens[match.first : match.last + 1])
        return own, others

    def _cue_distance(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        claim_id: str,
        first: int,
        last: int,
        ignore: Sequence[tuple[int, int]] = (),
    ) -> int | None:
        best: int | None = None
        tokens = view.tokens
        for match in terms.labelled(f"cue:{claim_id}"):
            if any(low <= match.first and match.last <= high for low, high in ignore):
                continue
            if in_conditional(tokens, match.first):
                continue  # "... whether they were linked to the deployment"
            if match.first > last and self._derived_participle(
                claim_id, tokens[match.first].norm, match.term
            ):
                # "1,500 troops moving toward the border": a participle the term index made of a
                # cue ("moved"), after the counted noun, says what the things were doing, not what
                # happened to them (before it, it does: "..., killing 9 people")
                continue
            if match.last >= first and match.first <= last:
                distance = 0
                shared = {m.label for m in terms.starting(match.first, "unit:")} - {f"unit:{claim_id}"}
                if shared:
                    # "24 hostages have been released": a cue that is the counted noun of other
                    # claims too names what is counted, not what happened to it; a verb cue wins
                    distance = NOUN_CUE_DISTANCE
            else:
                low, high = (match.last, first) if match.last < first else (last, match.first)
                distance = high - low
                distance += CLAUSE_PENALTY * sum(1 for t in tokens[low:high] if t.norm in CUE_BARRIERS)
            if distance <= CUE_RANGE and (best is None or distance < best):
                best = distance
        return best


def _gap(first: int, last: int, other_first: int, other_last: int) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    if last < other_first:
        return other_first - last
    if other_last < first:
        return first - other_last
    return 0


_PARTICIPLE = "ing"  # the English present participle; German and French forms never end so
