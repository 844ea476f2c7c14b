"""The typed ORM, mapped onto the Core tables of ``desktop.store.tables`` (the one definition of the columns,
their lengths and indexes). ORM objects never leave ``desktop.store``: the stores hand out core dataclasses and
values.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from desktop.store import tables
from desktop.store.tables import fit

__all__ = ["Alert", "AuditEvent", "Base", "Blob", "Case", "CaseCounter", "Customer", "DupDecision", "Erasure",
           "JournalEntry", "JournalTouch", "MediaItem", "Message", "Note", "Opinion", "Setting", "Source", "fit"]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Customer(Base):
    __table__ = tables.customer
    id: Mapped[int]
    name: Mapped[str | None]
    phone: Mapped[str | None]  # E.164
    email: Mapped[str | None]  # lower case
    created_at: Mapped[datetime]
    # merged into another customer: this row stays (its phone and e-mail still find the customer) and is hidden
    merged_into_id: Mapped[int | None]
    cases: Mapped[list[Case]] = relationship(back_populates="customer")


class Case(Base):
    __table__ = tables.case_
    id: Mapped[int]
    ref: Mapped[str]
    title: Mapped[str]
    kind: Mapped[str]
    status: Mapped[str]
    customer_id: Mapped[int | None]
    policy_ref: Mapped[str | None]
    incident_date: Mapped[date | None]
    handler: Mapped[str | None]
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]  # handler marked "answered"
    hold_reason: Mapped[str | None]  # a legal hold: never purged while set
    held_at: Mapped[datetime | None]
    held_by: Mapped[str | None]
    erased_at: Mapped[datetime | None]  # emptied by an erasure: a tombstone
    version: Mapped[int]  # +1 on every change of a field
    updated_at: Mapped[datetime | None]  # the last change of a field, and by whom
    updated_by: Mapped[str | None]
    customer: Mapped[Customer | None] = relationship(back_populates="cases")


class CaseCounter(Base):
    """The last case number handed out per numbering scope ("C-2026-{n}"): a counter, so two desks creating
    cases at once never get the same number."""

    __table__ = tables.case_counter
    scope: Mapped[str]
    last: Mapped[int]


class Opinion(Base):
    """A handler asks a colleague for a second opinion on a case; the colleague answers."""

    __table__ = tables.opinion
    id: Mapped[int]
    case_id: Mapped[int]
    asked_by: Mapped[str | None]
    asked_to: Mapped[str]
    question: Mapped[str]
    asked_at: Mapped[datetime]
    answer: Mapped[str | None]
    answered_by: Mapped[str | None]
    answered_at: Mapped[datetime | None]


class Source(Base):
    """One import of one input (a folder, a ZIP, a chat export, an e-mail, loose files)."""

    __table__ = tables.source
    id: Mapped[int]
    kind: Mapped[str]  # a SourceKind
    path: Mapped[str]  # as given, posix form
    chat_key: Mapped[str | None]
    imported_at: Mapped[datetime]
    # a chat's participants (``parties_to_json``) and the customer chosen, to re-decide roles after a settings change
    meta: Mapped[dict | None]


class Message(Base):
    __table__ = tables.message
    id: Mapped[int]
    case_id: Mapped[int]
    source_id: Mapped[int]
    customer_id: Mapped[int | None]
    sent_at: Mapped[datetime | None]
    sender: Mapped[str | None]
    from_customer: Mapped[bool]
    kind: Mapped[str]
    subject: Mapped[str | None]
    text: Mapped[str]
    match_key: Mapped[str]  # sender|time|text hash for re-exports
    external_id: Mapped[str | None]  # e-mail Message-ID
    address: Mapped[str | None]  # e-mail: the sender's address, lower case
    # the case list reads its response times from this index alone


class Blob(Base):
    """One original, by content. Probed facts live here; occurrences are MediaItems."""

    __table__ = tables.blob
    sha256: Mapped[str]
    size: Mapped[int]
    kind: Mapped[str]
    mime: Mapped[str]
    format: Mapped[str | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    duration_s: Mapped[float | None]
    codec: Mapped[str | None]
    orientation: Mapped[int | None]
    has_exif: Mapped[bool]
    exif_taken: Mapped[datetime | None]
    exif_digitized: Mapped[datetime | None]
    exif_modified: Mapped[datetime | None]
    make: Mapped[str | None]
    model: Mapped[str | None]
    software: Mapped[str | None]
    gps_lat: Mapped[float | None]
    gps_lon: Mapped[float | None]
    video_created_at: Mapped[datetime | None]
    phash: Mapped[str | None]  # 64-bit hex
    fingerprint: Mapped[bytes | None]
    warnings: Mapped[list]
    stored_at: Mapped[datetime]


class MediaItem(Base):
    """One occurrence of a file in a case: who sent it, when, under which name."""

    __table__ = tables.media_item
    id: Mapped[int]
    case_id: Mapped[int]
    blob_sha256: Mapped[str | None]  # None: missing
    source_id: Mapped[int]
    message_id: Mapped[int | None]
    customer_id: Mapped[int | None]
    name: Mapped[str]  # original file name
    received_at: Mapped[datetime | None]
    sender: Mapped[str | None]
    file_mtime: Mapped[datetime | None]
    taken_at: Mapped[datetime | None]
    taken_at_source: Mapped[str | None]
    taken_date_only: Mapped[bool]
    included: Mapped[bool]
    caption: Mapped[str | None]
    duplicate_of_id: Mapped[int | None]
    duplicate_kind: Mapped[str | None]
    set_aside: Mapped[bool]
    duplicate_transform: Mapped[dict | None]
    duplicate_region: Mapped[str | None]
    dup_keeper: Mapped[bool]
    dup_restored: Mapped[bool]
    added_at: Mapped[datetime]
    rotation: Mapped[int]  # degrees clockwise, for viewing
    role: Mapped[str]
    # flags of this occurrence, in words: why it is not case media, "name says PDF, content is ZIP", unreadable
    flags: Mapped[list]
    blob: Mapped[Blob | None] = relationship()


class Note(Base):
    __table__ = tables.note
    id: Mapped[int]
    case_id: Mapped[int]
    media_item_id: Mapped[int | None]
    author: Mapped[str | None]
    text: Mapped[str]
    created_at: Mapped[datetime]


class DupDecision(Base):
    """A handler's ruling on a pair: "not-duplicate", or a chosen keeper."""

    __table__ = tables.dup_decision
    id: Mapped[int]
    sha_a: Mapped[str]
    sha_b: Mapped[str]
    decision: Mapped[str]
    created_at: Mapped[datetime]


