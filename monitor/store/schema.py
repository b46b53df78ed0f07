"""The database schema (SQLAlchemy 2.0 Core tables), shared by SQLite and PostgreSQL.

Idempotency lives here: unique keys on articles (url; feed + entry key),
observations (article + observation key), alerts (dedupe key) and deliveries
(alert + channel) make a re-run or a redelivered task harmless.
Changes go through an Alembic migration in ``monitor/store/migrations``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time zones and hands back naive values; comparing those with
    aware ones raises, so everything is normalised to UTC here, once.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

feeds = Table(
    "feeds",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("next_poll_at", UTCDateTime, nullable=False),
    Column("last_polled_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_status", String(32)),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("entries_seen", Integer, nullable=False, default=0),
    Column("active", Boolean, nullable=False, default=True),
    # a poll in progress: who holds it and until when (a lock with expiry)
    Column("locked_by", String(200)),
    Column("locked_until", UTCDateTime),
    Index("ix_feeds_due", "active", "next_poll_at"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_id", String(200)),  # None for archive sources
    Column("origin", String(300), nullable=False),  # "feed:<id>" or "backfill:<source>"
    Column("entry_key", Text, nullable=False),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False, default=""),
    Column("published", UTCDateTime),
    Column("discovered_at", UTCDateTime, nullable=False),
    Column("language", String(8)),
    Column("outlet", Text),
    Column("summary", Text, nullable=False, default=""),
    Column("raw_html", Text),  # archive pages waiting to be processed; cleared afterwards
    Column("raw_text", Text),  # archive plain text waiting to be processed; cleared afterwards
    # or where the archived page lies (warc:<file>@<offset>, migration 0008): read back when processed
    Column("archive_record", Text),
    Column("fetch_page", Boolean, nullable=False, default=True),
    Column("text", Text),
    Column("content_hash", String(64)),
    Column("text_source", String(16)),  # page | feed | archive
    Column("fallback_reason", Text),
    Column("status", String(16), nullable=False, default="pending"),  # pending | processed | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("historical", Boolean, nullable=False, default=False),
    Column("processed_at", UTCDateTime),
    UniqueConstraint("origin", "entry_key"),
    Index("ix_articles_status_published", "status", "published"),
    Index("ix_articles_content_hash", "content_hash"),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(200), primary_key=True),
    Column("count", Integer, nullable=False),
    Index("ix_actor_mentions_actor", "actor_id"),
)

claim_observations = Table(
    "claim_observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", String(200), nullable=False),
    # one article states one figure once: the key folds duplicates within an article
    Column("observation_key", String(64), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(32), nullable=False, default="exact"),
    Column("polarity", String(16)),
    Column("source", Text),
    Column("speaks_for", String(200)),  # the actor the source speaks for (peskov -> russia)
    Column("sentence", Text, nullable=False, default=""),
    # copied from the article so a claim's history is one indexed range scan
    Column("published", UTCDateTime, nullable=False),
    # written with the row (monitor.store.observations, migration 0002): the bounded span
    # detection compares (widening per claim) and the voice that counts as "the same source"
    Column("span_low", Float),
    Column("span_high", Float),
    Column("voice", String(300)),
    # a statement the article recalls from earlier ("had initially denied", migration 0003):
    # kept in the claim's history, but no position at the article's date (monitor.detect.judge)
    Column("recalled", Boolean, nullable=False, default=False, server_default=false()),
    # marked as a false hit by an editor (web app, migration 0004): kept, with who and when,
    # but left out of the claim's history and of detection (monitor.store.history)
    Column("wrong_by", String(200)),
    Column("wrong_at", UTCDateTime),
    # judged by alert detection yet (migration 0005)? Observations are judged in publication
    # order once nothing published before them is still pending (monitor.pipeline.alerts)
    Column("judged", Boolean, nullable=False, default=False, server_default=false()),
    UniqueConstraint("article_id", "observation_key"),
    Index("ix_claim_observations_judged_published", "judged", "published"),
    Index("ix_claim_observations_claim_published", "claim_id", "published"),
    Index("ix_claim_observations_claim_low", "claim_id", "low"),
    # the known-figure walks: one step per distinct span (and qualifier and value), migration 0010
    Index("ix_claim_observations_claim_span_kind", "claim_id", "span_low", "span_high", "qualifier", "value"),
    # figures without a value (an engine's range): few, and no walk bounds their spans
    Index(
        "ix_claim_observations_claim_unvalued",
        "claim_id",
        "span_low",
        sqlite_where=text("value IS NULL"),
        postgresql_where=text("value IS NULL"),
    ),
    Index("ix_claim_observations_claim_voice", "claim_id", "voice", "published"),
    # a speaker's previous / next / recalled position: one range each (migration 0007)
    Index("ix_claim_observations_claim_voice_recalled", "claim_id", "voice", "recalled", "published"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dedupe_key", String(128), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("claim_id", String(200), nullable=False),
    Column(
        "observation_id", Integer, ForeignKey("claim_observations.id", ondelete="CASCADE"), nullable=False
    ),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("value", Float),
    Column("polarity", String(16)),
    Column("from_polarity", String(16)),
    Column("to_polarity", String(16)),
    Column("sources", JSON, nullable=False, default=list),
    Column("summary", Text, nullable=False, default=""),
    Column("details", JSON, nullable=False, default=dict),
    Column("published", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("historical", Boolean, nullable=False, default=False),
    Index("ix_alerts_created", "created_at"),
    Index("ix_alerts_claim", "claim_id", "published"),
    # the web app's alert list, newest first with a keyset cursor (migration 0004)
    Index("ix_alerts_published", "published", "id"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("channel_id", String(200), nullable=False),
    # the Standard Webhooks message id: the same across every retry
    Column("message_id", String(64), nullable=False, unique=True),
    Column("status", String(16), nullable=False, default="pending"),  # pending | sending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("claimed_by", String(200)),
    Column("claimed_until", UTCDateTime),
    Column("last_error", Text),
    Column("sent_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("alert_id", "channel_id"),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
)

backfill_checkpoints = Table(
    "backfill_checkpoints",
    metadata,
    Column("source", Text, primary_key=True),
    Column("state", JSON, nullable=False, default=dict),
    Column("updated_at", UTCDateTime, nullable=False),
)

# ---------------------------------------------------------------- web app (migration 0004)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters
    Column("role", String(16), nullable=False),  # reader | editor
    Column("created_at", UTCDateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    # sha256 of the token: tokens are 32 random bytes, so a fast hash is enough; the token
    # itself is shown once and never stored
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

alert_reviews = Table(
    "alert_reviews",
    metadata,
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True),
    Column("acknowledged_by", String(200)),
    Column("acknowledged_at", UTCDateTime),
    Column("wrong_by", String(200)),
    Column("wrong_at", UTCDateTime),
)

claim_mutes = Table(
    "claim_mutes",
    metadata,
    Column("claim_id", String(200), primary_key=True),
    Column("muted_until", UTCDateTime, nullable=False),
    Column("muted_by", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# process-wide secrets the web app creates on first start (the session signing key), so
# every web process on the same database signs cookies alike
web_secrets = Table(
    "web_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


# one row: this installation's random id (migration 0006), part of every webhook-id, so a
# receiver that drops repeated ids never drops another installation's alert for the same article
installation = Table(
    "installation",
    metadata,
    Column("id", String(64), primary_key=True),
)
