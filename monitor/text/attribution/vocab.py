"""Word lists the attribution module reads: reporting verbs, role and institution words, source markers.

The words live in the lexicon files (``monitor/text/lexicon/<language>.yaml``, section
``attribution``); this module merges them into the sets and tuples the attribution code uses.

Folded (lowercase, no diacritics), because they are compared with Token.norm.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from monitor.text.lexicon import LanguageLexicon, lexicon
from monitor.text.words.normalize import fold

_LEXICON = lexicon()

SUBJECT_BREAKS = frozenset({",", ";", ":", "-", "?", "!"})

KIND_RANK = {
    "person": 0,
    "organization": 1,
    "group": 1,
    "name": 2,
    "other": 2,
    "country": 3,
    "place": 3,
    "media": 4,
}

ROLE_RANK = {"citing": 0, "speaker": 1, "according": 2, "possessor": 2}


def _reporting_verbs(entry: LanguageLexicon) -> dict[str, frozenset[str] | None]:
    return {
        **dict.fromkeys((fold(verb) for verb in entry.attribution.verbs), None),
        **{
            fold(verb): frozenset(fold(particle) for particle in particles)
            for verb, particles in entry.attribution.particle_verbs.items()
        },
    }


# Reporting verbs by language, folded. A value names the particles the verb needs at the clause end.
REPORTING_VERBS = {code: _reporting_verbs(entry) for code, entry in _LEXICON.by_language.items()}

# Auxiliaries of a compound reporting verb ("a déclaré"): not words of its subject.
AUXILIARIES = _LEXICON.words_by_language(lambda entry: entry.attribution.auxiliaries)

INFINITIVES = _LEXICON.words(lambda entry: entry.attribution.infinitives)

NOUN_OR_VERB = _LEXICON.words(lambda entry: entry.attribution.noun_or_verb)

DETERMINERS = _LEXICON.words(lambda entry: entry.attribution.determiners)

PREPOSITIONS = _LEXICON.words(lambda entry: entry.attribution.prepositions)

EXPERT_HEADS = _LEXICON.phrases(lambda entry: entry.attribution.expert_heads)

ROLE_ENDINGS = _LEXICON.phrases(lambda entry: entry.attribution.role_endings)

NOT_NAMES = _LEXICON.words(lambda entry: entry.attribution.not_names)

# Words that end a noun phrase, by language, and over all languages.
NP_STOPS = _LEXICON.words_by_language(lambda entry: entry.attribution.noun_phrase_stops)
ALL_NP_STOPS = _LEXICON.words(lambda entry: entry.attribution.noun_phrase_stops)

# Verb forms of reported speech (German Konjunktiv, French conditional), by language.
REPORTED_MOOD = _LEXICON.words_by_language(lambda entry: entry.attribution.subjunctive)
# ... and those whose folded form is another mood's ("würden" folds as "wurden"): lowercase, as written
REPORTED_MOOD_AS_WRITTEN = {
    code: frozenset(word.lower() for word in entry.attribution.subjunctive_as_written)
    for code, entry in _LEXICON.by_language.items()
}

PRONOUN_SUBJECTS = _LEXICON.words(lambda entry: entry.attribution.pronoun_subjects)


SOURCE_NOUNS = _LEXICON.words(lambda entry: entry.attribution.source_nouns)

# Phrases that introduce a cited source ("citing", "unter Berufung auf") or a source ("laut", "selon").
CITING = _LEXICON.phrases(lambda entry: entry.attribution.citing)


ACCORDING = _LEXICON.phrases(lambda entry: entry.attribution.according)
IMPERSONAL_REPORTS = frozenset(
    tuple(phrase.split()) for phrase in _LEXICON.phrases(lambda entry: entry.attribution.impersonal_reports)
)
ORIGIN_PREPOSITIONS = _LEXICON.words(lambda entry: entry.attribution.origin_prepositions)

SPEAKER_HEADS = _LEXICON.phrases(lambda entry: entry.attribution.speaker_heads)

INSTITUTIONS = _LEXICON.words(lambda entry: entry.attribution.institutions)

# "Ministry of Defence", "Institute for Security Studies": lowercase words inside a name, by language
NAME_JOINERS = _LEXICON.words_by_language(lambda entry: entry.attribution.name_joiners)
ALL_NAME_JOINERS = _LEXICON.words(lambda entry: entry.attribution.name_joiners)

INSTITUTION_WORDS = _LEXICON.phrases(lambda entry: entry.attribution.institution_words)

OFFICIAL_ROLES = _LEXICON.phrases(lambda entry: entry.attribution.official_roles)

PASSIVE_AUXILIARIES = _LEXICON.words(lambda entry: entry.attribution.passive_auxiliaries)

REPORTING_PARTICIPLES = _LEXICON.words(lambda entry: entry.attribution.reporting_participles)

# verb -> prepositions that make it report a figure ("kam auf 16 Tote", "came to 1,200")
FIGURE_VERBS: dict[str, frozenset[str]] = {
    fold(verb): frozenset(fold(p) for p in prepositions)
    for entry in _LEXICON.by_language.values()
    for verb, prepositions in entry.attribution.figure_verbs.items()
}

RELATIVE_PRONOUNS = _LEXICON.words(lambda entry: entry.attribution.relative_pronouns)

CLAUSE_ADVERBS = _LEXICON.words(lambda entry: entry.attribution.clause_adverbs)

COUNT_SOURCES = _LEXICON.words(lambda entry: entry.attribution.count_sources)
COUNTED_OWNER_NOUNS = _LEXICON.words(lambda entry: entry.attribution.counted_owner_nouns)
UNNAMED_OFFICIALS = _LEXICON.words(lambda entry: entry.attribution.unnamed_officials)

SPOKESPEOPLE = _LEXICON.words(lambda entry: entry.attribution.spokespeople)


def _phrases_by_language(
    pick: Callable[[LanguageLexicon], Iterable[str]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    return {
        code: tuple(tuple(fold(phrase).split()) for phrase in pick(entry))
        for code, entry in _LEXICON.by_language.items()
    }


# "davon", "of them": the sentence goes on with the figure of the one before (word tuples, folded)
BACK_REFERENCES = _phrases_by_language(lambda entry: entry.attribution.back_references)
BACK_REFERENCE_VERBS = _LEXICON.words(lambda entry: entry.attribution.back_reference_verbs)
OPENING_BACK_REFERENCES = _LEXICON.words_by_language(lambda entry: entry.attribution.opening_back_references)
# "Das sagte der Sheriff": what the sentence before said
DEMONSTRATIVES = _LEXICON.words_by_language(lambda entry: entry.attribution.demonstratives)

ADDRESS_TITLES = _LEXICON.words(lambda entry: entry.attribution.address_titles)

# "Das teilte X mit, nachdem ...": a clause of when or why after an attribution adds nothing said
ADVERBIAL_CONJUNCTIONS = _LEXICON.words(lambda entry: entry.attribution.adverbial_conjunctions)

POSSESSIVES = _LEXICON.words(lambda entry: entry.attribution.possessives)

# "this agency", "unsere Zeitung": the outlet speaking of itself, the article's own statement
SELF_REFERENCES = _LEXICON.words(lambda entry: entry.attribution.self_references)

# "the company said", "the chief executive told": a body or a person the article named before
BODY_NOUNS = _LEXICON.words(lambda entry: entry.attribution.body_nouns)
ROLE_NOUNS = _LEXICON.words(lambda entry: entry.attribution.role_nouns)

# "keeps its own list", "a tally kept by", "by the same UN count": who made a count
COUNT_KEEPING_VERBS = _LEXICON.words(lambda entry: entry.attribution.count_keeping_verbs)
MAKING_PARTICIPLES = _LEXICON.words(lambda entry: entry.attribution.making_participles)
PARTICIPLE_ENDINGS = _LEXICON.phrases(lambda entry: entry.attribution.participle_endings)
COUNT_PREPOSITIONS = _LEXICON.words(lambda entry: entry.attribution.count_prepositions)
