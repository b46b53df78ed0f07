"""Is a statement an affirmation, a denial, or an admission that nothing is confirmed?

``PolarityClassifier.classify`` reads the tokens of one sentence and returns a
``Verdict`` (affirmed / denied / unconfirmed, with the cue's position) or None.
It knows cue words in German and English and reads them through negation:

=============================================  ===========
"bestätigte", "confirmed", "gaben ... zu"      affirmed
"nicht bestätigt", "did not confirm"           unconfirmed
"bestritt", "dementierte", "Falschmeldung"     denied
"did not deny", "nicht dementiert"             None (not denying is not affirming)
"weder bestätigt noch dementiert"              unconfirmed
"keine Beweise", "could not verify"            unconfirmed
"declined to comment", "äußerte sich nicht"    None (says nothing either way)
=============================================  ===========

Negation is looked for in the cue's clause (between commas, colons, dashes,
quotes): up to eight words before the cue, and - German verb-second order puts
"nicht" after the verb, "bestätigte die Berichte nicht" - anywhere after it in
German. "nicht nur" / "not only" is not a negation. Cues inside a conditional
clause ("Sollte sich das bestätigen", "if confirmed") or a question say nothing.

Pure: no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from monitor.text.attribution.vocab import PRONOUN_SUBJECTS
from monitor.text.lang import grammar
from monitor.text.polarity.object import confirms_count, opens_clause
from monitor.text.polarity.recall import is_recalled
from monitor.text.polarity.vocab import (
    ANAPHORS,
    CONDITIONAL,
    COPULAS,
    DEFINITE_DETERMINERS,
    HEDGES,
    LEXICON,
    LOCATIVES,
    NEGATING_DETERMINERS,
    NEGATORS,
    NOT_NEGATION_AFTER,
    OPEN_QUESTION,
    REFUSALS,
    SEPARABLE,
)
from monitor.text.spec import ClaimSpec, PolarityCues
from monitor.text.words.language import (
    CLAUSE_BREAKS,
    ActorMap,
    SentenceTerms,
    SentenceView,
    TermIndex,
    TermMatch,
    Token,
)
from monitor.text.words.normalize import fold

Polarity = Literal["affirmed", "denied", "unconfirmed"]


_NEGATION_WINDOW = 8


@dataclass(frozen=True)
class Verdict:
    polarity: Polarity
    first: int  # token index of the cue
    last: int
    negated: bool
    # framed as said earlier ("hatte zunächst bestritten", "had initially denied"): see recall.py
    recalled: bool = False


def clause_bounds(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """[start, end) of the clause around token ``index`` (punctuation-delimited)."""
    start = index
    while start > 0 and tokens[start - 1].norm not in CLAUSE_BREAKS:
        start -= 1
    end = index + 1
    while end < len(tokens) and tokens[end].norm not in CLAUSE_BREAKS:
        end += 1
    return start, end


def is_negated(tokens: Sequence[Token], first: int, last: int, language: str) -> bool:
    """Does a negator govern the words tokens[first..last] (same clause)?"""
    start, end = clause_bounds(tokens, first)
    before = range(max(start, first - _NEGATION_WINDOW), first)
    after = range(last + 1, end) if grammar(language).negation_follows else range(0)
    for position in (*before, *after):
        norm = tokens[position].norm
        if norm in NEGATORS or norm.endswith("n't"):
            following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
            if following in NOT_NEGATION_AFTER:
                continue
            return True
    return False


def in_conditional(tokens: Sequence[Token], index: int) -> bool:
    """Is token ``index`` inside an if-clause ("Sollte sich das bestätigen, ...")?"""
    start, _ = clause_bounds(tokens, index)
    while start < len(tokens) and not tokens[start].is_word:
        start += 1
    return start < len(tokens) and tokens[start].norm in CONDITIONAL


def is_question(tokens: Sequence[Token]) -> bool:
    return any(token.norm == "?" for token in tokens[-3:])


class PolarityClassifier:
    """The built-in lexicon plus a claim's own cues (``ClaimSpec.polarity``)."""

    def __init__(
        self,
        extra: PolarityCues | None = None,
        removed: PolarityCues | None = None,
        topic: Iterable[str] = (),
    ) -> None:
        self._index = TermIndex()
        # one-word topic terms, folded: a count of the topic affirms it (see polarity_object)
        self._topic = frozenset(fold(term).strip() for term in topic if " " not in term.strip())
        # ``removed`` switches built-in cues off for one claim ("refused" where refugees are refused
        # entry); compared folded, as the term index matches them
        off: dict[str, dict[str, set[str]]] = {}
        if removed is not None:
            for label, by_language in removed.model_dump().items():
                for language, terms in by_language.items():
                    off.setdefault(label, {})[language] = {fold(term).strip() for term in terms}
        for label, by_language in LEXICON.items():
            for language, terms in by_language.items():
                dropped = off.get(label, {}).get(language, set())
                self._index.add(label, language, [t for t in terms if fold(t).strip() not in dropped])
        if extra is not None:
            for label, by_language in (
                ("affirmed", extra.affirmed),
                ("denied", extra.denied),
                ("unconfirmed", extra.unconfirmed),
            ):
                for language, terms in by_language.items():
                    self._index.add(label, language, terms)

    def classify(self, tokens: Sequence[Token], language: str) -> Verdict | None:
        """The strongest polarity the sentence states, or None."""
        if is_question(tokens):
            return None
        matches = _longest(self._index.find(tokens, (language,)))
        verdicts = list(self._verdicts(tokens, matches, language))
        verdicts.extend(_separable_verdicts(tokens, language))
        if not verdicts:
            return None
        cues = frozenset(verdict.first for verdict in verdicts)
        verdicts = [_with_recall(tokens, verdict, language, cues) for verdict in verdicts]
        # What the sentence says now beats what it recalls ("Obwohl Moskau zunächst bestritten hatte,
        # räumte Peskow ein"); then a denial is the most newsworthy statement, then doubt, then
        # confirmation.
        rank = {"denied": 0, "unconfirmed": 1, "affirmed": 2}
        return min(verdicts, key=lambda verdict: (verdict.recalled, rank[verdict.polarity], verdict.first))

    def refuses(self, tokens: Sequence[Token], language: str) -> bool:
        """ "declined to comment", "lehnte einen Kommentar ab": the speaker says nothing either way."""
        matches = self._index.find(tokens, (language,))
        return any(m.label == "neutral" and _neutral_context(tokens, m.first, m.last) for m in matches)

    def _verdicts(
        self, tokens: Sequence[Token], matches: Iterable[TermMatch], language: str
    ) -> Iterable[Verdict]:
        matches = list(matches)
        silenced = {
            clause_bounds(tokens, match.first)
            for match in matches
            if match.label == "neutral" and _neutral_context(tokens, match.first, match.last)
        }
        for match in matches:
            if match.label == "neutral" or clause_bounds(tokens, match.first) in silenced:
                continue
            if in_conditional(tokens, match.first):
                continue
            if match.label in ("affirmed", "denied") and confirms_count(
                tokens, match.first, match.last, clause_bounds(tokens, match.first), language, self._topic
            ):
                continue  # "confirmed 10 cases": a figure's source, no position on the status
            negated = is_negated(tokens, match.first, match.last, language)
            if match.label == "unconfirmed":
                if not negated or _contains_negator(tokens, match.first, match.last):
                    yield Verdict("unconfirmed", match.first, match.last, negated)
            elif match.label == "affirmed":
                yield Verdict("unconfirmed" if negated else "affirmed", match.first, match.last, negated)
            elif match.label == "denied":
                if not negated:
                    yield Verdict("denied", match.first, match.last, False)
            elif match.label == "knowledge":
                # "ihm seien keine Soldaten bekannt", "not aware of any troops" (not "gab keine
                # Einzelheiten bekannt": that is announcing)
                if negated and _with_copula(tokens, match.first):
                    yield Verdict("unconfirmed", match.first, match.last, negated)
            elif match.label == "evidence":
                yield Verdict("unconfirmed" if negated else "affirmed", match.first, match.last, negated)


