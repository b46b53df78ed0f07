"""Built-in vocabulary of figure binding (not claim-specific): measure and count nouns, foreign
nationalities, the little words that end or join a counted noun phrase.

The words themselves live in the lexicon files (``monitor/text/lexicon/<language>.yaml``, section
``figures``); this module merges them over all languages into the sets the figure code compares
tokens with. Folded (lowercase, no diacritics) unless a list is fed to the term index, which folds
it itself.

Pure data: no I/O, no logic.
"""

from __future__ import annotations

from monitor.text.lexicon import lexicon
from monitor.text.words.language import CLAUSE_BREAKS

_LEXICON = lexicon()

# Built-in vocabulary (not claim-specific).
# Measure words count munitions whose kind the complement names ("Schuss für Haubitzen"); "220 pieces
# of artillery" are guns, so pieces are no measure here.
MEASURE_WORDS = _LEXICON.per_language(lambda entry: entry.figures.measure_words)

COUNT_NOUNS = _LEXICON.per_language(lambda entry: entry.figures.count_nouns)

ELLIPSIS = _LEXICON.words(lambda entry: entry.figures.ellipsis)

# Nationalities that are not on the watchlist: their troops are never a watchlist actor's.
FOREIGN = _LEXICON.per_language(lambda entry: entry.figures.foreign)

MODIFIER_STOP = _LEXICON.words(lambda entry: entry.figures.modifier_stops)

DETERMINERS = _LEXICON.words(lambda entry: entry.figures.determiners)

PREPOSITIONS = _LEXICON.words(lambda entry: entry.figures.prepositions)

DESTINATIONS = _LEXICON.words(lambda entry: entry.figures.destinations)

COMPLEMENT_OWNER = _LEXICON.words(lambda entry: entry.figures.complement_owner)

COMPLEMENT_TYPE = _LEXICON.words(lambda entry: entry.figures.complement_type)

# Crossing a clause break or a coordination puts a cue in another statement ("300 getötet und 2.700
# verwundet": "getötet" is not about the 2.700).
CUE_BARRIERS = CLAUSE_BREAKS | _LEXICON.words(lambda entry: entry.figures.cue_barriers)

CUE_RANGE = 28  # tokens; beyond this a cue word belongs to some other statement

CLAUSE_PENALTY = 6

OPENING_ANAPHORS = _LEXICON.words(lambda entry: entry.figures.subcount_openers)

REFERRING = _LEXICON.words(lambda entry: entry.figures.referring)

# A bare number right after these words is what a source says: "said 12,000", "schätzt 11.000".
REPORTED_BY_VERB = _LEXICON.words(lambda entry: entry.figures.reported_by_verb)
# ... or after "at" / "auf" / "von" with one of these shortly before: "put it at 12,000",
# "bezifferte sie auf 11.000", "sprach von 3.000".
REPORTED_WITH_PREPOSITION = _LEXICON.words(lambda entry: entry.figures.reported_with_preposition)
REPORTING_PREPOSITIONS = _LEXICON.words(lambda entry: entry.figures.reporting_prepositions)
# "twice that, around 200,000", "doppelt so viele, rund 40.000": a number spelling out a multiple
MULTIPLIERS = _LEXICON.words(lambda entry: entry.figures.multipliers)

# A unit word right before one of these names a speaker, not counted things ("military intelligence").
SPEAKER_NOUNS = _LEXICON.words(lambda entry: entry.figures.speaker_nouns)

# "die Verluste der eigenen Armee", "Ukraine's own troops": the speaker's side, not the counted actor's.
OWN_WORDS = _LEXICON.words(lambda entry: entry.figures.own_words)
OWN_SIDE_NOUNS = _LEXICON.words(lambda entry: entry.figures.own_side_nouns)

# "52 Prozent der Wahlberechtigten", "12% of voters": a share of the noun after it, not a count of it
SHARE_WORDS = _LEXICON.words(lambda entry: entry.figures.share_words)
