"""Migration 0004 (web app) on SQLite and PostgreSQL: it upgrades a database that has articles,
search finds them (old and new, also after their text changes), and it downgrades cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, inspect, update

from monitor.store import search
from monitor.store.db import alembic_config, current_revision, upgrade
from monitor.store.schema import articles

NOW = datetime(2025, 4, 29, 9, 0, tzinfo=UTC)


def _article(conn: object, ident: int, title: str, text: str) -> None:
    conn.execute(  # type: ignore[attr-defined]
        articles.insert().values(
            id=ident, origin="test", entry_key=str(ident), url=f"https://x.example/{ident}", title=title,
            published=NOW, discovered_at=NOW, summary="", fetch_page=False, status="processed",
            attempts=0, historical=False, text=text,
        )
    )  # fmt: skip


def test_0004_upgrades_a_filled_database_and_indexes_what_was_there(db_engine: Engine) -> None:
    command.downgrade(alembic_config(db_engine), "0003")
    assert "users" not in inspect(db_engine).get_table_names()
    with db_engine.begin() as conn:
        conn.execute(articles.delete())
        _article(conn, 1, "Nordkoreanische Soldaten in Kursk", "Rund 1500 Soldaten sind gefallen.")
    upgrade(db_engine, "0004")
    assert current_revision(db_engine) == "0004"
    with db_engine.begin() as conn:
        _article(conn, 2, "NATO official on Kursk", "About 1,500 North Koreans were killed.")
        assert [h.article_id for h in search.search_articles(conn, "soldaten")] == [1]
        assert sorted(h.article_id for h in search.search_articles(conn, "Kursk")) == [1, 2]
        assert [h.article_id for h in search.search_articles(conn, "north korea*")] == [2]
        # a processed article's text arrives by UPDATE: the index follows it
        conn.execute(
            update(articles).where(articles.c.id == 1).values(text="Der Kreml bestätigte den Einsatz.")
        )
        assert search.search_articles(conn, "gefallen") == []
        assert [h.article_id for h in search.search_articles(conn, "kreml")] == [1]
        # words are terms, never query syntax
        for hostile in ('" OR 1=1 --', "title:x", "a & b | !c", "NEAR(", "'", "*", ""):
            search.search_articles(conn, hostile)
        conn.execute(articles.delete())
        assert search.search_articles(conn, "kreml") == []
    command.downgrade(alembic_config(db_engine), "0003")
    assert "api_tokens" not in inspect(db_engine).get_table_names()
    upgrade(db_engine)
