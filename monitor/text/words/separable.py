"""Separable verbs: the forms a verb term takes when its particle stands apart or joins a finite verb.

A German verb with a separable particle ("abbauen", "freilassen", "wegfallen") is written in one
word only as an infinitive or participle ("abbauen", "abgebaut", "freigelassen") and in a
subordinate clause ("dass Ardtek 1.500 Stellen abbaut"). In a main clause its finite verb stands
second and the particle closes the clause: "Ardtek baut 4.000 Stellen ab", "16 Gefangene kamen
frei", "Bei Ardtek fallen 2.500 Stellen weg". A cue written as the infinitive or the participle
("abbauen", "freigekommen") should find all of these.

``separable_verb`` reads a term as particle + base verb; ``finite_forms`` gives the base verb's
present and past forms (regular endings, and the irregular ones of the lexicon's strong verbs:
"kam", "fiel", "ließ"). Words are folded (``Token.norm``); the term index
(``language.TermIndex``) files the forms and asks for the particle at the clause end.

Pure: no I/O.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from monitor.text.lang import grammar
from monitor.text.lexicon import lexicon
from monitor.text.words.normalize import fold

__all__ = ["SeparableVerb", "finite_forms", "participle_infinitive", "separable_verb"]

_MIN_VERB = 5  # "bauen", "gehen": what is left after the particle must be a verb of its own
_MIN_STEM = 3  # a shorter stem's endings make common words ("tot" of "toten")
_REGULAR_ENDINGS = ("e", "st", "t", "et", "te", "ten", "ete", "eten")


class SeparableVerb(NamedTuple):
    particle: str
    infinitive: str  # the base verb without its particle ("bauen", "lassen")


class _Strong(NamedTuple):
    by_infinitive: dict[str, tuple[str, ...]]  # infinitive -> irregular finite forms
    by_participle: dict[str, str]  # participle -> infinitive


@functools.cache
def _strong_verbs(language: str) -> _Strong:
    by_infinitive: dict[str, tuple[str, ...]] = {}
    by_participle: dict[str, str] = {}
    if lexicon().knows(language):
        for forms in lexicon().of(language).verbs.strong:
            infinitive, participle, *finite = (fold(form) for form in forms)
            by_infinitive[infinitive] = tuple(finite)
            by_participle[participle] = infinitive
    return _Strong(by_infinitive, by_participle)


@functools.cache
def participle_infinitive(word: str, language: str) -> str | None:
    """The infinitive of a participle with the participle infix: "gestorben" -> sterben (the
    lexicon's strong verbs), "gelassen" -> lassen, "gemeldet" -> melden, "gebaut" -> bauen;
    None for a word that is no such participle ("gehen", "getreu")."""
    infix = grammar(language).participle_infix
    if not infix or not word.startswith(infix) or len(word) <= len(infix) + 3:
        return None
    strong = _strong_verbs(language).by_participle
    if word in strong:
        return strong[word]
    stem = word[len(infix) :]
    if stem.endswith("en"):  # a strong participle with the stem of its infinitive: "gelassen"
        return stem
    if stem.endswith("et") and stem[-3:-2] in ("d", "t"):  # "gemeldet", "gerichtet"
        return stem[:-2] + "en"
    if stem.endswith("t"):  # a weak participle: "gebaut", "geteilt"
        return stem[:-1] + "en"
    return None


@functools.cache
def separable_verb(word: str, language: str) -> SeparableVerb | None:
    """ "abbauen" -> (ab, bauen); "freigelassen" -> (frei, lassen); "abgebaut" -> (ab, bauen);
    "angegriffen" -> (an, greifen); None for a word that is no separable verb's infinitive or
    participle ("beendet", "gestorben", "zusammen")."""
    rules = grammar(language)
    if not rules.participle_infix or not rules.separable_particles:
        return None
    for particle in sorted(rules.separable_particles, key=len, reverse=True):
        if not word.startswith(particle):
            continue
        rest = word[len(particle) :]
        if rest.startswith(rules.participle_infix) and len(rest) > len(rules.participle_infix) + 3:
            infinitive = participle_infinitive(rest, language)
            if infinitive is not None:
                return SeparableVerb(particle, infinitive)
            continue
        if rest.endswith("en") and len(rest) >= _MIN_VERB:
            return SeparableVerb(particle, rest)
    return None


@functools.cache
def finite_forms(infinitive: str, language: str) -> frozenset[str]:
    """Present and past forms of a verb: regular endings on its stem, and a strong verb's own, also
    behind a prefix ("kommen" -> kommt, kam, kamen; "bekommen" -> bekam; "freilassen" -> freiließ).
    Regular endings on a strong verb make words no text has ("kommte")."""
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive
    if len(stem) < _MIN_STEM:
        return frozenset()
    forms = {infinitive, *(stem + ending for ending in _REGULAR_ENDINGS)}
    strong = _strong_verbs(language).by_infinitive
    for base in sorted(strong, key=len, reverse=True):
        if infinitive == base or (infinitive.endswith(base) and len(base) >= _MIN_VERB):
            prefix = infinitive[: len(infinitive) - len(base)]
            forms.update(prefix + form for form in strong[base])
            break
    return frozenset(forms)
