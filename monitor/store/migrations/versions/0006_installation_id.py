"""a random id per installation

Webhook message ids were a hash of the alert's key and the channel, so two
installations watching the same article sent the same ``webhook-id`` and a
receiver that drops repeated ids dropped the second installation's alert.
Each database now gets its own random id, mixed into every new message id.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table("installation", sa.Column("id", sa.String(64), primary_key=True))
    op.bulk_insert(table, [{"id": uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table("installation")
