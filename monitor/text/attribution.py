"""Who says so? The source of a figure or statement in one sentence.

``Attributor.explicit`` finds the speaker a sentence names itself; the engine
carries a source over from earlier sentences when a sentence only points back
("demnach", "den Angaben zufolge", "hieß es", Konjunktiv I "habe ... entsandt",
"he said", a quotation without a speaker) - see ``carries``.

What counts as naming a source, in order of trust:

1. *citing*: "berichtete X unter Berufung auf Y", "X, citing Y", "X said Y had
   reported", "X rejected Y's count of 500": Y is where the figure comes from, so Y
   wins when Y is on the watchlist;
2. *speaker*: the subject of a reporting verb - "X sagte", "sagte X",
   "teilte X mit", "X said", "said X", "X told reporters", "X estimated",
   and the verbs of polarity ("X bestritt", "X denied");
3. *according*: "laut X", "nach Angaben von X", "X zufolge", "according to X";
4. a citing source that is only a name; then media of any role: outlets
   relay what others say, so a named origin beats the outlet that printed it.

Inside each role a person on the watchlist beats an organisation, which beats a
name that is not on the watchlist, which beats a country ("der ukrainische
Präsident Selenskyj" is zelensky, not ukraine). The subject of a verb is never
inside a prepositional phrase ("in der russischen Grenzregion") or a German
genitive attribute ("die Zahl der Nordkoreaner"), and "Nordkorea-Experte X"
is X, not North Korea. The engine passes the spans of the counted noun phrase
("12.000 nordkoreanische Soldaten") so they never become their own source.

The source value is the actor id for watchlist actors, otherwise the name as
written ("Frederic Spohr"), otherwise None.

The marker phrases ("laut X", "according to X", "X zufolge") and the end of the noun
phrase after them are found in ``source_markers.py``; what in a span can be a speaker is
decided in ``speaker_phrases.py``; which words are reporting verbs in ``reporting_verbs.py``.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from monitor.text.actors import Watchlist
from monitor.text.gender_forms import generic_form
from monitor.text.lang import grammar
from monitor.text.language import CLAUSE_BREAKS, SentenceView, Token
from monitor.text.polarity_object import COMPLEMENTIZERS
from monitor.text.reporting_verbs import governing_verb, is_reporting_verb
from monitor.text.source_markers import compound_source_stem, counts_its_owner, source_markers
from monitor.text.speaker_context import GENERIC_SPEAKERS, INDEFINITE, DescriptionIndex
from monitor.text.speaker_cues import (
    addressed,
    anaphoric_subject,
    refers_back,
    short_tail,
    speaker_colon,
)
from monitor.text.speaker_nationality import NationalityAdjectives, bare_genitive
from monitor.text.speaker_phrases import (
    Candidate,
    best,
    in_prepositional_phrase,
    is_expert_modifier,
    looks_adjective,
    modifies_a_thing,
    name_candidates,
    token_range,
)
from monitor.text.vocab_attribution import (
    ADVERBIAL_CONJUNCTIONS,
    AUXILIARIES,
    CLAUSE_ADVERBS,
    COUNT_SOURCES,
    DEMONSTRATIVES,
    DETERMINERS,
    KIND_RANK,
    POSSESSIVES,
    PRONOUN_SUBJECTS,
    RELATIVE_PRONOUNS,
    REPORTED_MOOD,
    REPORTED_MOOD_AS_WRITTEN,
    ROLE_ENDINGS,
    ROLE_RANK,
    SELF_REFERENCES,
    SPOKESPEOPLE,
    SUBJECT_BREAKS,
    UNNAMED_OFFICIALS,
)


@dataclass(frozen=True)
class Source:
    value: str
    actor_id: str | None
    kind: str
    role: str
    start: int  # the speaker's mention
    end: int
    phrase_start: int  # the whole phrase naming the speaker ("laut dem südkoreanischen Abgeordneten X")
    phrase_end: int


Spans = Sequence[tuple[int, int]]


class Attributor:
    def __init__(self, watchlist: Watchlist, country_codes: Mapping[str, str] | None = None) -> None:
        self._watchlist = watchlist
        self._descriptions_index = DescriptionIndex(
            watchlist.actor(actor_id) for actor_id in watchlist.actor_ids
        )
        self._nationalities = NationalityAdjectives(
            (watchlist.actor(a) for a in watchlist.actor_ids), country_codes
        )

    # -- public --------------------------------------------------------------

    def explicit(self, view: SentenceView, exclude: Spans = ()) -> Source | None:
        """The best source the sentence names itself, or None."""
        found: list[tuple[str, Candidate]] = []
        tokens = view.tokens
        folded = [token.norm for token in tokens]
        for index in range(len(tokens)):
            if index in view.quoted:
                continue
            for role, phrase_start, phrase_end, backwards in source_markers(view, folded, index):
                candidates = self._candidates(view, phrase_start, phrase_end, exclude, subject=False)
                possessive = folded[phrase_end - 1].endswith(("'s", "s'"))
                if possessive:
                    # "Norland disputed Sudland's count": the owner is the name the possessive ends
                    owners = [c for c in candidates if c.last == phrase_end - 1]
                    candidates = owners or candidates
                if possessive and counts_its_owner(folded, phrase_end - 1):
                    # "Syria's death toll" is Syria's dead, not Syria's count ("Syria's figures" are)
                    candidates = [c for c in candidates if c.kind not in ("country", "place")]
                pick = best(candidates, last=backwards)
                if pick is not None:
                    found.append((role, pick))
            if is_reporting_verb(view, folded, index):
                pick = self._verb_subject(view, index, exclude)
                if pick is not None:
                    # "X said Y had reported 90": what Y reported is where the figure comes from
                    # ("X's spokesman said the agency had counted": the agency is X's own, said before)
                    embedded = not pick.described and governing_verb(view, folded, index) is not None
                    found.append(("citing" if embedded else "speaker", pick))
        colon = speaker_colon(folded)
        if colon is not None and colon not in view.quoted:
            # "UN: Zahl der Toten steigt auf 12.300", "Police: three dead": a headline's speaker
            # a watchlist body or person only: "Türkei:" and "Los Angeles:" are where, not who
            named = [
                c
                for c in self._candidates(view, 0, colon, exclude, subject=True)
                if c.actor_id is not None and c.kind not in ("country", "place")
            ]
            pick = best(named, last=False)
            if pick is not None:
                found.append(("according", pick))
        return _choose(found)

    def speaker_of(self, view: SentenceView, index: int, exclude: Spans = ()) -> Source | None:
        """The subject of the verb that states the word at token ``index``: the word itself
        ("bestritt") or the nearest reporting verb of its clause ("nannte ... Fake News")."""
        folded = [token.norm for token in view.tokens]
        if index >= len(folded):
            return None
        start = end = index
        while start > 0 and folded[start - 1] not in SUBJECT_BREAKS:
            start -= 1
        while end < len(folded) and folded[end] not in SUBJECT_BREAKS:
            end += 1
        verbs = [i for i in range(start, end) if i not in view.quoted and is_reporting_verb(view, folded, i)]
        if not verbs:
            # "Der Rote Halbmond, dem die Zahl zugeschrieben wurde, hat sich distanziert": the verb's
            # subject stands before the relative clause that ends right before its clause
            relative = _relative_clause_start(view.tokens, start - 1) if start >= 2 else None
            antecedent = self._relative_antecedent(view, relative, exclude) if relative is not None else None
            if antecedent is not None and antecedent.actor_id is not None:
                return _choose([("speaker", antecedent)])
            return None
        pick = self._verb_subject(view, min(verbs, key=lambda i: abs(i - index)), exclude)
        return _choose([("speaker", pick)]) if pick is not None else None

    def named_in(self, view: SentenceView, first: int, end: int, exclude: Spans = ()) -> Source | None:
        """The speaker tokens [first, end) name, as a subject: the kept subject of a gapped clause
        ("... 100,000 and organisers 350,000"), whose verb is the one of the clause before."""
        pick = best(self._candidates(view, first, end, exclude, subject=True), last=False)
        return _choose([("speaker", pick)]) if pick is not None else None

    def carries(self, view: SentenceView) -> bool:
        """Does the sentence point back to an earlier speaker?"""
        folded = [token.norm for token in view.tokens]
        words = set(folded)
        if refers_back(folded, view.language):
            return True
        if words & REPORTED_MOOD.get(view.language, frozenset()):
            return True
        written = REPORTED_MOOD_AS_WRITTEN.get(view.language, frozenset())
        if written and any(token.surface.lower() in written for token in view.tokens):
            return True  # "würden vermisst": the folded form is the indicative "wurden"
        for index, word in enumerate(folded[:-1]):
            if word in POSSESSIVES and set(folded[index + 1 : index + 3]) & COUNT_SOURCES:
                return True  # "Its projections came down to 83 %": whose projections, said before
        if view.quoted:
            return True
        for index in range(len(folded)):
            if is_reporting_verb(view, folded, index):
                neighbours = set(folded[max(0, index - 2) : index + 3])
                if neighbours & PRONOUN_SUBJECTS or neighbours & {"the", "der", "die", "das"}:
                    return True
        return False

    def reports_the_sentence_before(self, view: SentenceView) -> bool:
        """ "Das sagte Sheriff X am Abend.", "Dies teilte die Behörde mit.": a demonstrative as the
        object of a reporting verb right after it makes the sentence before what was said."""
        positions = [i for i, token in enumerate(view.tokens) if token.is_word]
        if len(positions) < 3:
            return False
        first, verb = positions[0], positions[1]
        if view.tokens[first].norm not in DEMONSTRATIVES.get(view.language, frozenset()):
            return False
        folded = [token.norm for token in view.tokens]
        # "Das sagte X, die Zahl sei ...": a clause after it may say more; only a plain attribution
        # counts, or one with a clause of when or why ("Das teilte X mit, nachdem ...")
        breaks = [i for i in range(verb, len(view.tokens)) if view.tokens[i].norm in {",", ":", ";"}]
        if breaks and not (
            view.tokens[breaks[0]].norm == ","
            and breaks[0] + 1 < len(view.tokens)
            and view.tokens[breaks[0] + 1].norm in ADVERBIAL_CONJUNCTIONS
        ):
            return False
        return is_reporting_verb(view, folded, verb)

    def has_reporting_verb(self, view: SentenceView) -> bool:
        folded = [token.norm for token in view.tokens]
        return any(
            is_reporting_verb(view, folded, index) for index in range(len(folded)) if index not in view.quoted
        )

    def reporting_verbs(self, view: SentenceView) -> int:
        """How many reporting verbs the sentence has outside quotations."""
        folded = [token.norm for token in view.tokens]
        return sum(
            1
            for index in range(len(folded))
            if index not in view.quoted and is_reporting_verb(view, folded, index)
        )

    def points_back_strongly(self, view: SentenceView) -> bool:
        """ "Demnach ...", "Er sagte ...", "he said": worth following across a paragraph break."""
        folded = [token.norm for token in view.tokens]
        if {"demnach", "zufolge", "hiess", "heisst"} & set(folded):
            return True
        return any(
            is_reporting_verb(view, folded, index) and anaphoric_subject(folded, index)
            for index in range(len(folded))
        )

    def _verb_subject(self, view: SentenceView, index: int, exclude: Spans) -> Candidate | None:
        tokens = view.tokens
        start = index
        # Quotation marks and brackets inside a subject ("die Denkfabrik «ISW» (Washington)") do not end it.
        while start > 0 and tokens[start - 1].norm not in SUBJECT_BREAKS:
            start -= 1
        governing = governing_verb(view, [t.norm for t in tokens], index)
        if governing is not None:
            # "Viktor Sal said the Red Crescent had reported 90": the subject of "reported" is in
            # what "said" reports, after it (and its "that")
            start = governing + 1
            while start < index and tokens[start].norm in COMPLEMENTIZERS:
                start += 1
        before = self._candidates(view, start, index, exclude, subject=True)
        if before:
            return best(before, last=False)  # coordinated subjects: the first one named
        if start >= 2 and tokens[start - 1].norm == "," and tokens[start].norm in RELATIVE_PRONOUNS:
            # "AFAD, which on Monday reported 2,921 deaths": the noun the relative clause is about
            head = self._head_before(view, start - 1, exclude)
            if head is not None:
                return head
        # "AFAD, which ..., now says 3,549": an adverb alone does not make a clause before the verb;
        # nor does the auxiliary of a compound verb ("a déclaré")
        auxiliaries = AUXILIARIES.get(view.language, frozenset())
        pre_words = [
            t
            for t in tokens[start:index]
            if t.is_word and t.norm not in CLAUSE_ADVERBS and t.norm not in auxiliaries
        ]
        if grammar(view.language).subject_before_verb and pre_words and tokens[index].norm != "so":
            return None  # "officials said North Korea ...": what follows is the content
        if grammar(view.language).subject_before_verb and not short_tail(tokens, index):
            if start < 2 or tokens[start - 1].norm != ",":
                return None
            return self._appositive_subject(view, start - 1, exclude) or self._subject_before_aside(
                view, start - 1, exclude
            )
        end = index + 1
        while (
            end < len(tokens)
            and tokens[end].norm not in CLAUSE_BREAKS
            and tokens[end].norm
            not in {
                "dass",
                "that",
                "ob",
                "whether",
            }
        ):
            end += 1
        after = self._candidates(view, index + 1, end, exclude, subject=True)
        if after:
            return best(after, last=False)
        if pre_words or start < 2 or tokens[start - 1].norm != ",":
            return None
        if index + 1 < len(tokens) and tokens[index + 1].norm in PRONOUN_SUBJECTS | {
            "ich",
            "wir",
            "we",
            "i",
        }:
            return None  # "..., sagte er": the speaker is someone mentioned before
        return self._appositive_subject(view, start - 1, exclude) or self._subject_before_aside(
            view, start - 1, exclude
        )

    def _head_before(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
        """The short noun phrase right before ``comma`` (the antecedent of a relative clause)."""
        tokens = view.tokens
        head_start = comma
        while head_start > 0 and tokens[head_start - 1].norm not in CLAUSE_BREAKS and comma - head_start < 6:
            head_start -= 1
        found = self._candidates(view, head_start, comma, exclude, subject=True)
        # "Ada Marsh visited the Red Crescent, which said ...": the noun right before the comma
        adjacent = [c for c in found if c.last == comma - 1]
        return best(adjacent or found, last=True) if found else None

    def _subject_before_aside(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
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
        aside = self._candidates(view, aside_start, comma, exclude, subject=True)
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
        return best(self._candidates(view, head_start, head_end, exclude, subject=True) + aside, last=False)

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
        found = self._candidates(view, head_start, comma, exclude, subject=True)
        return best([c for c in found if c.kind != "media"], last=True)

    def _appositive_subject(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
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
        found = self._candidates(view, head_start, outer_start, exclude, subject=True)
        found += self._candidates(view, inner_start, comma, exclude, subject=True)
        return best(found, last=False)

    # -- candidates in a span ------------------------------------------------

    def _candidates(
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
            if token.norm in UNNAMED_OFFICIALS:
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


_BODIES = ("organization", "group")


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


def _choose(found: list[tuple[str, Candidate]]) -> Source | None:
    if not found:
        return None

    def rank(item: tuple[str, Candidate]) -> tuple[int, int, int, int]:
        role, candidate = item
        media = candidate.kind == "media"
        citing_name = role == "citing" and candidate.actor_id is None
        tier = 2 if media else (1 if citing_name else 0)
        return (tier, ROLE_RANK[role], KIND_RANK.get(candidate.kind, 2), candidate.first)

    role, best = min(found, key=rank)
    return Source(
        best.value,
        best.actor_id,
        best.kind,
        role,
        best.start,
        best.end,
        min(best.phrase_start, best.start),
        max(best.phrase_end, best.end),
    )
