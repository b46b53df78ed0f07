"""The lexicon files: every language's vocabulary loads into one typed lexicon, and the modules that
use the words get them from there."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.text import lexicon as lexicon_module
from monitor.text.attribution.vocab import REPORTING_VERBS
from monitor.text.lexicon import LanguageLexicon, LexiconError, demonyms, lexicon
from monitor.text.polarity.vocab import LEXICON, NEGATORS

ROOT = Path(__file__).resolve().parents[2]


def test_every_lexicon_file_is_read_once_and_named_by_its_language() -> None:
    loaded = lexicon()
    assert loaded is lexicon()  # cached: read on first use only
    # every language file is named by its code; demonyms.yaml is a table by country, no language
    files = sorted(p.stem for p in (ROOT / "monitor/text/lexicon").glob("??.yaml"))
    assert list(loaded.languages) == files
    assert {"de", "en"} <= set(files)
    for code in files:
        assert isinstance(loaded.of(code), LanguageLexicon)
        assert loaded.of(code).language == code


def test_demonyms_are_keyed_by_iso_code_with_german_and_english_adjectives() -> None:
    table = demonyms()
    assert table["TH"] == {"en": ("Thai",), "de": ("thailändisch",)}
    assert "NO" in table  # quoted in the file: YAML would read a bare NO as false
    for code, by_language in table.items():
        assert len(code) == 2 and code.isupper(), code
        assert set(by_language) == {"de", "en"}, code
        assert all(word[:1].islower() for word in by_language["de"]), code
        assert all(word[:1].isupper() for word in by_language["en"]), code


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
        assert entry.language_guess and entry.sentence_markers, code
        assert entry.numbers.units and entry.numbers.tens, code


def test_merged_sets_are_folded_unions_of_the_files() -> None:
    english = lexicon().of("en")
    german = lexicon().of("de")
    assert {"not", "never"} <= NEGATORS and {"nicht", "kein"} <= NEGATORS
    assert set(english.polarity.negators) | set(german.polarity.negators) <= NEGATORS
    assert "said" in REPORTING_VERBS["en"] and "gab" in REPORTING_VERBS["de"]
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
