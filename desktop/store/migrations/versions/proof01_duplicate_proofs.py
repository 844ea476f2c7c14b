"""the duplicate engine's verdicts, kept per pair of originals

A row per proven pair (keeper's original, copy's original) holds the verdict the registration proof gave
(``desktop.store.duplicates``), under a key that digests the engine's code and what the proof read of both pictures:
a case's groups are computed again after every import, move, merge or undo without proving the same pairs again.

Revision ID: proof01
Revises: resp01
"""
import sqlalchemy as sa
from alembic import op

revision = "proof01"
down_revision = "resp01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dup_proof",
        sa.Column("sha_a", sa.String(length=64), nullable=False),
        sa.Column("sha_b", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha_a", "sha_b"),
    )
    op.create_index("ix_dup_proof_sha_b", "dup_proof", ["sha_b"])


def downgrade() -> None:
    op.drop_index("ix_dup_proof_sha_b", "dup_proof")
    op.drop_table("dup_proof")
