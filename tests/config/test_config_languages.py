"""A claim or feed in a language without a built-in lexicon is refused by ``monitor check``.

Without the language's vocabulary (attribution verbs, polarity cues, number words, ...) its terms
would be accepted and never matched: the user would wait for alerts that cannot come.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError
from monitor.text.lexicon import lexicon
from tests.config.test_config_errors import assert_one_clean_error_line, run_monitor

WATCHLIST = """\
watchlist:
  - id: spain
    kind: country
    names: {de: [Spanien], en: [Spain], es: [España]}
"""


def _unsupported() -> str:
    # Italian has no lexicon file; if one is ever added, pick another code for this test.
    code = "it"
    assert not lexicon().knows(code)
    return code


def test_check_refuses_a_claim_term_list_in_a_language_without_lexicon(tmp_path: Path) -> None:
    code = _unsupported()
    bad = tmp_path / "feeds.yaml"
    bad.write_text(
        WATCHLIST
        + "claims:\n"
        + "  - id: floods\n"
        + "    units: {en: [people], "
        + code
        + ": [persone]}\n"
        + "    cues: {en: [evacuated]}\n"
        + "    actors: [spain]\n"
    )
    result = run_monitor("check", "--config", str(bad), cwd=tmp_path)
    expected = f"{bad}:7: claims[0].units: language '{code}' has no built-in lexicon"
    assert_one_clean_error_line(result, expected)
    assert "supported: " + ", ".join(lexicon().languages) in result.stderr


def test_check_refuses_polarity_cues_in_a_language_without_lexicon(tmp_path: Path) -> None:
    code = _unsupported()
    text = (
        WATCHLIST
        + "claims:\n"
        + "  - id: aid\n"
        + "    kind: status\n"
        + "    topic: {en: [aid]}\n"
        + "    actors: [spain]\n"
        + "    polarity:\n"
        + "      denied: {"
        + code
        + ": [smentito]}\n"
    )
    with pytest.raises(ConfigError) as caught:
        parse_config(text, tmp_path / "feeds.yaml")
    message = str(caught.value)
    assert ":11: claims[0].polarity.denied:" in message
    assert f"language '{code}' has no built-in lexicon" in message


def test_check_refuses_a_feed_in_a_language_without_lexicon(tmp_path: Path) -> None:
    code = _unsupported()
    bad = tmp_path / "feeds.yaml"
    bad.write_text(f"feeds:\n  - id: roma\n    url: https://example.org/feed\n    language: {code}\n")
    result = run_monitor("check", "--config", str(bad), cwd=tmp_path)
    expected = f"{bad}:4: feeds[0].language: language '{code}' has no built-in lexicon"
    assert_one_clean_error_line(result, expected)


def test_every_language_with_a_lexicon_is_accepted(tmp_path: Path) -> None:
    feeds = "".join(
        f"  - id: feed-{code}\n    url: https://example.org/{code}\n    language: {code}\n"
        for code in lexicon().languages
    )
    units = ", ".join(f"{code}: [people]" for code in lexicon().languages)
    text = (
        "feeds:\n"
        + feeds
        + WATCHLIST.replace(", es: [España]", "")
        + "claims:\n  - id: floods\n"
        + f"    units: {{{units}}}\n    cues: {{en: [evacuated]}}\n    actors: [spain]\n"
    )
    config = parse_config(text, tmp_path / "feeds.yaml")
    assert [feed.language for feed in config.feeds] == list(lexicon().languages)
    assert set(config.claims[0].units) == set(lexicon().languages)
