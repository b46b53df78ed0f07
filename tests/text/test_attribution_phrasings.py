"""Source phrasings of news copy on an invented watchlist: count nouns with an owner ("nach der
jüngsten Zählung der X"), compounds of a source noun ("nach Gewerkschaftsangaben"), speakers by
description with what they belong to ("UN-Mission", "Arab diplomats"), and reporting verbs that
need a particle ("weist ... zurück", "hält ... fest")."""

from __future__ import annotations

import pytest

from monitor.text.actors import Watchlist
from monitor.text.attribution import Attributor
from monitor.text.language import SentenceView, tokenize
from monitor.text.spec import ActorSpec


def _actor(
    actor_id: str, kind: str, de: list[str], en: list[str], speaks_for: str | None = None
) -> ActorSpec:
    return ActorSpec(id=actor_id, kind=kind, names={"de": de, "en": en}, speaks_for=speaks_for)  # type: ignore[arg-type]


WATCHLIST = Watchlist(
    [
        _actor("norland", "country", ["Norland", "norländisch"], ["Norland", "Norlandic"]),
        _actor("harbour-union", "group", ["Hafengewerkschaft"], ["dockers' union"]),
        _actor("relief-agency", "organization", ["Hilfsorganisation Sanitas"], ["Sanitas relief agency"]),
        _actor(
            "watch-mission",
            "organization",
            ["UN-Beobachtermission", "OBM"],
            ["UN observer mission", "OBM"],
        ),
        _actor("coast-watch", "organization", ["Küstenwacht"], ["coast watch"]),
        _actor("polling-firm", "organization", ["Demoskop"], ["Demoskop"]),
        _actor("ada-marsh", "person", ["Ada Marsh"], ["Ada Marsh"], speaks_for="norland"),
    ]
)
ATTRIBUTOR = Attributor(WATCHLIST)


def _source(sentence: str, language: str) -> str | None:
    view = SentenceView(sentence, 0, len(sentence), language, tokenize(sentence), WATCHLIST.find(sentence))
    found = ATTRIBUTOR.explicit(view)
    return found.value if found else None


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # the owner of a count after "laut"/"nach" and the count noun
        (
            "de",
            "Nach der jüngsten Zählung der Hilfsorganisation Sanitas sind 4.000 Menschen obdachlos.",
            "relief-agency",
        ),
        ("de", "Laut Schätzung der Hafengewerkschaft streikten 9.000 Docker.", "harbour-union"),
        ("de", "Nach der Hochrechnung von Demoskop lag die Beteiligung bei 71 Prozent.", "polling-firm"),
        # a compound of a source noun names its speaker by its first part
        ("de", "Nach Polizeiangaben kamen 3.000 Menschen.", "Polizei"),
        ("de", "Nach Gewerkschaftsangaben streikten 9.000 Docker.", "harbour-union"),
        ("de", "Nach Monatsangaben stieg die Zahl auf 40.", None),
        # a description with a hyphenated modifier, a name before a speaker noun
        ("de", "Im Mai hatte die UN-Mission noch 800 Tote gezählt.", "watch-mission"),
        ("en", "The UN mission's latest update put the number of dead at 800.", "watch-mission"),
        ("en", "At least 60 of the dead were Norlanders, according to two Arab diplomats.", "Arab diplomats"),
        ("de", "Arabische Diplomaten sprechen von 60 Toten.", "Arabische Diplomaten"),
        # particle verbs of reporting and stating
        ("de", "Die Küstenwacht weist die Vorwürfe seit Monaten zurück.", "coast-watch"),
        ("de", "Die Küstenwacht weist den Weg zum Hafen.", None),
        ("de", "An der Zahl hält Ada Marsh fest: 300 Stellen fallen weg.", "ada-marsh"),
        ("de", "Insgesamt sind 40 Menschen gerettet, wie die Küstenwacht angab.", "coast-watch"),
        # English verbs and passive phrases naming the source
        ("en", "Coast watch figures show that almost 900 people were rescued.", "coast-watch"),
        (
            "en",
            "A figure of 800 deaths, which the Sanitas relief agency compiles, is widely used.",
            "relief-agency",
        ),
        ("en", "The first figure, given by Ada Marsh on Monday, was 90.", "ada-marsh"),
        ("en", "Ada Marsh has kept denying that the dykes failed.", "ada-marsh"),
    ],
)
def test_source_phrasings(language: str, sentence: str, expected: str | None) -> None:
    assert _source(sentence, language) == expected
