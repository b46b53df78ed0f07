"""Single-statement reads run in autocommit: no transaction is left for the pool to roll back."""

from __future__ import annotations

from sqlalchemy import Engine, select

from monitor.store.db import reading
from monitor.store.schema import articles


def _open_transaction(conn: object) -> bool:
    dbapi = conn.connection.dbapi_connection  # type: ignore[attr-defined]
    if hasattr(dbapi, "info"):  # psycopg: what the server says
        return str(dbapi.info.transaction_status.name) != "IDLE"
    return bool(dbapi.in_transaction)  # sqlite3


def test_a_read_leaves_no_transaction_open(db_engine: Engine) -> None:
    with reading(db_engine) as conn:
        assert list(conn.scalars(select(articles.c.id))) == []
        assert not _open_transaction(conn)


def test_an_ordinary_connection_does_leave_one_open(db_engine: Engine) -> None:
    # the case reading() avoids: the same read on a plain connection begins a transaction
    # (on PostgreSQL; Python's sqlite3 begins one only before a write)
    with db_engine.connect() as conn:
        conn.scalars(select(articles.c.id)).all()
        expected = db_engine.dialect.name == "postgresql"
        assert _open_transaction(conn) is expected
