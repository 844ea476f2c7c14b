"""undo journal and per-item rotation

Revision ID: undo01
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

import desktop.store.types

revision = "undo01"
down_revision = "privacy01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handler", sa.String(length=100), nullable=True),
        sa.Column("at", desktop.store.types.IsoDateTime(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", desktop.store.types.IsoDateTime(length=40), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=True),
        sa.Column("undo_state", sa.Text(), nullable=True),
        sa.Column("redo_order", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case_.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_handler"), ["handler"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_case_id"), ["case_id"], unique=False)
    op.create_table(
        "journal_touch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.String(length=80), nullable=False),
        sa.Column("cols", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["journal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal_touch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_touch_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_touch_row"), ["row"], unique=False)
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rotation", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.drop_column("rotation")
    with op.batch_alter_table("journal_touch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_touch_row"))
        batch_op.drop_index(batch_op.f("ix_journal_touch_entry_id"))
    op.drop_table("journal_touch")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_case_id"))
        batch_op.drop_index(batch_op.f("ix_journal_handler"))
    op.drop_table("journal")
