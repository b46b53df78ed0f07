"""Turn figures and statements of one sentence into observations of tracked claims.

Figures (``FigureRules.observe``). A number found by ``numbers.find_figures``
belongs to a figure claim when

1. **a unit attaches to it**: the noun right after it, maybe behind adjectives
   and a nationality ("12.000 nordkoreanische Soldaten", "10,000 North Korean
   troops"); a measure word with a complement ("drei Millionen Schuss für
   Artilleriegranaten", "500,000 rounds of rocket artillery"); a bare number
   whose unit came earlier in the clause ("die Zahl der Gefallenen liegt bei
   etwa 600", "the number of troops rose to 11,000"); or an elliptic "3500
   weitere" / "another 3,500" that repeats the unit of the previous figure;
   or a vague number as a noun of its own ("Zehntausende demonstrierten"), which counts
   people (``figure_people``).
   A number followed by a noun that is no unit counts something else
   ("vier Brigaden", "40.000 Euro") and is dropped;
2. **the counted things belong to the claim's actor**: a nationality inside
   the counted noun phrase decides ("russische Soldaten" are never North
   Korean; "Soldaten aus Nordkorea", "Nordkoreas Soldaten", "Nordkoreaner");
   without one, the actor must be in the sentence (sources excluded), or -
   ``actor_scope: article`` - be the article's subject while no other country
   is in the sentence;
3. **a cue says what happened**: the claim with the nearest cue wins
   ("getötet" vs "verwundet" vs "entsandt"); cues further away count less
   across commas;
4. **nothing in the number's clause excludes it** ("pro Tag", "killed or
   wounded" for a killed-only claim), and the value is in the claim's range.

Statements (``StatusRules.observe``): a sentence about a status claim's topic
("Truppen", "deployment") and actor is classified by ``polarity``; an
attributed assertion of the event ("X sagte, Nordkorea habe Truppen
entsandt") affirms. A sentence that only says "bestritt die Berichte" inherits
the topic of the sentence before it.

A figure repeated from an earlier report is still an observation here: the
claim history decides whether it is news.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.text.figures.choice import FigureChoice
from monitor.text.figures.context import (
    Binding,
    clause_through_quotes,
    coordinated_figure_end,
    ends_phrase,
    is_bare,
    joins_modifiers,
    modifies_a_speaker,
    partitive_before,
    partitive_reference,
)
from monitor.text.figures.count_nouns import (
    OTHER_SENSE_LABEL,
    OTHER_SENSES,
    specific_unit,
    unit_count_phrases,
)
from monitor.text.figures.people import PeopleCounts
from monitor.text.figures.rates import rate_at
from monitor.text.figures.verb_clause import (
    agent_nouns,
    cue_verb_subject,
    generic_unit,
    present_participles,
    verb_cue_claims,
)
from monitor.text.figures.vocab import (
    COMPLEMENT_OWNER,
    COMPLEMENT_TYPE,
    COUNT_NOUNS,
    DESTINATIONS,
    DETERMINERS,
    ELLIPSIS,
    FOREIGN,
    MEASURE_WORDS,
    MODIFIER_STOP,
    PREPOSITIONS,
    SHARE_WORDS,
)
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.polarity.vocab import COPULAS
from monitor.text.spec import ClaimSpec
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

_LEXICON = lexicon()


def compile_terms(claims: Sequence[ClaimSpec]) -> TermIndex:
    index = TermIndex()
    for language, terms in MEASURE_WORDS.items():
        index.add("measure", language, terms)
    for language, terms in COUNT_NOUNS.items():
        index.add("count", language, terms)
    for language, terms in FOREIGN.items():
        index.add("foreign", language, terms)
    for language, terms in OTHER_SENSES.items():
        index.add(OTHER_SENSE_LABEL, language, terms)
    for claim in claims:
        for field_name, by_language in (
            ("unit", claim.units),
            ("complement", claim.complements),
            ("cue", claim.cues),
            ("exclude", claim.exclude),
            ("topic", claim.topic),
        ):
            for language, written in by_language.items():
                terms = list(written)  # the user's own words
                built_in: list[str] = []  # what the engine adds to them
                if field_name == "cue" and grammar(language).verb_second:
                    built_in += _split_participles(terms)
                if field_name in ("unit", "cue"):
                    built_in += _event_nouns(claim, language)
                if field_name == "unit":
                    built_in += _count_phrases(claim, language, [*terms, *built_in])
                if field_name == "cue":
                    # "the death toll rose to 41", "the case count stands at 388": the count of a unit
                    # only this claim counts says what happened as well as a cue would ("people
                    # count" could count the missing too, so a shared unit's count is no cue)
                    own = [
                        u for u in claim.units.get(language, []) if specific_unit(claim, language, u, claims)
                    ]
                    built_in += unit_count_phrases(language, own)
                    # "Rescuers pulled 104 people", "Protesters numbered 5,000": who does what a cue names
                    built_in += agent_nouns(claim, language) if claim.kind == "figure" else []
                    # "..., killing 9 people" for the cue "killed"
                    built_in += present_participles(terms, language) if claim.kind == "figure" else []
                label = f"{field_name}:{claim.id}"
                # finite and separated verb forms ("streicht", "baut ... ab") for a figure claim's own
                # verb cues only: the engine's nouns and phrases are matched as they are written
                index.add(label, language, terms, verb_forms=field_name == "cue" and claim.kind == "figure")
                index.add(label, language, [term for term in dict.fromkeys(built_in) if term not in terms])
    return index


def _count_phrases(claim: ClaimSpec, language: str, units: Sequence[str]) -> list[str]:
    """The count nouns of a claim's units are units too: a figure is most often named by its count
    ("the death toll rose to 2,100", "die Opferzahl stieg auf", "Teilnehmerzahl", "casualty figures")
    - by a cue phrase that names a count ("death toll", "Wahlbeteiligung"), or built from a unit:
    a compound in a compounding language ("Opfer" + "zahl", "Tote" + "n" + "zahl"), else the
    unit's singular before the count word ("deaths" -> "death toll")."""
    lexicon = _LEXICON.of(language) if _LEXICON.knows(language) else None
    if lexicon is None:
        return []
    heads = tuple(fold(word) for word in lexicon.figures.count_heads)
    found = [
        cue
        for cue in claim.cues.get(language, [])
        if fold(cue.split()[-1]).endswith(heads) and cue not in units
    ]
    return found + unit_count_phrases(language, units)


