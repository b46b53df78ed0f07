"""What in a token span can be a source: the candidates ``attribution.py`` ranks.

A span may name a speaker by a watchlist hit ("the Red Crescent", with a spokesperson of a body
speaking for it and "officials in Kestrel Bay" for the body governing that place), by a
nationality adjective ("der ukrainische Präsident"), by a capitalised name that is not on the
watchlist ("Frederic Spohr"), or, only when it names no one, by a description ("the agency",
"die Behörde", "police", "the spokeswoman", "the company").

Split from ``attribution.py``, which decides where in a sentence a speaker may stand and which
of the candidates found there wins.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from monitor.text.actors.find import Watchlist
from monitor.text.attribution.nationality import NationalityAdjectives, bare_genitive
from monitor.text.attribution.source_markers import compound_source_stem
from monitor.text.attribution.speaker_context import GENERIC_SPEAKERS, INDEFINITE, DescriptionIndex
from monitor.text.attribution.speaker_cues import addressed
from monitor.text.attribution.speaker_phrases import (
    Candidate,
    in_prepositional_phrase,
    is_expert_modifier,
    looks_adjective,
    modifies_a_thing,
    name_candidates,
    token_range,
)
from monitor.text.attribution.vocab import (
    BODY_NOUNS,
    DETERMINERS,
    POSSESSIVES,
    ROLE_NOUNS,
    SELF_REFERENCES,
    SPOKESPEOPLE,
    UNNAMED_OFFICIALS,
)
from monitor.text.lang import grammar
from monitor.text.words.gender_forms import generic_form
from monitor.text.words.language import SentenceView, Token

Spans = Sequence[tuple[int, int]]


class SpeakerCandidates:
    """The speakers a span of a sentence may name, for one watchlist."""

    def __init__(self, watchlist: Watchlist, country_codes: Mapping[str, str] | None = None) -> None:
        self._watchlist = watchlist
        self._descriptions_index = DescriptionIndex(
            watchlist.actor(actor_id) for actor_id in watchlist.actor_ids
        )
        self._nationalities = NationalityAdjectives(
            (watchlist.actor(a) for a in watchlist.actor_ids), country_codes
        )

    def candidates(
        self, view: SentenceView, first: int, end: int, exclude: Spans, subject: bool
    ) -> list[Candidate]:
        if first >= end:
            return []
        tokens = view.tokens
        span_start, span_end = tokens[first].start, tokens[end - 1].end
        out: list[Candidate] = []
        covered: set[int] = set()
        for hit in view.hits:
            if hit.start < span_start or hit.end > span_end:
                if hit.start < span_end and hit.end > span_start:
                    # a name cut by the span's edge ("[der Libysche] Rote Halbmond"): no part of it
                    # is a name of its own
                    cut = token_range(tokens, max(hit.start, span_start), min(hit.end, span_end), first, end)
                    covered.update(range(cut[0], cut[1] + 1))
                continue
            if any(a <= hit.start < b or a < hit.end <= b for a, b in exclude):
                continue
            hit_first, hit_last = token_range(tokens, hit.start, hit.end, first, end)
            covered.update(range(hit_first, hit_last + 1))
            if is_expert_modifier(view, hit, hit_first, hit_last):
                continue
            if subject and (in_prepositional_phrase(view, hit_first) or bare_genitive(view, hit, hit_first)):
                continue
            kind = self._watchlist.actor(hit.actor_id).kind
            if subject and kind == "country" and modifies_a_thing(view, hit, hit_last):
                continue  # "Die russischen Verluste schätzt Kiew": the losses do not speak
            actor_id = hit.actor_id
            principal = self._watchlist.speaks_for(actor_id)
            if kind == "person" and principal is not None and self._owned_spokesperson(view, hit_first):
                actor_id, kind = principal, self._watchlist.actor(principal).kind
            if kind in ("country", "place") and _after_officials_in(tokens, hit_first):
                # "officials in Kestrel Bay said": the body named for that place, if any
                body = self._descriptions_index.governing_body(actor_id, view.context)
                if body is not None:
                    actor_id, kind = body, self._watchlist.actor(body).kind
            out.append(Candidate(actor_id, actor_id, kind, hit.start, hit.end, hit_first, hit_last))
        out.extend(
            Candidate(
                actor_id, actor_id, self._watchlist.actor(actor_id).kind, start, stop, position, position
            )
            for actor_id, start, stop, position in self._nationalities.speakers(
                view, first, end, covered, exclude
            )
            if not (subject and in_prepositional_phrase(view, position))
        )
        out.extend(
            self._name_with_head(view, c)
            for c in name_candidates(view, first, end, covered, exclude, subject)
            if not addressed(view, c)
        )
        if not out:  # a description is the speaker only when the span names no one
            out.extend(self._descriptions(view, first, end, covered, exclude, subject))
        out.sort(key=lambda c: c.first)
        return [
            Candidate(
                c.value,
                c.actor_id,
                c.kind,
                c.start,
                c.end,
                c.first,
                c.last,
                span_start,
                span_end,
                c.described,
            )
            for c in out
        ]

    @staticmethod
    def _owned_spokesperson(view: SentenceView, first: int) -> bool:
        """ "ihr Sprecher Derek Owens", "Qatar's foreign ministry spokesman X": a spokesperson
        introduced as someone's speaks for that body, not as a person of their own ("Spokesman X
        said" does)."""
        tokens = view.tokens
        if first < 2 or tokens[first - 1].norm not in SPOKESPEOPLE:
            return False
        for position in range(first - 2, max(-1, first - 6), -1):
            token = tokens[position]
            if not token.is_word:
                return False
            if token.norm in POSSESSIVES or token.surface.endswith(("'s", "’s")):
                return True
        return False

    def _name_with_head(self, view: SentenceView, candidate: Candidate) -> Candidate:
        """ "UN mission" is the watchlist's mission, "Arab diplomats" the diplomats: a name right
        before a speaker noun only says whose the speaker is."""
        after = candidate.last + 1
        if after >= len(view.tokens) or after in view.quoted:
            return candidate
        head = view.tokens[after]
        if not head.is_word or head.capitalized != grammar(view.language).nouns_capitalized:
            return candidate
        actor_id, is_speaker = self._descriptions_index.resolve(head.norm, view.context)
        if not is_speaker:
            return candidate
        if actor_id is not None:
            kind = self._descriptions_index.kind(actor_id)
            return Candidate(actor_id, actor_id, kind, candidate.start, head.end, candidate.first, after)
        text = view.text[candidate.start - view.start : head.end - view.start]
        return Candidate(text, None, "name", candidate.start, head.end, candidate.first, after)

    def _descriptions(
        self, view: SentenceView, first: int, end: int, named: set[int], exclude: Spans, subject: bool
    ) -> list[Candidate]:
        """ "the agency", "die Behörde", "police", "the spokeswoman": a speaker by description."""
        found: list[Candidate] = []
        tokens = view.tokens
        for position in range(first, end):
            token = tokens[position]
            if position in named or not token.is_word or position in view.quoted:
                continue
            if any(a <= token.start < b for a, b in exclude):
                continue
            if subject and in_prepositional_phrase(view, position):
                continue
            spokesperson = self._spokesperson_of_compound(view, position)
            if spokesperson is not None:
                found.append(spokesperson)  # "sagt eine Konzernsprecherin": the company speaks
                continue
            if position > 0 and tokens[position - 1].norm in INDEFINITE:
                continue  # "ein Sprecher", "a spokesman": someone, not the body named before
            if position > 0 and tokens[position - 1].norm in SELF_REFERENCES:
                continue  # "a tally compiled by this agency", "unserer Agentur": the outlet itself
            actor_id: str | None
            named_before = self._named_before(view, position)
            if named_before is not None:
                actor_id, is_speaker = named_before, True
            elif token.norm in UNNAMED_OFFICIALS:
                # "health officials", "the authorities": a body the article named, else no one
                before = tokens[position - 1] if position > 0 else None
                modifier = (
                    before.norm
                    if before is not None and before.is_word and before.norm not in DETERMINERS
                    else None
                )
                actor_id = self._descriptions_index.officials(modifier, view.context)
                is_speaker = actor_id is not None
            elif token.norm in SPOKESPEOPLE:
                # "the spokeswoman" speaks for the body the article named last
                actor_id = next(
                    (
                        a
                        for a in view.context
                        if self._descriptions_index.kind(a) in ("organization", "group")
                    ),
                    None,
                )
                is_speaker = actor_id is not None
            else:
                stem = compound_source_stem(token.norm)  # "nach Gewerkschaftsangaben": the union
                present = _places_in(view)
                actor_id, is_speaker = self._descriptions_index.resolve(
                    stem or token.norm, view.context, present, view.article_actors
                )
            if not is_speaker:
                continue
            value = actor_id or (token.surface[: len(stem)] if stem else _with_modifier(tokens, position))
            if actor_id is None and not stem:
                # "Veranstalterinnen und Veranstalter", "Organisator:innen": the group by its generic name
                generic = generic_form(token.surface, token.norm, GENERIC_SPEAKERS)
                value = _with_modifier(tokens, position, generic) if generic else value
            kind = self._descriptions_index.kind(actor_id) if actor_id else "name"
            found.append(
                Candidate(value, actor_id, kind, token.start, token.end, position, position, described=True)
            )
        return found

    def _spokesperson_of_compound(self, view: SentenceView, position: int) -> Candidate | None:
        """ "eine Konzernsprecherin", "ein Regierungssprecher": the body the compound's first part
        describes (the watchlist's, else the usual speaker as written: "Polizei")."""
        token = view.tokens[position]
        resolved = self._descriptions_index.resolve_spokesperson(
            token.norm, view.context, _places_in(view), view.article_actors
        )
        if resolved is None:
            return None
        actor_id, owner = resolved
        value = actor_id or token.surface[: len(owner)]
        kind = self._descriptions_index.kind(actor_id) if actor_id else "name"
        return Candidate(value, actor_id, kind, token.start, token.end, position, position, described=True)

    def _named_before(self, view: SentenceView, position: int) -> str | None:
        """ "the company said", "the organisation said": the body the article named before;
        "the chief executive told employees", "the minister said": the person it named before.
        Only a bare definite description refers back ("the police chief" is the police, "the
        director of the hospital" someone the article introduces there)."""
        tokens = view.tokens
        norm = tokens[position].norm
        after = tokens[position + 1].norm if position + 1 < len(tokens) else ""
        if after in _POSTMODIFIERS:
            return None
        if norm in BODY_NOUNS and _after_the(tokens, position, frozenset()):
            return self._descriptions_index.body_before(view.context)
        if norm in ROLE_NOUNS and _after_the(tokens, position, ROLE_NOUNS):
            return self._descriptions_index.person_before(view.context)
        return None


