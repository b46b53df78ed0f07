"""Golden examples for the sentence splitter (German and English news text)."""

from __future__ import annotations

import pytest

from monitor.text.words.sentences import Sentence, split_sentences

# (text, language, expected sentence texts)
CASES: list[tuple[str, str | None, list[str]]] = [
    ("Kim schickte Truppen. Moskau schwieg.", "de", ["Kim schickte Truppen.", "Moskau schwieg."]),
    ("Truppen kamen an! Warum? Niemand weiß es.", "de", ["Truppen kamen an!", "Warum?", "Niemand weiß es."]),
    # abbreviations
    (
        "Es gibt z. B. neue Berichte. Sie sind unklar.",
        "de",
        ["Es gibt z. B. neue Berichte.", "Sie sind unklar."],
    ),
    ("Es gibt z.B. neue Berichte aus Kursk.", "de", ["Es gibt z.B. neue Berichte aus Kursk."]),
    ("Das sagten u. a. Diplomaten in Seoul.", "de", ["Das sagten u. a. Diplomaten in Seoul."]),
    ("Laut Dr. Park ist die Lage ernst.", "de", ["Laut Dr. Park ist die Lage ernst."]),
    ("Laut Prof. Lee ist die Lage ernst.", "de", ["Laut Prof. Lee ist die Lage ernst."]),
    ("Es waren ca. 3000 Soldaten.", "de", ["Es waren ca. 3000 Soldaten."]),
    ("Es kamen ca. Tausend Soldaten.", "de", ["Es kamen ca. Tausend Soldaten."]),
    ("Die Einheit Nr. 5 zog ab.", "de", ["Die Einheit Nr. 5 zog ab."]),
    ("Sie flogen nach St. Petersburg.", "de", ["Sie flogen nach St. Petersburg."]),
    ("Mr. Kim met Mrs. Choe in Seoul.", "en", ["Mr. Kim met Mrs. Choe in Seoul."]),
    (
        "The U.S. State Department confirmed it. Seoul agreed.",
        "en",
        ["The U.S. State Department confirmed it.", "Seoul agreed."],
    ),
    ("Gen. Park said so. Others disagreed.", "en", ["Gen. Park said so.", "Others disagreed."]),
    ("Die Kosten lagen bei 2 Mio. Euro pro Monat.", "de", ["Die Kosten lagen bei 2 Mio. Euro pro Monat."]),
    ("Er nannte J. R. Smith als Quelle.", "en", ["Er nannte J. R. Smith als Quelle."]),
    (
        "Das schrieb ein Leser auf nv.ua. Der Präsident schwieg.",
        "de",
        ["Das schrieb ein Leser auf nv.ua.", "Der Präsident schwieg."],
    ),
    ("Die Lage ist ernst, d.h. es drohen Kämpfe.", "de", ["Die Lage ist ernst, d.h. es drohen Kämpfe."]),
    ("Die Armee vgl. Tab. 3 wuchs.", "de", ["Die Armee vgl. Tab. 3 wuchs."]),
    # German ordinal dates and numbers
    ("Am 13. Oktober kamen die ersten Truppen.", "de", ["Am 13. Oktober kamen die ersten Truppen."]),
    (
        "Die Übung dauerte vom 8. bis 13. Oktober. Danach zogen sie ab.",
        "de",
        ["Die Übung dauerte vom 8. bis 13. Oktober.", "Danach zogen sie ab."],
    ),
    ("Die 3. Armee rückte vor.", "de", ["Die 3. Armee rückte vor."]),
    (
        "Es waren 1.500 Soldaten. Dann kamen 10.000 weitere.",
        "de",
        ["Es waren 1.500 Soldaten.", "Dann kamen 10.000 weitere."],
    ),
    (
        "Rund 1,2 Millionen Menschen flohen. Viele kehrten zurück.",
        "de",
        ["Rund 1,2 Millionen Menschen flohen.", "Viele kehrten zurück."],
    ),
    (
        "Die Zahl stieg auf 3000. Das Ministerium bestätigte das.",
        "de",
        ["Die Zahl stieg auf 3000.", "Das Ministerium bestätigte das."],
    ),
    ("Es starben 300. Die Armee zog ab.", "de", ["Es starben 300.", "Die Armee zog ab."]),
    ("It was 1.5 million. That is a lot.", "en", ["It was 1.5 million.", "That is a lot."]),
    # quotes
    ("„Wir sind bereit.“ Das sagte der Minister.", "de", ["„Wir sind bereit.“", "Das sagte der Minister."]),
    (
        "„Wir sind bereit“, sagte der Minister. Dann ging er.",
        "de",
        ["„Wir sind bereit“, sagte der Minister.", "Dann ging er."],
    ),
    ("„Warum?“, fragte sie. Niemand antwortete.", "de", ["„Warum?“, fragte sie.", "Niemand antwortete."]),
    ("«Nein!» Er verließ den Saal.", "de", ["«Nein!»", "Er verließ den Saal."]),
    ('"We are ready." The minister left.', "en", ['"We are ready."', "The minister left."]),
    ('He said "no." and left.', "en", ['He said "no." and left.']),
    ("„Es ist vorbei.“ „Wirklich?“ Sie nickte.", "de", ["„Es ist vorbei.“", "„Wirklich?“", "Sie nickte."]),
    (
        '"Who sent them?" Kim asked. Nobody answered.',
        "en",
        ['"Who sent them?" Kim asked.', "Nobody answered."],
    ),
    ('"Why?" The minister left.', "en", ['"Why?"', "The minister left."]),
    ("Vote at 12 Main St., Apt. 1C today.", "en", ["Vote at 12 Main St., Apt. 1C today."]),
    # paragraphs, headings, ellipses, agency tails
    (
        "Truppen an der Front\nNordkorea schickte Soldaten. Moskau schwieg.",
        "de",
        ["Truppen an der Front", "Nordkorea schickte Soldaten.", "Moskau schwieg."],
    ),
    (
        "Erster Absatz ohne Punkt\r\n\r\nZweiter Absatz.",
        "de",
        ["Erster Absatz ohne Punkt", "Zweiter Absatz."],
    ),
    ("Er zögerte... und sprach weiter.", "de", ["Er zögerte... und sprach weiter."]),
    ("Er zögerte… Dann sprach er.", "de", ["Er zögerte…", "Dann sprach er."]),
    ("Die Truppen zogen ab. (dpa/AFP)", "de", ["Die Truppen zogen ab. (dpa/AFP)"]),
    (
        "Die Truppen zogen ab. (AFP) Danach war es ruhig.",
        "de",
        ["Die Truppen zogen ab.", "(AFP) Danach war es ruhig."],
    ),
    (
        "Seoul (dpa) - Nordkorea hat Truppen geschickt.",
        "de",
        ["Seoul (dpa) - Nordkorea hat Truppen geschickt."],
    ),
    ("   ", "de", []),
    ("", None, []),
    ("Kein Satzende", None, ["Kein Satzende"]),
]


