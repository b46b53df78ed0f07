"""What happened to the things a figure counts, told by the verb of its clause.

Two English shapes leave the counted noun out and let the verb say what is counted:

- a number as the subject of a claim's cue verb: "In Kessa alone, 17 died", "Another 12 were
  killed", "... and 40 drowned" (``cue_verb_subject``): the number counts what the cue names, as
  "17 people died" would;
- a number whose clause names another event than the claim's: "The floods killed 52 people.
  Another 300 were injured": the 300 continue the paragraph's count of people, but not of the dead
  (``other_event``). The events are the lexicon's ``event_nouns`` entries (a cue group and its
  nouns: "injured, hurt, wounded" -> "injuries"); a claim's events are those sharing a cue with it.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from monitor.text.figures.context import Binding
from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import CLAUSE_BREAKS, SentenceTerms, SentenceView
from monitor.text.words.normalize import fold

_LEXICON = lexicon()
# the verbs a subject's auxiliaries may stand before ("were killed", "have been found dead")
_AUXILIARIES = _LEXICON.words_by_language(
    lambda entry: (*entry.attribution.passive_auxiliaries, *entry.attribution.auxiliaries)
)
# words after which a number opens its clause: a coordinator, a complementizer, a reporting verb
_CLAUSE_OPENERS = _LEXICON.words_by_language(
    lambda entry: (
        *entry.figures.cue_barriers,
        *entry.polarity.complementizers,
        *entry.figures.reported_by_verb,
    )
)
_AUXILIARY_REACH = 2  # "were killed", "have been killed"
_FOCUS = _LEXICON.words_by_language(lambda entry: entry.figures.focus_adverbs)
_EVENTS: dict[str, list[frozenset[str]]] = {
    code: [
        frozenset(" ".join(fold(phrase).split()) for phrase in (*event.cues, *event.nouns))
        for event in entry.figures.event_nouns
    ]
    for code, entry in _LEXICON.by_language.items()
}


def cue_verb_subject(
    view: SentenceView,
    terms: SentenceTerms,
    fig_first: int,
    fig_last: int,
    claims: Mapping[str, ClaimSpec],
    previous: Binding | None = None,
) -> Binding | None:
    """The binding of a number that opens its clause and is the subject of a figure claim's cue
    verb ("In Kessa alone, 17 died", "Another 12 were killed"), or None. A noun right after the
    number is its own unit and the caller's business ("17 deaths"); German puts its verb second
    or last and is left out. After a figure of one of the cue's claims (``previous``) the number
    continues its counted noun ("11,000 North Korean troops were deployed ... Another 3,000 were
    sent": the troops, not the containers that were sent too)."""
    if grammar(view.language).nouns_capitalized:
        return None
    tokens = view.tokens
    start = fig_first
    while start > 0 and tokens[start - 1].norm in _FOCUS.get(view.language, frozenset()):
        start -= 1  # "Only 104 survived"
    if start > 0:
        before = tokens[start - 1].norm
        if before not in CLAUSE_BREAKS and before not in _CLAUSE_OPENERS.get(view.language, frozenset()):
            return None  # "Station 12 pulled ...": the number is part of a name
    found = verb_cue_claims(view, terms, fig_last, claims)
    if not found:
        return None
    if previous is not None and previous.claims & found:
        return Binding(previous.claims & found, previous.owners, fig_first, fig_last)
    return Binding(found, frozenset(), fig_first, fig_last)


def other_event(view: SentenceView, start: int, end: int, claim: ClaimSpec) -> str | None:
    """A word of tokens start..end (the figure's clause) that names an event the claim does not
    count ("injured" for a death toll), or None."""
    events = _EVENTS.get(view.language, [])
    own_cues = {" ".join(fold(cue).split()) for cue in claim.cues.get(view.language, [])}
    own_words = {word for cue in own_cues for word in cue.split()}
    theirs = _words_of(event for event in events if not (event & own_cues))
    tokens = view.tokens
    for position in range(start, end):
        token = tokens[position]
        if token.norm not in theirs or token.norm in own_words:
            continue
        following = tokens[position + 1].norm if position + 1 < len(tokens) else ""
        if token.norm in _REPORTING and following in _REPORTING_PREPOSITIONS:
            continue  # "he arrived at 120,000": a source's figure, no arrivals
        return token.surface
    return None


# "arrived at", "came to": verbs that give a figure with a preposition (``figure_context``)
_REPORTING = _LEXICON.words(lambda entry: entry.figures.reported_with_preposition)
_REPORTING_PREPOSITIONS = _LEXICON.words(lambda entry: entry.figures.reporting_prepositions)


def _words_of(events: Iterable[frozenset[str]]) -> frozenset[str]:
    """The one-word phrases of ``events`` (a token is one word)."""
    return frozenset(phrase for event in events for phrase in event if " " not in phrase)


def agent_nouns(claim: ClaimSpec, language: str) -> list[str]:
    """The nouns for those who do what a one-word cue names ("protester" of "protest", "rescuer"
    of "rescued", "striker" of "strike"): they say what happened as the cue would ("Rescuers
    pulled 104 people from the sea", "Protesters in Kessa numbered 5,000"); the term index adds
    their plurals."""
    suffixes = _AGENT_SUFFIXES.get(language, ())
    found: list[str] = []
    for cue in claim.cues.get(language, []):
        for stem in sorted(_stems(fold(cue), language)):
            found += [stem + suffix for suffix in suffixes if stem + suffix not in found]
    return found


_AGENT_SUFFIXES = {code: tuple(entry.figures.agent_suffixes) for code, entry in _LEXICON.by_language.items()}
_STEM_MIN = 4  # "protest", "march", "strik": shorter stems make agent nouns of anything


def _stems(cue: str, language: str) -> set[str]:
    """A one-word cue and the stems its inflection endings (and a silent e) leave."""
    if " " in cue:
        return set()
    rules = grammar(language)
    stems = {cue}
    for ending in rules.inflection_endings:
        if cue.endswith(ending) and len(cue) - len(ending) >= _STEM_MIN:
            stems.add(cue[: -len(ending)])
    if rules.silent_e:
        stems |= {stem[:-1] for stem in stems if stem.endswith("e") and len(stem) > _STEM_MIN}
    return {stem for stem in stems if len(stem) >= _STEM_MIN}


_PAST = "ed"
_PARTICIPLE = "ing"
_VERB_MIN = 5  # "killed", "rescued": shorter words in -ed are no past forms ("shed", "axed", "died")


def present_participles(cues: Iterable[str], language: str) -> list[str]:
    """The present participles of a claim's one-word past cues ("killed" -> "killing", "rescued"
    -> "rescuing", "carried" -> "carrying"): "..., killing 9 people" says what the past form says.
    Only the participle: a base form is often a noun of its own ("voted" -> "vote", "13,400 votes
    short"), and a participle after the counted noun describes it (see ``figure_choice``)."""
    rules = grammar(language)
    if rules.nouns_capitalized or _PAST not in rules.inflection_endings:
        return []
    found: list[str] = []
    for cue in cues:
        word = cue.strip()
        if " " in word or len(word) < _VERB_MIN or not word.lower().endswith(_PAST):
            continue
        if rules.y_to_ies and word.lower().endswith("ied"):
            participle = word[:-3] + "ying"
        else:
            participle = word[:-2] + _PARTICIPLE
        if participle not in found:
            found.append(participle)
    return found


_GENERIC = _LEXICON.words_by_language(lambda entry: entry.figures.generic_units)


def generic_unit(terms: Iterable[str], language: str) -> bool:
    """Do the unit terms only say "people" ("people", "persons"), naming nothing of their own?"""
    generic = _GENERIC.get(language, frozenset())
    words = [fold(term) for term in terms]
    return bool(words) and all(word in generic for word in words)


def verb_cue_claims(
    view: SentenceView, terms: SentenceTerms, unit_last: int, claims: Mapping[str, ClaimSpec]
) -> frozenset[str]:
    """The figure claims whose cue verb a counted noun is the subject of ("At least 78 people died",
    "300 people were rescued"): "people" count the dead once they died, whatever the claims list
    as their units."""
    tokens = view.tokens
    position = unit_last + 1
    auxiliaries = _AUXILIARIES.get(view.language, frozenset())
    while (
        position < len(tokens)
        and position - unit_last <= _AUXILIARY_REACH
        and tokens[position].norm in auxiliaries
    ):
        position += 1
    if position >= len(tokens) or terms.starting(position, "unit:"):
        return frozenset()
    return frozenset(
        match.label.split(":", 1)[1]
        for match in terms.starting(position, "cue:")
        if match.label.split(":", 1)[1] in claims
    )
