"""Word lists the attribution module reads: reporting verbs, role and institution words, source markers.

The words live in the lexicon files (``monitor/text/lexicon/<language>.yaml``, section
``attribution``); this module merges them into the sets and tuples the attribution code uses.

Folded (lowercase, no diacritics), because they are compared with Token.norm.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from monitor.text.lexicon import lexicon
from monitor.text.normalize import fold

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

ROLE_RANK = {"citing": 0, "speaker": 1, "according": 2}

# Reporting verbs, folded. A value names the particle the verb needs at the clause end.
VERBS_DE: dict[str, frozenset[str] | None] = {
    **dict.fromkeys((fold(verb) for verb in _LEXICON.of("de").attribution.verbs), None),
    **{
        fold(verb): frozenset(fold(particle) for particle in particles)
        for verb, particles in _LEXICON.of("de").attribution.particle_verbs.items()
    },
}

VERBS_EN = frozenset(fold(verb) for verb in _LEXICON.of("en").attribution.verbs)

INFINITIVES = _LEXICON.words(lambda entry: entry.attribution.infinitives)

NOUN_OR_VERB = _LEXICON.words(lambda entry: entry.attribution.noun_or_verb)

DETERMINERS = _LEXICON.words(lambda entry: entry.attribution.determiners)

PREPOSITIONS = _LEXICON.words(lambda entry: entry.attribution.prepositions)

EXPERT_HEADS = _LEXICON.phrases(lambda entry: entry.attribution.expert_heads)

ROLE_ENDINGS = _LEXICON.phrases(lambda entry: entry.attribution.role_endings)

NOT_NAMES = _LEXICON.words(lambda entry: entry.attribution.not_names)

NP_STOP_DE = frozenset(fold(word) for word in _LEXICON.of("de").attribution.noun_phrase_stops)

NP_STOP_EN = frozenset(fold(word) for word in _LEXICON.of("en").attribution.noun_phrase_stops)

KONJUNKTIV = _LEXICON.words(lambda entry: entry.attribution.subjunctive)

PRONOUN_SUBJECTS = _LEXICON.words(lambda entry: entry.attribution.pronoun_subjects)

CITING_DE = tuple(fold(phrase) for phrase in _LEXICON.of("de").attribution.citing)

SOURCE_NOUNS = _LEXICON.words(lambda entry: entry.attribution.source_nouns)

CITING_EN = tuple(fold(phrase) for phrase in _LEXICON.of("en").attribution.citing)

ACCORDING_DE = tuple(fold(phrase) for phrase in _LEXICON.of("de").attribution.according)

ACCORDING_EN = tuple(fold(phrase) for phrase in _LEXICON.of("en").attribution.according)

SPEAKER_HEADS = _LEXICON.phrases(lambda entry: entry.attribution.speaker_heads)

INSTITUTIONS = _LEXICON.words(lambda entry: entry.attribution.institutions)

# "Ministry of Defence", "Institute for Security Studies"
NAME_JOINERS = _LEXICON.words(lambda entry: entry.attribution.name_joiners)

INSTITUTION_WORDS = _LEXICON.phrases(lambda entry: entry.attribution.institution_words)

OFFICIAL_ROLES = _LEXICON.phrases(lambda entry: entry.attribution.official_roles)

PASSIVE_AUXILIARIES = _LEXICON.words(lambda entry: entry.attribution.passive_auxiliaries)

REPORTING_PARTICIPLES = _LEXICON.words(lambda entry: entry.attribution.reporting_participles)

# The German reporting verbs that take a speaker right after them ("sagt Haider im Gespräch").
REPORTING_VERBS_DE = frozenset(VERBS_DE)

# verb -> prepositions that make it report a figure ("kam auf 16 Tote", "came to 1,200")
FIGURE_VERBS: dict[str, frozenset[str]] = {
    fold(verb): frozenset(fold(p) for p in prepositions)
    for entry in _LEXICON.by_language.values()
    for verb, prepositions in entry.attribution.figure_verbs.items()
}

RELATIVE_PRONOUNS = _LEXICON.words(lambda entry: entry.attribution.relative_pronouns)

CLAUSE_ADVERBS = _LEXICON.words(lambda entry: entry.attribution.clause_adverbs)

COUNT_SOURCES = _LEXICON.words(lambda entry: entry.attribution.count_sources)

SPOKESPEOPLE = _LEXICON.words(lambda entry: entry.attribution.spokespeople)