def _event_nouns(claim: ClaimSpec, language: str) -> list[str]:
    """The nouns that count what a claim's cues name ("killed" -> "fatalities", "lay off" ->
    "layoffs"): "Officials reported 72 fatalities", "3,500 layoffs" count the claim's things."""
    if not _LEXICON.knows(language):
        return []
    cues = {" ".join(fold(cue).split()) for cue in claim.cues.get(language, [])}
    found: list[str] = []
    for entry in _LEXICON.of(language).figures.event_nouns:
        if cues & set(entry.cues):
            found += [noun for noun in entry.nouns if noun not in found]
    return found


def _split_participles(terms: Sequence[str]) -> list[str]:
    """ "ums Leben gekommen" is also "kamen ... ums Leben": German main clauses move the verb away
    from its phrase, so a cue phrase ending in a participle also matches without it."""
    found = []
    for term in terms:
        words = term.split()
        last = words[-1].lower() if words else ""
        if len(words) >= 2 and last.startswith("ge") and last.endswith(("t", "en")) and len(last) > 4:
            found.append(" ".join(words[:-1]))
    return found


class FigureRules(FigureChoice):
    def __init__(self, claims: Sequence[ClaimSpec], actors: ActorMap) -> None:
        self._claims = {claim.id: claim for claim in claims if claim.kind == "figure"}
        self._actors = actors
        self._people = PeopleCounts(self._claims.values())

    def bind(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        fig_first: int,
        fig_last: int,
        previous: Binding | None,
    ) -> Binding | None:
        """The counted noun phrase of the figure spanning tokens fig_first..fig_last."""
        tokens = view.tokens
        owners: set[str] = set(self._possessive_owner(view, fig_first))
        if owners:
            fig_first -= 1  # the possessive belongs to the counted noun phrase
        position = fig_last + 1
        if position < len(tokens) and tokens[position].norm == '"' and position == fig_last + 1:
            position += 1  # «Tausende» nordkoreanische Soldaten
        position = _after_heading_colon(tokens, fig_first, position)
        if previous is not None and (
            partitive_reference(tokens, position) or partitive_before(tokens, fig_first)
        ):
            return Binding(previous.claims, previous.owners, fig_first, position)  # "2,000 of them"
        skipped = 0
        coordinator: int | None = None  # "300 getöteten und 2700 verwundeten Nordkoreanern"
        while position < len(tokens) and skipped <= 4:
            token = tokens[position]
            if token.norm in CLAUSE_BREAKS or token.norm == ".":
                break
            units = terms.starting(position, "unit:")
            if units:
                last = max(m.last for m in units)
                claim_ids = {m.label.split(":", 1)[1] for m in units}
                if rate_at(tokens, last + 1, view.language):
                    return None  # "three people per square metre", "40 new cases a day": no count
                if generic_unit((m.term for m in units), view.language):
                    # "At least 78 people died": the dead, though only other claims list "people"
                    # (when one of those has the verb as its cue, it is that claim's count)
                    verb_claims = verb_cue_claims(view, terms, last, self._claims)
                    if not verb_claims & claim_ids:
                        claim_ids |= verb_claims
                phrase = self._complete(view, terms, fig_first, position, last, claim_ids, owners)
                if coordinator is None:
                    return phrase
                # the shared noun counts both figures; this one's own words end at the coordinator
                own = (fig_first, coordinator - 1)
                return Binding(phrase.claims, phrase.owners, *own, (own, (position, phrase.last)))
            after_figure = coordinated_figure_end(tokens, position) if coordinator is None else None
            if after_figure is not None and skipped >= 1:
                coordinator, position, skipped = position, after_figure, 0
                continue
            if terms.starting(position, "measure"):
                return self._measured(view, terms, fig_first, position, owners)
            hit_owner = self._owner_at(view, terms, position)
            if hit_owner:
                owners.update(hit_owner)
            elif not token.is_word or token.norm[:1].isdigit():
                break
            elif (
                token.norm in MODIFIER_STOP
                and token.norm not in {"of", "von"}
                and not (token.norm in {"the", "der", "den"} and tokens[position - 1].norm in {"of", "von"})
                and not joins_modifiers(view, position)
            ):
                break
            elif (
                grammar(view.language).nouns_capitalized and token.capitalized and token.norm not in ELLIPSIS
            ):
                return None  # "vier Brigaden", "40.000 Euro": the number counts something else
            elif token.norm in ELLIPSIS and previous is not None and ends_phrase(tokens, position):
                return Binding(previous.claims, previous.owners, fig_first, position)
            position += 1
            skipped += 1
        if is_bare(view, fig_last):
            found = self._look_back(view, terms, fig_first, fig_last, owners)
            if found is not None:
                return found
        # "In Kessa alone, 17 died", "Another 12 were killed": the subject of a claim's cue verb
        found = cue_verb_subject(view, terms, fig_first, fig_last, self._claims, previous)
        if found is not None:
            return found
        return self._people.bind(view, fig_first, fig_last, owners)  # "Zehntausende demonstrierten"

    def _complete(
        self,
        view: SentenceView,
        terms: SentenceTerms,
        fig_first: int,
        head_first: int,
        head_last: int,
        claim_ids: set[str],
        owners: set[str],
    ) -> Binding:
        """Add the head's own actor ("Nordkoreaner") and a complement ("aus Nordkorea")."""
        for position in range(head_first, head_last + 1):
            owners.update(self._owner_at(view, terms, position))
        last = head_last
        tokens = view.tokens
        after = head_last + 1
        if any(tokens[p].norm in SHARE_WORDS for p in range(head_first, head_last + 1)):
            # "52 Prozent der Wahlberechtigten": a share of them, not a count of them
            return Binding(frozenset(claim_ids), frozenset(owners), fig_first, last)
        if after < len(tokens) and tokens[after].norm in COMPLEMENT_OWNER | COMPLEMENT_TYPE:
            end = min(len(tokens), after + 6)
            for position in range(after + 1, end):
                token = tokens[position]
                if token.norm in CLAUSE_BREAKS or token.norm == "." or token.norm in DESTINATIONS:
                    break  # "containers of munitions to Russia": the destination owns nothing
                if tokens[after].norm in COMPLEMENT_OWNER:
                    found = self._owner_at(view, terms, position)
                    if found:
                        owners.update(found)
                        last = position
                for match in terms.starting(position, "unit:"):
                    claim_ids.add(match.label.split(":", 1)[1])
                    last = max(last, match.last)
        elif after < len(tokens):
            found = self._owner_at(view, terms, after)  # "Soldaten Nordkoreas"
            if found and tokens[after].norm.endswith("s") and grammar(view.language).postposed_genitive:
                owners.update(found)
                last = after
        return Binding(frozenset(claim_ids), frozenset(owners), fig_first, last)

    def _measured(
        self, view: SentenceView, terms: SentenceTerms, fig_first: int, measure: int, owners: set[str]
    ) -> Binding | None:
        """ "drei Millionen Schuss für 152-mm-Artilleriegranaten": the complement names the unit."""
        tokens = view.tokens
        claim_ids: set[str] = set()
        last = measure
        for position in range(measure + 1, min(len(tokens), measure + 6)):
            if tokens[position].norm in CLAUSE_BREAKS or tokens[position].norm == ".":
                break
            for match in [*terms.starting(position, "unit:"), *terms.starting(position, "complement:")]:
                claim_ids.add(match.label.split(":", 1)[1])
                last = max(last, match.last)
            owners.update(self._owner_at(view, terms, position))
            if claim_ids:
                break
        if not claim_ids:
            # "Pjöngjang liefert Granaten: ... über 9 Millionen Schuss": the unit named before
            for position in range(fig_first - 1, max(-1, fig_first - 16), -1):
                for match in terms.starting(position, "unit:"):
                    claim_ids.add(match.label.split(":", 1)[1])
                if claim_ids:
                    return Binding(
                        frozenset(claim_ids), frozenset(owners), fig_first, last, ((fig_first, last),)
                    )
            return None
        return Binding(frozenset(claim_ids), frozenset(owners), fig_first, last)

    def _look_back(
        self, view: SentenceView, terms: SentenceTerms, fig_first: int, fig_last: int, owners: set[str]
    ) -> Binding | None:
        """ "die Zahl der Gefallenen liegt bei etwa 600": a bare number takes the clause's unit."""
        tokens = view.tokens
        start, _ = clause_through_quotes(tokens, fig_first)  # 'the number ... at "several hundred"'
        for position in range(fig_first - 1, max(start, fig_first - 16) - 1, -1):
            units = terms.starting(position, "unit:")
            if not units:
                continue
            counted = any(terms.starting(p, "count") for p in range(max(start, position - 6), position))
            before = tokens[fig_first - 1].norm if fig_first > 0 else ""
            if before == '"' and fig_first > 1:
                before = tokens[fig_first - 2].norm
            introduced = before in {
                "mit",
                "bei",
                "auf",
                "von",
                "to",
                "at",
                "of",
                "insgesamt",
                "rund",
                "etwa",
                "numbering",
                "totaling",
                "totalling",
                # "Flood fatalities reached 74", "Layoffs will total 1,800": a verb of amount
                "reached",
                "reach",
                "reaches",
                "total",
                "totalled",
                "totaled",
                "topped",
                "exceeded",
                "passed",
                "numbered",
                "zahlend",
            }
            claim_ids = {m.label.split(":", 1)[1] for m in units}
            unit_last = max(m.last for m in units)
            if not (counted or introduced or _count_noun_is(tokens, view.language, unit_last, fig_first)):
                return None
            phrase_start = position
            while (
                phrase_start - 1 > start
                and position - phrase_start < 3
                and (
                    self._owner_at(view, terms, phrase_start - 1)
                    or tokens[phrase_start - 1].norm in DETERMINERS
                    or (
                        tokens[phrase_start - 1].is_word
                        and not tokens[phrase_start - 1].capitalized
                        and tokens[phrase_start - 1].norm.endswith(grammar(view.language).adjective_endings)
                    )
                )
            ):
                phrase_start -= 1  # "der getöteten Nordkoreaner", "Russian casualties"
            for p in range(phrase_start, min(len(tokens), unit_last + 1)):
                owners.update(self._owner_at(view, terms, p))
            if unit_last + 2 < len(tokens) and tokens[unit_last + 1].norm in COMPLEMENT_OWNER:
                owners.update(self._owner_at(view, terms, unit_last + 2))
            parts = ((phrase_start, unit_last), (fig_first, fig_last))
            return Binding(frozenset(claim_ids), frozenset(owners), position, fig_last, parts)
        return None

    def unit_mention(
        self, view: SentenceView, terms: SentenceTerms, before: int | None = None
    ) -> tuple[frozenset[str], frozenset[str], int, int] | None:
        """Claims, owners and token span of the unit a sentence is counting (before token ``before``):
        the topic a bare number continues ("How many North Korean soldiers ...? About 11,000").

        The last unit whose noun phrase names an owner wins ("North Korean troops have suffered
        heavy losses": the troops), else the last unit; a unit word modifying a speaker ("military
        intelligence", "army spokesman") counts nothing."""
        limit = len(view.tokens) if before is None else before
        by_start: dict[int, list[TermMatch]] = {}
        for label, found in terms.by_label.items():
            if label.startswith("unit:"):
                for match in found:
                    if match.first < limit and not modifies_a_speaker(view.tokens, match.last):
                        by_start.setdefault(match.first, []).append(match)
        best: tuple[frozenset[str], frozenset[str], int, int] | None = None
        for first in sorted(by_start, reverse=True):
            matches = by_start[first]
            claims = frozenset(match.label.split(":", 1)[1] for match in matches)
            unit_last = max(match.last for match in matches)
            owners = frozenset(self._phrase_owners(view, terms, first, unit_last))
            if owners:
                return claims, owners, first, unit_last
            best = best or (claims, owners, first, unit_last)
        return best

    def topic_in_sentence(
        self, view: SentenceView, terms: SentenceTerms, fig_first: int, fig_last: int
    ) -> Binding | None:
        """A reported bare number ("Seoul said 10,000, while Kyiv put it at 12,000") takes the unit
        an earlier clause of the sentence is counting; the span between them belongs to the phrase,
        so the cues said about the unit count for the number."""
        clause_start, _ = clause_through_quotes(view.tokens, fig_first)
        mention = self.unit_mention(view, terms, before=clause_start)
        if mention is None:
            return None
        claims, owners, unit_first, unit_last = mention
        return Binding(claims, owners, unit_first, fig_last, ((unit_first, unit_last), (fig_first, fig_last)))

    def _phrase_owners(self, view: SentenceView, terms: SentenceTerms, first: int, last: int) -> set[str]:
        """Whose things a unit names, by its own noun phrase only: adjectives before it ("North Korean
        troops"), the unit itself ("Nordkoreaner") and an owner complement ("troops from North Korea").
        A destination ("troops to help Russia", "Soldaten nach Russland") owns nothing."""
        tokens = view.tokens
        owners: set[str] = set()
        for position in range(first, last + 1):
            owners.update(self._owner_at(view, terms, position))
        position = first - 1
        while position >= 0 and first - position <= 3:
            token = tokens[position]
            if not token.is_word or token.norm in MODIFIER_STOP or token.norm[:1].isdigit():
                break
            # an adjective names the owner ("nordkoreanische"), an agency there is a genitive ("des NIS")
            owners.update(self._owner_at(view, terms, position, countries_only=True))
            position -= 1
        if last + 2 < len(tokens) and tokens[last + 1].norm in COMPLEMENT_OWNER:
            owners.update(self._owner_at(view, terms, last + 2))
        return owners

    def _possessive_owner(self, view: SentenceView, fig_first: int) -> set[str]:
        """ "Nordkoreas 12.000 Soldaten", "Kims 500 Offiziere", "North Korea's 12,000 troops"."""
        if fig_first == 0:
            return set()
        tokens = view.tokens
        previous = tokens[fig_first - 1]
        for hit in view.hits:
            if not (previous.start <= hit.start < previous.end and hit.end >= previous.end - 2):
                continue
            if self._actors.kind(hit.actor_id) not in ("country", "person"):
                return set()
            before = tokens[fig_first - 2] if fig_first >= 2 else None
            english = "'" in view.text[hit.end - view.start : previous.end - view.start]
            if (
                before is not None
                and not english
                and (before.norm in DETERMINERS or before.norm in PREPOSITIONS or before.capitalized)
            ):
                return set()  # "nach Angaben Kiews 200 ...": a genitive of another noun, not a possessive
            tail = view.text[hit.end - view.start : previous.end - view.start]
            if previous.surface.endswith("s") or tail in ("'s", "'", "’s", "’"):
                return set(self._actors.lineage(hit.actor_id))
        return set()

    def _owner_at(
        self, view: SentenceView, terms: SentenceTerms, position: int, countries_only: bool = False
    ) -> set[str]:
        """Whose the counted things are, by a mention at token ``position`` (countries and their people)."""
        token = view.tokens[position]
        found: set[str] = set()
        for hit in view.hits:
            if countries_only and self._actors.kind(hit.actor_id) != "country":
                continue
            if hit.start < token.end and hit.end > token.start and self._actors.is_country_like(hit.actor_id):
                found.update(self._actors.lineage(hit.actor_id))
        if not found and terms.starting(position, "foreign"):
            found.add("foreign")
        return found


