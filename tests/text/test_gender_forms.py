"""Inclusive German spellings of nouns for people: one token each, and read back to the generic
noun a list of speakers holds."""

from __future__ import annotations

import pytest

from monitor.text.words.gender_forms import generic_form
from monitor.text.words.language import tokenize

SPEAKERS = frozenset({"veranstalter", "organisatoren", "zeugen", "retter", "polizei"})


def _words(text: str) -> list[str]:
    return [token.surface for token in tokenize(text, gender_marks=True)]


@pytest.mark.parametrize(
    ("text", "word", "norm"),
    [
        ("Die Organisator*innen zählten", "Organisator*innen", "organisatorinnen"),
        ("Die Organisator:innen zählten", "Organisator:innen", "organisatorinnen"),
        ("Viele Arbeiter_innen streikten", "Arbeiter_innen", "arbeiterinnen"),
        ("Alle Lehrer/-innen kamen", "Lehrer/-innen", "lehrerinnen"),
        ("Alle Lehrer/innen kamen", "Lehrer/innen", "lehrerinnen"),
        ("Die Helfer·innen halfen", "Helfer·innen", "helferinnen"),
        ("Eine Sprecher*in sagte", "Sprecher*in", "sprecherin"),
        ("Eine Sprecher:in sagte", "Sprecher:in", "sprecherin"),
    ],
)
def test_an_inclusive_spelling_is_one_token(text: str, word: str, norm: str) -> None:
    tokens = tokenize(text, gender_marks=True)
    joined = [token for token in tokens if token.surface == word]
    assert len(joined) == 1
    assert joined[0].norm == norm
    assert text[joined[0].start : joined[0].end] == word


@pytest.mark.parametrize(
    "text",
    [
        "Stand am Abend:in der Stadt blieb es ruhig",  # the preposition "in" and its noun phrase
        "Lage am Abend:in Kesselburg blieb es ruhig",
        "Fazit: In der Stadt blieb es ruhig",  # a space and a capital: a new clause
        "Fazit:In der Stadt blieb es ruhig",
        "Die Zahl *in Klammern* ist alt",  # a space before the mark
        "Der Termin 12:in",  # a number is no noun for people
    ],
)
def test_punctuation_before_in_stays_apart(text: str) -> None:
    assert all(":" not in word and "*" not in word for word in _words(text) if len(word) > 1)


def test_without_the_option_nothing_is_joined() -> None:
    assert "Organisator:innen" not in [token.surface for token in tokenize("Die Organisator:innen zählten")]


@pytest.mark.parametrize(
    ("surface", "norm", "generic"),
    [
        ("Veranstalterinnen", "veranstalterinnen", "Veranstalter"),
        ("Veranstalterin", "veranstalterin", "Veranstalter"),
        ("Organisator:innen", "organisatorinnen", "Organisatoren"),
        ("OrganisatorInnen", "organisatorinnen", "Organisatoren"),
        ("ZeugInnen", "zeuginnen", "Zeugen"),
        ("Retter*innen", "retterinnen", "Retter"),
        ("Veranstaltern", "veranstaltern", "Veranstalter"),  # "laut Veranstaltern": the dative plural
    ],
)
def test_a_gendered_form_reads_as_the_generic_word(surface: str, norm: str, generic: str) -> None:
    assert generic_form(surface, norm, SPEAKERS) == generic


@pytest.mark.parametrize(
    ("surface", "norm"),
    [
        ("Veranstalter", "veranstalter"),  # already the generic word
        ("Polizistinnen", "polizistinnen"),  # a feminine of a word the list does not hold
        ("Berlin", "berlin"),  # ends in "in", names no one
        ("Kaminen", "kaminen"),
    ],
)
def test_other_words_read_as_no_generic_word(surface: str, norm: str) -> None:
    assert generic_form(surface, norm, SPEAKERS) is None
