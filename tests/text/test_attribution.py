"""Attribution on a small watchlist of its own: who says so, in German and English."""

from __future__ import annotations

import pytest

from monitor.text.actors.find import Watchlist
from monitor.text.attribution.source import Attributor, Source
from monitor.text.spec import ActorSpec
from monitor.text.words.language import SentenceView, quote_spans, tokenize


def _actor(
    actor_id: str, kind: str, de: list[str], en: list[str], speaks_for: str | None = None
) -> ActorSpec:
    return ActorSpec(id=actor_id, kind=kind, names={"de": de, "en": en}, speaks_for=speaks_for)  # type: ignore[arg-type]


WATCHLIST = Watchlist(
    [
        _actor("mordor", "country", ["Mordor", "mordorisch"], ["Mordor", "Mordorian"]),
        _actor(
            "gondor",
            "country",
            ["Gondor", "gondorisch", "Minas Tirith"],
            ["Gondor", "Gondorian", "Minas Tirith"],
        ),
        _actor("sauron", "person", ["Sauron"], ["Sauron"], speaks_for="mordor"),
        _actor("mouth", "person", ["Mund Saurons"], ["Mouth of Sauron"], speaks_for="mordor"),
        _actor("council", "organization", ["Weißer Rat", "Weiße Rat", "Weißen Rat"], ["White Council"]),
        _actor("gondor-media", "media", ["gondorische Medien"], ["Gondorian media"]),
        _actor("herald", "media", ["Minas Tirith Herald"], ["Minas Tirith Herald"]),
    ]
)
ATTRIBUTOR = Attributor(WATCHLIST)


def _source(sentence: str, language: str, exclude: tuple[tuple[int, int], ...] = ()) -> Source | None:
    view = SentenceView(sentence, 0, len(sentence), language, tokenize(sentence), WATCHLIST.find(sentence))
    return ATTRIBUTOR.explicit(view, exclude)


CASES = [
    ("de", "Sauron sagte am Montag, Gondor habe 500 Reiter verloren.", "sauron"),
    ("de", "Am Montag sagte der Herrscher Sauron, Gondor habe verloren.", "sauron"),
    ("de", "Gondor habe 500 Reiter verloren, sagte Sauron.", "sauron"),
    ("de", "Laut gondorischen Angaben wurden 500 Orks getötet.", "gondor"),
    ("de", "Nach Angaben des Weißen Rates sind 300 Orks unterwegs.", "council"),
    ("de", "Dem Weißen Rat zufolge sind 300 Orks unterwegs.", "council"),
    ("de", "Nach dem vorläufigen Ergebnis des Weißen Rates sind 300 Orks unterwegs.", "council"),
    (
        "de",
        "Gondorische Medien berichteten unter Berufung auf den Weißen Rat, 300 Orks seien unterwegs.",
        "council",
    ),
    ("de", "Gondorische Medien berichteten, 300 Orks seien unterwegs.", "gondor-media"),
    ("de", "Sauron sagte laut gondorischen Medien, die Orks seien bereit.", "sauron"),
    ("de", "Laut Mordor-Experte Frodo Beutlin hat Mordor 300 Orks entsandt.", "Frodo Beutlin"),
    ("de", "In Minas Tirith sagte ein Sprecher des Weißen Rates, die Lage sei ernst.", "council"),
    (
        "de",
        "Die Zahl der in der mordorischen Ebene stationierten Orks gab der Weiße Rat mit 300 an.",
        "council",
    ),
    ("de", "Der Herrscher Mordors, Sauron, äußerte sich am Abend.", "sauron"),
    ("de", "„Wir haben 300 Orks verloren“, so Sauron.", "sauron"),
    ("de", "Nordwind und Regen prägten den Tag.", None),
    ("en", "Sauron said on Monday that Gondor had lost 500 riders.", "sauron"),
    ("en", "Gondor has lost 500 riders, a Mordorian official said.", "mordor"),
    ("en", '"Gondor has lost 500 riders," said Sauron.', "sauron"),
    ("en", "According to the White Council, some 300 orcs are marching.", "council"),
    (
        "en",
        "The Minas Tirith Herald reported, citing the White Council, that 300 orcs were marching.",
        "council",
    ),
    ("en", "The Mouth of Sauron, the dark lord's herald, said the orcs were ready.", "mouth"),
    ("en", "Officials said the orcs were ready.", None),
    ("en", "Officials in Gondor said the orcs were ready.", "gondor"),
    ("en", "More orcs are marching, said Frodo Baggins, a hobbit from the Shire.", "Frodo Baggins"),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), CASES)
def test_explicit_source(language: str, sentence: str, expected: str | None) -> None:
    source = _source(sentence, language)
    assert (source.value if source else None) == expected


def test_excluded_spans_are_never_the_source() -> None:
    sentence = "Mordorische Orks sind 300 Mann stark, sagte Sauron."
    assert _source(sentence, "de") is not None
    whole = _source(sentence, "de", ((0, len(sentence)),))
    assert whole is None
    owner = _source(sentence, "de", ((0, 11),))
    assert owner is not None and owner.value == "sauron"


def test_source_spans_point_into_the_sentence() -> None:
    sentence = "Nach Angaben des Weißen Rates sind 300 Orks unterwegs."
    source = _source(sentence, "de")
    assert source is not None
    assert sentence[source.start : source.end] == "Weißen Rates"
    assert source.phrase_start <= source.start < source.end <= source.phrase_end
    assert source.role == "according"


@pytest.mark.parametrize(
    ("language", "sentence", "carries"),
    [
        ("de", "Demnach sind 300 Orks unterwegs.", True),
        ("de", "Den Angaben zufolge sind 300 Orks unterwegs.", True),
        ("de", "Es seien 300 Orks unterwegs.", True),
        ("de", "Er sagte, 300 Orks seien unterwegs.", True),
        ("de", "Es sind 300 Orks unterwegs.", False),
        ("en", "About 300 orcs are marching, he said.", True),
        ("en", "About 300 orcs are marching.", False),
    ],
)
def test_pointing_back(language: str, sentence: str, carries: bool) -> None:
    view = SentenceView(sentence, 0, len(sentence), language, tokenize(sentence), WATCHLIST.find(sentence))
    assert ATTRIBUTOR.carries(view) is carries


def test_quote_spans() -> None:
    text = 'Er sagte: „Wir kommen.“ Dann «Guardian» und "noch eins".\n„offen'
    spans = quote_spans(text, "de")
    assert [text[a:b] for a, b in spans] == ["„Wir kommen.“", "«Guardian»", '"noch eins"']
    english = quote_spans("He said “we are coming” and left.", "en")
    assert len(english) == 1
