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
decided in ``speaker_candidates.py`` (with ``speaker_phrases.py``); subjects before an aside
("Peskov, the Kremlin spokesman, said") in ``speaker_asides.py``; which words are reporting
verbs in ``reporting_verbs.py``.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from monitor.text.actors.find import Watchlist
from monitor.text.attribution.asides import AsideSubjects
from monitor.text.attribution.candidates import SpeakerCandidates
from monitor.text.attribution.reporting_verbs import governing_verb, is_reporting_verb
from monitor.text.attribution.source_markers import counts_its_owner, source_markers
from monitor.text.attribution.speaker_cues import (
    anaphoric_subject,
    refers_back,
    short_tail,
    speaker_colon,
)
from monitor.text.attribution.speaker_phrases import Candidate, best
from monitor.text.attribution.vocab import (
    ADVERBIAL_CONJUNCTIONS,
    AUXILIARIES,
    CLAUSE_ADVERBS,
    COUNT_SOURCES,
    COUNTED_OWNER_NOUNS,
    DEMONSTRATIVES,
    KIND_RANK,
    POSSESSIVES,
    PRONOUN_SUBJECTS,
    RELATIVE_PRONOUNS,
    REPORTED_MOOD,
    REPORTED_MOOD_AS_WRITTEN,
    ROLE_RANK,
    SUBJECT_BREAKS,
)
from monitor.text.lang import grammar
from monitor.text.polarity.object import COMPLEMENTIZERS
from monitor.text.words.language import CLAUSE_BREAKS, SentenceView


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
        self._speakers = SpeakerCandidates(watchlist, country_codes)
        self._asides = AsideSubjects(self._speakers)

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
                candidates = self._speakers.candidates(view, phrase_start, phrase_end, exclude, subject=False)
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
                for c in self._speakers.candidates(view, 0, colon, exclude, subject=True)
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
            antecedent = self._asides.antecedent_before_relative(view, start, exclude)
            return _choose([("speaker", antecedent)]) if antecedent is not None else None
        verb = min(verbs, key=lambda i: abs(i - index))
        pick = self._verb_subject(view, verb, exclude)
        rules = grammar(view.language)
        if pick is None and rules.subject_before_verb and not rules.verb_second:
            # "... walked out after union members rejected the offer": who rejected it
            pick = self._asides.subordinate_subject(view, start, verb, exclude)
        return _choose([("speaker", pick)]) if pick is not None else None

    def named_in(self, view: SentenceView, first: int, end: int, exclude: Spans = ()) -> Source | None:
        """The speaker tokens [first, end) name, as a subject: the kept subject of a gapped clause
        ("... 100,000 and organisers 350,000"), whose verb is the one of the clause before."""
        pick = best(self._speakers.candidates(view, first, end, exclude, subject=True), last=False)
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

    def gives_the_figure(self, view: SentenceView) -> bool:
        """ "Spokesman X gave the figure to reporters", "X confirmed those numbers": a reporting verb
        whose object points back at a count says who gave the figure of the sentence before."""
        folded = [token.norm for token in view.tokens]
        return any(
            index not in view.quoted
            and folded[index + 1] in _POINTING_BACK
            and folded[index + 2] in _COUNT_WORDS
            and is_reporting_verb(view, folded, index)
            for index in range(len(folded) - 2)
        )

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
        # "OCHA, the UN office that ..., has adopted the WHO's count and says": not the WHO
        predicate_subject = self._asides.subject_before_predicate(view, start, index, exclude)
        if predicate_subject is not None:
            return predicate_subject
        before = self._speakers.candidates(view, start, index, exclude, subject=True)
        if before:
            return best(before, last=False)  # coordinated subjects: the first one named
        if start >= 2 and tokens[start - 1].norm == "," and tokens[start].norm in RELATIVE_PRONOUNS:
            # "AFAD, which on Monday reported 2,921 deaths": the noun the relative clause is about
            head = self._asides.head_before(view, start - 1, exclude)
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
            return self._before_aside(view, start - 1, exclude)
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
        after = self._speakers.candidates(view, index + 1, end, exclude, subject=True)
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
        return self._before_aside(view, start - 1, exclude)

    def _before_aside(self, view: SentenceView, comma: int, exclude: Spans) -> Candidate | None:
        """ "Peskov, the Kremlin spokesman, said", "Yonhap, citing military sources, said"."""
        return self._asides.appositive_subject(view, comma, exclude) or self._asides.subject_before_aside(
            view, comma, exclude
        )


# "gave the figure", "confirmed those numbers": a count the sentence before gave
_POINTING_BACK = frozenset({"the", "this", "that", "these", "those"})
_COUNT_WORDS = COUNT_SOURCES | COUNTED_OWNER_NOUNS

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
