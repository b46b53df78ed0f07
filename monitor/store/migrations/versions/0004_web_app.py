"""web app: users, API tokens, alert reviews, claim mutes, wrong marks, full-text search, alert list index

Full-text search differs per backend: SQLite gets an FTS5 table over the
articles' title and text, kept current by triggers (external content, so the
text is not stored twice); PostgreSQL gets a GIN index on the same tsvector
expression the search query uses (``simple`` configuration: the articles are
German and English, and a stemmer for one language would mangle the other).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PG_TSVECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, coalesce(new.text, '')); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, coalesce(old.text, '')); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, coalesce(old.text, '')); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, coalesce(new.text, '')); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wrong_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("wrong_at", UTCDateTime(), nullable=True))
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "alert_reviews",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=200), nullable=True),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("wrong_by", sa.String(length=200), nullable=True),
        sa.Column("wrong_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_alert_reviews_alert_id_alerts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("alert_id", name=op.f("pk_alert_reviews")),
    )
    op.create_table(
        "claim_mutes",
        sa.Column("claim_id", sa.String(length=200), nullable=False),
        sa.Column("muted_until", UTCDateTime(), nullable=False),
        sa.Column("muted_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_mutes")),
    )
    op.create_table(
        "web_secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_web_secrets")),
    )
    op.create_index("ix_alerts_published", "alerts", ["published", "id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_articles_fulltext ON articles USING gin (({PG_TSVECTOR}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_fulltext")
    op.drop_index("ix_alerts_published", table_name="alerts")
    for table in ("web_secrets", "claim_mutes", "alert_reviews", "api_tokens", "users"):
        op.drop_table(table)
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.drop_column("wrong_at")
        batch_op.drop_column("wrong_by")