class Alert(Base):
    """The same picture in another customer's case (possible fraud)."""

    __table__ = tables.alert
    id: Mapped[int]
    case_id: Mapped[int]
    other_case_id: Mapped[int]
    media_item_id: Mapped[int]
    other_media_item_id: Mapped[int]
    kind: Mapped[str]
    created_at: Mapped[datetime]
    dismissed: Mapped[bool]


class AuditEvent(Base):
    """One event of the append-only, hash-chained audit log (``desktop.core.audit_chain``).

    ``customer_id`` has no foreign key: the events about an erased customer outlive the customer's row.
    """

    __table__ = tables.audit_event
    id: Mapped[int]
    at: Mapped[datetime]
    actor: Mapped[str | None]
    action: Mapped[str]
    case_id: Mapped[int | None]
    detail: Mapped[str]
    seq: Mapped[int]  # 1, 2, 3, ... in chain order
    customer_id: Mapped[int | None]
    prev_hash: Mapped[str]
    hash: Mapped[str]
    detail_hash: Mapped[str]
    detail_salt: Mapped[str | None]  # None once the details were scrubbed
    scrubbed: Mapped[bool]


class Erasure(Base):
    """A tombstone: a customer (or one case of theirs, by a retention purge) was erased, when, why, by whom;
    ``receipt`` is the JSON receipt (counts and SHA-256 of the erased originals, no personal data)."""

    __table__ = tables.erasure
    id: Mapped[int]
    customer_id: Mapped[int | None]
    case_ref: Mapped[str | None]
    erased_at: Mapped[datetime]
    actor: Mapped[str | None]
    reason: Mapped[str]
    basis: Mapped[str | None]  # the legal basis named to override retention
    receipt: Mapped[str]


class JournalEntry(Base):
    """One undoable edit: what it was (``kind``, ``label``), and in ``payload`` what puts the previous state back."""

    __table__ = tables.journal
    id: Mapped[int]
    handler: Mapped[str | None]
    at: Mapped[datetime]
    kind: Mapped[str]
    label: Mapped[str]  # in English, as recorded; rendered per language from kind + params
    params: Mapped[str]  # JSON: the label's parameters
    payload: Mapped[str]
    case_id: Mapped[int | None]
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[str | None]
    undo_state: Mapped[str | None]  # JSON: rows an undo removed, for the redo
    redo_order: Mapped[int | None]  # on the handler's redo stack: higher is redone first


class JournalTouch(Base):
    """A row an entry changed (``cols``: comma-separated columns, ``*`` the whole row, ``@ref`` a reference)."""

    __table__ = tables.journal_touch
    id: Mapped[int]
    entry_id: Mapped[int]
    row: Mapped[str]  # "media_item:12"
    cols: Mapped[str]


class Setting(Base):
    """Library-wide settings shared by a team (business names, ...): one row per setting, its value as JSON."""

    __table__ = tables.setting
    key: Mapped[str]
    value: Mapped[str]

