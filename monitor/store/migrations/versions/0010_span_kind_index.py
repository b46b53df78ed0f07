"""index for the known-figure walk: claim, span, qualifier, value; and one for unvalued figures

An exact figure after a rounder one ("29,605" after "about 30,000") asks for a known
figure that repeats it. Filtering the walk down the span index by "repeats" skipped
every rounder figure row by row (a round figure repeated in thousands of articles),
so judging grew with the claim's history. With qualifier and value in the index the
walk takes one step per distinct (span, qualifier, value) instead. The old
``(claim_id, span_low, span_high)`` index is a prefix of the new one and goes.
Figures without a value (an engine's range) get a small partial index of their own.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_claim_observations_claim_span_kind",
        "claim_observations",
        ["claim_id", "span_low", "span_high", "qualifier", "value"],
    )
    op.create_index(
        "ix_claim_observations_claim_unvalued",
        "claim_observations",
        ["claim_id", "span_low"],
        sqlite_where=sa.text("value IS NULL"),
        postgresql_where=sa.text("value IS NULL"),
    )
    op.drop_index("ix_claim_observations_claim_span", table_name="claim_observations")


def downgrade() -> None:
    op.create_index(
        "ix_claim_observations_claim_span", "claim_observations", ["claim_id", "span_low", "span_high"]
    )
    op.drop_index("ix_claim_observations_claim_unvalued", table_name="claim_observations")
    op.drop_index("ix_claim_observations_claim_span_kind", table_name="claim_observations")
