"""A country speaks through its adjective and a speaker noun: "ein rohanischer Regierungsvertreter"."""

from __future__ import annotations

import pytest

from monitor.text.actors.find import Watchlist
from monitor.text.attribution.source import Attributor
from monitor.text.spec import ActorSpec
from monitor.text.words.language import SentenceView, tokenize

# Rohan's adjective is listed only inside a longer name, as watchlists often do
WATCHLIST = Watchlist(
    [
        ActorSpec(
            id="rohan", kind="country", names={"de": ["Rohan", "rohanische Regierung"], "en": ["Rohan"]}
        ),
        ActorSpec(id="isengart", kind="place", names={"de": ["Isengart"], "en": ["Isengard"]}),
    ]
)
ATTRIBUTOR = Attributor(WATCHLIST)


def _source(sentence: str) -> str | None:
    view = SentenceView(sentence, 0, len(sentence), "de", tokenize(sentence), WATCHLIST.find(sentence))
    found = ATTRIBUTOR.explicit(view)
    return found.value if found is not None else None


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Meldung, Isengart sei gefallen, dementierte ein rohanischer Regierungsvertreter am Abend.",
        "Nach rohanischen Angaben sind 300 Reiter unterwegs.",
        "Rohanische Behörden teilten mit, 300 Reiter seien unterwegs.",
        "Ein rohanischer Beamter sagte, 300 Reiter seien unterwegs.",
    ],
)
def test_adjective_and_speaker_noun_name_the_country(sentence: str) -> None:
    assert _source(sentence) == "rohan"


@pytest.mark.parametrize(
    "sentence",
    [
        # the adjective before a thing that cannot speak: no speaker
        "Bei rohanischen Angriffen sind 300 Orks getötet worden, sagte er.",
        "Rohanische Reiter erreichten am Abend Isengart.",
    ],
)
def test_adjective_before_a_thing_names_no_speaker(sentence: str) -> None:
    assert _source(sentence) is None


GENITIVE_WATCHLIST = Watchlist(
    [
        ActorSpec(id="gondor", kind="country", names={"de": ["Gondor"], "en": ["Gondor"]}),
        ActorSpec(id="sauron", kind="person", names={"de": ["Sauron"], "en": ["Sauron"]}),
    ]
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the object opens the clause; the genitive after its noun owns it, the subject speaks
        ("Die Angaben Gondors bestritt Sauron am Montag.", "sauron"),
        ("Die Zahlen Gondors wies Sauron zurück.", "sauron"),
        # a role before the genitive: the country's own voice
        ("Ein Sprecher Gondors sagte, 300 Reiter seien unterwegs.", "gondor"),
        ("Gondor sagte, 300 Reiter seien unterwegs.", "gondor"),
    ],
)
def test_bare_genitive_is_no_subject(sentence: str, expected: str) -> None:
    view = SentenceView(
        sentence, 0, len(sentence), "de", tokenize(sentence), GENITIVE_WATCHLIST.find(sentence)
    )
    found = Attributor(GENITIVE_WATCHLIST).explicit(view)
    assert found is not None and found.value == expected


# A real country the watchlist names only by its name: its adjectives come from the demonym
# lexicon by its ISO code, in German (lowercase, inflected) and in English (capitalised)
ISO_WATCHLIST = Watchlist(
    [
        ActorSpec(id="portugal", kind="country", names={"de": ["Portugal"], "en": ["Portugal"]}),
        ActorSpec(id="spain", kind="country", names={"de": ["Spanien"], "en": ["Spain"]}),
    ]
)
ISO_ATTRIBUTOR = Attributor(ISO_WATCHLIST, {"portugal": "PT", "spain": "ES"})


def _iso_source(sentence: str, language: str) -> str | None:
    hits = ISO_WATCHLIST.find(sentence)
    view = SentenceView(sentence, 0, len(sentence), language, tokenize(sentence), hits)
    found = ISO_ATTRIBUTOR.explicit(view)
    return found.value if found is not None else None


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Die portugiesischen Behörden teilten mit, 40 Menschen seien gestorben.", "de", "portugal"),
        ("Nach spanischen Angaben sind 31 Menschen gestorben.", "de", "spain"),
        ("Portuguese authorities said 40 people had died.", "en", "portugal"),
        ("Spanish officials put the number of dead at 31.", "en", "spain"),
    ],
)
def test_demonyms_of_the_country_code_are_its_voice(sentence: str, language: str, expected: str) -> None:
    assert _iso_source(sentence, language) == expected


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Portuguese wine exports rose by 40 percent, the report found.", "en"),
        ("A Portuguese Water Dog won the show, its owner said.", "en"),  # a name, not a speaker
        ("Spanische Fischer brachten 300 Tonnen an Land.", "de"),
    ],
)
def test_demonyms_before_things_or_names_name_no_speaker(sentence: str, language: str) -> None:
    assert _iso_source(sentence, language) not in ("portugal", "spain")


def test_without_a_code_the_demonym_lexicon_is_not_used() -> None:
    attributor = Attributor(ISO_WATCHLIST)
    sentence = "Portuguese authorities said 40 people had died."
    view = SentenceView(sentence, 0, len(sentence), "en", tokenize(sentence), ISO_WATCHLIST.find(sentence))
    found = attributor.explicit(view)
    assert found is None or found.value != "portugal"