@pytest.mark.parametrize(("text", "language", "expected"), CASES)
def test_split(text: str, language: str | None, expected: list[str]) -> None:
    sentences = split_sentences(text, language)
    assert [s.text for s in sentences] == expected
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_offsets_point_into_the_original_text() -> None:
    text = "  Erster Satz.  Zweiter Satz!\n\nDritter Satz?  "
    assert split_sentences(text, "de") == [
        Sentence("Erster Satz.", 2, 14),
        Sentence("Zweiter Satz!", 16, 29),
        Sentence("Dritter Satz?", 31, 44),
    ]


def test_english_ordinal_rule_is_off_for_english() -> None:
    # In English a short number with a period before a capital ends the sentence.
    assert [s.text for s in split_sentences("The tally was 12. The army denied it.", "en")] == [
        "The tally was 12.",
        "The army denied it.",
    ]


def test_a_long_article_splits_as_its_paragraphs_do() -> None:
    # its speed is bench_analyze's business; here: fifty copies of a paragraph give fifty times
    # its sentences, each at the offset of its copy (no state leaks from one line to the next)
    paragraph = " ".join(text for text, _, _ in CASES)
    one = split_sentences(paragraph, "de")
    article = "\n".join([paragraph] * 50)
    sentences = split_sentences(article, "de")
    assert len(one) > 20
    assert len(sentences) == 50 * len(one)
    step = len(paragraph) + 1
    assert [s.text for s in sentences[len(one) : 2 * len(one)]] == [s.text for s in one]
    assert sentences[len(one)].start == step + one[0].start
