"""An article published before a claim's event began cannot report that event.

A claim's ``scope.since`` is the day its event began ("the truce of 24 November"). The claim
engine already leaves out figures an article dates before it; what it cannot see is the
article's own date: a piece from October about two hostages freed then is no report of
releases during a November truce, however well its words fit the claim. The pipeline knows
the publication date, so it drops those findings before they are stored and judged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from monitor.models import Analysis
from monitor.text.spec import ClaimSpec

# "since" is a calendar day where the event happened; the earliest place on Earth enters a
# day 14 hours before UTC does, so an article is "before" only when it precedes that moment
_EARLIEST_OFFSET = timedelta(hours=14)


def event_start(claim: ClaimSpec) -> datetime | None:
    """The earliest UTC moment the claim's event can have begun, or None without ``scope.since``."""
    since = claim.scope.since
    if since is None:
        return None
    return datetime.combine(since, time.min, tzinfo=UTC) - _EARLIEST_OFFSET


def within_event_window(
    analysis: Analysis, claims: Iterable[ClaimSpec], published: datetime | None
) -> Analysis:
    """``analysis`` without the findings of claims whose event began after ``published``."""
    if published is None or not analysis.claims:
        return analysis
    moment = published if published.tzinfo is not None else published.replace(tzinfo=UTC)
    starts = {claim.id: event_start(claim) for claim in claims}
    kept = [
        finding
        for finding in analysis.claims
        if (start := starts.get(finding.claim)) is None or moment >= start
    ]
    return analysis if len(kept) == len(analysis.claims) else replace(analysis, claims=kept)
