"""The grammar seam: rules ask a language's traits, never compare language codes."""

from __future__ import annotations

import re
from pathlib import Path

from monitor.text.lang import grammar
from monitor.text.lang.traits import Grammar
from monitor.text.lexicon import lexicon

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
