"""the customer's rights: hash-chained, append-only audit log; legal holds; erasure tombstones

Revision ID: privacy01
Revises: 0001
"""
import json

import sqlalchemy as sa
from alembic import op

import desktop.store.types
from desktop.core.audit_chain import GENESIS, ChainLink, canonical, details_hash, new_salt

revision = "privacy01"
down_revision = "0001"
branch_labels = None
depends_on = None

_CHAINED = ("seq", "at", "actor", "action", "case_id", "customer_id", "prev_hash", "hash", "detail_hash")


def upgrade() -> None:
    with op.batch_alter_table("case_", schema=None) as b:
        b.add_column(sa.Column("hold_reason", sa.Text(), nullable=True))
        b.add_column(sa.Column("held_at", desktop.store.types.IsoDateTime(length=40), nullable=True))
        b.add_column(sa.Column("held_by", sa.String(length=100), nullable=True))
        b.add_column(sa.Column("erased_at", desktop.store.types.IsoDateTime(length=40), nullable=True))
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("case_ref", sa.String(length=20), nullable=True),
        sa.Column("erased_at", desktop.store.types.IsoDateTime(length=40), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("receipt", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("erasure", schema=None) as b:
        b.create_index(b.f("ix_erasure_customer_id"), ["customer_id"], unique=False)
    with op.batch_alter_table("audit_event", schema=None) as b:
        b.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        b.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("detail_hash", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("detail_salt", sa.String(length=32), nullable=True))
        b.add_column(sa.Column("scrubbed", sa.Boolean(), nullable=False, server_default=sa.false()))
    _chain_existing_events()
    with op.batch_alter_table("audit_event", schema=None) as b:
        for name in ("seq", "prev_hash", "hash", "detail_hash"):
            b.alter_column(name, nullable=False)
        b.create_index(b.f("ix_audit_event_seq"), ["seq"], unique=True)
        b.create_index(b.f("ix_audit_event_customer_id"), ["customer_id"], unique=False)
    _append_only_triggers()


def _chain_existing_events() -> None:
    """Events written before the chain existed: chained now, in id order, their details kept as they are."""
    conn = op.get_bind()
    owners = dict(conn.execute(sa.text("SELECT id, customer_id FROM case_")).all())
    rows = conn.execute(sa.text("SELECT id, at, actor, action, case_id, detail FROM audit_event ORDER BY id")).all()
    prev = GENESIS
    for seq, (eid, at, actor, action, case_id, detail) in enumerate(rows, 1):
        try:
            text = canonical(json.loads(detail or "{}"))
        except ValueError:
            text = detail or ""
        salt = new_salt()
        customer = owners.get(case_id) if case_id is not None else None
        link = ChainLink(seq, prev, desktop.store.types.IsoDateTime().process_result_value(at, None),
                         actor, action, case_id, customer, details_hash(salt, text))
        prev = link.digest()
        conn.execute(sa.text("UPDATE audit_event SET seq=:seq, customer_id=:cust, prev_hash=:prev, hash=:hash, "
                             "detail_hash=:dh, detail_salt=:salt, detail=:detail WHERE id=:id"),
                     {"seq": seq, "cust": customer, "prev": link.prev_hash, "hash": prev, "dh": link.details_hash,
                      "salt": salt, "detail": text, "id": eid})


def _append_only_triggers() -> None:
    """The database refuses to delete events or change their chained fields; only the details of an erased
    customer may be scrubbed (``detail``, ``detail_salt``, ``scrubbed``)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
                   "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
        op.execute(f"CREATE TRIGGER audit_event_no_rewrite BEFORE UPDATE OF {', '.join(_CHAINED)} ON audit_event "
                   "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    elif op.get_bind().dialect.name == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _CHAINED)
        op.execute(f"""CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' OR {changed} THEN
    RAISE EXCEPTION 'the audit log is append-only';
  END IF;
  RETURN NEW;
END $$""")
        op.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()")
        op.execute("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_rewrite")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    with op.batch_alter_table("audit_event", schema=None) as b:
        b.drop_index(b.f("ix_audit_event_customer_id"))
        b.drop_index(b.f("ix_audit_event_seq"))
        for name in ("scrubbed", "detail_salt", "detail_hash", "hash", "prev_hash", "customer_id", "seq"):
            b.drop_column(name)
    with op.batch_alter_table("erasure", schema=None) as b:
        b.drop_index(b.f("ix_erasure_customer_id"))
    op.drop_table("erasure")
    with op.batch_alter_table("case_", schema=None) as b:
        for name in ("erased_at", "held_by", "held_at", "hold_reason"):
            b.drop_column(name)
