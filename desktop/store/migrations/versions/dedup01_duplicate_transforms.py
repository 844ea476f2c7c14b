"""what was done to a copy, and the handler's rulings per item

Media items keep the transform the duplicate engine measured against their keeper (JSON: crop, scale, rotation,
brightness, contrast, screenshot) and, for an edited copy, the changed region; and two rulings of the handler
per item: chosen as its group's keeper, restored (never set aside again); an index on when originals were
stored, for the in-memory cache of the library's perceptual hashes.

Revision ID: dedup01
Revises: robust01
"""
import sqlalchemy as sa
from alembic import op

revision = "dedup01"
down_revision = "robust01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_blob_stored_at", "blob", ["stored_at"])  # the originals stored since (store/hashcache.py)
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duplicate_transform", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("duplicate_region", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("dup_keeper", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("dup_restored", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.drop_column("dup_restored")
        batch_op.drop_column("dup_keeper")
        batch_op.drop_column("duplicate_region")
        batch_op.drop_column("duplicate_transform")
    op.drop_index("ix_blob_stored_at", "blob")
