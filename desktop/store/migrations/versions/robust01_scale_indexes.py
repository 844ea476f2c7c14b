"""indexes for a library of 100,000 items

Covering indexes for the case list's counts and response times, the library-wide scan of perceptual hashes, and
the media items of a message (a foreign key without an index).

Revision ID: robust01
Revises: team01
"""
from alembic import op

revision = "robust01"
down_revision = "team01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_message_case_times", "message", ["case_id", "kind", "sent_at", "from_customer"])
    op.create_index("ix_media_case_counts", "media_item", ["case_id", "role", "blob_sha256", "set_aside"])
    op.create_index("ix_media_item_message_id", "media_item", ["message_id"])
    op.create_index("ix_blob_kind_phash", "blob", ["kind", "phash"])


def downgrade() -> None:
    op.drop_index("ix_blob_kind_phash", "blob")
    op.drop_index("ix_media_item_message_id", "media_item")
    op.drop_index("ix_media_case_counts", "media_item")
    op.drop_index("ix_message_case_times", "message")
