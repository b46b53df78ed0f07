"""A country speaks through its adjective and a speaker noun: "ein rohanischer Regierungsvertreter"."""

from __future__ import annotations

import pytest

from monitor.text.actors import Watchlist
from monitor.text.attribution import Attributor
from monitor.text.language import SentenceView, tokenize
from monitor.text.spec import ActorSpec

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
