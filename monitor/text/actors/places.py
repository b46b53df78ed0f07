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

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.text.actors import gazetteer
from monitor.text.actors.find import ActorHit
from monitor.text.figures.scope import after_locative
from monitor.text.lexicon import lexicon
from monitor.text.spec import ActorSpec, ClaimSpec
from monitor.text.words.language import Token
from monitor.text.words.normalize import fold

_LEXICON = lexicon()
# articles ("an" is a German preposition of place too: "an Bord", "an der Grenze")
_ARTICLES = _LEXICON.words(lambda entry: entry.figures.determiners) - {"an"} | {"the", "a"}
# the place nouns among the fillers ("in the Mandalay region", "in der Provinz Hatay")
_PLACE_NOUNS = (
    frozenset(word for word in _LEXICON.words(lambda entry: entry.figures.place_fillers) if len(word) > 3)
    - _ARTICLES
)
_NOT_PLACES = _LEXICON.words(lambda entry: entry.figures.not_places)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ContainedPlace:
    """A gazetteer place: its id (``th-chiang-mai``), its name and the watchlist country it is in."""

    id: str
    name: str
    within: str


@functools.cache
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
        for key in country.names:
            known.setdefault(key, set()).add(country.code)
    found: dict[str, str] = {}
    for actor in actors:
        if actor.kind != "country":
            continue
        if actor.code:
            found[actor.id] = actor.code
            continue
        keys = gazetteer.name_keys([name for names in actor.names.values() for name in names])
        codes = {code for key in keys for code in known.get(key, ())}
        if len(codes) == 1:
            found[actor.id] = codes.pop()
    return found


class PlaceIndex:
    """The gazetteer places of a watchlist's countries, ready to find in articles.

    No automaton: a gazetteer place counts only after a preposition of place, so ``find`` looks
    up the one to three words after each one in a dictionary of folded names (building an
    automaton of a country's thousands of names would cost more than the whole analysis of a
    short article)."""

    def __init__(self, actors: Sequence[ActorSpec], claims: Sequence[ClaimSpec] = ()) -> None:
        self._within: dict[str, str] = {actor.id: actor.within for actor in actors if actor.within}
        self._places: dict[str, ContainedPlace] = {}
        self._tables: list[tuple[str, str, dict[str, list[Any]]]] = []  # country, code, names
        self._listed: frozenset[str] = frozenset()
        self._claim_words = frozenset(_claim_words(claims))
        self._common: frozenset[str] | None = None  # read on the first candidate
        codes = country_codes(actors) if any(actor.kind == "country" for actor in actors) else {}
        self.country_codes: Mapping[str, str] = codes
        if codes:
            self._index(actors, codes)

    def _index(self, actors: Sequence[ActorSpec], codes: Mapping[str, str]) -> None:
        code_count = {code: list(codes.values()).count(code) for code in codes.values()}
        # two watchlist countries with one code: say neither
        self._tables = [
            (actor_id, code, gazetteer.names_of(code))
            for actor_id, code in codes.items()
            if code_count[code] == 1
        ]
        self._listed = frozenset(
            gazetteer.name_keys(
                [name for actor in actors for names in actor.names.values() for name in names]
            )
        )

    def _lookup(self, key: str) -> ContainedPlace | None:
        """The place of a folded name: none when the watchlist lists the name itself or two of
        its countries have a place of that name."""
        if key in self._listed:
            return None
        found = [(country, code, table[key][0]) for country, code, table in self._tables if key in table]
        if len(found) != 1:
            return None
        country, code, name = found[0]
        name = str(name)
        place_id = f"{code.lower()}-{_SLUG.sub('-', key).strip('-')}"
        place = self._places.get(place_id)
        if place is None:
            place = self._places[place_id] = ContainedPlace(place_id, name, country)
        return place

    def find(self, tokens: Sequence[Token], watchlist_hits: Sequence[ActorHit]) -> list[ActorHit]:
        """The gazetteer places the tokens name after a preposition of place, where the watchlist
        names nothing: written as names (capitalised), not a common word, and not after an
        article (unless a place noun follows)."""
        if not self._tables:
            return []
        taken = [(hit.start, hit.end) for hit in watchlist_hits]
        found: list[ActorHit] = []
        position = 0
        while position < len(tokens):
            hit = self._place_at(tokens, position)
            if hit is None or any(start < hit[0].end and hit[0].start < end for start, end in taken):
                position += 1
                continue
            found.append(hit[0])
            position += hit[1]
        return found

    def _place_at(self, tokens: Sequence[Token], position: int) -> tuple[ActorHit, int] | None:
        token = tokens[position]
        if not token.is_word or not token.capitalized or not after_locative(tokens, position):
            return None
        for length in (3, 2, 1):
            words = tokens[position : position + length]
            if len(words) < length or not all(word.is_word for word in words):
                continue
            key = " ".join(word.norm for word in words).removesuffix("'s").replace("-", " ")
            place = self._lookup(key)
            if place is None and key.endswith("s"):
                place = self._lookup(key[:-1])  # German genitive: "in Bangkoks Altstadt"
            if place is None:
                continue
            if key in self._common_words() or _after_article(tokens, position, position + length):
                return None
            surface = " ".join(word.surface for word in words)
            return ActorHit(place.id, words[0].start, words[-1].end, surface), length
        return None

    def _common_words(self) -> frozenset[str]:
        if self._common is None:
            self._common = _lexicon_words() | _NOT_PLACES | self._claim_words
        return self._common

    def place(self, actor_id: str) -> ContainedPlace | None:
        return self._places.get(actor_id)

    def within(self, actor_id: str) -> str | None:
        """The country or place ``actor_id`` lies in (a watchlist place's ``within``, a gazetteer
        place's country), or None."""
        place = self._places.get(actor_id)
        return place.within if place is not None else self._within.get(actor_id)


def _after_article(tokens: Sequence[Token], first: int, end: int) -> bool:
    """ "in der Lage", "in der Halle": a name right after an article is a noun, unless a place
    noun follows ("in the Mandalay region")."""
    if first == 0 or tokens[first - 1].norm not in _ARTICLES:
        return False
    return end >= len(tokens) or tokens[end].norm not in _PLACE_NOUNS
