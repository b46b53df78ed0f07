"""French number words, read by text2num where the grammar says so."""

from __future__ import annotations

import pytest

from monitor.text.numbers.find import find_figures
from monitor.text.numbers.words_text2num import word_number_pattern, word_number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("deux mille morts", 2000),
        ("trois cents blessés", 300),
        ("vingt et un otages", 21),
        ("quatre-vingt-dix maisons", 90),
        ("mille cinq cents emplois", 1500),
        ("deux millions de réfugiés", 2_000_000),
        ("plus de six cents soldats", 600),
    ],
)
def test_french_number_words_are_figures(text: str, value: int) -> None:
    assert [figure.value for figure in find_figures(text, "fr")] == [value]


def test_french_article_un_is_no_figure() -> None:
    assert find_figures("un homme a été tué", "fr") == []


def test_only_languages_that_ask_for_it_get_the_pattern() -> None:
    assert word_number_pattern("fr") is not None
    assert word_number_pattern("de") is None and word_number_pattern("en") is None
    # "Sept." in English is September, not seven
    assert [figure.value for figure in find_figures("Sept. 3: six hundred soldiers", "en")] == [600]


def test_a_word_sequence_that_is_no_number_reads_as_none() -> None:
    assert word_number_value("deux trois", "fr") is None
