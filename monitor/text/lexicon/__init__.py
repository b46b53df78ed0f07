"""The built-in vocabulary of every supported language, read from one YAML file per language.

Each ``<code>.yaml`` beside this module holds one language's words (number words, qualifiers,
attribution verbs and phrases, polarity cues, recall markers, sub-count markers, unit vocabulary);
``lexicon()`` reads them all, once, into one typed ``Lexicon``. Adding a language is adding a file
(and fixtures for it): the modules that use the words take them from here, merged over all
languages, so none of them lists words of its own or branches on a language code to find them.

The files are package data; a malformed one is a programming error and fails loudly on first use,
naming the file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, RootModel, ValidationError

from monitor.text.words.normalize import fold

# libyaml's parser where PyYAML has it, as monitor.config.yaml_reader uses (importing it from
# there would import monitor.config, which imports this module)
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "Attribution",
    "Events",
    "Figures",
    "LanguageLexicon",
    "Lexicon",
    "LexiconError",
    "NumberWords",
    "Polarity",
    "Recall",
    "Verbs",
    "demonyms",
    "lexicon",
]

Words = tuple[str, ...]
PolarityLabel = Literal["affirmed", "denied", "unconfirmed", "knowledge", "evidence", "neutral"]
QualifierKind = Literal["about", "more_than", "at_least", "up_to", "additional", "exact"]


class LexiconError(RuntimeError):
    """A lexicon file that cannot be read or does not have the expected shape."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberWords(_Section):
    units: dict[str, int] = {}
    teens: dict[str, int] = {}
    tens: dict[str, int] = {}
    scales: dict[str, int] = {}
    morphemes: Words = ()
    read_only: Words = ()  # spellings that are read but never written ("zwo", "dreissig")


class Attribution(_Section):
    verbs: Words = ()
    particle_verbs: dict[str, Words] = {}
    infinitives: Words = ()
    noun_or_verb: Words = ()
    determiners: Words = ()
    prepositions: Words = ()
    expert_heads: Words = ()
    role_endings: Words = ()
    not_names: Words = ()
    noun_phrase_stops: Words = ()
    subjunctive: Words = ()
    pronoun_subjects: Words = ()
    citing: Words = ()
    source_nouns: Words = ()
    according: Words = ()
    speaker_heads: Words = ()
    institutions: Words = ()
    name_joiners: Words = ()
    institution_words: Words = ()
    official_roles: Words = ()
    passive_auxiliaries: Words = ()
    reporting_participles: Words = ()
    auxiliaries: Words = ()
    # a verb that reports a figure only with a preposition after it ("kam auf 16 Tote", "came to")
    figure_verbs: dict[str, Words] = {}
    # "AFAD, which reported ...": a relative clause's subject is the noun before the comma
    relative_pronouns: Words = ()
    # adverbs that may stand between a subject's aside and its verb ("AFAD, which ..., now says")
    clause_adverbs: Words = ()
    # nouns after a possessive that make the possessor the source ("the agency's figures showed")
    count_sources: Words = ()
    # ... except these, whose possessor is what is counted ("Syria's death toll": Syria's dead)
    counted_owner_nouns: Words = ()
    # "officials", "the authorities": speakers by description that name no body of their own
    unnamed_officials: Words = ()
    # speakers a text names by a common noun ("police said", "die Veranstalter"): the name as
    # written when no watchlist actor fits; spokespeople speak for the body last named
    generic_speakers: Words = ()
    spokespeople: Words = ()
    # words and phrases that make a sentence continue the sentence before it, so it keeps that
    # sentence's source ("davon", "of them": a breakdown of the figure just given)
    back_references: Words = ()
    # the same, only as a sentence's first word ("Damit steigt die Zahl auf ...")
    opening_back_references: Words = ()
    # words right after a back reference that make it part of a verb ("geht davon aus", "hängt davon ab")
    back_reference_verbs: Words = ()
    # a demonstrative subject or object of a reporting verb names the sentence before as what was
    # said ("Das sagte der Sheriff.", "This was confirmed by the agency.")
    demonstratives: Words = ()
    # forms of address: "Frau Albers, die Mission meldet ..." speaks to her, she does not speak
    address_titles: Words = ()
    # conjunctions of a clause of when or why: "Das teilte X mit, nachdem ..." still names only X
    adverbial_conjunctions: Words = ()
    # possessive pronouns: "ihr Sprecher X", "its spokesman X" speaks for the body, not as himself
    possessives: Words = ()
    # words by which an outlet names itself ("this agency", "unserer Agentur"): no other source
    self_references: Words = ()
    # reported-speech forms whose folded spelling is another mood's ("würden" ~ "wurden"), as written
    subjunctive_as_written: Words = ()
    # an impersonal report ("hieß es") and the prepositions that name where it came from: "hieß es
    # aus dem Ministerium", "Aus Regierungskreisen hieß es, ..." name the source around the phrase
    impersonal_reports: Words = ()
    origin_prepositions: Words = ()
    # "the company said", "the organisation said": a body the article named before, by what it is
    body_nouns: Words = ()
    # "the chief executive told employees": a person the article named before, by their office
    role_nouns: Words = ()
    # "Prothom Alo keeps its own list": verbs that make their subject the keeper of a count
    count_keeping_verbs: Words = ()
    # "a tally kept by X", "data gathered by X": participles of making a count, besides those
    # with one of the participle endings ("gathered", "compiled")
    making_participles: Words = ()
    participle_endings: Words = ()
    # "by the same UN count", "by one UN estimate": prepositions opening a count named by its maker
    count_prepositions: Words = ()


