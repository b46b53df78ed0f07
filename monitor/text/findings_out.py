"""Small helpers for the engine's results: re-sourcing and de-duplicating findings, and the JSON
object monitor analyze --json prints (what score_claims.py reads).

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from monitor.models import Analysis, ClaimFinding
from monitor.text.actors.find import Watchlist
from monitor.text.attribution.source import Source


def with_source(finding: ClaimFinding, source: str) -> ClaimFinding:
    return replace(finding, source=source)


def is_actor(watchlist: Watchlist, value: str) -> bool:
    try:
        watchlist.actor(value)
    except KeyError:
        return False
    return True


def deduplicate(findings: list[ClaimFinding]) -> list[ClaimFinding]:
    """One finding per (claim, value, qualifier, polarity, source); a statement made now replaces
    the same statement recalled from before ("had denied at first ... denied again today")."""
    position: dict[tuple[Any, ...], int] = {}
    out: list[ClaimFinding] = []
    for finding in findings:
        key = (finding.claim, finding.value, finding.qualifier, finding.polarity, finding.source)
        if key in position:
            kept = position[key]
            if out[kept].recalled and not finding.recalled:
                out[kept] = finding
            continue
        position[key] = len(out)
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
                "recalled": finding.recalled,
            }
            for finding in analysis.claims
        ],
    }