_POSTMODIFIERS = frozenset({"of", "for", "at", "in"})


def _after_the(tokens: Sequence[Token], position: int, also: frozenset[str]) -> bool:
    """Does "the" open the noun phrase ending at ``position``, with only words of ``also``
    between ("the chief executive")?"""
    before = position - 1
    while before >= 0 and tokens[before].norm in also:
        before -= 1
    return before >= 0 and tokens[before].norm == "the"


def _after_officials_in(tokens: Sequence[Token], first: int) -> bool:
    return first >= 2 and tokens[first - 1].norm == "in" and tokens[first - 2].norm in UNNAMED_OFFICIALS


def _places_in(view: SentenceView) -> set[str]:
    """Actors the sentence names after "in" ("die Toten in Thailand"): where it happens, so of
    several bodies a description fits, the one speaking for that place."""
    found: set[str] = set()
    for hit in view.hits:
        before = [token for token in view.tokens if token.end <= hit.start]
        if before and before[-1].norm in ("in", "im"):
            found.add(hit.actor_id)
    return found


def _with_modifier(tokens: Sequence[Token], position: int, head: str | None = None) -> str:
    """A speaker as written with the adjective before it: "arabische Diplomaten", "Arab diplomats"
    (not "Diplomaten": whose diplomats is part of who speaks); ``head`` for the word itself."""
    first = position
    if position > 0:
        before = tokens[position - 1]
        if before.is_word and (position == 1 or not before.capitalized) and looks_adjective(before.norm):
            first = position - 1
    words = [token.surface for token in tokens[first:position]]
    return " ".join([*words, head or tokens[position].surface])