class SeparableVerb(_Section):
    label: PolarityLabel
    verbs: Words


class Polarity(_Section):
    cues: dict[PolarityLabel, Words] = {}
    separable: dict[str, SeparableVerb] = {}
    negators: Words = ()
    not_negation_after: Words = ()
    conditional: Words = ()
    copulas: Words = ()
    hedges: Words = ()
    anaphors: Words = ()
    refusals: Words = ()
    # "no ceasefire", "keine Einigung": a determiner that negates the noun phrase it opens
    negating_determiners: Words = ()
    # "whether", "ob": the clause they open asks rather than asserts
    open_question: Words = ()
    # a definite determiner before the head of a compound named earlier ("die Pause")
    definite_determiners: Words = ()
    # "that", "dass": they open what a statement says; a count beyond one is not the verb's object
    complementizers: Words = ()


class Recall(_Section):
    adverbs: Words = ()
    phrases: Words = ()
    pluperfect_auxiliaries: Words = ()
    fillers: Words = ()
    adverb_endings: Words = ()
    saying_participles: Words = ()
    as_late_as: Words = ()
    as_late_as_followers: Words = ()


class EventNouns(_Section):
    cues: Words
    nouns: Words


class Figures(_Section):
    measure_words: Words = ()
    count_nouns: Words = ()
    foreign: Words = ()
    ellipsis: Words = ()
    modifier_stops: Words = ()
    determiners: Words = ()
    prepositions: Words = ()
    destinations: Words = ()
    complement_owner: Words = ()
    complement_type: Words = ()
    cue_barriers: Words = ()
    subcount_openers: Words = ()
    referring: Words = ()
    reported_by_verb: Words = ()
    reported_with_preposition: Words = ()
    reporting_prepositions: Words = ()
    speaker_nouns: Words = ()
    own_words: Words = ()
    own_side_nouns: Words = ()
    # phrases right before a figure that make it a part of the one before ("darunter", "among them")
    subcount_markers: Words = ()
    # conjunctions of a complement clause: a marker before one is its correlate, no sub-count
    # ("geht davon aus, dass 100 Menschen ...": "davon" points ahead to the dass-clause)
    complement_conjunctions: Words = ()
    # "landesweit", "across the country", "in total": the figure is the whole's count, so only a
    # place of its own clause narrows it (not the place the paragraph or its speaker is about)
    whole_markers: Words = ()
    # prepositions of place ("in Syrien", "across Germany") and what may stand between them and
    # the place ("in der Provinz Hatay", "in the rebel-held north of Syria")
    locatives: Words = ()
    place_fillers: Words = ()
    # words that are also the names of cities or regions ("Essen", "Halle", "Nice", "Mobile"): a
    # gazetteer place of that name never counts (see ``place_containment``)
    not_places: Words = ()
    # occasions of speaking and audiences ("bei einem Besuch in Malatya", "told reporters in
    # Benghazi"): a place after one is where words were said
    speech_occasions: Words = ()
    # "in beiden Ländern", "across the two countries": a figure of several places
    several_places: Words = ()
    # the last word of a phrase that names a count ("death toll", "Wahlbeteiligung"), and what a
    # unit becomes as a count: a compound tail ("Opfer" -> "Opferzahl") or a word after it
    # ("death" -> "death toll")
    count_heads: Words = ()
    count_suffixes: Words = ()
    # nouns that count the events a cue names ("fatalities" where people are killed, "layoffs"
    # where workers are laid off, "crossings", "arrivals"): units and cues of a claim with one of
    # the cues, so that a user need not list them
    event_nouns: tuple[EventNouns, ...] = ()
    # the words between a count noun and what it counts ("number of victims", "Zahl der Opfer"),
    # and phrases in which a count noun means something else ("toll road", "a toll on the economy")
    count_links: Words = ()
    count_other_senses: Words = ()
    # a count noun alone that stands for a longer count phrase ("the toll" is "the death toll"): a unit
    # and a cue of the claims that count by that phrase, after a determiner, a possessive or one of
    # ``count_modifiers`` ("the official toll"; not "the injury toll")
    short_counts: dict[str, str] = {}
    count_modifiers: Words = ()
    # words that make a figure a share ("52 Prozent der Wahlberechtigten"): a share of the noun
    # after it is no count of that noun
    share_words: Words = ()
    # words that put a clause in the present ("now", "jetzt"): a year named earlier in the sentence
    # is then a comparison, not the figure's event
    present_markers: Words = ()
    # words of time after a number that open no noun phrase of its own ("104 since Wednesday")
    time_followers: Words = ()
    # after a counted noun, a rate ("three people per square metre", "40 Tote pro Tag"): no count
    rate_words: Words = ()
    # ... or a period after one of these ("40 new cases a day", "every week"), or an adverb of
    # one ("daily"); a period followed by a word of relative time is a date ("a day after")
    rate_openers: Words = ()
    rate_periods: Words = ()
    rate_adverbs: Words = ()
    relative_time_words: Words = ()
    # a singular noun of a person: a small number after it ("a boy of 9", "his mother, 34") is an age
    age_holders: Words = ()
    # units that name only people ("people", "persons"): a cue verb they are the subject of says
    # which claim counts them ("78 people died")
    generic_units: Words = ()
    # adverbs that may open a clause before its subject number ("Only 104 survived")
    focus_adverbs: Words = ()
    # endings of nouns for those who do what a verb names ("protest" -> "protesters")
    agent_suffixes: Words = ()
    # "would have died": a modal and a perfect auxiliary within a couple of words make the figure's
    # clause a counterfactual (what did not happen), no count
    counterfactual_modals: Words = ()
    perfect_auxiliaries: Words = ()
    # phrases naming the year before the current one ("last year", "im Vorjahr"): a figure they
    # set is another event's (not after "since"/"seit": "seit dem Vorjahr" spans up to now)
    past_markers: Words = ()
    since_words: Words = ()
    # a figure in the same clause as one of these is expected, not counted ("rechnet mit bis zu
    # 50.000", "is expected to reach 5,000"); after a comparison word ("mehr als erwartet", "more
    # than expected") the phrase compares a count with the expectation and marks nothing
    forecast_markers: Words = ()
    comparison_words: Words = ()
    # a modal followed (within a few words) by a verb of change: the figure is where a count may
    # go ("could rise to 3,000"); in German the change verb's infinitive closes the clause after
    # the figure ("könnte auf 3.000 steigen"), so the infinitive alone marks it
    forecast_modals: Words = ()
    forecast_changes: Words = ()
    # the future auxiliary before a figure whose clause then names no verb ("Es werden über 3000
    # Tote"); with a participle after the figure it is a passive ("Es werden 76 Menschen vermisst")
    future_auxiliaries: Words = ()
    # words of a multiple ("twice that", "doppelt so viele"): a number in apposition spells it out
    multipliers: Words = ()
    # a vague number standing as a noun of its own counts people ("Zehntausende demonstrierten",
    # "Hunderte wurden festgenommen"): the claims whose units hold a noun for people take it
    bare_people_counts: Words = ()
    people_nouns: Words = ()


