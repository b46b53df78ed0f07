"""index for a speaker's positions: claim, voice, recalled, published

Detection looks up a speaker's previous, next and recalled position on a claim
with LIMIT 1 probes. With only ``(claim_id, voice, published)`` the probe for a
recalled position walks every current position of the voice (most are not
recalled), so it grew with the claim's history; with ``recalled`` before
``published`` each probe is one index range.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_claim_observations_claim_voice_recalled",
        "claim_observations",
        ["claim_id", "voice", "recalled", "published"],
    )


def downgrade() -> None:
    op.drop_index("ix_claim_observations_claim_voice_recalled", table_name="claim_observations")
