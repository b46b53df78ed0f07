"""Places a user never listed: which watchlist country a named city or region lies in.

A claim's scope names watchlist places; a story names many more ("in Chiang Mai", "in der
Provinz Gaziantep", "near Kalamata"). ``PlaceIndex`` maps each watchlist country to its ISO
code (its ``code:``, else the ISO country one of its names is) and finds, in an article, the
cities and subdivisions of those countries (``gazetteer``) that the watchlist does not name
itself. Such a place counts for scope as a place *within* its country: a claim excluding the
country excludes it, and a claim scoped to the country does not take its count as the whole
country's (it is a part, like a watchlist place the claim does not list). A watchlist place may
say the same of itself with ``within: <country or place id>``.

A gazetteer name counts only where it cannot be a word: written with a capital letter, not one
of the language's common words (every word of the built-in lexicon, the claims' own terms, and
the lexicon's ``not_places``: "Essen", "Nice", "Mobile"), and not right after an article ("in
der Lage", "in der Halle": a German city takes none) unless a place noun follows ("in the
Mandalay region"). The locative before it ("in", "near", "bei") is for the scope rules to see.

Pure apart from the gazetteer's reading of its data (once per configuration).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from monitor.text import gazetteer
from monitor.text.actors import ActorHit, Watchlist
from monitor.text.lexicon import lexicon
from monitor.text.normalize import fold
from monitor.text.spec import ActorSpec, ClaimSpec

_LEXICON = lexicon()
# articles ("an" is a German preposition of place too: "an Bord", "an der Grenze")
_ARTICLES = _LEXICON.words(lambda entry: entry.figures.determiners) - {"an"} | {"the", "a"}
# the place nouns among the fillers ("in the Mandalay region", "in der Provinz Hatay")
_PLACE_NOUNS = frozenset(
    word for word in _LEXICON.words(lambda entry: entry.figures.place_fillers) if len(word) > 3
) - _ARTICLES
_NOT_PLACES = _LEXICON.words(lambda entry: entry.figures.not_places)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ContainedPlace:
    """A gazetteer place: its id (``th-chiang-mai``), its name and the watchlist country it is in."""

    id: str
    name: str
    within: str


def _lexicon_words() -> frozenset[str]:
    """Every single word of every language's built-in lexicon, folded."""
    words: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            words.update(fold(value).split())
        elif isinstance(value, Mapping):
            for key, item in value.items():
                collect(key)
                collect(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                collect(item)

    for code in _LEXICON.languages:
        collect(_LEXICON.of(code).model_dump())
    return frozenset(words)


def _claim_words(claims: Iterable[ClaimSpec]) -> set[str]:
    words: set[str] = set()
    for claim in claims:
        for terms in (claim.units, claim.cues, claim.exclude, claim.topic, claim.complements):
            for listed in terms.values():
                words.update(fold(term.rstrip("*")) for term in listed)
    return words


def country_codes(actors: Iterable[ActorSpec]) -> dict[str, str]:
    """Watchlist country id -> ISO code: its ``code``, else the one ISO country any of its names is
    (folded: "Türkei", "Turkey" and "Türkiye" are TR); a country whose names point to two or to
    none gets no code."""
    known: dict[str, set[str]] = {}
    for country in gazetteer.countries():
        for name in country.names:
            known.setdefault(fold(name), set()).add(country.code)
    found: dict[str, str] = {}
    for actor in actors:
        if actor.kind != "country":
            continue
        if actor.code:
            found[actor.id] = actor.code
            continue
        codes = {code for names in actor.names.values() for name in names for code in known.get(fold(name), ())}
        if len(codes) == 1:
            found[actor.id] = codes.pop()
    return found


class PlaceIndex:
    """The gazetteer places of a watchlist's countries, ready to find in articles."""

    def __init__(self, actors: Sequence[ActorSpec], claims: Sequence[ClaimSpec] = ()) -> None:
        self._within: dict[str, str] = {actor.id: actor.within for actor in actors if actor.within}
        self._places: dict[str, ContainedPlace] = {}
        self._common: frozenset[str] = frozenset()
        codes = country_codes(actors) if any(actor.kind == "country" for actor in actors) else {}
        self.country_codes: Mapping[str, str] = codes
        self._watchlist = Watchlist(self._specs(actors, claims, codes) if codes else [])

    def _specs(self, actors: Sequence[ActorSpec], claims: Sequence[ClaimSpec], codes: dict[str, str]) -> list[ActorSpec]:
        country_of = {code: actor_id for actor_id, code in codes.items()}
        if len(country_of) != len(codes):  # two watchlist countries with one code: say neither
            shared = {code for code in codes.values() if list(codes.values()).count(code) > 1}
            country_of = {code: actor_id for code, actor_id in country_of.items() if code not in shared}
        listed = {fold(name) for actor in actors for names in actor.names.values() for name in names}
        common = self._common = _lexicon_words() | _NOT_PLACES | _claim_words(claims)
        # folded name -> (watchlist country, place name, population); a name of two countries says neither
        by_name: dict[str, tuple[str, str, int]] = {}
        ambiguous: set[str] = set()
        for place in gazetteer.places_of(country_of):
            country = country_of[place.country]
            for name in place.names:
                key = fold(name)
                if key in listed or key in common or key in ambiguous:
                    continue
                seen = by_name.get(key)
                if seen is not None and seen[0] != country:
                    ambiguous.add(key)
                    del by_name[key]
                    continue
                if seen is None or place.population > seen[2]:
                    by_name[key] = (country, place.name, place.population)
        names_of: dict[tuple[str, str], list[str]] = {}
        for key, (country, place_name, _) in by_name.items():
            names_of.setdefault((country, place_name), []).append(key)
        specs = []
        for (country, place_name), names in names_of.items():
            base = f"{codes[country].lower()}-{_SLUG.sub('-', fold(place_name)).strip('-')}"
            place_id, suffix = base, 2
            while place_id in self._places:
                place_id, suffix = f"{base}-{suffix}", suffix + 1
            self._places[place_id] = ContainedPlace(place_id, place_name, country)
            specs.append(ActorSpec(id=place_id, kind="place", names={"de": names, "en": names}))
        return specs

    def find(self, text: str, watchlist_hits: Sequence[ActorHit]) -> list[ActorHit]:
        """The gazetteer places ``text`` names where the watchlist names nothing, written as names
        (capitalised) and not after an article (unless a place noun follows)."""
        if not self._places:
            return []
        taken = [(hit.start, hit.end) for hit in watchlist_hits]
        found = []
        for hit in self._watchlist.find(text):
            if not hit.surface[:1].isupper() or fold(hit.surface) in self._common:
                continue  # also an inflected name that is a word: "Esse" + n is "Essen"
            if any(start < hit.end and hit.start < end for start, end in taken):
                continue
            if _after_article(text, hit):
                continue
            found.append(hit)
        return found

    def place(self, actor_id: str) -> ContainedPlace | None:
        return self._places.get(actor_id)

    def within(self, actor_id: str) -> str | None:
        """The country or place ``actor_id`` lies in (a watchlist place's ``within``, a gazetteer
        place's country), or None."""
        place = self._places.get(actor_id)
        return place.within if place is not None else self._within.get(actor_id)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_WORD_AFTER = re.compile(r"\W*([^\W\d_]+)")


def _after_article(text: str, hit: ActorHit) -> bool:
    before = _WORD_BEFORE.search(text, max(0, hit.start - 20), hit.start)
    if before is None or fold(before.group(1)) not in _ARTICLES:
        return False
    after = _WORD_AFTER.match(text, hit.end)
    return after is None or fold(after.group(1)) not in _PLACE_NOUNS