class Events(_Section):
    """Words that place a figure in another event than the claim's (see ``figure_event``)."""

    # the months in calendar order: "im Februar 2031" is a date before a claim since March 2031
    months: Words = ()
    # words before a month named without its year that make it a point in time ("im September")
    month_prepositions: Words = ()
    # before "since <year>", a comparison, not the figure's period ("the worst toll since 1998",
    # "so viele Tote wie seit 2010 nicht mehr"); German ones also match inflected (-n, -r, -s, -m)
    comparison_since: Words = ()
    # opening the figure's clause, they say the year named just before is its time ("since 2008,
    # when 27,000 walked out"): the comparison then names the other event's own figure
    relative_time: Words = ()
    # a span back from now ("20 years ago", "vor zwei Jahrzehnten"): the prepositions and
    # postpositions, the spans of time long enough to be before the event, and the words of one
    ago_before: Words = ()
    ago_after: Words = ()
    long_spans: Words = ()
    singular: Words = ()
    # "an earlier round", "beim letzten Streik", "a separate release": an adjective of another
    # occasion before a noun of an occasion (German ones inflected, nouns also as compound heads)
    other_occasion: Words = ()
    occasions: Words = ()
    # "damals", "back then", "in jenem Krieg": the figure's time is the one named before
    back_then: Words = ()


