"""The lexicon files: every language's vocabulary loads into one typed lexicon, and the modules that
use the words get them from there."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.text import lexicon as lexicon_module
from monitor.text.lexicon import LanguageLexicon, LexiconError, lexicon
from monitor.text.vocab_attribution import VERBS_EN
from monitor.text.vocab_polarity import LEXICON, NEGATORS

ROOT = Path(__file__).resolve().parents[2]


def test_every_lexicon_file_is_read_once_and_named_by_its_language() -> None:
    loaded = lexicon()
    assert loaded is lexicon()  # cached: read on first use only
    files = sorted(p.stem for p in (ROOT / "monitor/text/lexicon").glob("*.yaml"))
    assert list(loaded.languages) == files
    assert {"de", "en"} <= set(files)
    for code in files:
        assert isinstance(loaded.of(code), LanguageLexicon)
        assert loaded.of(code).language == code


def test_each_language_brings_the_vocabulary_the_engine_needs() -> None:
    for code in lexicon().languages:
        entry = lexicon().of(code)
        assert entry.attribution.verbs, code
        assert entry.attribution.according, code
        assert entry.polarity.cues.get("denied") and entry.polarity.cues.get("affirmed"), code
        assert entry.polarity.negators, code
        assert entry.qualifiers.get("about") and entry.qualifiers.get("more_than"), code
        assert entry.figures.count_nouns and entry.figures.subcount_openers, code
        assert entry.recall.adverbs, code
        assert entry.numbers.units, code
        assert entry.language_guess, code


def test_merged_sets_are_folded_unions_of_the_files() -> None:
    english = lexicon().of("en")
    german = lexicon().of("de")
    assert {"not", "never"} <= NEGATORS and {"nicht", "kein"} <= NEGATORS
    assert set(english.polarity.negators) | set(german.polarity.negators) <= NEGATORS
    assert "said" in VERBS_EN
    assert LEXICON["denied"]["de"] == list(german.polarity.cues["denied"])
    # Folding: a word written with diacritics is compared with folded tokens.
    assert lexicon().words(lambda entry: ("Bestätigt",)) == frozenset({"bestatigt"})


def test_a_malformed_file_is_refused_naming_the_file() -> None:
    with pytest.raises(LexiconError, match="xx.yaml"):
        lexicon_module._read("xx.yaml", "language: xx\nattribution:\n  verbz: [said]\n")
    with pytest.raises(LexiconError, match="xx.yaml"):
        lexicon_module._read("xx.yaml", "language: [unclosed\n")
    with pytest.raises(LexiconError, match="says language 'de'"):
        lexicon_module._read("xx.yaml", "language: de\n")


def test_the_files_ship_as_package_data() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["setuptools"]["package-data"]["monitor.text.lexicon"]
    assert "*.yaml" in shipped