def _with_recall(tokens: Sequence[Token], verdict: Verdict, language: str, cues: frozenset[int]) -> Verdict:
    """Only positions (affirmed, denied) are marked recalled: "zunächst nicht bestätigt" usually means
    "not confirmed for now", and "unconfirmed" is no position anyway."""
    if verdict.polarity == "unconfirmed" or not is_recalled(
        tokens, verdict.first, verdict.last, language, cues
    ):
        return verdict
    return replace(verdict, recalled=True)


def _with_copula(tokens: Sequence[Token], index: int) -> bool:
    start, end = clause_bounds(tokens, index)
    return any(tokens[i].norm in COPULAS for i in range(start, end))


def _contains_negator(tokens: Sequence[Token], first: int, last: int) -> bool:
    return any(tokens[i].norm in NEGATORS for i in range(first, last + 1))


def _neutral_context(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A comment word silences its clause only when refused: "declined to comment", "kein Kommentar"."""
    start, end = clause_bounds(tokens, first)
    words = {tokens[i].norm for i in range(start, end)}
    return bool(words & REFUSALS) or is_negated(tokens, first, last, "de")


def _separable_verdicts(tokens: Sequence[Token], language: str) -> Iterable[Verdict]:
    separable = SEPARABLE.get(language, {})
    if not separable:
        return
    for index, token in enumerate(tokens):
        entry = separable.get(token.norm)
        if entry is None:
            continue
        at_clause_end = index + 1 >= len(tokens) or tokens[index + 1].norm in CLAUSE_BREAKS | {"."}
        if not at_clause_end:
            continue
        polarity, verbs = entry
        start, _ = clause_bounds(tokens, index)
        for verb_index in range(start, index):
            if tokens[verb_index].norm in verbs:
                if in_conditional(tokens, verb_index):
                    break
                negated = is_negated(tokens, verb_index, index - 1, language)
                if polarity == "affirmed":
                    yield Verdict("unconfirmed" if negated else "affirmed", verb_index, index, negated)
                elif not negated:
                    yield Verdict("denied", verb_index, index, False)
                break


def _longest(matches: list[TermMatch]) -> list[TermMatch]:
    """Drop matches inside a longer match ("bestätigt" inside "weder bestätigt noch dementiert")."""
    kept: list[TermMatch] = []
    for match in sorted(matches, key=lambda m: (m.first, -(m.last - m.first))):
        if kept and kept[-1].first <= match.first and match.last <= kept[-1].last:
            continue
        kept.append(match)
    return kept


_COMPLEMENT_OWNER = frozenset({"aus", "von", "des", "der", "from", "of"})


@dataclass(frozen=True)
class StatusObservation:
    claim: str
    polarity: Polarity
    needs_source: bool  # an assertion affirms only when someone is quoted making it
    span: tuple[int, int]  # article offsets of the topic's owner mention (never a source)
    cue: int | None = None  # token index of the polarity word: its verb's subject made the statement
    recalled: bool = False  # framed as an earlier statement (see recall.py)


class StatusRules:
    def __init__(self, claims: Sequence[ClaimSpec], actors: ActorMap) -> None:
        self._claims = [claim for claim in claims if claim.kind == "status"]
        self._actors = actors
        self._by_id = {claim.id: claim for claim in self._claims}
        self._classifiers = {
            claim.id: PolarityClassifier(
                claim.polarity,
                claim.polarity_remove,
                [term for terms in claim.topic.values() for term in terms],
            )
            for claim in self._claims
        }
        # the heads of each claim's compound topic terms, per language: built once, looked up per sentence
        self._heads = {
            claim.id: {language: _compound_heads(terms) for language, terms in claim.topic.items()}
            for claim in self._claims
        }

    @property
    def claim_ids(self) -> list[str]:
        return list(self._by_id)

    def head_references(self, view: SentenceView, named_before: Iterable[str]) -> list[TermMatch]:
        """Topic matches for the head of a compound topic named earlier in the article: after "die
        Feuerpause", "die Pause" is the same thing (languages that build compounds only)."""
        if not grammar(view.language).compounds:
            return []
        found: list[TermMatch] = []
        for claim_id in named_before:
            if claim_id not in self._heads:
                continue
            heads = self._heads[claim_id].get(view.language, frozenset())
            for index, token in enumerate(view.tokens[1:], start=1):
                # a definite noun: a back-reference names a thing already known ("die Pause")
                if (
                    token.norm in heads
                    and token.surface[:1].isupper()
                    and view.tokens[index - 1].norm in DEFINITE_DETERMINERS
                ):
                    found.append(TermMatch(f"topic:{claim_id}", view.language, token.norm, index, index))
        return found

    def observe(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        sentence_actors: set[str],
        subjects: frozenset[str],
        topic_before: Callable[[str], bool],
    ) -> tuple[list[StatusObservation], set[str]]:
        """Status statements of the sentence, and the claims whose topic it is about.

        ``topic_before(claim)`` tells whether the previous sentence was about the claim's topic
        (for "Peskow nannte die Berichte eine Falschmeldung")."""
        out: list[StatusObservation] = []
        about_claims: set[str] = set()
        question = is_question(view.tokens)
        for claim in self._claims:
            about, owner_span = self.about(view, terms, claim.id, sentence_actors, subjects)
            if about:
                about_claims.add(claim.id)
            if question or not (about or (topic_before(claim.id) and _anaphoric(view.tokens))):
                continue
            verdict = self._classifiers[claim.id].classify(view.tokens, view.language)
            if not about:
                if verdict is not None:
                    out.append(
                        StatusObservation(
                            claim.id, verdict.polarity, False, (0, 0), verdict.first, verdict.recalled
                        )
                    )
                continue
            named = bool(sentence_actors & set(claim.actors))
            # only asked when no cue gave a verdict (the branches below)
            refuses = verdict is None and self._classifiers[claim.id].refuses(view.tokens, view.language)
            if verdict is not None:
                out.append(
                    StatusObservation(
                        claim.id, verdict.polarity, False, owner_span, verdict.first, verdict.recalled
                    )
                )
            elif (
                (named or _has_pronoun_subject(view.tokens))
                and not refuses
                and (negator := _negated_mention(view, terms, claim)) is not None
            ):
                # "There will be no ceasefire, he said": a speaker who says the thing does not
                # exist denies it (a source is still required: a report's own "no deal yet" is none)
                out.append(StatusObservation(claim.id, "denied", True, owner_span, negator))
            elif named and not refuses and self._leaves_open(view, terms, claim):
                out.append(StatusObservation(claim.id, "unconfirmed", True, owner_span))
            elif named and not refuses and self._asserts_event(view, terms, claim):
                out.append(StatusObservation(claim.id, "affirmed", True, owner_span))
        return out, about_claims

    def about(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        claim_id: str,
        sentence_actors: set[str],
        subjects: frozenset[str],
    ) -> tuple[bool, tuple[int, int]]:
        """Is the sentence about the claim's topic and actor? Also the topic owner's span."""
        claim = self._by_id[claim_id]
        topics = terms.labelled(f"topic:{claim.id}")
        if not topics:
            return False, (0, 0)
        wanted = set(claim.actors)
        own_span = (0, 0)
        foreign_only = True
        for match in topics:
            near = self._near_owners(view, terms, match.first, match.last)
            if not near or near & wanted:
                foreign_only = False
            own_span = self._adjacent_owner(view, match.first, match.last, wanted) or own_span
        if foreign_only:
            return False, (0, 0)
        if sentence_actors & wanted:
            return True, own_span
        # "Russia dismissed reports of a deployment": Russia speaks, the deployment is the subject's
        return bool(subjects & wanted), own_span

    def _adjacent_owner(
        self, view: SentenceView, first: int, last: int, wanted: set[str]
    ) -> tuple[int, int] | None:
        """The claim actor's mention that is part of the topic phrase ("nordkoreanischer Truppen",
        "Truppen Nordkoreas", "troops from North Korea"): it says whose troops, not who speaks."""
        tokens = view.tokens
        lo = tokens[max(0, first - 1)].start
        hi_index = min(
            len(tokens) - 1,
            last + (2 if last + 1 < len(tokens) and tokens[last + 1].norm in _COMPLEMENT_OWNER else 1),
        )
        hi = tokens[hi_index].end
        for hit in view.hits:
            if lo <= hit.start < hi and self._actors.lineage(hit.actor_id) & wanted:
                return (hit.start, hit.end)
        return None

    def _near_owners(self, view: SentenceView, terms: SentenceTerms, first: int, last: int) -> set[str]:
        """Nationalities right before a topic word ("russische Soldaten") or in it ("Nordkoreaner")."""
        owners: set[str] = set()
        tokens = view.tokens
        lo = max(0, first - 2)
        for hit in view.hits:
            if tokens[lo].start <= hit.start < tokens[last].end and not _after_locative(tokens, hit.start):
                owners.update(self._actors.lineage(hit.actor_id))
        for position in range(lo, last + 1):
            if terms.starting(position, "foreign"):
                owners.add("foreign")
        return owners

    @staticmethod
    def _asserts_event(view: SentenceView, terms: SentenceTerms, claim: ClaimSpec) -> bool:
        tokens = view.tokens
        if any(token.norm in HEDGES for token in tokens):
            return False
        for match in terms.labelled(f"cue:{claim.id}"):
            if in_conditional(tokens, match.first) or _open_question(tokens, match.first) is not None:
                continue
            if not is_negated(tokens, match.first, match.last, view.language):
                return True
        return False

    @staticmethod
    def _leaves_open(view: SentenceView, terms: SentenceTerms, claim: ClaimSpec) -> bool:
        """ "was unable to say whether the boat was towed", "konnte nicht sagen, ob ...": the speaker
        says the event is not established (only an open question under a negated saying counts)."""
        tokens = view.tokens
        for match in terms.labelled(f"cue:{claim.id}"):
            opener = _open_question(tokens, match.first)
            if opener is None:
                continue
            start = max(0, opener - _OPEN_QUESTION_REACH)
            if any(
                tokens[i].norm in NEGATORS or tokens[i].norm.endswith("n't") for i in range(start, opener)
            ):
                return True
        return False


_OPEN_QUESTION_REACH = 5  # "could not say whether": how far before "whether" a negation may stand


def _open_question(tokens: Sequence[Token], index: int) -> int | None:
    """Index of the "whether"/"ob" whose clause holds token ``index`` ("unsure whether the boat was
    towed", "offen, ob es eine Einigung gibt"): what follows it is asked, not asserted."""
    start, _ = clause_bounds(tokens, index)
    for position in range(index - 1, start - 1, -1):
        if tokens[position].norm in OPEN_QUESTION:
            return position
    return None


_DETERMINER_REACH = 3  # "no bilateral returns agreement": words between the determiner and the noun


def _negated_mention(view: SentenceView, terms: SentenceTerms, claim: ClaimSpec) -> int | None:
    """Token index of a negating determiner that opens a mention of the claim's topic or event ("no
    ceasefire", "keine Einigung", "no attempt to tow"), outside a conditional or question; or None."""
    tokens = view.tokens
    for match in (*terms.labelled(f"topic:{claim.id}"), *terms.labelled(f"cue:{claim.id}")):
        if in_conditional(tokens, match.first):
            continue
        start, _ = clause_bounds(tokens, match.first)
        for index in range(max(start, match.first - _DETERMINER_REACH), match.first):
            if tokens[index].norm in NEGATING_DETERMINERS:
                return index
    return None


def _has_pronoun_subject(tokens: Sequence[Token]) -> bool:
    """ "..., he told donors": a pronoun may stand for a speaker named in an earlier sentence."""
    return any(token.norm in PRONOUN_SUBJECTS for token in tokens)


_MIN_HEAD = 5  # "Pause" of "Feuerpause"; shorter tails ("Ruhe" and less) are too often other words
_MIN_STEM = 4


def _compound_heads(terms: Iterable[str]) -> frozenset[str]:
    """Folded tails of one-word topic terms that may be words of their own: every tail of at least
    ``_MIN_HEAD`` letters after a stem of at least ``_MIN_STEM`` ("feuerpause" -> "pause", "rpause");
    a tail that is no word never matches a token, so listing them all needs no dictionary."""
    heads: set[str] = set()
    for term in terms:
        word = fold(term).strip()
        if " " in word or "-" in word:
            continue
        for cut in range(_MIN_STEM, len(word) - _MIN_HEAD + 1):
            heads.add(word[cut:])
    return frozenset(heads)


def _after_locative(tokens: Sequence[Token], start: int) -> bool:
    """ "Angriffe in El Geneina", "attacks in Kharkiv": a place after a locative says where, not whose."""
    index = bisect_left([token.start for token in tokens], start)
    return index > 0 and tokens[index - 1].norm in LOCATIVES


def _anaphoric(tokens: Sequence[Token]) -> bool:
    """Does the sentence point back to what the one before said ("Moskau wies das zurück")? Only
    before a semicolon: after one, "das" points to the clause before it ("Die Armee meldete
    Gewinne; bestätigen ließ sich das nicht")."""
    for index, token in enumerate(tokens):
        if token.norm == ";":
            return False
        if token.norm in ANAPHORS and not opens_clause(tokens, index):
            return True
    return False
