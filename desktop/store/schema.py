"""The typed ORM. ORM objects never leave ``desktop.store``: the stores hand out core dataclasses and values.

Column lengths are declared here once; text from outside is cut to them with ``fit`` (PostgreSQL refuses longer
values; SQLite would keep them).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column, relationship

from desktop.core.model import CaseKind, CaseStatus, MediaRole, MessageKind
from desktop.store.types import IsoDate, IsoDateTime, JsonDict, JsonList


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), unique=True)  # E.164
    email: Mapped[str | None] = mapped_column(String(320), unique=True)  # lower case
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    # merged into another customer: this row stays (its phone and e-mail still find the customer) and is hidden
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    cases: Mapped[list[Case]] = relationship(back_populates="customer")


class Case(Base):
    __tablename__ = "case_"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default=CaseKind.CLAIM.value)
    status: Mapped[str] = mapped_column(String(30), default=CaseStatus.NEW.value)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    policy_ref: Mapped[str | None] = mapped_column(String(100))
    incident_date: Mapped[date | None] = mapped_column(IsoDate)
    handler: Mapped[str | None] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(IsoDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(IsoDateTime)  # handler marked "answered"
    hold_reason: Mapped[str | None] = mapped_column(Text)  # a legal hold: never purged while set
    held_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    held_by: Mapped[str | None] = mapped_column(String(100))
    erased_at: Mapped[datetime | None] = mapped_column(IsoDateTime)  # emptied by an erasure: a tombstone
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # +1 on every change of a field
    updated_at: Mapped[datetime | None] = mapped_column(IsoDateTime)  # the last change of a field, and by whom
    updated_by: Mapped[str | None] = mapped_column(String(100))
    customer: Mapped[Customer | None] = relationship(back_populates="cases")
    __table_args__ = (Index("ix_case_handler", "handler"),)


class CaseCounter(Base):
    """The last case number handed out per numbering scope ("C-2026-{n}"): a counter, so two desks creating
    cases at once never get the same number."""

    __tablename__ = "case_counter"
    scope: Mapped[str] = mapped_column(String(60), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Opinion(Base):
    """A handler asks a colleague for a second opinion on a case; the colleague answers."""

    __tablename__ = "opinion"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"), index=True)
    asked_by: Mapped[str | None] = mapped_column(String(100))
    asked_to: Mapped[str] = mapped_column(String(100), index=True)
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(IsoDateTime)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(100))
    answered_at: Mapped[datetime | None] = mapped_column(IsoDateTime)


class Source(Base):
    """One import of one input (a folder, a ZIP, a chat export, an e-mail, loose files)."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # a SourceKind
    path: Mapped[str] = mapped_column(Text)  # as given, posix form
    chat_key: Mapped[str | None] = mapped_column(String(300), index=True)
    imported_at: Mapped[datetime] = mapped_column(IsoDateTime)
    # a chat's participants (``parties_to_json``) and the customer chosen, to re-decide roles after a settings change
    meta: Mapped[dict | None] = mapped_column(JsonDict)


class Message(Base):
    __tablename__ = "message"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    sender: Mapped[str | None] = mapped_column(String(300))
    from_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[str] = mapped_column(String(20), default=MessageKind.TEXT.value)
    subject: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    match_key: Mapped[str] = mapped_column(String(64), index=True)  # sender|time|text hash for re-exports
    external_id: Mapped[str | None] = mapped_column(String(500), index=True)  # e-mail Message-ID
    address: Mapped[str | None] = mapped_column(String(320))  # e-mail: the sender's address, lower case
    # the case list reads its response times from this index alone
    __table_args__ = (Index("ix_message_case_times", "case_id", "kind", "sent_at", "from_customer"),)


