"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 03:19:35.099710
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import monitor.store.schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_id", sa.String(length=200), nullable=True),
        sa.Column("origin", sa.String(length=300), nullable=False),
        sa.Column("entry_key", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("discovered_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("raw_html", sa.Text(), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=True),
        sa.Column("fetch_page", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("text_source", sa.String(length=16), nullable=True),
        sa.Column("fallback_reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("processed_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("origin", "entry_key", name=op.f("uq_articles_origin_entry_key")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_content_hash", ["content_hash"], unique=False)
        batch_op.create_index("ix_articles_status_published", ["status", "published"], unique=False)

    op.create_table(
        "backfill_checkpoints",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_backfill_checkpoints")),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("next_poll_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_polled_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=32), nullable=True),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("entries_seen", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("locked_by", sa.String(length=200), nullable=True),
        sa.Column("locked_until", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
    )
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.create_index("ix_feeds_due", ["active", "next_poll_at"], unique=False)

    op.create_table(
        "actor_mentions",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_actor_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "actor_id", name=op.f("pk_actor_mentions")),
    )
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_actor_mentions_actor", ["actor_id"], unique=False)

    op.create_table(
        "claim_observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=200), nullable=False),
        sa.Column("observation_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(length=32), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("speaks_for", sa.String(length=200), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("published", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_claim_observations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_observations")),
        sa.UniqueConstraint(
            "article_id", "observation_key", name=op.f("uq_claim_observations_article_id_observation_key")
        ),
    )
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.create_index("ix_claim_observations_claim_low", ["claim_id", "low"], unique=False)
        batch_op.create_index(
            "ix_claim_observations_claim_published", ["claim_id", "published"], unique=False
        )

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dedupe_key", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("claim_id", sa.String(length=200), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("polarity", sa.String(length=16), nullable=True),
        sa.Column("from_polarity", sa.String(length=16), nullable=True),
        sa.Column("to_polarity", sa.String(length=16), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("published", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_alerts_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["claim_observations.id"],
            name=op.f("fk_alerts_observation_id_claim_observations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_alerts_dedupe_key")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index("ix_alerts_claim", ["claim_id", "published"], unique=False)
        batch_op.create_index("ix_alerts_created", ["created_at"], unique=False)

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=200), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("claimed_until", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", monitor.store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_deliveries_alert_id_alerts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("alert_id", "channel_id", name=op.f("uq_deliveries_alert_id_channel_id")),
        sa.UniqueConstraint("message_id", name=op.f("uq_deliveries_message_id")),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_deliveries_due", ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_due")

    op.drop_table("deliveries")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_created")
        batch_op.drop_index("ix_alerts_claim")

    op.drop_table("alerts")
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_observations_claim_published")
        batch_op.drop_index("ix_claim_observations_claim_low")

    op.drop_table("claim_observations")
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_actor_mentions_actor")

    op.drop_table("actor_mentions")
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.drop_index("ix_feeds_due")

    op.drop_table("feeds")
    op.drop_table("backfill_checkpoints")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_status_published")
        batch_op.drop_index("ix_articles_content_hash")

    op.drop_table("articles")
