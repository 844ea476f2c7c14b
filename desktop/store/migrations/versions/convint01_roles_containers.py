"""who is who and nothing dropped: item roles and flags, chat participants, mail addresses, merged customers

Revision ID: convint01
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import desktop.store.types


revision = "convint01"
down_revision = "undo01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("media_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=12), nullable=False, server_default="media"))
        batch_op.add_column(sa.Column("flags", desktop.store.types.JsonList(), nullable=False, server_default="[]"))
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meta", desktop.store.types.JsonDict(), nullable=True))
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.String(length=320), nullable=True))
    # a plain ADD COLUMN with its REFERENCES clause: SQLite accepts it without rebuilding the table (a rebuild
    # would drop a table that others reference, refused with foreign keys on)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if "merged_into_id" not in {c["name"] for c in sa.inspect(bind).get_columns("customer")}:  # kept by a downgrade?
            op.execute("ALTER TABLE customer ADD COLUMN merged_into_id INTEGER "
                       "CONSTRAINT fk_customer_merged_into_id_customer REFERENCES customer (id)")
    else:
        op.add_column("customer", sa.Column("merged_into_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_customer_merged_into_id_customer", "customer", "customer", ["merged_into_id"],
                              ["id"])
    op.create_index(op.f("ix_customer_merged_into_id"), "customer", ["merged_into_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_customer_merged_into_id"), table_name="customer")
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot drop a column with a REFERENCES clause in place: kept
        op.drop_constraint("fk_customer_merged_into_id_customer", "customer", type_="foreignkey")
        op.drop_column("customer", "merged_into_id")
    op.drop_column("message", "address")
    op.drop_column("source", "meta")
    op.drop_column("media_item", "flags")
    op.drop_column("media_item", "role")
