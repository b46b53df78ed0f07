"""The grammar seam: rules ask a language's traits, never compare language codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor.text.lang import grammar
from monitor.text.lang.traits import Grammar
from monitor.text.lexicon import lexicon
from monitor.text.words.language import TermIndex, tokenize

TEXT_PACKAGE = Path(__file__).resolve().parents[2] / "monitor" / "text"
CODE_COMPARISON = re.compile(
    r"""language\s*(?:==|!=)\s*["']|\blanguage\s+in\s+\(|["'][a-z]{2}["']\s+in\s+languages"""
)


def test_no_rule_compares_language_codes() -> None:
    offenders = [
        f"{path.relative_to(TEXT_PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(TEXT_PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CODE_COMPARISON.search(line)
    ]
    assert offenders == []


def test_every_lexicon_language_has_its_own_grammar() -> None:
    for code in lexicon().languages:
        rules = grammar(code)
        assert rules.code == code
        assert rules != Grammar(code), f"{code}: a language module states its traits"
        assert (TEXT_PACKAGE / "lang" / f"{code}.py").is_file()


def test_traits_that_tell_the_languages_apart() -> None:
    german, english, french = grammar("de"), grammar("en"), grammar("fr")
    assert german.nouns_capitalized and not english.nouns_capitalized and not french.nouns_capitalized
    assert german.verb_second and english.subject_before_verb and french.subject_before_verb
    assert german.decimal_mark == french.decimal_mark == "," and english.decimal_mark == "."
    assert german.long_scale and french.long_scale and not english.long_scale
    # French negation "ne ... pas" follows the verb, as German "bestätigte es nicht" does
    assert french.negation_follows and german.negation_follows and not english.negation_follows


def test_an_unknown_language_gets_neutral_traits() -> None:
    assert grammar("it") == Grammar("it")


@pytest.mark.parametrize(
    ("sentence", "matches"),
    [
        ("Am Abend kamen 300 Teilnehmende.", True),
        ("Die Polizei sprach von 300 Teilnehmenden.", True),
        ("Die Polizei sprach von 300 Teilnehmern.", True),
        ("Die teilnehmende Gemeinde zahlte.", False),  # an adjective, not the noun
        ("Die Polizei sprach von 300 Gästen.", False),
    ],
)
def test_agent_noun_matches_its_participle_noun(sentence: str, matches: bool) -> None:
    """ "Teilnehmer" counts "Teilnehmende" too: German names the same people by the participle."""
    index = TermIndex()
    index.add("unit", "de", ["Teilnehmer"])
    assert bool(index.find(tokenize(sentence), ["de"])) is matches


@pytest.mark.parametrize(
    ("sentence", "matches"),
    [
        ("Bis Ende des Jahres werden 900 Stellen abgebaut.", True),  # weak participle
        ("Bis Ende des Jahres sind 900 Stellen weggefallen.", True),  # strong participle
        ("Der Konzern plant, 900 Stellen abzubauen.", True),  # zu-infinitive
        ("Kein Werk wird dichtgemacht.", True),
        ("Der Konzern hat 900 Stellen gebaut.", False),  # the verb without its particle
        ("Der Konzern hat 900 Stellen ausgebaut.", False),  # another particle, another verb
    ],
)
def test_separable_verb_terms_match_participle_and_zu_infinitive(sentence: str, matches: bool) -> None:
    index = TermIndex()
    index.add("cue", "de", ["abbauen", "wegfallen", "dichtmachen"])
    assert bool(index.find(tokenize(sentence), ["de"])) is matches


@pytest.mark.parametrize(
    ("sentence", "label", "matches"),
    [
        ("Die Behörde meldete 183 tote Pilger.", "cue", True),
        ("Die Behörde meldete 183 tote indonesische Pilger.", "cue", True),
        ("Die Behörde meldete 183 Tote.", "cue", True),
        ("Die Behörde meldete, 183 seien tot.", "cue", False),  # no adjective "tote" before a noun
        ("Die Behörde meldete 183 tote Pilger.", "unit", False),  # the pilgrims are counted
    ],
)
def test_noun_from_adjective_matches_the_adjective_as_cue(sentence: str, label: str, matches: bool) -> None:
    index = TermIndex()
    index.add(f"{label}:deaths", "de", ["Tote"])
    assert bool(index.find(tokenize(sentence), ["de"])) is matches
