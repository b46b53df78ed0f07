"""Source phrasings of news copy on an invented watchlist: count nouns with an owner ("nach der
jüngsten Zählung der X"), compounds of a source noun ("nach Gewerkschaftsangaben"), speakers by
description with what they belong to ("UN-Mission", "Arab diplomats"), and reporting verbs that
need a particle ("weist ... zurück", "hält ... fest")."""

from __future__ import annotations

import pytest

from monitor.text.actors.find import Watchlist
from monitor.text.attribution.source import Attributor
from monitor.text.spec import ActorSpec
from monitor.text.words.language import SentenceView, tokenize


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
        _actor("ole-brandt", "person", ["Ole Brandt"], ["Ole Brandt"], speaks_for="harbour-union"),
        _actor("sudland", "country", ["Sudland"], ["Sudland"]),
        _actor(
            "norland-gov", "organization", ["norländische Regierung"], ["Norlandic government"], "norland"
        ),
        _actor(
            "sudland-gov", "organization", ["sudländische Regierung"], ["Sudlandic government"], "sudland"
        ),
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
        # a spokesperson introduced as someone's speaks for that body; one named on his own is himself
        ("de", "Mindestens 40 Docker streikten, sagte ihr Sprecher Ole Brandt.", "harbour-union"),
        ("de", "Sprecher Ole Brandt sagte, 40 Docker streikten.", "ole-brandt"),
        ("en", "The union's spokesman Ole Brandt said 40 dockers were on strike.", "harbour-union"),
        # a number word opening the sentence is no name
        ("de", "Vier Tage nach dem Sturm meldet die Küstenwacht 30 Tote.", "coast-watch"),
        # of several governments, the one of the place the sentence is about
        ("de", "Die Zahl der Toten in Sudland liegt nach Regierungsangaben bei 21.", "sudland-gov"),
        ("de", "Die Zahl der Toten liegt nach Regierungsangaben bei 21.", "Regierung"),
        # a pollster after "the poll by", a body's name as an aside, a long relative clause
        ("en", "The poll by Demoskop put turnout at 71%.", "polling-firm"),
        ("en", "The UN's observer body, OBM, put the toll at 800.", "watch-mission"),
        (
            "en",
            "Ada Marsh, who heads the relief delegation of Sanitas (Geneva) in the north, tells"
            " reporters that 800 are missing.",
            "ada-marsh",
        ),
        ("en", "The dykes, which held for a week, failed on Monday.", None),
        # a time adverbial before the subject; a body inside a prepositional phrase is none
        ("en", "As of this morning the Sudlandic government counts 214 dead.", "sudland-gov"),
        ("en", "Rescue teams from the Sudlandic government counted 214 dead.", None),
        # the outlet naming itself is no other source; the agency named before is
        ("en", "A tally compiled by this agency came to about 900.", None),
        ("en", "The agency said about 900 people were rescued.", "relief-agency"),
    ],
)
def test_source_phrasings(language: str, sentence: str, expected: str | None) -> None:
    assert _source(sentence, language) == expected


def _view(sentence: str, language: str) -> SentenceView:
    return SentenceView(sentence, 0, len(sentence), language, tokenize(sentence), WATCHLIST.find(sentence))


@pytest.mark.parametrize(
    ("language", "sentence", "carries"),
    [
        ("en", "Its projections came down to 70% by midnight.", True),
        ("en", "Projections came down to 70% by midnight.", False),
        ("de", "Mehr als 70 Menschen würden noch vermisst.", True),
        ("de", "Mehr als 70 Menschen wurden gerettet.", False),
    ],
)
def test_pointing_back_to_the_speaker_before(language: str, sentence: str, carries: bool) -> None:
    assert ATTRIBUTOR.carries(_view(sentence, language)) is carries


@pytest.mark.parametrize(
    ("sentence", "reports"),
    [
        ("Das teilte die Küstenwacht am Montag mit, nachdem die Suche beendet war.", True),
        ("Das teilte die Küstenwacht am Montag mit.", True),
        ("Das teilte die Küstenwacht am Montag mit, die Suche gehe weiter.", False),
    ],
)
def test_a_clause_of_when_keeps_the_attribution_of_the_sentence_before(sentence: str, reports: bool) -> None:
    assert ATTRIBUTOR.reports_the_sentence_before(_view(sentence, "de")) is reports
