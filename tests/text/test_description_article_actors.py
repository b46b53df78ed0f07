"""An ambiguous description ("police") is the one body of it the article names, when none was
named shortly before the sentence."""

from __future__ import annotations

from monitor.text.attribution.speaker_context import DescriptionIndex
from monitor.text.spec import ActorSpec


def _body(actor_id: str, en: list[str], de: list[str]) -> ActorSpec:
    return ActorSpec(id=actor_id, kind="organization", names={"en": en, "de": de})  # type: ignore[arg-type]


INDEX = DescriptionIndex(
    [
        _body("ostfurt-police", ["Ostfurt police"], ["Polizei Ostfurt"]),
        _body("westfurt-police", ["Westfurt police"], ["Polizei Westfurt"]),
    ]
)


def test_the_only_police_the_article_names_is_the_police() -> None:
    assert INDEX.resolve("police", (), (), ("westfurt-police",)) == ("westfurt-police", True)


def test_recent_context_still_wins_over_the_article() -> None:
    found = INDEX.resolve("police", ("ostfurt-police",), (), ("westfurt-police", "ostfurt-police"))
    assert found == ("ostfurt-police", True)


def test_two_police_bodies_named_in_the_article_stay_unresolved() -> None:
    assert INDEX.resolve("police", (), (), ("westfurt-police", "ostfurt-police")) == (None, True)


def test_no_police_named_stays_unresolved() -> None:
    assert INDEX.resolve("polizei", (), (), ()) == (None, True)
