"""archive record reference on articles

A WARC backfill stores where each page lies in its archive file
(``warc:<file>@<offset>``) instead of a copy of the page in ``raw_html``;
processing reads the record back. Existing rows keep their copies.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archive_record", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("archive_record")
