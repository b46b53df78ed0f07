"""Small helpers for the engine's results: re-sourcing and de-duplicating findings, and the JSON
object monitor analyze --json prints (what score_claims.py reads).

Pure: no I/O.
"""

from __future__ import annotations

from typing import Any

from monitor.models import Analysis, ClaimFinding
from monitor.text.actors import Watchlist
from monitor.text.attribution import Source


def with_source(finding: ClaimFinding, source: str) -> ClaimFinding:
    return ClaimFinding(
        finding.claim,
        finding.value,
        finding.low,
        finding.high,
        finding.qualifier,
        finding.polarity,
        source,
        finding.sentence,
    )


def is_actor(watchlist: Watchlist, value: str) -> bool:
    try:
        watchlist.actor(value)
    except KeyError:
        return False
    return True


def deduplicate(findings: list[ClaimFinding]) -> list[ClaimFinding]:
    seen: set[tuple[Any, ...]] = set()
    out: list[ClaimFinding] = []
    for finding in findings:
        key = (finding.claim, finding.value, finding.qualifier, finding.polarity, finding.source)
        if key in seen:
            continue
        seen.add(key)
        out.append(finding)
    return out


def as_carried(source: Source) -> Source:
    return Source(
        source.value,
        source.actor_id,
        source.kind,
        "carried",
        source.start,
        source.end,
        source.phrase_start,
        source.phrase_end,
    )


def analysis_to_json(path: str, analysis: Analysis) -> dict[str, Any]:
    """The object ``score_claims.py`` reads (one per line of ``monitor analyze --json``)."""
    return {
        "file": path,
        "language": analysis.language,
        "actors": [{"id": mention.actor_id, "count": mention.count} for mention in analysis.actors],
        "claims": [
            {
                "claim": finding.claim,
                "value": finding.value,
                "low": finding.low,
                "high": finding.high,
                "qualifier": finding.qualifier,
                "polarity": finding.polarity,
                "source": finding.source,
                "sentence": finding.sentence,
            }
            for finding in analysis.claims
        ],
    }