class Blob(Base):
    """One original, by content. Probed facts live here; occurrences are MediaItems."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10))
    mime: Mapped[str] = mapped_column(String(100))
    format: Mapped[str | None] = mapped_column(String(20))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    codec: Mapped[str | None] = mapped_column(String(40))
    orientation: Mapped[int | None] = mapped_column(Integer)
    has_exif: Mapped[bool] = mapped_column(Boolean, default=False)
    exif_taken: Mapped[datetime | None] = mapped_column(IsoDateTime)
    exif_digitized: Mapped[datetime | None] = mapped_column(IsoDateTime)
    exif_modified: Mapped[datetime | None] = mapped_column(IsoDateTime)
    make: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    software: Mapped[str | None] = mapped_column(String(200))
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    video_created_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    phash: Mapped[str | None] = mapped_column(String(16), index=True)  # 64-bit hex
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)
    warnings: Mapped[list] = mapped_column(JsonList, default=list)
    stored_at: Mapped[datetime] = mapped_column(IsoDateTime, index=True)  # what the hash cache reads since
    __table_args__ = (Index("ix_blob_kind_phash", "kind", "phash"),)  # the library's hashes without its rows


class MediaItem(Base):
    """One occurrence of a file in a case: who sent it, when, under which name."""

    __tablename__ = "media_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"), index=True)
    blob_sha256: Mapped[str | None] = mapped_column(ForeignKey("blob.sha256"), index=True)  # None: missing
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(Text)  # original file name
    received_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    sender: Mapped[str | None] = mapped_column(String(300))
    file_mtime: Mapped[datetime | None] = mapped_column(IsoDateTime)
    taken_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    taken_at_source: Mapped[str | None] = mapped_column(String(20))
    taken_date_only: Mapped[bool] = mapped_column(Boolean, default=False)
    included: Mapped[bool] = mapped_column(Boolean, default=True)
    caption: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("media_item.id"))
    duplicate_kind: Mapped[str | None] = mapped_column(String(10))
    set_aside: Mapped[bool] = mapped_column(Boolean, default=False)
    # what the duplicate engine measured against the keeper (crop, scale, rotation, tones, screenshot), and for an
    # edited copy the changed region "left,top,width,height" in percent of the keeper
    duplicate_transform: Mapped[dict | None] = mapped_column(JsonDict, nullable=True)
    duplicate_region: Mapped[str | None] = mapped_column(String(60), nullable=True)
    # the handler's rulings on this item: chosen as its group's keeper; restored (never set aside again)
    dup_keeper: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    dup_restored: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    added_at: Mapped[datetime] = mapped_column(IsoDateTime)
    rotation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # degrees clockwise, for viewing
    role: Mapped[str] = mapped_column(String(12), default=MediaRole.MEDIA.value, server_default=MediaRole.MEDIA.value)
    # flags of this occurrence, in words: why it is not case media, "name says PDF, content is ZIP", unreadable
    flags: Mapped[list] = mapped_column(JsonList, default=list, server_default="[]")
    blob: Mapped[Blob | None] = relationship()
    __table_args__ = (Index("ix_media_case_taken", "case_id", "taken_at"),
                      Index("ix_media_case_counts", "case_id", "role", "blob_sha256", "set_aside"))  # the case list


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"), index=True)
    media_item_id: Mapped[int | None] = mapped_column(ForeignKey("media_item.id"))
    author: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class DupDecision(Base):
    """A handler's ruling on a pair: "not-duplicate", or a chosen keeper."""

    __tablename__ = "dup_decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha_a: Mapped[str] = mapped_column(String(64))
    sha_b: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    __table_args__ = (UniqueConstraint("sha_a", "sha_b", "decision"),)


class Alert(Base):
    """The same picture in another customer's case (possible fraud)."""

    __tablename__ = "alert"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"), index=True)
    other_case_id: Mapped[int] = mapped_column(ForeignKey("case_.id"))
    media_item_id: Mapped[int] = mapped_column(ForeignKey("media_item.id"))
    other_media_item_id: Mapped[int] = mapped_column(ForeignKey("media_item.id"))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("media_item_id", "other_media_item_id"),)


class AuditEvent(Base):
    """One event of the append-only, hash-chained audit log (``desktop.core.audit_chain``).

    ``customer_id`` has no foreign key: the events about an erased customer outlive the customer's row.
    """

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(IsoDateTime)
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_.id"), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, index=True, unique=True)  # 1, 2, 3, ... in chain order
    customer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    detail_hash: Mapped[str] = mapped_column(String(64))
    detail_salt: Mapped[str | None] = mapped_column(String(32))  # None once the details were scrubbed
    scrubbed: Mapped[bool] = mapped_column(Boolean, default=False)


class Erasure(Base):
    """A tombstone: a customer (or one case of theirs, by a retention purge) was erased, when, why, by whom;
    ``receipt`` is the JSON receipt (counts and SHA-256 of the erased originals, no personal data)."""

    __tablename__ = "erasure"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    case_ref: Mapped[str | None] = mapped_column(String(20))
    erased_at: Mapped[datetime] = mapped_column(IsoDateTime)
    actor: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)  # the legal basis named to override retention
    receipt: Mapped[str] = mapped_column(Text)


class JournalEntry(Base):
    """One undoable edit: what it was (``kind``, ``label``), and in ``payload`` what puts the previous state back."""

    __tablename__ = "journal"
    id: Mapped[int] = mapped_column(primary_key=True)
    handler: Mapped[str | None] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(IsoDateTime)
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(Text)  # in English, as recorded; rendered per language from kind + params
    params: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the label's parameters
    payload: Mapped[str] = mapped_column(Text)  # JSON: the changes (desktop.services.journal)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_.id"), index=True)
    undone_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(100))
    undo_state: Mapped[str | None] = mapped_column(Text)  # JSON: rows an undo removed, for the redo
    redo_order: Mapped[int | None] = mapped_column(Integer)  # on the handler's redo stack: higher is redone first


class JournalTouch(Base):
    """A row an entry changed (``cols``: comma-separated columns, ``*`` the whole row, ``@ref`` a reference)."""

    __tablename__ = "journal_touch"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal.id"), index=True)
    row: Mapped[str] = mapped_column(String(80), index=True)  # "media_item:12"
    cols: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """Library-wide settings shared by a team (business names, ...): one row per setting, its value as JSON."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def fit(column: InstrumentedAttribute, value: str | None) -> str | None:
    """``value`` cut to the length of ``column`` (a ``String(n)`` column)."""
    length = column.type.length
    return value[:length] if value is not None and length is not None else value