class Verbs(_Section):
    # strong and irregular verbs: infinitive, participle, then the finite forms no regular ending
    # makes ("kommen", "gekommen", "kommt", "kam", "kamen"): a separable verb's base verb in a main
    # clause ("16 Gefangene kamen frei" for the cue "freigekommen")
    strong: tuple[Words, ...] = ()


class LanguageLexicon(_Section):
    """One language's file, validated."""

    language: str
    numbers: NumberWords = NumberWords()
    qualifiers: dict[QualifierKind, Words] = {}
    language_guess: Words = ()
    sentence_markers: Words = ()
    attribution: Attribution = Attribution()
    polarity: Polarity = Polarity()
    recall: Recall = Recall()
    figures: Figures = Figures()
    events: Events = Events()
    verbs: Verbs = Verbs()


@dataclass(frozen=True)
class Lexicon:
    """Every language's vocabulary; ``words`` and ``phrases`` merge one field over all of them."""

    by_language: Mapping[str, LanguageLexicon]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.by_language)

    def knows(self, language: str) -> bool:
        return language in self.by_language

    def of(self, language: str) -> LanguageLexicon:
        return self.by_language[language]

    def words(self, pick: Callable[[LanguageLexicon], Iterable[str]], folded: bool = True) -> frozenset[str]:
        """One field over all languages as a set, folded (as tokens' ``norm``) unless told not to."""
        return frozenset(fold(w) if folded else w for entry in self.by_language.values() for w in pick(entry))

    def words_by_language(
        self, pick: Callable[[LanguageLexicon], Iterable[str]]
    ) -> dict[str, frozenset[str]]:
        """One field as ``{language: folded set}``, for rules that read one language's words."""
        return {code: frozenset(fold(w) for w in pick(entry)) for code, entry in self.by_language.items()}

    def phrases(self, pick: Callable[[LanguageLexicon], Iterable[str]], folded: bool = True) -> Words:
        """One field over all languages in file order (de, en, ...), without repeats."""
        seen: dict[str, None] = {}
        for entry in self.by_language.values():
            for phrase in pick(entry):
                seen.setdefault(fold(phrase) if folded else phrase, None)
        return tuple(seen)

    def per_language(self, pick: Callable[[LanguageLexicon], Iterable[str]]) -> dict[str, list[str]]:
        """One field as ``{language: [terms as written]}``, for the term index."""
        return {code: list(pick(entry)) for code, entry in self.by_language.items()}


def _read(name: str, text: str) -> LanguageLexicon:
    try:
        # libyaml's parser (the same safe constructor): the pure-Python one took most of the
        # CLI's start-up before a page was read
        data = yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader
        entry = LanguageLexicon.model_validate(data)
    except (yaml.YAMLError, ValidationError) as error:
        raise LexiconError(f"monitor/text/lexicon/{name}: {error}") from error
    if f"{entry.language}.yaml" != name:
        raise LexiconError(f"monitor/text/lexicon/{name}: says language {entry.language!r}")
    return entry


@functools.cache
def lexicon() -> Lexicon:
    """All lexicon files, read once."""
    folder = resources.files(__package__)
    entries: dict[str, LanguageLexicon] = {}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if _LANGUAGE_FILE.fullmatch(item.name):  # "de.yaml"; demonyms.yaml is no language
            entry = _read(item.name, item.read_text(encoding="utf-8"))
            entries[entry.language] = entry
    return Lexicon(entries)


_LANGUAGE_FILE = re.compile(r"[a-z]{2}\.yaml")


@functools.cache
def demonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """ISO country code -> language -> the country's nationality adjectives (demonyms.yaml)."""
    name = "demonyms.yaml"
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader (libyaml's when built)
        table = _DemonymTable.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise LexiconError(f"monitor/text/lexicon/{name}: {error}") from error
    return {
        code: {language: tuple(words) for language, words in by_language.items()}
        for code, by_language in table.root.items()
    }


class _DemonymTable(RootModel[dict[str, dict[str, list[str]]]]):
    pass
