"""Folding for matching: what folds to what, and offsets back into the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.text.words.normalize import fold, fold_with_offsets, fold_with_positions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nordkorea", "nordkorea"),
        ("SÜDKOREA", "sudkorea"),
        ("Selenskyj äußerte sich", "selenskyj ausserte sich"),
        ("Großmacht", "grossmacht"),
        ("GROẞMACHT", "grossmacht"),
        ("Pjöngjang", "pjongjang"),
        ("Zelenskýj", "zelenskyj"),
        ("Łódź", "łodz"),  # Ł has no decomposition: casefolded only
        ("Kim Jong\u2011un", "kim jong-un"),  # non-breaking hyphen
        ("1\u201310 und 3\u20144", "1-10 und 3-4"),  # en and em dash
        ("\u201eZitat\u201c und \u201aeins\u2018", "\"zitat\" und 'eins'"),
        ("\u00bbGuillemets\u00ab", '"guillemets"'),
        ("Putin\u2019s", "putin's"),
        ("Putin`s", "putin's"),
        ("10\u00a0000 Soldaten", "10 000 soldaten"),
        ("10\u202f000", "10 000"),
        ("Nord\u00adkorea", "nordkorea"),  # soft hyphen vanishes
        ("ﬁnal", "final"),
        ("Ｎａｔｏ", "nato"),
        ("İstanbul", "istanbul"),
        ("Россия и Йемен", "россия и иемен"),  # Cyrillic Й loses its breve like any diacritic
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_keeps_length_for_plain_german_and_english() -> None:
    text = "Die Ukraine meldet: Russlands Armee – laut „Kyiv Independent“ – rückt vor. It’s over."
    folded = fold(text)
    assert len(folded) == len(text)
    _, positions = fold_with_positions(text)
    assert positions.is_identity


def test_offsets_point_into_the_original_after_expansion() -> None:
    text = "Die Straße nach Moskau"
    folded, offsets = fold_with_offsets(text)
    assert folded == "die strasse nach moskau"
    start = folded.index("moskau")
    end = start + len("moskau")
    assert text[offsets[start] : offsets[end]] == "Moskau"
    # both folded "s" of ß point at the ß
    s_position = folded.index("ss")
    assert offsets[s_position] == offsets[s_position + 1] == text.index("ß")


def test_offsets_cover_vanished_combining_marks() -> None:
    decomposed = unicodedata.normalize("NFD", "Pjöngjang und Seoul")
    assert len(decomposed) == len("Pjöngjang und Seoul") + 1
    folded, offsets = fold_with_offsets(decomposed)
    assert folded == "pjongjang und seoul"
    start = folded.index("pjongjang")
    end = start + len("pjongjang")
    assert decomposed[offsets[start] : offsets[end]] == unicodedata.normalize("NFD", "Pjöngjang")
    start = folded.index("seoul")
    assert decomposed[offsets[start] : offsets[start + 5]] == "Seoul"


def test_offsets_with_expansion_and_deletion_in_one_run() -> None:
    text = "e\u0301ß-Moskau"  # the combining mark and ß are neighbours
    folded, offsets = fold_with_offsets(text)
    assert folded == "ess-moskau"
    assert offsets[-1] == len(text)
    start = folded.index("moskau")
    assert text[offsets[start] : offsets[start + 6]] == "Moskau"


def test_offsets_identity_when_nothing_moves() -> None:
    text = "Nordkorea und Südkorea"
    folded, offsets = fold_with_offsets(text)
    assert offsets == list(range(len(text) + 1))
    assert len(folded) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_offsets_are_consistent_for_any_text(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded) + 1
    assert offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    for index, char in enumerate(folded):
        # each folded character comes from folding the original character it points at
        assert char in fold(text[offsets[index]])


def test_fold_is_idempotent_on_sample_of_bmp() -> None:
    sample = "".join(chr(codepoint) for codepoint in range(0x20, 0x3000) if not 0xD800 <= codepoint < 0xE000)
    once = fold(sample)
    assert fold(once) == once
