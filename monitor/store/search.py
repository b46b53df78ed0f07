"""Full-text search over articles: SQLite FTS5 or PostgreSQL's tsvector (migration 0004).

The user's words are turned into a query of plain terms (every word must
occur, prefixes allowed with ``*``), never passed through as query syntax, so
quotes, colons or a stray ``NEAR`` cannot break the query or read other columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

_WORD = re.compile(r"[^\W_]+\*?", re.UNICODE)


# the matched words in a snippet sit between these two control characters (never in article text
# after extraction), so the page can escape the snippet and then mark them safely
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    article_id: int
    rank: float
    snippet: str


def terms(query: str) -> list[str]:
    """The words of a search box entry; a trailing ``*`` keeps its prefix meaning."""
    return [word.lower() for word in _WORD.findall(query)][:20]


def search_articles(
    conn: Connection,
    query: str,
    *,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Hit]:
    words = terms(query)
    if not words:
        return []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    filters = ""
    if actor:
        filters += (
            " AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :actor)"
        )
        params["actor"] = actor
    if since is not None:
        filters += " AND a.published >= :since"
        params["since"] = since.replace(tzinfo=None) if conn.dialect.name == "sqlite" else since
    if until is not None:
        filters += " AND a.published < :until"
        params["until"] = until.replace(tzinfo=None) if conn.dialect.name == "sqlite" else until
    if conn.dialect.name == "sqlite":
        # every word quoted as an FTS5 string (a prefix keeps its star outside the quotes)
        params["match"] = " ".join(
            f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words if w.strip("*")
        )
        sql = (
            "SELECT a.id, bm25(articles_fts) AS rank, "
            "snippet(articles_fts, 1, char(2), char(3), ' … ', 24) AS snip "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH :match{filters} ORDER BY rank LIMIT :limit OFFSET :offset"
        )
    else:
        params["match"] = " & ".join(
            f"{_pg_lexeme(w[:-1])}:*" if w.endswith("*") else _pg_lexeme(w) for w in words if w.strip("*")
        )
        document = "to_tsvector('simple', coalesce(a.title, '') || ' ' || coalesce(a.text, ''))"
        sql = (
            f"SELECT a.id, ts_rank({document}, q) AS rank, "
            "ts_headline('simple', coalesce(a.text, a.title), q, "
            "E'StartSel=\\x02, StopSel=\\x03, MaxWords=30, MinWords=10') AS snip "
            "FROM articles a, to_tsquery('simple', :match) q "
            f"WHERE {document} @@ q{filters} ORDER BY rank DESC, a.id DESC LIMIT :limit OFFSET :offset"
        )
    rows = conn.execute(text(sql), params)
    return [Hit(int(row[0]), float(row[1] or 0.0), str(row[2] or "")) for row in rows]


def _pg_lexeme(word: str) -> str:
    """A word as one quoted tsquery lexeme (quotes doubled, so it stays one term)."""
    return "'" + word.replace("'", "''").replace("\\", "") + "'"
