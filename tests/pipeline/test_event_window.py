"""An article published before a claim's event began reports none of that claim's figures."""

from __future__ import annotations

from datetime import UTC, date, datetime

from monitor.models import Analysis, ClaimFinding
from monitor.pipeline.event_window import within_event_window
from monitor.text.spec import ClaimSpec, ScopeSpec

TRUCE = ClaimSpec(
    id="released-in-truce",
    kind="figure",
    units={"en": ["hostages"]},
    cues={"en": ["released"]},
    actors=[],
    scope=ScopeSpec(since=date(2031, 11, 24)),
)
TAKEN = ClaimSpec(id="taken", kind="figure", units={"en": ["hostages"]}, cues={"en": ["taken"]}, actors=[])


def finding(claim: str, value: float) -> ClaimFinding:
    return ClaimFinding(
        claim=claim,
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        polarity=None,
        source=None,
        sentence=f"{value:.0f} hostages",
    )


ANALYSIS = Analysis(language="en", claims=[finding("released-in-truce", 2), finding("taken", 240)])


def kept(published: datetime | None) -> list[str]:
    return [f.claim for f in within_event_window(ANALYSIS, [TRUCE, TAKEN], published).claims]


def test_an_article_weeks_before_the_event_keeps_only_the_claims_without_a_start() -> None:
    assert kept(datetime(2031, 10, 23, 21, 15, tzinfo=UTC)) == ["taken"]


def test_an_article_on_or_after_the_first_day_keeps_everything() -> None:
    assert kept(datetime(2031, 11, 24, 6, 0, tzinfo=UTC)) == ["released-in-truce", "taken"]
    assert kept(datetime(2031, 12, 4, tzinfo=UTC)) == ["released-in-truce", "taken"]


def test_the_evening_before_in_utc_may_already_be_the_first_day_somewhere() -> None:
    # 23 November 20:00 UTC is 24 November in the Pacific: not provably before the event
    assert kept(datetime(2031, 11, 23, 20, 0, tzinfo=UTC)) == ["released-in-truce", "taken"]
    assert kept(datetime(2031, 11, 23, 8, 0, tzinfo=UTC)) == ["taken"]


def test_no_date_and_naive_dates() -> None:
    assert kept(None) == ["released-in-truce", "taken"]  # nothing to go by: the engine's word stands
    assert kept(datetime(2031, 10, 1)) == ["taken"]  # a naive date is read as UTC
