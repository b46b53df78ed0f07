"""The watchlist and claim-pattern sections of feeds.yaml, as typed models.

Owned by the claim engine: the engine reads exactly these fields. Every model
is strict (unknown keys are errors), so a typo in feeds.yaml fails at load time
instead of silently disabling a pattern.

A *figure* claim counts something ("12,000 North Korean soldiers sent to
Russia"): a number in a sentence becomes an observation of the claim when

1. one of ``units`` is attached to the number (the noun right after it, maybe
   behind adjectives, or "the number of <unit> ... at <number>"),
2. the thing counted belongs to one of ``actors`` (see ``actor_scope``),
3. one of ``cues`` occurs in the sentence (the nearest cue wins when several
   claims count the same unit: "killed" vs "wounded" vs "sent"),
4. none of ``exclude`` occurs in the number's clause ("per day", "pro Tag").

A *status* claim records a statement about whether something is true ("the
Kremlin denied that North Korean troops are in Russia"): a sentence that
mentions one of ``topic`` and one of ``actors`` is classified as affirmed,
denied or unconfirmed by the built-in polarity lexicon plus ``polarity``;
``cues`` are the event words that turn an attributed assertion ("the NIS said
North Korea had *sent* troops") into an affirmation.

Term lists are keyed by language code. Terms match case-insensitively, without
diacritics, with inflection endings ("Soldat" matches "Soldaten"); German terms
also match as the last part of a compound ("Truppen" in "Bodentruppen"); a
trailing ``*`` matches any continuation ("entsend*").
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from monitor.text.lexicon import lexicon

TermsByLanguage = dict[str, list[str]]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def refuse_unsupported_language(language: str) -> None:
    """A ValueError (for the config's file:line message) unless the language has a lexicon."""
    known = lexicon().languages
    if language not in known:
        raise ValueError(
            f"language {language!r} has no built-in lexicon, so its terms would never match "
            f"(supported: {', '.join(known)})"
        )


def _check_languages(value: TermsByLanguage) -> TermsByLanguage:
    for language, terms in value.items():
        if len(language) != 2 or not language.isalpha() or not language.islower():
            raise ValueError(f"{language!r} is not a two-letter language code")
        # A term in a language without built-in vocabulary would be accepted and never matched.
        refuse_unsupported_language(language)
        for term in terms:
            if not term.strip():
                raise ValueError(f"an empty term in the {language!r} list")
    return value


class ActorSpec(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["country", "person", "organization", "media", "group", "place", "other"] = "other"
    # language code -> names; inflected forms are derived by the matcher.
    names: dict[str, list[str]]
    # names that count only when the context confirms them (Kim, Xi, NIS, ...)
    ambiguous: list[str] = Field(default_factory=list)
    # language code -> words that confirm an ambiguous name near it (NIS: Geheimdienst,
    # intelligence, spy); matched folded, anywhere in a word. Used by the actor matcher.
    context: TermsByLanguage = Field(default_factory=dict)
    # a spokesperson or office speaks for an actor: Peskov speaks for russia.
    speaks_for: str | None = None
    # a country's ISO 3166-1 code ("TR"), when its names do not say it: the gazetteer then knows
    # the country's cities and regions (see ``place_containment``)
    code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    # a place's country (or larger place): a claim excluding that one excludes this place too,
    # and a claim scoped to it does not count this place's figures as its own
    within: str | None = None


class PolarityCues(StrictModel):
    """Extra polarity words for one status claim, on top of the built-in lexicon."""

    affirmed: TermsByLanguage = Field(default_factory=dict)
    denied: TermsByLanguage = Field(default_factory=dict)
    unconfirmed: TermsByLanguage = Field(default_factory=dict)

    @field_validator("affirmed", "denied", "unconfirmed")
    @classmethod
    def _languages(cls, value: TermsByLanguage) -> TermsByLanguage:
        return _check_languages(value)


class ScopeSpec(StrictModel):
    """Whose count a figure claim is, where and since when.

    A figure whose own phrase names a place ("in Syria", "in der Provinz Hatay") belongs to the
    claim only when that place is one of ``places`` (or, without ``places``, is not one of
    ``exclude_places``). A figure dated before ``since`` ("the 1999 earthquake killed 17,000",
    "im Februar 2031", "20 years ago", "damals" after a sentence about 2011) or set at another
    occasion ("an earlier round", "beim letzten Streik") is another event's (see
    ``monitor.text.figures.event``). Places are watchlist ids of kind country or place."""

    places: list[str] = Field(default_factory=list)
    exclude_places: list[str] = Field(default_factory=list)
    since: date | None = None

    @model_validator(mode="after")
    def _disjoint(self) -> ScopeSpec:
        both = set(self.places) & set(self.exclude_places)
        if both:
            raise ValueError(f"{sorted(both)} in both places and exclude_places")
        return self


class WideningSpec(StrictModel):
    """Fractions: "about 10,000" spans 10,000 +/- ``about``; "more than" and "at least"
    reach up by their fraction, "up to" down by its own. Bounded on purpose: "more
    than 650,000" must not swallow every larger figure that follows."""

    about: float = Field(default=0.05, ge=0, le=1)
    more_than: float = Field(default=0.10, ge=0, le=10)
    at_least: float = Field(default=0.10, ge=0, le=10)
    up_to: float = Field(default=0.10, ge=0, le=1)


class ClaimSpec(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = ""
    kind: Literal["figure", "status"] = "figure"
    # figure: language code -> unit terms, the nouns counted (Soldaten, troops, ...)
    units: TermsByLanguage = Field(default_factory=dict)
    # figure: what may follow a measure word ("Schuss für Mehrfachraketenwerfer", "rounds for
    # howitzers") to name the counted thing; alone, these words count something else (launchers)
    complements: TermsByLanguage = Field(default_factory=dict)
    # status: language code -> what the statement is about (Truppen, Entsendung, troops, ...)
    topic: TermsByLanguage = Field(default_factory=dict)
    # who the counted things / the statement belong to (watchlist ids)
    actors: list[str] = Field(default_factory=list)
    # where the actor must show: "unit" = in the counted noun phrase ("nordkoreanische
    # Soldaten", "troops from North Korea"); "sentence" = also anywhere in the sentence;
    # "article" = also as the article's subject (the title's or the most-mentioned actor).
    # A noun phrase that names another country ("russische Soldaten") never qualifies.
    actor_scope: Literal["unit", "sentence", "article"] = "article"
    # figure: words that say what happened to the counted things; status: event words
    cues: TermsByLanguage = Field(default_factory=dict)
    # words that disqualify a figure when they occur in its clause ("pro Tag")
    exclude: TermsByLanguage = Field(default_factory=dict)
    # status claims: extra affirm / deny / unconfirmed words
    polarity: PolarityCues = Field(default_factory=PolarityCues)
    # status claims: built-in polarity cues switched off for this claim ("refused" in a story
    # where refugees are refused entry, which is no one's denial)
    polarity_remove: PolarityCues = Field(default_factory=PolarityCues)
    # figure claims: a running total (a death toll): a later higher figure supersedes an earlier
    # one; sources contradict each other only about the same moment (``same_moment_hours``), or
    # when a later total falls below the same source's earlier one (monitor.detect.totals)
    accumulates: bool = False
    same_moment_hours: float = Field(default=24, gt=0)
    # figure claims: which places and which event the claim counts
    scope: ScopeSpec = Field(default_factory=lambda: ScopeSpec())
    # plausible range of a figure (an army of 2,000 is some other army)
    min_value: float | None = Field(default=None, ge=0)
    max_value: float | None = Field(default=None, ge=0)
    # contradiction window in days (detection); figure claims compare two voices only within
    # same_moment_hours of each other (figures further apart count different moments)
    window_days: int = Field(default=14, ge=1)
    # how far a qualifier widens a figure when figures are compared (alerts)
    widening: WideningSpec = Field(default_factory=lambda: WideningSpec())

    @field_validator("units", "complements", "topic", "cues", "exclude")
    @classmethod
    def _languages(cls, value: TermsByLanguage) -> TermsByLanguage:
        return _check_languages(value)

    @model_validator(mode="after")
    def _complete(self) -> ClaimSpec:
        if self.kind == "figure":
            if not any(self.units.values()):
                raise ValueError("a figure claim needs units (what it counts)")
            if not any(self.cues.values()):
                raise ValueError("a figure claim needs cues (what happened to the counted things)")
            if self.topic:
                raise ValueError("topic is for status claims; a figure claim uses units")
            if any(self.polarity_remove.model_dump().values()):
                raise ValueError("polarity_remove is for status claims")
        else:
            if not any(self.topic.values()):
                raise ValueError("a status claim needs topic terms (what the statement is about)")
            if self.units:
                raise ValueError("units are for figure claims; a status claim uses topic")
            if not self.actors:
                raise ValueError("a status claim needs actors (whose deed is affirmed or denied)")
            if self.accumulates:
                raise ValueError("accumulates is for figure claims (a running total)")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValueError("min_value is larger than max_value")
        return self