_COPULA_REACH = 3  # "the toll is 39", "the official toll was still 18": words from the count noun


def _count_noun_is(tokens: Sequence[Token], language: str, unit_last: int, fig_first: int) -> bool:
    """ "The official toll is 39", "the tally was now 18": a count noun ("toll", "Bilanz") as the
    subject of a copula has the number after it as its value. A plain unit does not: in "the
    youngest of the dead was 9" the copula's subject is another noun."""
    if not _LEXICON.knows(language) or fig_first - unit_last <= 1:
        return False
    heads = tuple(fold(word) for word in _LEXICON.of(language).figures.count_heads)
    if not fold(tokens[unit_last].norm).endswith(heads):
        return False
    between = tokens[unit_last + 1 : fig_first]
    if between[0].norm in _LOCATIVES:
        # "The toll in Kessa is 20": a place phrase between the count noun and its copula
        copula = next((i for i, t in enumerate(between[:_PLACE_WORDS]) if t.norm in COPULAS), None)
        if not copula or any(not t.is_word or t.norm[:1].isdigit() for t in between[:copula]):
            return False  # "the toll in 2011 was 900": no place
        between = between[copula:]
    return (
        0 < len(between) < _COPULA_REACH
        and between[0].norm in COPULAS
        and all(t.is_word and not t.norm[:1].isdigit() for t in between)
    )


_LOCATIVES = _LEXICON.words(lambda entry: entry.figures.locatives)
_PLACE_WORDS = 6  # "in the northern province of Kessa is": the place phrase and the copula


def _after_heading_colon(tokens: Sequence[Token], fig_first: int, position: int) -> int:
    """ "33,000: members of the union who walked out", "762: measles cases in Texas": a figure that
    opens its line and is followed by a colon heads what it counts (the "in numbers" explainer);
    the counted noun phrase starts after the colon (and its article). Else ``position`` itself."""
    if fig_first != 0 or position + 1 >= len(tokens) or tokens[position].norm != ":":
        return position
    position += 1
    if position + 1 < len(tokens) and tokens[position].norm in DETERMINERS:
        position += 1  # "17,000: the jobs Boeing said it would cut"
    return position
