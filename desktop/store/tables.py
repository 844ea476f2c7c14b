"""The tables, in SQLAlchemy Core: the one definition of the schema (``desktop.store.schema`` maps its ORM classes
onto these, and Alembic compares the migrations with this metadata).

This module imports no ``sqlalchemy.orm``: the read paths that must start at once (``casedesk cases --json``, the
schema-version check) query these tables directly. Column lengths are declared here once; text from outside is
cut to them with ``fit`` (PostgreSQL refuses longer values; SQLite would keep them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from desktop.core.model import CaseKind, CaseStatus, MediaRole, MessageKind
from desktop.store.types import IsoDate, IsoDateTime, JsonDict, JsonList

metadata = MetaData()

customer = Table(
    "customer", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=True),
    Column("phone", String(32), nullable=True, unique=True),
    Column("email", String(320), nullable=True, unique=True),
    Column("created_at", IsoDateTime, nullable=False),
    Column("merged_into_id", Integer, ForeignKey("customer.id"), nullable=True, index=True),
)

case_ = Table(
    "case_", metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(20), nullable=False, unique=True),
    Column("title", String(300), nullable=False, default=""),
    Column("kind", String(20), nullable=False, default=CaseKind.CLAIM.value),
    Column("status", String(30), nullable=False, default=CaseStatus.NEW.value),
    Column("customer_id", Integer, ForeignKey("customer.id"), nullable=True, index=True),
    Column("policy_ref", String(100), nullable=True),
    Column("incident_date", IsoDate, nullable=True),
    Column("handler", String(100), nullable=True),
    Column("opened_at", IsoDateTime, nullable=False),
    Column("closed_at", IsoDateTime, nullable=True),
    Column("answered_at", IsoDateTime, nullable=True),
    Column("hold_reason", Text, nullable=True),
    Column("held_at", IsoDateTime, nullable=True),
    Column("held_by", String(100), nullable=True),
    Column("erased_at", IsoDateTime, nullable=True),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Column("updated_at", IsoDateTime, nullable=True),
    Column("updated_by", String(100), nullable=True),
    Index("ix_case_handler", "handler"),
)

case_counter = Table(
    "case_counter", metadata,
    Column("scope", String(60), primary_key=True),
    Column("last", Integer, nullable=False),
)

opinion = Table(
    "opinion", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=False, index=True),
    Column("asked_by", String(100), nullable=True),
    Column("asked_to", String(100), nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("asked_at", IsoDateTime, nullable=False),
    Column("answer", Text, nullable=True),
    Column("answered_by", String(100), nullable=True),
    Column("answered_at", IsoDateTime, nullable=True),
)

source = Table(
    "source", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("path", Text, nullable=False),
    Column("chat_key", String(300), nullable=True, index=True),
    Column("imported_at", IsoDateTime, nullable=False),
    Column("meta", JsonDict, nullable=True),
)

message = Table(
    "message", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=False, index=True),
    Column("source_id", Integer, ForeignKey("source.id"), nullable=False),
    Column("customer_id", Integer, ForeignKey("customer.id"), nullable=True, index=True),
    Column("sent_at", IsoDateTime, nullable=True),
    Column("sender", String(300), nullable=True),
    Column("from_customer", Boolean, nullable=False, default=True),
    Column("kind", String(20), nullable=False, default=MessageKind.TEXT.value),
    Column("subject", Text, nullable=True),
    Column("text", Text, nullable=False, default=""),
    Column("match_key", String(64), nullable=False, index=True),
    Column("external_id", String(500), nullable=True, index=True),
    Column("address", String(320), nullable=True),
    Index("ix_message_case_times", "case_id", "kind", "sent_at", "from_customer"),
)

blob = Table(
    "blob", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("mime", String(100), nullable=False),
    Column("format", String(20), nullable=True),
    Column("width", Integer, nullable=True),
    Column("height", Integer, nullable=True),
    Column("duration_s", Float, nullable=True),
    Column("codec", String(40), nullable=True),
    Column("orientation", Integer, nullable=True),
    Column("has_exif", Boolean, nullable=False, default=False),
    Column("exif_taken", IsoDateTime, nullable=True),
    Column("exif_digitized", IsoDateTime, nullable=True),
    Column("exif_modified", IsoDateTime, nullable=True),
    Column("make", String(100), nullable=True),
    Column("model", String(100), nullable=True),
    Column("software", String(200), nullable=True),
    Column("gps_lat", Float, nullable=True),
    Column("gps_lon", Float, nullable=True),
    Column("video_created_at", IsoDateTime, nullable=True),
    Column("phash", String(16), nullable=True, index=True),
    Column("fingerprint", LargeBinary, nullable=True),
    Column("warnings", JsonList, nullable=False, default=list),
    Column("stored_at", IsoDateTime, nullable=False, index=True),  # what the hash cache reads since
    Index("ix_blob_kind_phash", "kind", "phash"),
)

media_item = Table(
    "media_item", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=False, index=True),
    Column("blob_sha256", String(64), ForeignKey("blob.sha256"), nullable=True, index=True),
    Column("source_id", Integer, ForeignKey("source.id"), nullable=False),
    Column("message_id", Integer, ForeignKey("message.id"), nullable=True, index=True),
    Column("customer_id", Integer, ForeignKey("customer.id"), nullable=True, index=True),
    Column("name", Text, nullable=False),
    Column("received_at", IsoDateTime, nullable=True),
    Column("sender", String(300), nullable=True),
    Column("file_mtime", IsoDateTime, nullable=True),
    Column("taken_at", IsoDateTime, nullable=True),
    Column("taken_at_source", String(20), nullable=True),
    Column("taken_date_only", Boolean, nullable=False, default=False),
    Column("included", Boolean, nullable=False, default=True),
    Column("caption", Text, nullable=True),
    Column("duplicate_of_id", Integer, ForeignKey("media_item.id"), nullable=True),
    Column("duplicate_kind", String(10), nullable=True),
    Column("set_aside", Boolean, nullable=False, default=False),
    # what the duplicate engine measured against the keeper (crop, scale, rotation, tones, screenshot), and for an
    # edited copy the changed region "left,top,width,height" in percent of the keeper
    Column("duplicate_transform", JsonDict, nullable=True),
    Column("duplicate_region", String(60), nullable=True),
    # the handler's rulings on this item: chosen as its group's keeper; restored (never set aside again)
    Column("dup_keeper", Boolean, nullable=False, default=False, server_default=false()),
    Column("dup_restored", Boolean, nullable=False, default=False, server_default=false()),
    Column("added_at", IsoDateTime, nullable=False),
    Column("rotation", Integer, nullable=False, default=0, server_default="0"),
    Column("role", String(12), nullable=False, default=MediaRole.MEDIA.value, server_default=MediaRole.MEDIA.value),
    Column("flags", JsonList, nullable=False, default=list, server_default="[]"),
    Index("ix_media_case_taken", "case_id", "taken_at"),
    Index("ix_media_case_counts", "case_id", "role", "blob_sha256", "set_aside"),
)

note = Table(
    "note", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=False, index=True),
    Column("media_item_id", Integer, ForeignKey("media_item.id"), nullable=True),
    Column("author", String(100), nullable=True),
    Column("text", Text, nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
)

dup_decision = Table(
    "dup_decision", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha_a", String(64), nullable=False),
    Column("sha_b", String(64), nullable=False),
    Column("decision", String(20), nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
    UniqueConstraint("sha_a", "sha_b", "decision"),
)

alert = Table(
    "alert", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=False, index=True),
    Column("other_case_id", Integer, ForeignKey("case_.id"), nullable=False),
    Column("media_item_id", Integer, ForeignKey("media_item.id"), nullable=False),
    Column("other_media_item_id", Integer, ForeignKey("media_item.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
    Column("dismissed", Boolean, nullable=False, default=False),
    UniqueConstraint("media_item_id", "other_media_item_id"),
)

audit_event = Table(
    "audit_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", IsoDateTime, nullable=False),
    Column("actor", String(100), nullable=True),
    Column("action", String(50), nullable=False),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=True, index=True),
    Column("detail", Text, nullable=False, default=""),
    Column("seq", Integer, nullable=False, index=True, unique=True),
    Column("customer_id", Integer, nullable=True, index=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("detail_hash", String(64), nullable=False),
    Column("detail_salt", String(32), nullable=True),
    Column("scrubbed", Boolean, nullable=False, default=False),
)

erasure = Table(
    "erasure", metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer, nullable=True, index=True),
    Column("case_ref", String(20), nullable=True),
    Column("erased_at", IsoDateTime, nullable=False),
    Column("actor", String(100), nullable=True),
    Column("reason", Text, nullable=False),
    Column("basis", Text, nullable=True),
    Column("receipt", Text, nullable=False),
)

journal = Table(
    "journal", metadata,
    Column("id", Integer, primary_key=True),
    Column("handler", String(100), nullable=True, index=True),
    Column("at", IsoDateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("label", Text, nullable=False),
    Column("params", Text, nullable=False, default="{}"),
    Column("payload", Text, nullable=False),
    Column("case_id", Integer, ForeignKey("case_.id"), nullable=True, index=True),
    Column("undone_at", IsoDateTime, nullable=True),
    Column("undone_by", String(100), nullable=True),
    Column("undo_state", Text, nullable=True),
    Column("redo_order", Integer, nullable=True),
)

journal_touch = Table(
    "journal_touch", metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("journal.id"), nullable=False, index=True),
    Column("row", String(80), nullable=False, index=True),
    Column("cols", Text, nullable=False),
)

# the case list's response times of a case, measured once (``desktop.store.response_cache``): valid for as long as
# ``key`` (a digest of the case's message times, its answered mark and the policy) is what they digest now; a row
# is never invalidated, only found not to match. No foreign key: a row of a case that is gone is simply not read.
case_response = Table(
    "case_response", metadata,
    Column("case_id", Integer, primary_key=True, autoincrement=False),
    Column("key", String(32), nullable=False),
    Column("measured", Text, nullable=False),
)

# the duplicate engine's verdict of a keeper's original against a copy's (``DuplicateStore.kept_proofs``): valid for as long
# as ``key`` (a digest of the engine's code and of what the proof reads of the two pictures) is what they digest
# now; a row is never invalidated, only found not to match. Deleted with the original (an erasure).
dup_proof = Table(
    "dup_proof", metadata,
    Column("sha_a", String(64), primary_key=True),  # the keeper's original
    Column("sha_b", String(64), primary_key=True),  # the copy's
    Column("key", String(32), nullable=False),
    Column("verdict", Text, nullable=False),
    Index("ix_dup_proof_sha_b", "sha_b"),
)

setting = Table(
    "setting", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


def insert_for(dialect: str, table: Table):  # noqa: ANN201 - the dialect's Insert, with on_conflict_do_update
    """An INSERT into ``table`` that can say what to do on a conflict: PostgreSQL's, else SQLite's (both have
    ``on_conflict_do_update`` and ``excluded``)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def fit(column: object, value: str | None) -> str | None:
    """``value`` cut to the length of ``column`` (a ``String(n)`` column, or an ORM attribute mapped onto one)."""
    length = getattr(column.type, "length", None)  # type: ignore[attr-defined]
    return value[:length] if value is not None and length is not None else value
