"""judged flag on claim observations

Observations are judged in publication order once nothing published before
them is still pending, so the alerts do not depend on the order in which
articles were processed. Existing rows were judged when they were stored: true.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("judged", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.alter_column("judged", server_default=sa.false())
        batch_op.create_index("ix_claim_observations_judged_published", ["judged", "published"])


def downgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_observations_judged_published")
        batch_op.drop_column("judged")
