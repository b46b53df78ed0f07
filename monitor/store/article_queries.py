"""The reads behind the web's article pages and the REST API's articles: summaries for the
lists (keyset-paginated by id, newest first) and one article in full with its actors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, select

from monitor.store.schema import actor_mentions, articles


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    language: str | None
    status: str
    origin: str


_ARTICLE_SUMMARY = (
    articles.c.id,
    articles.c.title,
    articles.c.url,
    articles.c.outlet,
    articles.c.published,
    articles.c.language,
    articles.c.status,
    articles.c.origin,
)


def _summary(row: Any) -> ArticleSummary:
    return ArticleSummary(**row._mapping)


def list_article_summaries(
    conn: Connection,
    *,
    after: int | None = None,
    limit: int = 50,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    ids: Sequence[int] | None = None,
) -> list[ArticleSummary]:
    """Articles newest id first (ids grow with discovery), behind the id ``after``."""
    query = select(*_ARTICLE_SUMMARY)
    if ids is not None:
        query = query.where(articles.c.id.in_(list(ids)))
    if actor:
        query = query.where(
            exists().where(actor_mentions.c.article_id == articles.c.id, actor_mentions.c.actor_id == actor)
        )
    if since is not None:
        query = query.where(articles.c.published >= since)
    if until is not None:
        query = query.where(articles.c.published < until)
    if after is not None:
        query = query.where(articles.c.id < after)
    return [_summary(row) for row in conn.execute(query.order_by(articles.c.id.desc()).limit(limit))]


@dataclass(frozen=True)
class ArticleDetail:
    id: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    discovered_at: datetime
    language: str | None
    status: str
    origin: str
    text: str | None
    summary: str
    text_source: str | None
    fallback_reason: str | None
    error: str | None
    actors: dict[str, int]


def get_article_detail(conn: Connection, article_id: int) -> ArticleDetail | None:
    row = conn.execute(
        select(
            *_ARTICLE_SUMMARY,
            articles.c.discovered_at,
            articles.c.text,
            articles.c.summary,
            articles.c.text_source,
            articles.c.fallback_reason,
            articles.c.error,
        ).where(articles.c.id == article_id)
    ).first()
    if row is None:
        return None
    mentions = {
        str(r[0]): int(r[1])
        for r in conn.execute(
            select(actor_mentions.c.actor_id, actor_mentions.c.count).where(
                actor_mentions.c.article_id == article_id
            )
        )
    }
    return ArticleDetail(**row._mapping, actors=mentions)
