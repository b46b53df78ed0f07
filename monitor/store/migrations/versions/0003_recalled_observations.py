"""recalled flag on claim observations

A statement an article recalls from earlier ("Moscow had initially denied it")
is stored like any observation, but detection must not read it as a position
taken at the article's date. Existing rows were all read as current: false.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recalled", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("claim_observations", schema=None) as batch_op:
        batch_op.drop_column("recalled")
