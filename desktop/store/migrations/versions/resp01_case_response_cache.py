"""the case list's response times, kept per case

A row per case holds what measuring its messages' response times gave (``desktop.store.response_cache``), under a
key that digests everything the measurement read: the case list reads one row instead of every message.

Revision ID: resp01
Revises: dedup01
"""
import sqlalchemy as sa
from alembic import op

revision = "resp01"
down_revision = "dedup01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_response",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("measured", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("case_response")
