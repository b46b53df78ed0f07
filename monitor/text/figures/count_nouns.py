"""Count nouns as built-in cues: "the toll", "die Zahl der Flutopfer", "the number of victims".

A figure is most often named by its count, not by what happened: "The government puts the toll at
230 people", "Die Zahl der Flutopfer steigt auf 224". A user tracking deaths lists "death toll" or
"Opfer" once; the count noun then says what happened as well as a cue would, when what it counts
fits the claim:

- its complement is a unit of the claim that no claim counting something else shares ("Zahl der
  Flutopfer", "number of victims": "Opfer" counts the dead, "Menschen" could count the missing);
- bare ("the toll", "die Bilanz"), it is the head of one of the claim's own count cues ("death
  toll" -> "toll"), and nothing before it names another claim's thing ("the injury toll").

Other senses of the word are no count: a complement that is nothing of the claim's ("die Bilanz des
Unternehmens"), or a phrase of the lexicon's ``count_other_senses`` ("the toll road", "a heavy toll
on the economy", "took its toll").

Pure: no I/O.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.spec import ClaimSpec
from monitor.text.words.language import TermMatch, Token
from monitor.text.words.normalize import fold

_LEXICON = lexicon()
_LINKS = _LEXICON.words_by_language(lambda entry: entry.figures.count_links)
_HEADS = _LEXICON.words_by_language(lambda entry: entry.figures.count_heads)
OTHER_SENSES = _LEXICON.per_language(lambda entry: entry.figures.count_other_senses)
OTHER_SENSE_LABEL = "count-other"
_SHORT_COUNTS = {code: entry.figures.short_counts for code, entry in _LEXICON.by_language.items()}
_COUNT_MODIFIERS = _LEXICON.words_by_language(lambda entry: entry.figures.count_modifiers)


class CountCues:
    """Which claims a count noun of a sentence is a cue of."""

    def __init__(self, claims: Sequence[ClaimSpec]) -> None:
        figures = [claim for claim in claims if claim.kind == "figure"]
        # (language, folded unit) -> claims whose thing the unit names and no other claim's
        self._specific: dict[tuple[str, str], set[str]] = {}
        # (language, folded head) -> claims with a count cue ending in it ("death toll" -> toll)
        self._bare: dict[tuple[str, str], set[str]] = {}
        for claim in figures:
            for language, units in claim.units.items():
                for unit in units:
                    if specific_unit(claim, language, unit, figures):
                        self._specific.setdefault((language, fold(unit)), set()).add(claim.id)
            for language, cues in claim.cues.items():
                heads = _HEADS.get(language, frozenset())
                for cue in cues:
                    words = fold(cue).split()
                    for head in heads:
                        # "death toll", or a compound ending in the head ("Opferbilanz")
                        named = words[-1] == head if len(words) >= 2 else words[-1].endswith(head)
                        if named and words != [head]:
                            self._bare.setdefault((language, head), set()).add(claim.id)
        # (language, folded short count) -> claims counting by the phrase it stands for ("toll")
        self._short: dict[tuple[str, str], set[str]] = {}
        for claim in figures:
            for language in {*claim.units, *claim.cues}:
                for short in _short_counts_of(claim, language, figures):
                    self._short.setdefault((language, short), set()).add(claim.id)

    def add_cues(self, tokens: Sequence[Token], matches: list[TermMatch], language: str) -> list[TermMatch]:
        """``matches`` and a ``cue:`` match for each claim a count noun of the sentence counts for."""
        if not any(m.label == "count" for m in matches):
            return matches
        other = [m for m in matches if m.label == OTHER_SENSE_LABEL]
        units_at: dict[int, list[TermMatch]] = {}
        for match in matches:
            if match.label.startswith(("unit:", "cue:")):
                units_at.setdefault(match.first, []).append(match)
        links = _LINKS.get(language, frozenset())
        added: list[TermMatch] = []
        for count in (m for m in matches if m.label == "count"):
            if any(o.first <= count.first <= o.last for o in other):
                continue  # "the toll road", "a heavy toll on the economy"
            position = count.last + 1
            while position < len(tokens) and tokens[position].norm in links:
                position += 1
            numeral = position < len(tokens) and tokens[position].norm[:1].isdigit()
            if position > count.last + 1 and not numeral:
                # "die Zahl der Flutopfer": the complement says what is counted
                for unit in units_at.get(position, ()):
                    kind, claim_id = unit.label.split(":", 1)
                    if kind == "unit" and claim_id in self._specific.get((language, fold(unit.term)), ()):
                        cue = TermMatch(f"cue:{claim_id}", language, count.term, count.first, unit.last)
                        added.append(cue)
                continue  # "die Bilanz des Unternehmens": a complement of nothing the claim counts
            head = tokens[count.first].norm
            claims = self._bare.get((language, head), set())
            before = units_at.get(count.first - 1, ())
            foreign = {m.label.split(":", 1)[1] for m in before} - claims
            if claims and not foreign:
                added.extend(
                    TermMatch(f"cue:{claim_id}", language, count.term, count.first, count.last)
                    for claim_id in sorted(claims)
                )
            short = self._short.get((language, head), set())
            if short and _stands_alone(tokens, matches, count, language):
                # "The toll in Kessa is 20 now": the death toll, a unit and a cue of its claims
                for claim_id in sorted(short):
                    added.append(TermMatch(f"unit:{claim_id}", language, count.term, count.first, count.last))
                    added.append(TermMatch(f"cue:{claim_id}", language, count.term, count.first, count.last))
        return [*matches, *added] if added else matches


def specific_unit(claim: ClaimSpec, language: str, unit: str, claims: Sequence[ClaimSpec]) -> bool:
    """Does ``unit`` name only what ``claim`` counts? Claims sharing it must share a cue too: the
    Valencia and the Spain death tolls both count "Opfer"; "Menschen" are also the missing."""
    if claim.kind != "figure":
        return False
    unit = fold(unit)
    own = _folded(tuple(claim.cues.get(language, ())))
    for other in claims:
        if (
            other.id == claim.id
            or other.kind != "figure"
            or unit not in _folded(tuple(other.units.get(language, ())))
        ):
            continue
        if not own & _folded(tuple(other.cues.get(language, ()))):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _folded(terms: tuple[str, ...]) -> frozenset[str]:
    """The folded forms of a claim's terms; asked once per pair of claims and unit, so the
    engine's build would otherwise fold every claim's terms once per unit of every claim."""
    return frozenset(fold(term) for term in terms)


def unit_count_phrases(language: str, units: Sequence[str]) -> list[str]:
    """The count phrases built from units: "Opfer" + "zahl", "deaths" -> "death toll"."""
    lexicon = _LEXICON.of(language) if _LEXICON.knows(language) else None
    if lexicon is None:
        return []
    found: list[str] = []
    rules = grammar(language)
    for unit in units:
        if len(unit.split()) != 1 or not unit[:1].isalpha():
            continue
        for suffix in lexicon.figures.count_suffixes:
            if rules.compounds:
                if not rules.nouns_capitalized or unit[:1].isupper():
                    found += [f"{unit}{suffix}", f"{unit}n{suffix}"]  # Opferzahl, Totenzahl
            elif unit.endswith("s") and len(unit) > 3:
                singular = unit[:-3] + "y" if rules.y_to_ies and unit.endswith("ies") else unit[:-1]
                found.append(f"{singular} {suffix}")
    return found


def _short_counts_of(claim: ClaimSpec, language: str, claims: Sequence[ClaimSpec]) -> list[str]:
    """The short counts (folded) that stand for a count phrase of the claim: "toll" for a claim
    with the cue "death toll" or the unit "deaths" (which only it counts)."""
    shorts = _SHORT_COUNTS.get(language, {})
    if not shorts:
        return []
    own = [unit for unit in claim.units.get(language, []) if specific_unit(claim, language, unit, claims)]
    phrases = {
        " ".join(fold(phrase).split())
        for phrase in (*claim.cues.get(language, []), *own, *unit_count_phrases(language, own))
    }
    return [fold(short) for short, full in shorts.items() if " ".join(fold(full).split()) in phrases]


def _stands_alone(
    tokens: Sequence[Token], matches: Sequence[TermMatch], count: TermMatch, language: str
) -> bool:
    """Is the count noun a phrase of its own ("the toll", "the official toll", "Norland's toll"),
    not the head of a longer unit ("death toll") or a count of something else ("the injury toll")?"""
    if any(m.label.startswith("unit:") and m.first <= count.first <= m.last for m in matches):
        return False
    if count.first == 0:
        return True
    before = tokens[count.first - 1]
    if not before.is_word:
        return True
    return before.norm in _COUNT_MODIFIERS.get(language, frozenset()) or before.norm.endswith(
        ("'s", "’s", "s'")
    )
