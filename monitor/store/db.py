"""Engines and migrations.

SQLite is the embedded default: WAL mode and a busy timeout let the runner,
the CLI and a backfill share one file; foreign keys are switched on because
SQLite leaves them off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from monitor.errors import ConfigError

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` and ``postgres://`` URLs; we ship psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        # the URL may hold a password: name its scheme only
        scheme = url.split(":", 1)[0] if ":" in url else "(none)"
        raise ConfigError(f"MONITOR_DATABASE_URL: not a database URL (scheme {scheme!r})") from None
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database:
            # SQLAlchemy would open a private in-memory database per connection: nothing kept
            raise ConfigError(
                "MONITOR_DATABASE_URL: sqlite:/// names no file (e.g. sqlite:///monitor.db, "
                "or sqlite:////var/lib/monitor/monitor.db for an absolute path)"
            )
        if parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            # a mistyped folder must not silently start an empty database somewhere else
            if not folder.is_dir():
                why = "not a folder" if folder.exists() else "no such folder (create it first)"
                raise ConfigError(f"MONITOR_DATABASE_URL: cannot create the database in {folder}: {why}")
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (idempotent)."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    # late import: alembic is needed only when checking the schema version
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def insert_ignore(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert rows, silently skipping those that hit a unique key. Returns rows inserted."""
    if not rows:
        return 0
    dialect = conn.dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(table).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - other backends insert one by one
        inserted = 0
        for row in rows:
            try:
                with conn.begin_nested():
                    conn.execute(table.insert().values(**row))
                inserted += 1
            except Exception:  # noqa: BLE001 - a duplicate on an unknown backend
                continue
        return inserted
    result = conn.execute(stmt, list(rows))
    return max(result.rowcount, 0)


def toast_compression_available(conn: Connection, method: str) -> bool:
    """Whether the server can compress large values (TOAST) with ``method`` (``lz4``, ``pglz``).

    PostgreSQL 14+ lists the methods it was built with as the values of
    ``default_toast_compression``; older servers have no such setting (pglz only, no
    choice), and SQLite compresses nothing."""
    if conn.dialect.name != "postgresql":
        return False
    methods = conn.scalar(text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"))
    return method in (methods or ())


def reading(engine: Engine) -> Connection:
    """A connection for a single-statement read, in autocommit.

    One statement sees one snapshot either way; in a transaction it costs two more
    round trips (BEGIN before it, the pool's ROLLBACK when the connection goes back),
    which for the short reads a worker makes per task are most of their cost."""
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")
