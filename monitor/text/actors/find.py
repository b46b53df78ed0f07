"""Find watchlist actors in German and English text.

One Aho-Corasick automaton holds every name of every actor, folded (case,
diacritics, ß, typographic punctuation; hyphens count as spaces so "Kim Jong-un"
is "Kim Jong Un"). The text is folded the same way and scanned once; each raw
match must sit on word boundaries, which keeps "Kim" out of "Kimono" and "Xi"
out of "Xinjiang". Overlapping matches are settled longest-first, so
"Südkoreas Geheimdienst" is the NIS and not south-korea.

Rules worth knowing (each has tests in tests/text/test_actors.py):

* Inflection (the rules live in ``inflection``). Names are stored once; a
  German or English ending may follow the stored name before the word boundary
  ("Russlands", "Nordkoreanern", "North Koreans"), and German adjectives are
  expanded into their endings at build time ("Vereinigte Staaten",
  "nordkoreanischen", "des Roten Kreuzes" for "Rotes Kreuz", not in a person's
  name). Acronyms take no endings and never match in lowercase
  ("eu" in a web address is not the EU).
* Compounds. A hyphen is a word boundary, so a name that fills whole segments
  of a hyphenated compound counts wherever it stands: "Nato-Beamter" (nato),
  "Russland-Ukraine-Krieg" (russia and ukraine), "Anti-Putin-Protest" (putin).
  Closed compounds ("Kremlsprecher") do not count unless listed as names.
* Ambiguous names (``ActorSpec.ambiguous``: Kim, Xi, NIS, US) are
  case-sensitive (exactly as listed, so "us" is never the US) and count only
  when confirmed by one of: another confirmed mention of the same actor
  anywhere in the text ("Kim Jong Un" ... "Kim"); within ``CONTEXT_WINDOW``
  characters, a context word of the actor (``ActorSpec.context``: "NIS" near
  "Geheimdienst") or a mention of the actor it speaks for ("Kim" near
  "Nordkorea", "Xi" near "China"); or the name starting a hyphenated compound
  ("Kim-Regime", "US-Armee"), which writers only do with a name they mean.
  A short capitalised name right after it ("Kim Su-jin", "Kim Il Sung") makes
  it part of a longer name that is not on the watchlist: no hit.
* A name listed for two actors yields a hit for each; an ambiguous name shared
  by two actors goes to the confirmed one with the nearest confirmed mention
  (ties: watchlist order).
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import ahocorasick

from monitor.text.actors.inflection import is_acronym, match_form, name_variants, separators_to_spaces
from monitor.text.spec import ActorSpec
from monitor.text.words.normalize import PositionMap, fold, fold_with_positions

__all__ = ["CONTEXT_WINDOW", "ActorHit", "Watchlist", "match_form", "name_variants"]

# How far (in characters, either side) a context word may be from an ambiguous
# name: roughly the sentence around it.
CONTEXT_WINDOW = 120
# After an ambiguous name, the start of a longer name that is not on the watchlist:
# Korean and Chinese given names ("Kim Su-jin", "Kim Il Sung", "Xi Ming-ze").
_UNLISTED_NAME_TAIL = re.compile(r" [A-Z][a-z]{1,4}(?:-[a-z]{2,5}\b| [A-Z][a-z]{1,4}\b)")


@dataclass(frozen=True)
class ActorHit:
    """One mention of an actor; ``start``/``end`` index the original text."""

    actor_id: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Entry:
    """One actor behind an automaton key. ``exact`` is set for ambiguous names:
    the spellings (original case) the text must show for the match to count."""

    actor_id: str
    exact: frozenset[str] | None


@dataclass(slots=True)
class _Key:
    """What the automaton returns for a match: everything needed to judge it."""

    length: int
    suffixes: tuple[str, ...] = ()
    entries: list[_Entry] = field(default_factory=list)
    # False when only acronyms ("EU", "U.S.") produced the key: an all-lowercase
    # "eu" or "u.s." in the text is a web address or a word, not the acronym.
    lowercase_ok: bool = True


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # folded positions
    end: int
    entries: tuple[_Entry, ...]  # those that passed the case check


@dataclass(frozen=True, slots=True)
class _Scan:
    """One text prepared for matching: folded, and with separators as spaces."""

    text: str
    folded: str
    scanned: str  # folded, hyphens and line breaks as spaces: what the automaton reads
    positions: PositionMap

    @classmethod
    def of(cls, text: str) -> _Scan:
        folded, positions = fold_with_positions(text)
        return cls(text, folded, separators_to_spaces(folded), positions)

    def original(self, start: int, end: int) -> str:
        """The original text of folded span [start, end)."""
        return self.text[self.positions.original(start) : self.positions.original(end)]

    def spelled_exactly(self, start: int, end: int, spellings: frozenset[str]) -> bool:
        """Is folded span [start, end) written in the original exactly as one of ``spellings``?"""
        surface = self.original(start, end)
        return surface in spellings or " ".join(surface.replace("-", " ").split()) in spellings

    def starts_unlisted_name(self, candidate: _Candidate) -> bool:
        """Does an ambiguous name begin a longer name that is not on the watchlist?"""
        original_end = self.positions.original(candidate.end)
        if self.original(candidate.start, candidate.end).isupper():
            return False  # acronyms: "NIS Director", "US Navy" are not longer names
        return _UNLISTED_NAME_TAIL.match(self.text, original_end) is not None

    def hit(self, candidate: _Candidate, actor_id: str) -> ActorHit:
        start = self.positions.original(candidate.start)
        end = self.positions.original(candidate.end)
        return ActorHit(actor_id=actor_id, start=start, end=end, surface=self.text[start:end])


def _listed_names(actor: ActorSpec) -> dict[str, set[str]]:
    """Every name of the actor (ambiguous ones included) -> the languages listing it."""
    languages_of: dict[str, set[str]] = {}
    for language, names in actor.names.items():
        for name in names:
            languages_of.setdefault(name, set()).add(language)
    # An ambiguous name listed only under ``ambiguous`` belongs to every language
    # of the actor ("Kim" takes the German genitive "Kims").
    for name in actor.ambiguous:
        languages_of.setdefault(name, set(actor.names))
    return languages_of


class Watchlist:
    """The compiled watchlist: build once, then ``find`` on every article."""

    def __init__(self, actors: Sequence[ActorSpec]) -> None:
        self._actors: dict[str, ActorSpec] = {}
        for actor in actors:
            if actor.id in self._actors:
                raise ValueError(f"actor id {actor.id!r} appears twice in the watchlist")
            self._actors[actor.id] = actor
        self._order = {actor_id: position for position, actor_id in enumerate(self._actors)}
        self._context: dict[str, tuple[str, ...]] = {
            actor.id: tuple(
                {match_form(word).strip() for words in actor.context.values() for word in words} - {""}
            )
            for actor in actors
            if actor.context
        }
        # The build allocates several objects per name and none of them form
        # cycles; the cyclic collector would rescan them again and again (a third
        # of the time at 100,000 names), so it pauses while we build.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build(actors)
        finally:
            if collecting:
                gc.enable()

    def _build(self, actors: Sequence[ActorSpec]) -> None:
        listings = [(actor, _listed_names(actor)) for actor in actors]
        # Fold every name in one call (a line break folds to itself and splits
        # them apart again): per-name calls dominate a 100,000-name build.
        spaced = [" ".join(name.split()) for _, listed in listings for name in listed]
        folded_names = fold("\n".join(spaced)).replace("-", " ").split("\n") if spaced else []
        if len(folded_names) != len(spaced):
            raise AssertionError("a watchlist name folded into a line break")
        folded_iter = iter(folded_names)
        keys: dict[str, _Key] = {}
        for actor, listed in listings:
            self._add_actor(actor, listed, folded_iter, keys)
        self._automaton = ahocorasick.Automaton()
        for key_text, key in keys.items():
            if len(key.entries) > 1:
                key.entries.sort(key=lambda entry: self._order[entry.actor_id])
            self._automaton.add_word(key_text, key)
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    @staticmethod
    def _add_actor(
        actor: ActorSpec, listed: dict[str, set[str]], folded_iter: Iterator[str], keys: dict[str, _Key]
    ) -> None:
        ambiguous_names = actor.ambiguous
        exact_forms: dict[str, set[str]] = {}  # key -> spellings, ambiguous names only
        plain = _Entry(actor.id, None)
        for name, languages in listed.items():
            folded = next(folded_iter)
            is_ambiguous = name in ambiguous_names
            acronym = is_acronym(name)
            variants, suffixes = name_variants(name, languages, is_ambiguous, folded, actor.kind == "person")
            for variant in variants:
                key = keys.get(variant)
                if key is None:
                    key = keys[variant] = _Key(len(variant), suffixes, lowercase_ok=not acronym)
                else:
                    key.lowercase_ok = key.lowercase_ok or not acronym
                    if suffixes and key.suffixes != suffixes:
                        key.suffixes = tuple(sorted({*key.suffixes, *suffixes}, key=len, reverse=True))
                if is_ambiguous:
                    exact_forms.setdefault(variant, set()).add(" ".join(name.split()))
                elif not key.entries or key.entries[-1] is not plain:  # once per actor and key
                    key.entries.append(plain)
        # An unambiguous listing of the same key wins over an ambiguous one.
        for variant, spellings in exact_forms.items():
            entries = keys[variant].entries
            if not entries or entries[-1] is not plain:
                entries.append(_Entry(actor.id, frozenset(spellings)))

    # -- lookups -------------------------------------------------------------

    def actor(self, actor_id: str) -> ActorSpec:
        """The spec of ``actor_id`` (KeyError if it is not on the watchlist)."""
        return self._actors[actor_id]

    def speaks_for(self, actor_id: str) -> str | None:
        """The actor this one speaks for (Peskov -> russia), or None."""
        actor = self._actors.get(actor_id)
        return actor.speaks_for if actor else None

    @property
    def actor_ids(self) -> list[str]:
        return list(self._actors)

    # -- matching ------------------------------------------------------------

    def find(self, text: str) -> list[ActorHit]:
        """All confirmed mentions in ``text``, non-overlapping, in text order."""
        scan = _Scan.of(text)
        settled: list[tuple[_Candidate, str]] = []
        anchors: dict[str, list[int]] = {}  # actor id -> starts of its confirmed mentions
        pending: list[_Candidate] = []
        for candidate in self._choose(self._candidates(scan), len(scan.scanned)):
            plain = [entry for entry in candidate.entries if entry.exact is None]
            if plain:
                for entry in plain:
                    settled.append((candidate, entry.actor_id))
                    anchors.setdefault(entry.actor_id, []).append(candidate.start)
            else:
                pending.append(candidate)
        # Two rounds: a mention confirmed by context or a compound ("Kim-Regime")
        # confirms the plain mentions of the same actor elsewhere ("Kim sagte").
        for _round in range(2):
            unconfirmed: list[_Candidate] = []
            for candidate in pending:
                actor_id = self._confirm(candidate, scan, anchors)
                if actor_id is None:
                    unconfirmed.append(candidate)
                else:
                    settled.append((candidate, actor_id))
                    anchors.setdefault(actor_id, []).append(candidate.start)
            pending = unconfirmed
        settled.sort(key=lambda item: (item[0].start, self._order[item[1]]))
        return [scan.hit(candidate, actor_id) for candidate, actor_id in settled]

    def counts(self, text: str) -> dict[str, int]:
        """Mentions per actor id."""
        return dict(Counter(hit.actor_id for hit in self.find(text)))

    def resolve_name(self, name: str) -> str | None:
        """The actor a free speaker string refers to, or None.

        "Kremlin spokesman Dmitry Peskov" -> peskov: a person on the watchlist
        wins over the institution around it; otherwise the last name mentioned
        wins ("spokesman for South Korea's NIS" -> nis), since a speaker string
        usually ends with its head. Ambiguous names need no confirmation here
        (the string is already known to be a speaker) but keep their case rule
        and do not count at the start of an unlisted longer name ("Kim Su-jin").
        """
        scan = _Scan.of(name)
        best: tuple[bool, int, int] | None = None
        best_id: str | None = None
        for candidate in self._choose(self._candidates(scan), len(scan.scanned)):
            for entry in candidate.entries:
                if entry.exact is not None and scan.starts_unlisted_name(candidate):
                    continue
                rank = (
                    self._actors[entry.actor_id].kind == "person",
                    candidate.start,
                    -self._order[entry.actor_id],
                )
                if best is None or rank > best:
                    best, best_id = rank, entry.actor_id
        return best_id

    def _candidates(self, scan: _Scan) -> list[_Candidate]:
        """Raw automaton matches that sit on word boundaries and pass the case rule."""
        if self._empty:
            return []
        scanned = scan.scanned
        length = len(scanned)
        found: list[_Candidate] = []
        for last_index, key in self._automaton.iter(scanned):
            start = last_index + 1 - key.length
            if start > 0 and scanned[start - 1].isalnum():
                continue
            end = last_index + 1
            if end < length and scanned[end].isalnum():
                for suffix in key.suffixes:
                    after = end + len(suffix)
                    if scanned.startswith(suffix, end) and (after >= length or not scanned[after].isalnum()):
                        end = after
                        break
                else:
                    continue
            if not key.lowercase_ok and scan.original(start, start + key.length).islower():
                continue
            entries = tuple(
                entry
                for entry in key.entries
                if entry.exact is None or scan.spelled_exactly(start, start + key.length, entry.exact)
            )
            if entries:
                found.append(_Candidate(start, end, entries))
        return found

    @staticmethod
    def _choose(candidates: list[_Candidate], length: int) -> list[_Candidate]:
        """Non-overlapping candidates, longest first (ties: leftmost), in text order."""
        occupied = bytearray(length)
        chosen: list[_Candidate] = []
        for candidate in sorted(candidates, key=lambda item: (item.start - item.end, item.start)):
            if occupied.find(1, candidate.start, candidate.end) == -1:
                occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
                chosen.append(candidate)
        chosen.sort(key=lambda item: item.start)
        return chosen

    def _confirm(self, candidate: _Candidate, scan: _Scan, anchors: dict[str, list[int]]) -> str | None:
        """The actor an ambiguous match belongs to, if the text confirms one."""
        if scan.starts_unlisted_name(candidate):
            return None
        folded = scan.folded
        starts_compound = (
            candidate.end + 1 < len(folded)
            and folded[candidate.end] == "-"
            and folded[candidate.end + 1].isalnum()
        )
        low, high = candidate.start - CONTEXT_WINDOW, candidate.end + CONTEXT_WINDOW
        window = scan.scanned[max(0, low) : high]

        def confirms(actor_id: str) -> bool:
            if starts_compound or actor_id in anchors:
                return True
            if any(word in window for word in self._context.get(actor_id, ())):
                return True
            principal = self._actors[actor_id].speaks_for
            return principal is not None and any(low <= start <= high for start in anchors.get(principal, ()))

        confirmed = [entry.actor_id for entry in candidate.entries if confirms(entry.actor_id)]
        if len(confirmed) <= 1:
            return confirmed[0] if confirmed else None

        def distance(actor_id: str) -> int:
            starts = anchors.get(actor_id)
            return min(abs(candidate.start - start) for start in starts) if starts else len(folded) + 1

        return min(confirmed, key=distance)
