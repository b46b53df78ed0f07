"""detection spans and voices on claim observations

Alert detection stores the bounded span it compares and the voice ("the same
source") of every observation, so a claim's history is searched with indexed
range queries instead of a scan.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("span_low", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("span_high", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("voice", sa.String(length=300), nullable=True))
        batch_op.create_index(
            "ix_claim_observations_claim_span", ["claim_id", "span_low", "span_high"], unique=False
        )
        batch_op.create_index(
            "ix_claim_observations_claim_voice", ["claim_id", "voice", "published"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_observations_claim_voice")
        batch_op.drop_index("ix_claim_observations_claim_span")
        batch_op.drop_column("voice")
        batch_op.drop_column("span_high")
        batch_op.drop_column("span_low")
