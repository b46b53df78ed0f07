"""The probe behind monitor.detect.conflicts' recap rule: did a voice say this before?

Asked only when an observation has conflicts (rare), once for the observation and,
when it restates, once per conflict: the earliest judged, not recalled observation
of the same voice in another article, published before the one asked about, that
agrees with it (an overlapping span, or the same polarity). One LIMIT 1 probe on
the voice index; the judged rows are those judged before the observation being
judged (bound parameters ``article_id`` and ``obs_id``, as everywhere in
:mod:`monitor.store.history_queries`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, and_, bindparam, false, or_

from monitor.detect.model import Observation
from monitor.store.history_queries import _judged_by_params
from monitor.store.observations import select_observations
from monitor.store.schema import claim_observations

co = claim_observations


@cache
def restating_query(figure: bool) -> Any:
    published = bindparam("r_published", type_=co.c.published.type)
    before = or_(
        co.c.published < published,
        and_(co.c.published == published, co.c.id < bindparam("r_id", type_=Integer)),
    )
    if figure:
        agreeing = and_(
            co.c.polarity.is_(None),
            co.c.span_low <= bindparam("r_high"),
            co.c.span_high >= bindparam("r_low"),
        )
    else:
        agreeing = co.c.polarity == bindparam("r_polarity")
    return (
        select_observations()
        .where(
            co.c.claim_id == bindparam("claim"),
            _judged_by_params(),
            co.c.recalled.is_(false()),
            co.c.voice == bindparam("r_voice"),
            co.c.article_id != bindparam("r_article"),
            before,
            agreeing,
        )
        .order_by(co.c.published, co.c.id)
        .limit(1)
    )


def restating_params(target: Observation, judged_for: Observation) -> dict[str, Any]:
    """The parameters asking whether ``target`` restates its voice, for judging ``judged_for``."""
    params: dict[str, Any] = {
        "claim": judged_for.claim,
        "article_id": judged_for.article_id,
        "obs_id": judged_for.id,
        "r_voice": target.voice,
        "r_article": target.article_id,
        "r_published": target.published,
        "r_id": target.id,
        "r_low": target.span[0] if target.span else None,
        "r_high": target.span[1] if target.span else None,
        "r_polarity": target.polarity,
    }
    return params
