"""One speaker, one voice: spellings of an unresolved speaker name the same voice."""

from __future__ import annotations

from monitor.detect.model import canonical_name, voice_of
from tests.detect.test_detect import A, kinds, replay


def test_case_articles_and_diacritics_fold_to_one_name() -> None:
    assert canonical_name("Police") == canonical_name("the police") == "police"
    assert canonical_name("Die Behörde") == canonical_name("behorde")
    assert canonical_name("berlin-police") == "berlin-police"  # a watchlist id is unchanged


def test_a_lone_article_word_is_kept() -> None:
    assert canonical_name("Die") == "die"


def test_voice_of_an_unresolved_speaker_is_canonical() -> None:
    assert voice_of(None, "Polizei", "Outlet", 1) == voice_of(None, "polizei", "Other", 2)
    assert voice_of(None, None, "Outlet", 1) == "outlet:Outlet"


def test_one_speaker_spelled_twice_does_not_contradict_itself() -> None:
    found = replay(
        [
            A("2024-10-01T10:00", [("exact", 100000, "Police")]),
            A("2024-10-01T12:00", [("exact", 150000, "the police")]),
        ]
    )
    assert ("contradiction", 1) not in kinds(found)


def test_two_different_speakers_still_contradict() -> None:
    found = replay(
        [
            A("2024-10-01T10:00", [("exact", 100000, "Police")]),
            A("2024-10-01T12:00", [("exact", 150000, "Organisers")]),
        ]
    )
    assert ("contradiction", 1) in kinds(found)


def test_a_speaker_spelled_twice_changes_position() -> None:
    found = replay(
        [
            A("2024-10-01T10:00", [("status", "denied", "The Ministry")]),
            A("2024-10-02T10:00", [("status", "affirmed", "ministry")]),
        ]
    )
    assert ("status_change", 1) in kinds(found)
